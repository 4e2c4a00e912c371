// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEscrow} from "../interfaces/IEscrow.sol";
import {Payouts} from "../libraries/Payouts.sol";

/// @notice Exposes the escrow's split so that off-chain copies of it (the SDK's `computePayout`) can be compared with
/// the real thing on the chain. Test only; never deployed.
contract PayoutsHarness {
    function split(uint256 amount, uint256 buyerShareBps, uint256 arbiterFeeBps, uint256 protocolFeeBps)
        external
        pure
        returns (IEscrow.Payout memory)
    {
        return Payouts.split(amount, buyerShareBps, arbiterFeeBps, protocolFeeBps);
    }
}
