// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DemoToken} from "../../contracts/demo/DemoToken.sol";
import {Escrow} from "../../contracts/Escrow.sol";
import {IEscrow} from "../../contracts/interfaces/IEscrow.sol";
import {IListingRegistry} from "../../contracts/interfaces/IListingRegistry.sol";
import {TestBase} from "./TestBase.sol";

/// @notice Drives random sequences of marketplace actions for the invariant tests, with several sellers, buyers, one
/// arbiter, ETH and two ERC-20s, and keeps ghost totals of what went in and out.
/// @dev No action is ever a no-op: when no order fits an action, the action first brings one there through the real
/// transitions (a purchase, a fulfilment, a dispute, time passing), each counted under its own name. Every action
/// counts what it did in `calls`, the campaign runs with `failOnRevert`, and `afterInvariant` requires every action to
/// have run: an action that silently stopped working (a contract change that makes it revert, a handler that finds
/// nothing to do) fails the run instead of shrinking it.
/// The handler deploys the escrow and owns it, so that it can pause and unpause as governance and name a guardian.
contract EscrowHandler is TestBase {
    Escrow public immutable escrow;
    IListingRegistry public immutable registry;

    address[] public sellers;
    address[] public buyers;
    address public immutable arbiter = vm.addr(0xA4B);
    address public immutable keeper = vm.addr(0x4EE9);
    address public immutable guardian = vm.addr(0x6A4D);
    address public immutable feeRecipient = vm.addr(0x7EA);
    address[] public assets; // address(0) is ETH

    /// @dev Orders tracked at once: the invariants iterate over them after every call, so a bound keeps long runs
    /// fast. When a purchase needs room, an ended order is retired (its final properties checked first), or the oldest
    /// open order is ended by its timed exit.
    uint256 private constant MAX_TRACKED_ORDERS = 16;

    uint256 private constant ANY = 0;
    uint256 private constant BEFORE = 1;
    uint256 private constant AFTER = 2;

    /// @notice Names of every action, for the coverage check in `afterInvariant`.
    string[] public actionNames;

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
    uint256 public ghostEntriesWhilePaused;
    uint256 public ghostPrematureRulings;
    mapping(bytes32 action => uint256) public calls;

    constructor() {
        escrow = new Escrow(address(this), feeRecipient, 100, address(0));
        registry = escrow.registry();
        for (uint256 i = 1; i <= 2; ++i) sellers.push(vm.addr(0x5E11E0 + i));
        for (uint256 i = 1; i <= 3; ++i) buyers.push(vm.addr(0xB0B0 + i));
        assets.push(address(0));
        assets.push(address(new DemoToken("Demo Dollar", "DUSD", 6)));
        assets.push(address(new DemoToken("Demo Euro", "DEUR", 18)));
        // One listing per seller and asset to start with; `createListing` adds more.
        for (uint256 s = 0; s < sellers.length; ++s) {
            for (uint256 a = 0; a < assets.length; ++a) {
                _createListing(s, a, (s + 1) * (a + 1) * 700 + 100, 20, 500);
            }
        }
        actionNames.push("createListing");
        actionNames.push("restock");
        actionNames.push("buy");
        actionNames.push("fulfill");
        actionNames.push("decline");
        actionNames.push("cancel");
        actionNames.push("confirm");
        actionNames.push("complete");
        actionNames.push("openDispute");
        actionNames.push("submitEvidence");
        actionNames.push("propose");
        actionNames.push("accept");
        actionNames.push("rule");
        actionNames.push("ruleTooEarly");
        actionNames.push("resolveAfterTimeout");
        actionNames.push("replayOnEndedOrder");
        actionNames.push("withdraw");
        actionNames.push("claimProtocolFees");
        actionNames.push("pauseEpisode");
        actionNames.push("warp");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Actions
    // -------------------------------------------------------------------------------------------------------------

    function createListing(uint256 sellerSeed, uint256 assetSeed, uint256 price, uint256 stock, uint256 feeBps)
        external
    {
        uint256 assetIndex = assetSeed % assets.length;
        address asset = assets[assetIndex];
        // Prices of at least 100 base units make every completed order pay a non-zero 1% protocol fee; token prices
        // stay within what one faucet call can mint for the largest purchase (5 units).
        price = bound(price, 100, asset == address(0) ? 1e21 : DemoToken(asset).faucetLimit() / 5);
        stock = bound(stock, 1, 50);
        feeBps = bound(feeBps, 0, 1_000);
        _createListing(sellerSeed % sellers.length, assetIndex, price, stock, feeBps);
        _count("createListing");
    }

    /// @dev Sets a listing's stock to a target by the delta from what the seller sees now.
    function restock(uint256 listingSeed, uint256 target) external {
        uint256 listingId = listingIds[listingSeed % listingIds.length];
        _restock(listingId, bound(target, 0, 60));
    }

    function buy(uint256 buyerSeed, uint256 listingSeed, uint256 quantity) external {
        _buy(buyerSeed, listingSeed, quantity);
    }

    function fulfill(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Funded, BEFORE);
        if (orderId == 0) (orderId, order) = _buy(orderSeed, orderSeed, 1);
        _fulfill(orderId, order);
    }

    function decline(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Funded, BEFORE);
        if (orderId == 0) (orderId, order) = _buy(orderSeed, orderSeed, 1);
        _end(orderId, order, order.seller, abi.encodeCall(IEscrow.decline, (orderId)));
        ghostStock[order.listingId] = _saturatingAdd(ghostStock[order.listingId], order.quantity);
        _count("decline");
    }

    function cancel(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Funded, AFTER);
        if (orderId == 0) {
            (orderId, order) = _find(orderSeed, IEscrow.OrderState.Funded, ANY);
            if (orderId == 0) (orderId, order) = _buy(orderSeed, orderSeed, 1);
            if (block.timestamp < order.deadline) vm.warp(order.deadline);
        }
        _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.cancel, (orderId)));
        ghostStock[order.listingId] = _saturatingAdd(ghostStock[order.listingId], order.quantity);
        _count("cancel");
    }

    function confirm(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Fulfilled, ANY);
        if (orderId == 0) (orderId, order) = _find(orderSeed, IEscrow.OrderState.Funded, ANY);
        if (orderId == 0) (orderId, order) = _buy(orderSeed, orderSeed, 1);
        _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.confirm, (orderId)));
        _count("confirm");
    }

    function complete(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Fulfilled, AFTER);
        if (orderId == 0) {
            (orderId, order) = _fulfilledOrder(orderSeed);
            if (block.timestamp < order.deadline) vm.warp(order.deadline);
        }
        _end(orderId, order, keeper, abi.encodeCall(IEscrow.complete, (orderId)));
        _count("complete");
    }

    function openDispute(uint256 orderSeed) external {
        _openDispute(orderSeed);
    }

    /// @dev By the buyer, the seller (which hears the respondent) or the arbiter.
    function submitEvidence(uint256 orderSeed, uint256 authorSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _disputedOrder(orderSeed, BEFORE);
        address author = [order.buyer, order.seller, arbiter][authorSeed % 3];
        _submitEvidence(orderId, author);
    }

    function propose(uint256 orderSeed, uint256 share, bool byBuyer) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _settleableOrder(orderSeed);
        _propose(orderId, byBuyer ? order.buyer : order.seller, share);
    }

    function accept(uint256 orderSeed, uint256 share) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _settleableOrder(orderSeed);
        if (order.proposer == address(0)) {
            _propose(orderId, order.buyer, share);
            order = escrow.getOrder(orderId);
        }
        address acceptor = order.proposer == order.buyer ? order.seller : order.buyer;
        _end(
            orderId, order, acceptor, abi.encodeCall(IEscrow.acceptSettlement, (orderId, order.proposedBuyerShareBps))
        );
        _count("accept");
    }

    /// @dev Rules a dispute whose respondent has been heard, or whose response window has passed.
    function rule(uint256 orderSeed, uint256 share, bool waitForWindow) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _disputedOrder(orderSeed, BEFORE);
        if (!order.respondentHeard && block.timestamp < order.responseDeadline) {
            if (waitForWindow) vm.warp(order.responseDeadline);
            else _submitEvidence(orderId, order.seller);
        }
        _end(orderId, order, arbiter, abi.encodeCall(IEscrow.rule, (orderId, bound(share, 0, 10_000))));
        _count("rule");
    }

    /// @dev The arbiter tries to rule before the seller was heard and before the response window ended: refused.
    function ruleTooEarly(uint256 orderSeed, uint256 share) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _find(orderSeed, IEscrow.OrderState.Disputed, BEFORE);
        if (orderId == 0 || order.respondentHeard || block.timestamp >= order.responseDeadline) {
            orderId = _openDispute(orderSeed);
        }
        vm.prank(arbiter);
        (bool ok,) = address(escrow).call(abi.encodeCall(IEscrow.rule, (orderId, bound(share, 0, 10_000))));
        if (ok) ghostPrematureRulings += 1;
        _count("ruleTooEarly");
    }

    function resolveAfterTimeout(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _disputedOrder(orderSeed, ANY);
        if (block.timestamp < order.deadline) vm.warp(order.deadline);
        _end(orderId, order, keeper, abi.encodeCall(IEscrow.resolveAfterTimeout, (orderId)));
        _count("resolveAfterTimeout");
    }

    /// @dev Tries every transition on an ended order as the account most likely to be allowed; none may succeed.
    function replayOnEndedOrder(uint256 orderSeed) external {
        (uint256 orderId, IEscrow.OrderView memory order) = _pick(orderSeed);
        if (orderId == 0 || uint8(order.state) < uint8(IEscrow.OrderState.Completed)) {
            (orderId, order) = _buy(orderSeed, orderSeed, 1);
            _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.confirm, (orderId)));
            _count("confirm");
            order = escrow.getOrder(orderId);
        }
        _tryTransition(order.seller, abi.encodeCall(IEscrow.fulfill, (orderId, bytes32(0))));
        _tryTransition(order.seller, abi.encodeCall(IEscrow.decline, (orderId)));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.cancel, (orderId)));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.confirm, (orderId)));
        _tryTransition(keeper, abi.encodeCall(IEscrow.complete, (orderId)));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.openDispute, (orderId, keccak256("again"))));
        _tryTransition(order.buyer, abi.encodeCall(IEscrow.proposeSettlement, (orderId, 0)));
        _tryTransition(order.seller, abi.encodeCall(IEscrow.acceptSettlement, (orderId, 0)));
        _tryTransition(order.seller, abi.encodeCall(IEscrow.submitEvidence, (orderId, keccak256("late"))));
        _tryTransition(arbiter, abi.encodeCall(IEscrow.rule, (orderId, 0)));
        _tryTransition(keeper, abi.encodeCall(IEscrow.resolveAfterTimeout, (orderId)));
        _count("replayOnEndedOrder");
    }

    function withdraw(uint256 accountSeed, uint256 assetSeed) external {
        address[] memory accounts = allAccounts();
        for (uint256 i = 0; i < accounts.length * assets.length; ++i) {
            address account = accounts[(accountSeed % accounts.length + i) % accounts.length];
            address asset = assets[(assetSeed % assets.length + i / accounts.length) % assets.length];
            if (escrow.creditOf(account, asset) != 0) return _withdraw(account, asset);
        }
        // Nobody has a credit: a buyer's refund makes one.
        (uint256 orderId, IEscrow.OrderView memory order) = _buy(accountSeed, assetSeed, 1);
        _end(orderId, order, order.seller, abi.encodeCall(IEscrow.decline, (orderId)));
        ghostStock[order.listingId] = _saturatingAdd(ghostStock[order.listingId], order.quantity);
        _count("decline");
        _withdraw(order.buyer, order.token);
    }

    function claimProtocolFees(uint256 assetSeed) external {
        address asset;
        for (uint256 i = 0; i < assets.length; ++i) {
            asset = assets[(assetSeed % assets.length + i) % assets.length];
            if (escrow.protocolFeesOf(asset) != 0) break;
        }
        if (escrow.protocolFeesOf(asset) == 0) {
            // No fees yet: a completed sale (prices are at least 100 base units, so its 1% fee is not zero).
            (uint256 orderId, IEscrow.OrderView memory order) = _buy(assetSeed, assetSeed, 1);
            _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.confirm, (orderId)));
            _count("confirm");
            asset = order.token;
        }
        uint256 fees = escrow.protocolFeesOf(asset);
        escrow.claimProtocolFees(asset);
        ghostWithdrawn[asset] += fees;
        _count("claimProtocolFees");
    }

    /// @dev A pause by governance (lifted by governance) or by a freshly named guardian (lapsing by itself after
    /// 7 days). While it lasts, a purchase and a new listing are both refused; afterwards both work again.
    function pauseEpisode(bool byGuardian, uint256 buyerSeed, uint256 listingSeed) external {
        if (byGuardian) {
            escrow.setPauseGuardian(guardian);
            vm.prank(guardian);
            escrow.pause();
        } else {
            escrow.pause();
        }
        _tryEntriesWhilePaused(buyerSeed, listingSeed);
        if (byGuardian) vm.warp(escrow.pausedUntil());
        else escrow.unpause();
        assertTrue(!escrow.paused() && !registry.paused(), "the pause ended");
        _count("pauseEpisode");
    }

    /// @dev Short steps, within the fulfilment and confirmation windows, or long ones, past ruling windows.
    function warp(uint256 secondsForward, bool far) external {
        vm.warp(block.timestamp + (far ? bound(secondsForward, 3 days, 40 days) : bound(secondsForward, 1, 3 days)));
        _count("warp");
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

    function actionCount() external view returns (uint256) {
        return actionNames.length;
    }

    function callsOf(string memory action) external view returns (uint256) {
        return calls[keccak256(bytes(action))];
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
    // Internals: the steps actions are made of
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

    function _restock(uint256 listingId, uint256 target) private {
        IListingRegistry.Listing memory listing = registry.getListing(listingId);
        // A stock-only update must change something: move a target equal to the stock by one.
        if (target == listing.stock) target = target == 0 ? 1 : target - 1;
        vm.prank(listing.seller);
        registry.updateListing(listingId, listing.price, int256(target) - int256(listing.stock), bytes32(0));
        ghostStock[listingId] = target;
        _count("restock");
    }

    /// @dev Buys from the seeded listing, restocking it first when it is sold out.
    function _buy(uint256 buyerSeed, uint256 listingSeed, uint256 quantity)
        private
        returns (uint256 orderId, IEscrow.OrderView memory order)
    {
        if (orderIds.length >= MAX_TRACKED_ORDERS) _makeRoom();
        uint256 listingId = listingIds[listingSeed % listingIds.length];
        IListingRegistry.Listing memory listing = registry.getListing(listingId);
        if (listing.stock == 0) {
            _restock(listingId, 10);
            listing.stock = 10;
        }
        quantity = bound(quantity, 1, listing.stock < 5 ? listing.stock : 5);
        address buyer = buyers[buyerSeed % buyers.length];
        uint256 amount = listing.price * quantity;

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
        _count("buy");
        order = escrow.getOrder(orderId);
    }

    function _fulfill(uint256 orderId, IEscrow.OrderView memory order)
        private
        returns (IEscrow.OrderView memory fulfilled)
    {
        vm.prank(order.seller);
        escrow.fulfill(orderId, keccak256(abi.encode(orderId)));
        _count("fulfill");
        return escrow.getOrder(orderId);
    }

    /// @dev A Fulfilled order, made from a fresh purchase when there is none.
    function _fulfilledOrder(uint256 seed) private returns (uint256 orderId, IEscrow.OrderView memory order) {
        (orderId, order) = _find(seed, IEscrow.OrderState.Fulfilled, ANY);
        if (orderId != 0) return (orderId, order);
        (orderId, order) = _find(seed, IEscrow.OrderState.Funded, BEFORE);
        if (orderId == 0) (orderId, order) = _buy(seed, seed, 1);
        order = _fulfill(orderId, order);
    }

    function _openDispute(uint256 seed) private returns (uint256 orderId) {
        IEscrow.OrderView memory order;
        (orderId, order) = _find(seed, IEscrow.OrderState.Fulfilled, BEFORE);
        if (orderId == 0) {
            (orderId, order) = _find(seed, IEscrow.OrderState.Funded, BEFORE);
            if (orderId == 0) (orderId, order) = _buy(seed, seed, 1);
            _fulfill(orderId, order);
        }
        vm.prank(order.buyer);
        escrow.openDispute(orderId, keccak256("evidence"));
        _count("openDispute");
    }

    /// @dev A Disputed order on the wanted side of its ruling deadline, from a fresh dispute when there is none.
    function _disputedOrder(uint256 seed, uint256 timing)
        private
        returns (uint256 orderId, IEscrow.OrderView memory order)
    {
        (orderId, order) = _find(seed, IEscrow.OrderState.Disputed, timing);
        if (orderId == 0) {
            orderId = _openDispute(seed);
            order = escrow.getOrder(orderId);
        }
    }

    function _submitEvidence(uint256 orderId, address author) private {
        vm.prank(author);
        escrow.submitEvidence(orderId, keccak256(abi.encode(orderId, author)));
        _count("submitEvidence");
    }

    /// @dev A Fulfilled or Disputed order before its deadline, from a fresh fulfilment when there is none.
    function _settleableOrder(uint256 seed) private returns (uint256 orderId, IEscrow.OrderView memory order) {
        (orderId, order) = _find(seed, IEscrow.OrderState.Fulfilled, BEFORE);
        if (orderId == 0) (orderId, order) = _find(seed, IEscrow.OrderState.Disputed, BEFORE);
        if (orderId == 0) {
            (orderId, order) = _find(seed, IEscrow.OrderState.Funded, BEFORE);
            if (orderId == 0) (orderId, order) = _buy(seed, seed, 1);
            order = _fulfill(orderId, order);
        }
    }

    function _propose(uint256 orderId, address proposer, uint256 share) private {
        vm.prank(proposer);
        escrow.proposeSettlement(orderId, bound(share, 0, 10_000));
        _count("propose");
    }

    function _withdraw(address account, address asset) private {
        uint256 credit = escrow.creditOf(account, asset);
        vm.prank(account);
        escrow.withdraw(asset);
        ghostWithdrawn[asset] += credit;
        _count("withdraw");
    }

    /// @dev Stops tracking one order: an ended one if there is one, else the oldest, ended first by its timed exit.
    /// A retired order has paid out exactly its amount, once, and carries no proposal; nothing can change it later
    /// (`replayOnEndedOrder` tries).
    function _makeRoom() private {
        uint256 index = type(uint256).max;
        for (uint256 i = 0; i < orderIds.length; ++i) {
            if (uint8(escrow.getOrder(orderIds[i]).state) >= uint8(IEscrow.OrderState.Completed)) {
                index = i;
                break;
            }
        }
        if (index == type(uint256).max) {
            index = 0;
            _endByTimeout(orderIds[0]);
        }
        uint256 orderId = orderIds[index];
        IEscrow.OrderView memory order = escrow.getOrder(orderId);
        assertEq(ghostPaidOut[orderId], order.amount, "a retired order paid out its amount");
        assertEq(ghostEndings[orderId], 1, "a retired order ended once");
        assertTrue(order.proposer == address(0), "a retired order carries no proposal");
        orderIds[index] = orderIds[orderIds.length - 1];
        orderIds.pop();
    }

    /// @dev Ends an open order by the timed exit of its state, as the party (or keeper) that needs no one else.
    function _endByTimeout(uint256 orderId) private {
        IEscrow.OrderView memory order = escrow.getOrder(orderId);
        if (block.timestamp < order.deadline) vm.warp(order.deadline);
        if (order.state == IEscrow.OrderState.Funded) {
            _end(orderId, order, order.buyer, abi.encodeCall(IEscrow.cancel, (orderId)));
            ghostStock[order.listingId] = _saturatingAdd(ghostStock[order.listingId], order.quantity);
            _count("cancel");
        } else if (order.state == IEscrow.OrderState.Fulfilled) {
            _end(orderId, order, keeper, abi.encodeCall(IEscrow.complete, (orderId)));
            _count("complete");
        } else {
            _end(orderId, order, keeper, abi.encodeCall(IEscrow.resolveAfterTimeout, (orderId)));
            _count("resolveAfterTimeout");
        }
    }

    /// @dev While paused, a purchase and a new listing must both revert; any that goes through is recorded.
    function _tryEntriesWhilePaused(uint256 buyerSeed, uint256 listingSeed) private {
        uint256 listingId = listingIds[listingSeed % listingIds.length];
        IListingRegistry.Listing memory listing = registry.getListing(listingId);
        address buyer = buyers[buyerSeed % buyers.length];
        vm.deal(buyer, listing.price);
        vm.prank(buyer);
        (bool bought,) = address(escrow).call{value: listing.token == address(0) ? listing.price : 0}(
            abi.encodeCall(IEscrow.buy, (listingId, 1, listing.version))
        );
        vm.prank(listing.seller);
        (bool listed,) = address(registry).call(
            abi.encodeCall(
                IListingRegistry.createListing,
                (IListingRegistry.ListingTerms({
                        token: address(0),
                        price: 100,
                        stock: 1,
                        arbiter: arbiter,
                        arbiterFeeBps: 0,
                        fulfillmentWindow: 2 days,
                        confirmationWindow: 5 days,
                        metadataDigest: keccak256("while paused")
                    }))
            )
        );
        if (bought) ghostEntriesWhilePaused += 1;
        if (listed) ghostEntriesWhilePaused += 1;
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
            uint256 candidate = orderIds[(seed % n + i) % n];
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

    function _count(string memory action) private {
        calls[keccak256(bytes(action))] += 1;
    }

    function _saturatingAdd(uint256 a, uint256 b) private pure returns (uint256) {
        uint256 sum = a + b;
        return sum > type(uint32).max ? type(uint32).max : sum;
    }
}
