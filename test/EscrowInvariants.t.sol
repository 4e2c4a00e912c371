// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Escrow} from "../contracts/Escrow.sol";
import {IEscrow} from "../contracts/interfaces/IEscrow.sol";
import {IListingRegistry} from "../contracts/interfaces/IListingRegistry.sol";
import {EscrowHandler} from "./solidity/EscrowHandler.sol";
import {InvariantBase} from "./solidity/TestBase.sol";

/// @notice Properties that hold after any sequence of purchases, fulfilments, refunds, confirmations, disputes,
/// settlements, rulings, timeouts, restocks and withdrawals, across several accounts, ETH and two ERC-20s.
contract EscrowInvariantsTest is InvariantBase {
    /// @dev Raised by `probeExits` once it has ended every open order and drained every credit, to undo all of it.
    error ExitsReached();

    Escrow private escrow;
    IListingRegistry private registry;
    EscrowHandler private handler;

    function setUp() public {
        handler = new EscrowHandler();
        escrow = handler.escrow();
        registry = escrow.registry();
        targetContract(address(handler));
    }

    /// @notice The run did what it claims: every action of the handler ran at least once (a run has 512 calls over
    /// 20 actions, none of which is ever a no-op, so a run that skips one is about e^-26 likely unless the action broke;
    /// `failOnRevert` fails the run on any unexpected revert).
    function afterInvariant() public view {
        for (uint256 i = 0; i < handler.actionCount(); ++i) {
            string memory action = handler.actionNames(i);
            assertGe(handler.callsOf(action), 1, string.concat("calls to ", action));
        }
    }

    /// @notice Per asset, the escrow holds at least everything it owes (open orders, credits, unclaimed fees), and
    /// exactly what came in minus what went out.
    function invariant_solvencyPerAsset() public view {
        for (uint256 i = 0; i < handler.assetCount(); ++i) {
            address asset = handler.assets(i);
            uint256 balance = handler.balanceOf(asset);
            assertGe(balance, handler.owed(asset), "balance covers everything owed");
            assertEq(balance, handler.ghostDeposited(asset) - handler.ghostWithdrawn(asset), "no value created or lost");
        }
    }

    /// @notice Every ended order paid out exactly its amount (buyer + seller + arbiter + protocol); open orders
    /// paid nothing yet.
    function invariant_conservationPerOrder() public view {
        for (uint256 i = 0; i < handler.orderCount(); ++i) {
            uint256 orderId = handler.orderIds(i);
            IEscrow.OrderView memory order = escrow.getOrder(orderId);
            bool ended = uint8(order.state) >= uint8(IEscrow.OrderState.Completed);
            assertEq(handler.ghostPaidOut(orderId), ended ? order.amount : 0, "order paid out its amount once");
        }
    }

    /// @notice No order ends twice, and no transition is ever accepted on an ended order.
    function invariant_singleSettlementPerOrder() public view {
        for (uint256 i = 0; i < handler.orderCount(); ++i) {
            assertLe(handler.ghostEndings(handler.orderIds(i)), 1, "ended at most once");
        }
        assertEq(handler.ghostTransitionsAfterEnd(), 0, "ended orders accept no transition");
    }

    /// @notice An ended order carries no standing settlement proposal.
    function invariant_endedOrdersCarryNoProposal() public view {
        for (uint256 i = 0; i < handler.orderCount(); ++i) {
            IEscrow.OrderView memory order = escrow.getOrder(handler.orderIds(i));
            if (uint8(order.state) < uint8(IEscrow.OrderState.Completed)) continue;
            assertTrue(order.proposer == address(0) && order.proposedBuyerShareBps == 0, "no proposal after the end");
        }
    }

    /// @notice While paused, no purchase and no listing got through; no arbiter ruled before the respondent was heard
    /// or its response window ended.
    function invariant_pauseAndResponseWindowHold() public view {
        assertEq(handler.ghostEntriesWhilePaused(), 0, "purchases and listings while paused");
        assertEq(handler.ghostPrematureRulings(), 0, "rulings before the respondent was heard");
    }

    /// @notice Each listing's stock is its seller's last setting minus what open and completed orders took plus
    /// what refunds returned; its order counter matches the purchases.
    function invariant_stockConservationPerListing() public view {
        for (uint256 i = 0; i < handler.listingCount(); ++i) {
            uint256 listingId = handler.listingIds(i);
            IListingRegistry.Listing memory listing = registry.getListing(listingId);
            assertEq(listing.stock, handler.ghostStock(listingId), "stock");
            assertEq(listing.orderCount, handler.ghostOrders(listingId), "orders");
        }
    }

    /// @notice No order stays open forever: whatever state each open order is in, time plus one party's own call ends
    /// it, and every credit and fee can then be withdrawn, leaving the escrow empty. All of it while governance has
    /// paused the market: a pause never blocks an exit.
    function invariant_everyOpenOrderCanEnd() public {
        try this.probeExits() {
            revert("probeExits must revert");
        } catch (bytes memory err) {
            assertTrue(bytes4(err) == ExitsReached.selector, "every order reached an end and the escrow was drained");
        }
    }

    /// @dev Pauses, ends every open order by the timed exit of its state, withdraws every credit and fee, checks that
    /// nothing is left, then reverts to undo everything.
    function probeExits() external {
        require(msg.sender == address(this), "probe only");
        vm.prank(address(handler)); // governance
        escrow.pause();
        // Every timed exit opens at its deadline and stays open: the latest deadline opens them all.
        uint256 latest = block.timestamp;
        for (uint256 i = 0; i < handler.orderCount(); ++i) {
            uint256 deadline = escrow.getOrder(handler.orderIds(i)).deadline;
            if (deadline > latest) latest = deadline;
        }
        vm.warp(latest);
        for (uint256 i = 0; i < handler.orderCount(); ++i) {
            uint256 orderId = handler.orderIds(i);
            IEscrow.OrderView memory order = escrow.getOrder(orderId);
            if (order.state == IEscrow.OrderState.Funded) {
                vm.prank(order.buyer);
                escrow.cancel(orderId);
            } else if (order.state == IEscrow.OrderState.Fulfilled) {
                vm.prank(order.seller);
                escrow.complete(orderId);
            } else if (order.state == IEscrow.OrderState.Disputed) {
                vm.prank(order.buyer);
                escrow.resolveAfterTimeout(orderId);
            }
        }
        address[] memory accounts = handler.allAccounts();
        for (uint256 a = 0; a < handler.assetCount(); ++a) {
            address asset = handler.assets(a);
            for (uint256 i = 0; i < accounts.length; ++i) {
                if (escrow.creditOf(accounts[i], asset) == 0) continue;
                vm.prank(accounts[i]);
                escrow.withdraw(asset);
            }
            if (escrow.protocolFeesOf(asset) != 0) escrow.claimProtocolFees(asset);
            assertEq(handler.balanceOf(asset), 0, "after every exit and withdrawal the escrow holds nothing");
        }
        revert ExitsReached();
    }
}
