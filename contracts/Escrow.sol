// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IEscrow} from "./interfaces/IEscrow.sol";
import {IListingRegistry} from "./interfaces/IListingRegistry.sol";
import {ListingRegistry} from "./ListingRegistry.sol";
import {Payouts} from "./libraries/Payouts.sol";

/// @title Souk escrow
/// @notice See {IEscrow}. Creates its {ListingRegistry} at deployment, so the link between the two is fixed.
/// @dev Every external function that changes state is `nonReentrant` with one shared (transient) guard, follows
/// checks-effects-interactions, and never sends value outside `withdraw`, `withdrawTo` and `claimProtocolFees`.
contract Escrow is IEscrow, Ownable2Step, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IEscrow
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 500;
    /// @inheritdoc IEscrow
    uint256 public constant RULING_WINDOW = 30 days;
    /// @inheritdoc IEscrow
    uint256 public constant MAX_ORDER_QUANTITY = type(uint24).max;

    /// @dev An order in two slots. Slot 0 holds everything the seller-side transitions and every state change touch,
    /// so `fulfill` reads and writes one slot. The fixed listing terms an order needs later (the token of a token
    /// order, the arbiter, its fee, the confirmation window) are read from the registry, where they can never change;
    /// `paidInToken` spares ETH orders that lookup when they end.
    /// `timestamp` depends on the state: Funded, the fulfilment deadline; Fulfilled, the time of fulfilment (the
    /// confirmation deadline adds the listing's confirmation window); Disputed, the time the dispute opened (the
    /// ruling deadline adds RULING_WINDOW); ended states, the time the order ended.
    /// uint40 seconds last 34,000 years; uint96 amounts reach 7.9e28 base units and uint24 quantities 16,777,215
    /// units (both checked at purchase).
    struct Order {
        // slot 0: 20 + 1 + 1 + 5 + 2 + 3 = 32 bytes
        address seller;
        OrderState state;
        bool paidInToken;
        uint40 timestamp;
        uint16 protocolFeeBps;
        uint24 quantity;
        // slot 1: 20 + 12 = 32 bytes
        address buyer;
        uint96 amount;
    }

    /// @dev A standing settlement proposal; `proposer == address(0)` means none.
    struct Proposal {
        address proposer;
        uint16 buyerShareBps;
    }

    /// @dev The fixed listing terms an order is bound by, as read from the registry.
    struct OrderTerms {
        address token;
        address arbiter;
        uint256 arbiterFeeBps;
        uint256 confirmationWindow;
    }

    /// @dev Orders that ended Completed, per role; both counters grow by one per order.
    struct CompletedOrders {
        uint128 asSeller;
        uint128 asBuyer;
    }

    /// @inheritdoc IEscrow
    IListingRegistry public immutable registry;

    /// @dev Packed with Ownable2Step's `_pendingOwner` and Pausable's `_paused`: a purchase reads both with one SLOAD.
    uint16 private _protocolFeeBps;
    address private _feeRecipient;

    mapping(uint256 orderId => Order order) private _orders;
    mapping(uint256 orderId => Proposal proposal) private _proposals;
    mapping(address account => mapping(address token => uint256 amount)) private _credits;
    mapping(address token => uint256 amount) private _protocolFees;
    mapping(address account => CompletedOrders counts) private _completed;

    /// @param initialOwner Governance (a TimelockController on public networks); also owns the registry.
    /// @param initialFeeRecipient Receiver of protocol fees.
    /// @param initialProtocolFeeBps Protocol fee for new orders, at most MAX_PROTOCOL_FEE_BPS.
    constructor(address initialOwner, address initialFeeRecipient, uint256 initialProtocolFeeBps)
        Ownable(initialOwner)
    {
        _setFeeRecipient(initialFeeRecipient);
        _setProtocolFee(initialProtocolFeeBps);
        registry = new ListingRegistry(initialOwner);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Purchase
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function buy(uint256 listingId, uint256 quantity, uint256 expectedVersion)
        external
        payable
        nonReentrant
        whenNotPaused
        returns (uint256 orderId)
    {
        address token;
        uint256 amount;
        (orderId, token, amount) = _placeOrder(listingId, quantity, expectedVersion);
        if (token == address(0)) {
            if (msg.value != amount) revert EscrowWrongPayment(amount, msg.value);
        } else {
            if (msg.value != 0) revert EscrowWrongPayment(0, msg.value);
            _pullTokens(token, amount);
        }
    }

    /// @inheritdoc IEscrow
    function buyWithPermit(
        uint256 listingId,
        uint256 quantity,
        uint256 expectedVersion,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused returns (uint256 orderId) {
        address token;
        uint256 amount;
        (orderId, token, amount) = _placeOrder(listingId, quantity, expectedVersion);
        if (token == address(0)) revert EscrowWrongPayment(amount, 0);
        // A permit can be front-run (its signature is public once in the mempool); then it reverts here, and the
        // allowance it granted is used instead. If there is no allowance, the transfer below reverts.
        try IERC20Permit(token).permit(msg.sender, address(this), amount, permitDeadline, v, r, s) {} catch {}
        _pullTokens(token, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Seller
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function fulfill(uint256 orderId, bytes32 noteDigest) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Funded);
        if (msg.sender != order.seller) revert EscrowNotSeller(orderId, msg.sender);
        uint256 deadline = order.timestamp;
        if (block.timestamp >= deadline) revert EscrowDeadlinePassed(orderId, deadline);

        order.state = OrderState.Fulfilled;
        order.timestamp = uint40(block.timestamp);
        emit OrderFulfilled(orderId, noteDigest);
    }

    /// @inheritdoc IEscrow
    function decline(uint256 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Funded);
        if (msg.sender != order.seller) revert EscrowNotSeller(orderId, msg.sender);

        _refund(orderId, order, OrderState.Declined);
        emit OrderDeclined(orderId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Buyer
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function cancel(uint256 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Funded);
        if (msg.sender != order.buyer) revert EscrowNotBuyer(orderId, msg.sender);
        uint256 deadline = order.timestamp;
        if (block.timestamp < deadline) revert EscrowDeadlineNotReached(orderId, deadline);

        _refund(orderId, order, OrderState.Cancelled);
        emit OrderCancelled(orderId);
    }

    /// @inheritdoc IEscrow
    function confirm(uint256 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        OrderState state = order.state;
        if (state != OrderState.Funded && state != OrderState.Fulfilled) revert EscrowInvalidState(orderId, state);
        if (msg.sender != order.buyer) revert EscrowNotBuyer(orderId, msg.sender);

        address token; // ETH unless the order was paid in a token
        if (order.paidInToken) token = _terms(orderId).token;
        _complete(orderId, order, token, false);
    }

    /// @inheritdoc IEscrow
    function complete(uint256 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Fulfilled);
        (address token,,, uint256 confirmationWindow) = registry.orderTerms(_listingOf(orderId));
        uint256 deadline = order.timestamp + confirmationWindow;
        if (block.timestamp < deadline) revert EscrowDeadlineNotReached(orderId, deadline);

        _complete(orderId, order, token, true);
    }

    /// @inheritdoc IEscrow
    function openDispute(uint256 orderId, bytes32 evidenceDigest) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Fulfilled);
        if (msg.sender != order.buyer) revert EscrowNotBuyer(orderId, msg.sender);
        if (evidenceDigest == bytes32(0)) revert EscrowEmptyEvidence();
        OrderTerms memory terms = _terms(orderId);
        uint256 deadline = order.timestamp + terms.confirmationWindow;
        if (block.timestamp >= deadline) revert EscrowDeadlinePassed(orderId, deadline);

        order.state = OrderState.Disputed;
        order.timestamp = uint40(block.timestamp);
        emit DisputeOpened(orderId, terms.arbiter, block.timestamp + RULING_WINDOW);
        emit EvidenceSubmitted(orderId, msg.sender, evidenceDigest);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Disputes and settlements
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function submitEvidence(uint256 orderId, bytes32 evidenceDigest) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Disputed);
        if (evidenceDigest == bytes32(0)) revert EscrowEmptyEvidence();
        if (msg.sender != order.buyer && msg.sender != order.seller) {
            if (msg.sender != _terms(orderId).arbiter) revert EscrowNotParticipant(orderId, msg.sender);
        }
        emit EvidenceSubmitted(orderId, msg.sender, evidenceDigest);
    }

    /// @inheritdoc IEscrow
    function proposeSettlement(uint256 orderId, uint256 buyerShareBps) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireParty(orderId, order);
        _requireSettleable(orderId, order, _terms(orderId));
        if (buyerShareBps > Payouts.BPS) revert EscrowInvalidShare(buyerShareBps);

        // Bounded by BPS above.
        _proposals[orderId] = Proposal({proposer: msg.sender, buyerShareBps: uint16(buyerShareBps)});
        emit SettlementProposed(orderId, msg.sender, buyerShareBps);
    }

    /// @inheritdoc IEscrow
    function acceptSettlement(uint256 orderId, uint256 buyerShareBps) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireParty(orderId, order);
        OrderTerms memory terms = _terms(orderId);
        _requireSettleable(orderId, order, terms);
        Proposal memory proposal = _proposals[orderId];
        if (proposal.proposer == address(0)) revert EscrowNoProposal(orderId);
        if (proposal.proposer == msg.sender) revert EscrowOwnProposal(orderId, msg.sender);
        if (proposal.buyerShareBps != buyerShareBps) {
            revert EscrowProposalMismatch(orderId, proposal.buyerShareBps, buyerShareBps);
        }

        delete _proposals[orderId];
        terms.arbiterFeeBps = 0; // no arbiter fee when the parties agree
        Payout memory payout = _settle(order, OrderState.Settled, buyerShareBps, terms);
        emit OrderSettled(orderId, buyerShareBps, payout, false);
    }

    /// @inheritdoc IEscrow
    function rule(uint256 orderId, uint256 buyerShareBps) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Disputed);
        OrderTerms memory terms = _terms(orderId);
        if (msg.sender != terms.arbiter) revert EscrowNotArbiter(orderId, msg.sender);
        uint256 deadline = order.timestamp + RULING_WINDOW;
        if (block.timestamp >= deadline) revert EscrowDeadlinePassed(orderId, deadline);
        if (buyerShareBps > Payouts.BPS) revert EscrowInvalidShare(buyerShareBps);

        delete _proposals[orderId];
        Payout memory payout = _settle(order, OrderState.Ruled, buyerShareBps, terms);
        emit OrderRuled(orderId, buyerShareBps, payout);
    }

    /// @inheritdoc IEscrow
    function resolveAfterTimeout(uint256 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Disputed);
        uint256 deadline = order.timestamp + RULING_WINDOW;
        if (block.timestamp < deadline) revert EscrowDeadlineNotReached(orderId, deadline);

        delete _proposals[orderId];
        OrderTerms memory terms = _terms(orderId);
        terms.arbiterFeeBps = 0; // an arbiter who did not rule earns nothing
        uint256 half = Payouts.BPS / 2;
        Payout memory payout = _settle(order, OrderState.Settled, half, terms);
        emit OrderSettled(orderId, half, payout, true);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Withdrawals
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function withdraw(address token) external nonReentrant returns (uint256 amount) {
        return _withdraw(token, msg.sender);
    }

    /// @inheritdoc IEscrow
    function withdrawTo(address token, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert EscrowInvalidRecipient(to);
        return _withdraw(token, to);
    }

    /// @inheritdoc IEscrow
    function claimProtocolFees(address token) external nonReentrant returns (uint256 amount) {
        amount = _protocolFees[token];
        if (amount == 0) revert EscrowNoProtocolFees(token);
        address recipient = _feeRecipient;
        _protocolFees[token] = 0;
        emit ProtocolFeesClaimed(token, recipient, amount);
        _send(token, recipient, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function setProtocolFee(uint256 bps) external onlyOwner {
        _setProtocolFee(bps);
    }

    /// @inheritdoc IEscrow
    function setFeeRecipient(address recipient) external onlyOwner {
        _setFeeRecipient(recipient);
    }

    /// @inheritdoc IEscrow
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IEscrow
    function unpause() external onlyOwner {
        _unpause();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IEscrow
    function protocolFeeBps() external view returns (uint256) {
        return _protocolFeeBps;
    }

    /// @inheritdoc IEscrow
    function feeRecipient() external view returns (address) {
        return _feeRecipient;
    }

    /// @inheritdoc IEscrow
    function getOrder(uint256 orderId) external view returns (OrderView memory view_) {
        Order storage order = _orders[orderId];
        OrderState state = order.state;
        if (state == OrderState.None) revert EscrowUnknownOrder(orderId);
        uint256 listingId = _listingOf(orderId);
        IListingRegistry.Listing memory listing = registry.getListing(listingId);
        Proposal memory proposal = _proposals[orderId];

        uint256 deadline;
        if (state == OrderState.Funded) deadline = order.timestamp;
        else if (state == OrderState.Fulfilled) deadline = order.timestamp + listing.confirmationWindow;
        else if (state == OrderState.Disputed) deadline = order.timestamp + RULING_WINDOW;

        view_ = OrderView({
            listingId: listingId,
            buyer: order.buyer,
            seller: order.seller,
            token: listing.token,
            amount: order.amount,
            quantity: order.quantity,
            protocolFeeBps: order.protocolFeeBps,
            arbiter: listing.arbiter,
            arbiterFeeBps: listing.arbiterFeeBps,
            state: state,
            deadline: deadline,
            proposer: proposal.proposer,
            proposedBuyerShareBps: proposal.buyerShareBps
        });
    }

    /// @inheritdoc IEscrow
    function orderParties(uint256 orderId) external view returns (address buyer, address seller, OrderState state) {
        Order storage order = _orders[orderId];
        return (order.buyer, order.seller, order.state);
    }

    /// @inheritdoc IEscrow
    function creditOf(address account, address token) external view returns (uint256) {
        return _credits[account][token];
    }

    /// @inheritdoc IEscrow
    function protocolFeesOf(address token) external view returns (uint256) {
        return _protocolFees[token];
    }

    /// @inheritdoc IEscrow
    function completedOrders(address account) external view returns (uint256 asSeller, uint256 asBuyer) {
        CompletedOrders memory completed = _completed[account];
        return (completed.asSeller, completed.asBuyer);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Takes the stock and records a Funded order; the caller collects the payment afterwards (the registry is
    /// trusted, the token is not: its call comes last).
    function _placeOrder(uint256 listingId, uint256 quantity, uint256 expectedVersion)
        private
        returns (uint256 orderId, address token, uint256 amount)
    {
        if (quantity == 0 || quantity > MAX_ORDER_QUANTITY) revert EscrowInvalidQuantity(quantity, MAX_ORDER_QUANTITY);
        IListingRegistry.Purchase memory purchase = registry.takeStock(listingId, quantity, expectedVersion);
        if (msg.sender == purchase.seller) revert EscrowSellerCannotBuy(listingId, msg.sender);
        if (msg.sender == purchase.arbiter) revert EscrowArbiterCannotBuy(listingId, msg.sender);
        // price < 2^96 and quantity < 2^24, so the product cannot overflow.
        amount = purchase.price * quantity;
        if (amount > type(uint96).max) revert EscrowAmountTooLarge(amount);

        // listingId < 2^64 (the registry's counter) and orderIndex < 2^32: ids are unique and cannot overflow.
        orderId = (listingId << 32) | purchase.orderIndex;
        token = purchase.token;
        uint256 deadline = block.timestamp + purchase.fulfillmentWindow;
        uint16 feeBps = _protocolFeeBps;
        // quantity and amount were bounds-checked above.
        _orders[orderId] = Order({
            seller: purchase.seller,
            state: OrderState.Funded,
            paidInToken: token != address(0),
            timestamp: uint40(deadline),
            protocolFeeBps: feeBps,
            quantity: uint24(quantity),
            buyer: msg.sender,
            amount: uint96(amount)
        });
        emit OrderPlaced(orderId, msg.sender, purchase.seller, listingId, quantity, amount, feeBps, deadline);
    }

    /// @dev Pulls exactly `amount` of `token` from the buyer, refusing tokens that deliver anything else.
    function _pullTokens(address token, uint256 amount) private {
        IERC20 erc20 = IERC20(token);
        uint256 balanceBefore = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = erc20.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert EscrowTokenAmountMismatch(token, amount, received);
    }

    /// @dev Ends a Funded order with a full refund to the buyer and returns its units to the listing.
    function _refund(uint256 orderId, Order storage order, OrderState endState) private {
        order.state = endState;
        order.timestamp = uint40(block.timestamp);
        address token = registry.returnStock(_listingOf(orderId), order.quantity);
        _credits[order.buyer][token] += order.amount;
    }

    /// @dev Ends an order Completed: the seller gets the amount less the protocol fee fixed at purchase.
    function _complete(uint256 orderId, Order storage order, address token, bool byTimeout) private {
        order.state = OrderState.Completed;
        order.timestamp = uint40(block.timestamp);
        Payout memory payout = Payouts.split(order.amount, 0, 0, order.protocolFeeBps);
        address seller = order.seller;
        _credits[seller][token] += payout.seller;
        if (payout.protocol != 0) _protocolFees[token] += payout.protocol;
        // One order per call: the counters cannot reach 2^128.
        unchecked {
            _completed[seller].asSeller += 1;
            _completed[order.buyer].asBuyer += 1;
        }
        emit OrderCompleted(orderId, payout.seller, payout.protocol, byTimeout);
    }

    /// @dev Ends a Fulfilled or Disputed order with a split; `terms.arbiterFeeBps` is zero unless the arbiter rules.
    function _settle(Order storage order, OrderState endState, uint256 buyerShareBps, OrderTerms memory terms)
        private
        returns (Payout memory payout)
    {
        order.state = endState;
        order.timestamp = uint40(block.timestamp);
        payout = Payouts.split(order.amount, buyerShareBps, terms.arbiterFeeBps, order.protocolFeeBps);
        address token = terms.token;
        if (payout.buyer != 0) _credits[order.buyer][token] += payout.buyer;
        if (payout.seller != 0) _credits[order.seller][token] += payout.seller;
        if (payout.arbiter != 0) _credits[terms.arbiter][token] += payout.arbiter;
        if (payout.protocol != 0) _protocolFees[token] += payout.protocol;
    }

    function _withdraw(address token, address to) private returns (uint256 amount) {
        amount = _credits[msg.sender][token];
        if (amount == 0) revert EscrowNothingToWithdraw(msg.sender, token);
        _credits[msg.sender][token] = 0;
        emit Withdrawn(msg.sender, token, to, amount);
        _send(token, to, amount);
    }

    function _send(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert EscrowEthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    function _requireState(uint256 orderId, OrderState state, OrderState expected) private pure {
        if (state != expected) {
            if (state == OrderState.None) revert EscrowUnknownOrder(orderId);
            revert EscrowInvalidState(orderId, state);
        }
    }

    function _requireParty(uint256 orderId, Order storage order) private view {
        if (msg.sender != order.buyer && msg.sender != order.seller) {
            if (order.state == OrderState.None) revert EscrowUnknownOrder(orderId);
            revert EscrowNotParty(orderId, msg.sender);
        }
    }

    /// @dev Settlements are possible while the order is Fulfilled (before the confirmation deadline) or Disputed
    /// (before the ruling deadline): after those deadlines only the timed exits remain.
    function _requireSettleable(uint256 orderId, Order storage order, OrderTerms memory terms) private view {
        OrderState state = order.state;
        uint256 deadline;
        if (state == OrderState.Fulfilled) deadline = order.timestamp + terms.confirmationWindow;
        else if (state == OrderState.Disputed) deadline = order.timestamp + RULING_WINDOW;
        else revert EscrowInvalidState(orderId, state);
        if (block.timestamp >= deadline) revert EscrowDeadlinePassed(orderId, deadline);
    }

    /// @dev The listing terms an order is bound by; they can never change.
    function _terms(uint256 orderId) private view returns (OrderTerms memory terms) {
        (terms.token, terms.arbiter, terms.arbiterFeeBps, terms.confirmationWindow) =
            registry.orderTerms(_listingOf(orderId));
    }

    function _setProtocolFee(uint256 bps) private {
        if (bps > MAX_PROTOCOL_FEE_BPS) revert EscrowProtocolFeeTooHigh(bps, MAX_PROTOCOL_FEE_BPS);
        emit ProtocolFeeUpdated(_protocolFeeBps, bps);
        // Bounded by MAX_PROTOCOL_FEE_BPS above.
        _protocolFeeBps = uint16(bps);
    }

    function _setFeeRecipient(address recipient) private {
        if (recipient == address(0)) revert EscrowInvalidRecipient(recipient);
        emit FeeRecipientUpdated(_feeRecipient, recipient);
        _feeRecipient = recipient;
    }

    /// @dev Order ids are `listingId << 32 | n`.
    function _listingOf(uint256 orderId) private pure returns (uint256) {
        return orderId >> 32;
    }
}
