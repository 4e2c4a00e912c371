// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEscrow} from "../contracts/interfaces/IEscrow.sol";
import {Payouts} from "../contracts/libraries/Payouts.sol";
import {TestBase} from "./solidity/TestBase.sol";

/// @notice Fee and split arithmetic: every division of an escrowed amount adds up to that amount exactly.
contract PayoutsTest is TestBase {
    uint256 private constant BPS = 10_000;

    function testFuzz_split_conservesTheAmount(
        uint96 amount,
        uint256 buyerShareBps,
        uint256 arbiterFeeBps,
        uint256 protocolFeeBps
    ) public pure {
        buyerShareBps = bound(buyerShareBps, 0, BPS);
        arbiterFeeBps = bound(arbiterFeeBps, 0, BPS);
        protocolFeeBps = bound(protocolFeeBps, 0, BPS);
        IEscrow.Payout memory p = Payouts.split(amount, buyerShareBps, arbiterFeeBps, protocolFeeBps);
        assertEq(p.buyer + p.seller + p.arbiter + p.protocol, amount, "shares add up to the amount");
    }

    function testFuzz_split_sharesFollowTheirRates(
        uint96 amount,
        uint256 buyerShareBps,
        uint256 arbiterFeeBps,
        uint256 protocolFeeBps
    ) public pure {
        buyerShareBps = bound(buyerShareBps, 0, BPS);
        arbiterFeeBps = bound(arbiterFeeBps, 0, 1_000);
        protocolFeeBps = bound(protocolFeeBps, 0, 500);
        IEscrow.Payout memory p = Payouts.split(amount, buyerShareBps, arbiterFeeBps, protocolFeeBps);
        uint256 remaining = uint256(amount) - p.arbiter;
        assertEq(p.arbiter, uint256(amount) * arbiterFeeBps / BPS, "arbiter fee rounds down");
        assertEq(p.buyer, remaining * buyerShareBps / BPS, "buyer share rounds down");
        assertEq(p.protocol, (remaining - p.buyer) * protocolFeeBps / BPS, "protocol fee on the seller's share");
        assertLe(p.protocol, (uint256(amount) * 500) / BPS, "protocol fee never above 5% of the amount");
    }

    function testFuzz_split_noFeesMeansBuyerAndSellerShareEverything(uint96 amount, uint256 buyerShareBps)
        public
        pure
    {
        buyerShareBps = bound(buyerShareBps, 0, BPS);
        IEscrow.Payout memory p = Payouts.split(amount, buyerShareBps, 0, 0);
        assertEq(p.arbiter + p.protocol, 0, "no fees");
        assertEq(p.buyer + p.seller, amount, "buyer and seller share everything");
    }

    function test_split_oneWei() public pure {
        // 1 wei cannot be divided: every rounded-down share is zero and the seller's derived share takes it,
        // except when the buyer gets everything.
        IEscrow.Payout memory p = Payouts.split(1, 5_000, 1_000, 500);
        assertEq(p.seller, 1, "seller gets the indivisible wei");
        assertEq(p.buyer + p.arbiter + p.protocol, 0, "nothing else");
        p = Payouts.split(1, BPS, 1_000, 500);
        assertEq(p.buyer, 1, "a full refund share takes it");
    }

    function test_split_extremes() public pure {
        uint256 max = type(uint96).max;
        IEscrow.Payout memory p = Payouts.split(max, BPS, BPS, BPS);
        assertEq(p.arbiter, max, "a 100% arbiter fee takes everything");
        p = Payouts.split(max, 0, 0, BPS);
        assertEq(p.protocol, max, "a 100% protocol fee takes the seller's share");
        p = Payouts.split(0, 5_000, 1_000, 500);
        assertEq(p.buyer + p.seller + p.arbiter + p.protocol, 0, "zero stays zero");
    }
}
