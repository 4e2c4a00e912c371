// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEscrow} from "../interfaces/IEscrow.sol";

/// @title Division of an escrowed amount
/// @notice The arbiter's fee comes off the top; the buyer gets its share of the rest; the protocol fee is taken from
/// what the seller receives (a sales fee, never charged on refunds). Each share rounds down and the seller's part is
/// derived by subtraction, so the four parts add up to the amount exactly, down to 1 wei.
library Payouts {
    /// @notice Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /// @param amount The escrowed amount, below 2^96.
    /// @param buyerShareBps Buyer's share of what remains after the arbiter's fee, at most BPS.
    /// @param arbiterFeeBps Arbiter's fee, at most BPS (the registry caps it far lower).
    /// @param protocolFeeBps Protocol fee on the seller's gross share, at most BPS (the escrow caps it far lower).
    function split(uint256 amount, uint256 buyerShareBps, uint256 arbiterFeeBps, uint256 protocolFeeBps)
        internal
        pure
        returns (IEscrow.Payout memory payout)
    {
        // amount < 2^96 and every bps <= 10^4, so no product overflows; each share is at most the amount it is taken
        // from (bps <= BPS), so no subtraction underflows.
        unchecked {
            payout.arbiter = amount * arbiterFeeBps / BPS;
            uint256 remaining = amount - payout.arbiter;
            payout.buyer = remaining * buyerShareBps / BPS;
            uint256 sellerGross = remaining - payout.buyer;
            payout.protocol = sellerGross * protocolFeeBps / BPS;
            payout.seller = sellerGross - payout.protocol;
        }
    }
}
