// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DemoToken} from "../../contracts/demo/DemoToken.sol";
import {Escrow} from "../../contracts/Escrow.sol";
import {IEscrow} from "../../contracts/interfaces/IEscrow.sol";
import {IListingRegistry} from "../../contracts/interfaces/IListingRegistry.sol";
import {TestBase} from "./TestBase.sol";

/// @notice Drives random sequences of marketplace actions for the invariant tests, with several sellers, buyers, one
/// arbiter, ETH and two ERC-20s, and keeps ghost totals of what went in and out. Every action picks valid inputs
/// from its fuzzed seeds, so that runs are spent on real transitions rather than reverts.
contract EscrowHandler is TestBase {
    Escrow public immutable escrow;
    IListingRegistry public immutable registry;

    address[] public sellers;
    address[] public buyers;
    address public immutable arbiter = vm.addr(0xA4B);
    address public immutable keeper = vm.addr(0x4EE9);
    address[] public assets; // address(0) is ETH

    uint256 private constant ANY = 0;
    uint256 private constant BEFORE = 1;
    uint256 private constant AFTER = 2;

    uint256[] public orderIds;
    uint256[] public listingIds;

    // Ghost state.
    mapping(address asset => uint256) public ghostDeposited;
    mapping(address asset => uint256) public ghostWithdrawn;
    mapping(uint256 orderId => uint256) public ghostPaidOut;
    mapping(uint256 orderId => uint256) public ghostEndings;
    mapping(uint256 listingId => uint256) public ghostStock;
    mapping(uint256 listingId => uint256) public ghostOrders;
    uint256 public ghostTransitionsAfterEnd;
    mapping(bytes32 action => uint256) public calls;

    constructor(Escrow escrow_) {
        escrow = escrow_;
        registry = escrow_.registry();
        for (uint256 i = 1; i <= 2; ++i) sellers.push(vm.addr(0x5E11E0 + i));
        for (uint256 i = 1; i <= 3; ++i) buyers.push(vm.addr(0xB0B0 + i));
        assets.push(address(0));
        assets.push(address(new DemoToken("Demo Dollar", "DUSD", 6)));
        assets.push(address(new DemoToken("Demo Euro", "DEUR", 18)));
        // One listing per seller and asset to start with; `createListing` adds more.
        for (uint256 s = 0; s < sellers.length; ++s) {
            for (uint256 a = 0; a < assets.length; ++a) {
                _createListing(s, a, (s + 1) * (a + 1) * 7 + 1, 20, 500);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Actions
    // -------------------------------------------------------------------------------------------------------------

    function createListing(uint256 sellerSeed, uint256 assetSeed, uint256 price, uint256 stock, uint256 feeBps)
        external
    {
        if (listingIds.length >= 12) return;
        price = bound(price, 1, 1e21);
        stock = bound(stock, 1, 50);
        feeBps = bound(feeBps, 0, 1_000);
        _createListing(sellerSeed % sellers.length, assetSeed % assets.length, price, stock, feeBps);
        calls["createListing"]++;
    }

    function restock(uint256 listingSeed, uint256 stock) external {
        uint256 listingId = listingIds[listingSeed % listingIds.length];
        IListingRegistry.Listing memory listing = registry.getListing(listingId);
        stock = bound(stock, 0, 60);
        if (stock == listing.stock) return;
        vm.prank(listing.seller);
        registry.updateListing(listingId, listing.price, stock, bytes32(0));
        ghostStock[listingId] = stock;
        calls["restock"]++;
    }

    function buy(uint256 buyerSeed, uint256 listingSeed, uint256 quantity) external {
        uint256 listingId = listingIds[listingSeed % listingIds.length];
        IListingRegistry.Listing memory listing = registry.getListing(listingId);
        if (listing.stock == 0) return;
        quantity = bound(quantity, 1, listing.stock < 5 ? listing.stock : 5);
        address buyer = buyers[buyerSeed % buyers.length];
        uint256 amount = listing.price * quantity;

        uint256 orderId;
        if (listing.token == address(0)) {
            vm.deal(buyer, amount);
            vm.prank(buyer);
            orderId = escrow.buy{value: amount}(listingId, quantity, listing.version);
        } else {
            DemoToken(listing.token).faucet(buyer, amount);
            vm.prank(buyer);
            DemoToken(listing.token).approve(address(escrow), amount);
            vm.prank(buyer);
            orderId = escrow.buy(listingId, quantity, listing.version);
        }
        orderIds.push(orderId);
        ghostDeposited[listing.token] += amount;
        ghostStock[listingId] -= quantity;
        ghostOrders[listingId] += 1;
        calls["buy"]++;
    }

    function fulfill(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Funded, BEFORE);
        if (orderId == 0) return;
        vm.prank(order.seller);
        escrow.fulfill(orderId, keccak256(abi.encode(orderId)));
        calls["fulfill"]++;
    }

    function decline(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Funded, ANY);
        if (orderId == 0) return;
        _end(orderId, order, order.seller, abi.encodeCall(IEscrow.decline, (orderId)));
        ghostStock[order.listingId] = _saturatingAdd(ghostStock[order.listingId], order.quantity);
        calls["decline"]++;
    }

    function cancel(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Funded, AFTER);
        if (orderId == 0) return;
        _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.cancel, (orderId)));
        ghostStock[order.listingId] = _saturatingAdd(ghostStock[order.listingId], order.quantity);
        calls["cancel"]++;
    }

    function confirm(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _pick(orderSeed);
        if (order.state != IEscrow.OrderState.Funded && order.state != IEscrow.OrderState.Fulfilled) return;
        _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.confirm, (orderId)));
        calls["confirm"]++;
    }

    function complete(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Fulfilled, AFTER);
        if (orderId == 0) return;
        _end(orderId, order, keeper, abi.encodeCall(IEscrow.complete, (orderId)));
        calls["complete"]++;
    }

    function openDispute(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Fulfilled, BEFORE);
        if (orderId == 0) return;
        vm.prank(order.buyer);
        escrow.openDispute(orderId, keccak256("evidence"));
        calls["openDispute"]++;
    }

    function propose(uint256 orderSeed, uint256 share, bool byBuyer) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _pick(orderSeed);
        if (!_settleable(order)) return;
        vm.prank(byBuyer ? order.buyer : order.seller);
        escrow.proposeSettlement(orderId, bound(share, 0, 10_000));
        calls["propose"]++;
    }

    function accept(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _pick(orderSeed);
        if (!_settleable(order) || order.proposer == address(0)) return;
        address acceptor = order.proposer == order.buyer ? order.seller : order.buyer;
        _end(
            orderId, order, acceptor, abi.encodeCall(IEscrow.acceptSettlement, (orderId, order.proposedBuyerShareBps))
        );
        calls["accept"]++;
    }

    function rule(uint256 orderSeed, uint256 share) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Disputed, BEFORE);
        if (orderId == 0) return;
        _end(orderId, order, arbiter, abi.encodeCall(IEscrow.rule, (orderId, bound(share, 0, 10_000))));
        calls["rule"]++;
    }

    function resolveAfterTimeout(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Disputed, AFTER);
        if (orderId == 0) return;
        _end(orderId, order, keeper, abi.encodeCall(IEscrow.resolveAfterTimeout, (orderId)));
        calls["resolveAfterTimeout"]++;
    }

    /// @dev Tries every transition on an ended order as the account most likely to be allowed; none may succeed.
    function replayOnEndedOrder(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _pick(orderSeed);
        if (uint8(order.state) < uint8(IEscrow.OrderState.Completed)) return;
        _tryTransition(order.seller, abi.encodeCall(IEscrow.fulfill, (orderId, bytes32(0))));
        _tryTransition(order.seller, abi.encodeCall(IEscrow.decline, (orderId)));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.cancel, (orderId)));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.confirm, (orderId)));
        _tryTransition(keeper, abi.encodeCall(IEscrow.complete, (orderId)));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.openDispute, (orderId, keccak256("again"))));
        _tryTransition(order.seller, abi.encodeCall(IEscrow.acceptSettlement, (orderId, 0)));
        _tryTransition(arbiter, abi.encodeCall(IEscrow.rule, (orderId, 0)));
        _tryTransition(keeper, abi.encodeCall(IEscrow.resolveAfterTimeout, (orderId)));
        calls["replayOnEndedOrder"]++;
    }

    function withdraw(uint256 accountSeed, uint256 assetSeed) external {
        address[] memory accounts = allAccounts();
        address account = accounts[accountSeed % accounts.length];
        address asset = assets[assetSeed % assets.length];
        uint256 credit = escrow.creditOf(account, asset);
        if (credit == 0) return;
        vm.prank(account);
        escrow.withdraw(asset);
        ghostWithdrawn[asset] += credit;
        calls["withdraw"]++;
    }

    function claimProtocolFees(uint256 assetSeed) external {
        address asset = assets[assetSeed % assets.length];
        uint256 fees = escrow.protocolFeesOf(asset);
        if (fees == 0) return;
        escrow.claimProtocolFees(asset);
        ghostWithdrawn[asset] += fees;
        calls["claimProtocolFees"]++;
    }

    /// @dev Short steps, within the fulfilment and confirmation windows.
    function warp(uint256 secondsForward) external {
        vm.warp(block.timestamp + bound(secondsForward, 1, 3 days));
        calls["warp"]++;
    }

    /// @dev Long steps, past ruling windows.
    function warpFar(uint256 secondsForward) external {
        vm.warp(block.timestamp + bound(secondsForward, 3 days, 40 days));
        calls["warpFar"]++;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Views for the invariants
    // -------------------------------------------------------------------------------------------------------------

    function orderCount() external view returns (uint256) {
        return orderIds.length;
    }

    function listingCount() external view returns (uint256) {
        return listingIds.length;
    }

    function assetCount() external view returns (uint256) {
        return assets.length;
    }

    function allAccounts() public view returns (address[] memory accounts) {
        accounts = new address[](sellers.length + buyers.length + 1);
        uint256 n;
        for (uint256 i = 0; i < sellers.length; ++i) accounts[n++] = sellers[i];
        for (uint256 i = 0; i < buyers.length; ++i) accounts[n++] = buyers[i];
        accounts[n] = arbiter;
    }

    function balanceOf(address asset) public view returns (uint256) {
        return asset == address(0) ? address(escrow).balance : DemoToken(asset).balanceOf(address(escrow));
    }

    /// @notice Everything the escrow owes in `asset`: open orders, credits and unclaimed protocol fees.
    function owed(address asset) external view returns (uint256 total) {
        for (uint256 i = 0; i < orderIds.length; ++i) {
            IEscrow.OrderView memory order = escrow.getOrder(orderIds[i]);
            if (order.token == asset && uint8(order.state) < uint8(IEscrow.OrderState.Completed)) {
                total += order.amount;
            }
        }
        address[] memory accounts = allAccounts();
        for (uint256 i = 0; i < accounts.length; ++i) total += escrow.creditOf(accounts[i], asset);
        total += escrow.protocolFeesOf(asset);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internals
    // -------------------------------------------------------------------------------------------------------------

    function _createListing(uint256 sellerIndex, uint256 assetIndex, uint256 price, uint256 stock, uint256 feeBps)
        private
    {
        vm.prank(sellers[sellerIndex]);
        uint256 listingId = registry.createListing(
            IListingRegistry.ListingTerms({
                token: assets[assetIndex],
                price: price,
                stock: stock,
                arbiter: arbiter,
                arbiterFeeBps: feeBps,
                fulfillmentWindow: 2 days,
                confirmationWindow: 5 days,
                metadataDigest: keccak256(abi.encode(listingIds.length))
            })
        );
        listingIds.push(listingId);
        ghostStock[listingId] = stock;
    }

    /// @dev The first order from a seeded position on that is in `state` and on the wanted side of its deadline
    /// (ANY, BEFORE or AFTER it), or id 0 if there is none.
    function _find(uint256 seed, IEscrow.OrderState state, uint256 timing)
        private
        view
        returns (uint256 orderId, IEscrow.OrderView memory order)
    {
        uint256 n = orderIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 candidate = orderIds[(seed + i) % n];
            order = escrow.getOrder(candidate);
            if (order.state != state) continue;
            if (timing == BEFORE && block.timestamp >= order.deadline) continue;
            if (timing == AFTER && block.timestamp < order.deadline) continue;
            return (candidate, order);
        }
        return (0, order);
    }

    function _pick(uint256 seed) private view returns (uint256 orderId, IEscrow.OrderView memory order) {
        if (orderIds.length == 0) return (0, order);
        orderId = orderIds[seed % orderIds.length];
        order = escrow.getOrder(orderId);
    }

    function _settleable(IEscrow.OrderView memory order) private view returns (bool) {
        return (order.state == IEscrow.OrderState.Fulfilled || order.state == IEscrow.OrderState.Disputed)
            && block.timestamp < order.deadline;
    }

    /// @dev Performs an ending transition and records what it paid out: the increase of every credit and of the
    /// protocol fees in the order's asset, which must be the order's amount, once.
    function _end(uint256 orderId, IEscrow.OrderView memory order, address caller, bytes memory data) private {
        uint256 before = _creditedIn(order.token);
        vm.prank(caller);
        (bool ok, bytes memory err) = address(escrow).call(data);
        if (!ok) {
            assembly {
                revert(add(err, 32), mload(err))
            }
        }
        ghostPaidOut[orderId] += _creditedIn(order.token) - before;
        ghostEndings[orderId] += 1;
    }

    function _tryTransition(address caller, bytes memory data) private {
        vm.prank(caller);
        (bool ok,) = address(escrow).call(data);
        if (ok) ghostTransitionsAfterEnd += 1;
    }

    function _creditedIn(address asset) private view returns (uint256 total) {
        address[] memory accounts = allAccounts();
        for (uint256 i = 0; i < accounts.length; ++i) total += escrow.creditOf(accounts[i], asset);
        total += escrow.protocolFeesOf(asset);
    }

    function _saturatingAdd(uint256 a, uint256 b) private pure returns (uint256) {
        uint256 sum = a + b;
        return sum > type(uint32).max ? type(uint32).max : sum;
    }
}
