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
    /// @dev Raised by `probeExit` once it has ended an order and drained every credit, to undo all of it.
    error ExitReached(uint256 orderId, IEscrow.OrderState state);

    Escrow private escrow;
    IListingRegistry private registry;
    EscrowHandler private handler;

    function setUp() public {
        escrow = new Escrow(address(this), vm.addr(0x7EA), 100);
        registry = escrow.registry();
        handler = new EscrowHandler(escrow);
        targetContract(address(handler));
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

    /// @notice No order stays open forever: from any state, time plus one party's own call ends it, and every credit
    /// can then be withdrawn, leaving the escrow holding exactly the still-open orders.
    function invariant_everyOpenOrderCanEnd() public {
        uint256 now_ = block.timestamp;
        for (uint256 i = 0; i < handler.orderCount(); ++i) {
            uint256 orderId = handler.orderIds(i);
            IEscrow.OrderView memory order = escrow.getOrder(orderId);
            if (uint8(order.state) >= uint8(IEscrow.OrderState.Completed)) continue;
            try this.probeExit(orderId) {
                revert("probeExit must revert");
            } catch (bytes memory err) {
                assertTrue(bytes4(err) == ExitReached.selector, "the order reached an end and credits were withdrawn");
            }
            vm.warp(now_);
        }
    }

    /// @dev Ends `orderId` by the timed exit of its state, withdraws every credit and fee, checks what is left, then
    /// reverts to undo everything.
    function probeExit(uint256 orderId) external {
        require(msg.sender == address(this), "probe only");
        IEscrow.OrderView memory order = escrow.getOrder(orderId);
        if (block.timestamp < order.deadline) vm.warp(order.deadline);
        if (order.state == IEscrow.OrderState.Funded) {
            vm.prank(order.buyer);
            escrow.cancel(orderId);
        } else if (order.state == IEscrow.OrderState.Fulfilled) {
            vm.prank(order.seller);
            escrow.complete(orderId);
        } else {
            vm.prank(order.buyer);
            escrow.resolveAfterTimeout(orderId);
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
            assertEq(handler.balanceOf(asset), handler.owed(asset), "after draining, only open orders remain");
        }
        revert ExitReached(orderId, escrow.getOrder(orderId).state);
    }
}
