// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ESCROW_MAX_ORDER_AMOUNT, ESCROW_PAUSED_INDEFINITELY, IEscrow} from "./interfaces/IEscrow.sol";
import {IListingRegistry} from "./interfaces/IListingRegistry.sol";
import {ListingRegistry} from "./ListingRegistry.sol";
import {Payouts} from "./libraries/Payouts.sol";

/// @title Souk escrow
/// @notice See {IEscrow}. Creates its {ListingRegistry} at deployment, so the link between the two is fixed, and
/// governs it: the registry has no owner of its own, and one pause switch here covers both contracts.
/// @dev Every external function that changes state is `nonReentrant` with one shared (transient) guard, follows
/// checks-effects-interactions, and never sends value outside `withdraw`, `withdrawTo` and `claimProtocolFees`.
contract Escrow is IEscrow, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IEscrow
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 500;
    /// @inheritdoc IEscrow
    uint256 public constant RULING_WINDOW = 30 days;
    /// @inheritdoc IEscrow
    uint256 public constant RESPONSE_WINDOW = 72 hours;
    /// @inheritdoc IEscrow
    uint256 public constant GUARDIAN_PAUSE_DURATION = 7 days;
    /// @inheritdoc IEscrow
    uint256 public constant MAX_ORDER_QUANTITY = type(uint24).max;

    /// @dev `_pausedUntil` value of a pause that lasts until governance lifts it.
    uint40 private constant INDEFINITELY = uint40(ESCROW_PAUSED_INDEFINITELY);

    /// @dev Bits of `Order.flags`.
    uint8 private constant PAID_IN_TOKEN = 1; // spares ETH orders the token lookup when they end
    uint8 private constant PROPOSAL_STANDING = 2; // `_proposals[orderId]` holds a proposal to clear when it ends
    uint8 private constant RESPONDENT_HEARD = 4; // the seller submitted evidence in the dispute

    /// @dev An order in two slots. Slot 0 holds everything the seller-side transitions and every state change touch,
    /// so `fulfill` reads and writes one slot. The fixed listing terms an order needs later (the token of a token
    /// order, the arbiter, its fee, the confirmation window) are read from the registry, where they can never change;
    /// `flags` (PAID_IN_TOKEN, PROPOSAL_STANDING, RESPONDENT_HEARD) spares ETH orders that lookup when they end, and
    /// every ending without a proposal the read of `_proposals`.
    /// `timestamp` depends on the state: Funded, the fulfilment deadline; Fulfilled, the time of fulfilment (the
    /// confirmation deadline adds the listing's confirmation window); Disputed, the time the dispute opened (the
    /// ruling deadline adds RULING_WINDOW); ended states, the time the order ended.
    /// uint40 seconds last 34,000 years; uint96 amounts reach 7.9e28 base units and uint24 quantities 16,777,215
    /// units (both checked at purchase).
    struct Order {
        // slot 0: 20 + 1 + 1 + 5 + 2 + 3 = 32 bytes
        address seller;
        OrderState state;
        uint8 flags;
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

    /// @dev Packed with Ownable2Step's `_pendingOwner` (20 + 5 + 2 bytes): a purchase reads the pause and the fee
    /// with one SLOAD. Purchases are refused while `block.timestamp < _pausedUntil`, so a guardian's pause lapses
    /// by itself.
    uint40 private _pausedUntil;
    uint16 private _protocolFeeBps;
    address private _feeRecipient;
    address private _pauseGuardian;

    mapping(uint256 orderId => Order order) private _orders;
    mapping(uint256 orderId => Proposal proposal) private _proposals;
    mapping(address account => mapping(address token => uint256 amount)) private _credits;
    mapping(address token => uint256 amount) private _protocolFees;
    mapping(address account => CompletedOrders counts) private _completed;

    modifier whenNotPaused() {
        uint256 pauseEnd = _pausedUntil;
        if (block.timestamp < pauseEnd) revert EscrowPaused(pauseEnd);
        _;
    }

    /// @param initialOwner Governance (a TimelockController on public networks), of this escrow and its registry.
    /// @param initialFeeRecipient Receiver of protocol fees.
    /// @param initialProtocolFeeBps Protocol fee for new orders, at most MAX_PROTOCOL_FEE_BPS.
    /// @param initialPauseGuardian May pause at once, for GUARDIAN_PAUSE_DURATION (zero: nobody); a timelocked
    /// governance names it here because naming one later takes the timelock's delay.
    constructor(
        address initialOwner,
        address initialFeeRecipient,
        uint256 initialProtocolFeeBps,
        address initialPauseGuardian
    ) Ownable(initialOwner) {
        registry = new ListingRegistry();
        _setFeeRecipient(initialFeeRecipient);
        _setProtocolFee(initialProtocolFeeBps);
        _setPauseGuardian(initialPauseGuardian);
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
        // From the deadline on the order is the buyer's to cancel: a late seller cannot turn its missed deadline
        // (which the buyer may rate) into a decline (which nobody may rate).
        uint256 deadline = order.timestamp;
        if (block.timestamp >= deadline) revert EscrowDeadlinePassed(orderId, deadline);

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
        if (order.flags & PAID_IN_TOKEN != 0) token = _terms(orderId).token;
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
        emit DisputeOpened(
            orderId, terms.arbiter, block.timestamp + RESPONSE_WINDOW, block.timestamp + RULING_WINDOW
        );
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
        if (msg.sender == order.seller) {
            // The respondent has been heard: the arbiter need not wait for the response window to pass.
            uint8 flags = order.flags;
            if (flags & RESPONDENT_HEARD == 0) order.flags = flags | RESPONDENT_HEARD;
        } else if (msg.sender != order.buyer) {
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
        uint8 flags = order.flags;
        if (flags & PROPOSAL_STANDING == 0) order.flags = flags | PROPOSAL_STANDING;
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

        terms.arbiterFeeBps = 0; // no arbiter fee when the parties agree
        Payout memory payout = _settle(orderId, order, OrderState.Settled, buyerShareBps, terms);
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
        if (order.flags & RESPONDENT_HEARD == 0) {
            uint256 responseDeadline = order.timestamp + RESPONSE_WINDOW;
            if (block.timestamp < responseDeadline) revert EscrowResponseWindowOpen(orderId, responseDeadline);
        }
        if (buyerShareBps > Payouts.BPS) revert EscrowInvalidShare(buyerShareBps);

        Payout memory payout = _settle(orderId, order, OrderState.Ruled, buyerShareBps, terms);
        emit OrderRuled(orderId, buyerShareBps, payout);
    }

    /// @inheritdoc IEscrow
    function resolveAfterTimeout(uint256 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        _requireState(orderId, order.state, OrderState.Disputed);
        uint256 deadline = order.timestamp + RULING_WINDOW;
        if (block.timestamp < deadline) revert EscrowDeadlineNotReached(orderId, deadline);

        OrderTerms memory terms = _terms(orderId);
        terms.arbiterFeeBps = 0; // an arbiter who did not rule earns nothing
        uint256 half = Payouts.BPS / 2;
        Payout memory payout = _settle(orderId, order, OrderState.Settled, half, terms);
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
        _checkRecipient(to);
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
    function setPauseGuardian(address guardian) external onlyOwner {
        _setPauseGuardian(guardian);
    }

    /// @inheritdoc IEscrow
    function pause() external {
        uint256 pauseEnd = _pausedUntil;
        uint256 until;
        if (msg.sender == owner()) {
            if (pauseEnd == INDEFINITELY) revert EscrowAlreadyPaused(pauseEnd);
            until = INDEFINITELY;
        } else if (msg.sender == _pauseGuardian && msg.sender != address(0)) {
            if (block.timestamp < pauseEnd) revert EscrowAlreadyPaused(pauseEnd);
            until = block.timestamp + GUARDIAN_PAUSE_DURATION;
            // The guardian's power is one emergency brake: pulling it spends it, so a guardian cannot chain pauses.
            _pauseGuardian = address(0);
            emit PauseGuardianUpdated(msg.sender, address(0));
        } else {
            revert EscrowNotPauser(msg.sender);
        }
        _setPausedUntil(until);
        emit Paused(msg.sender, until);
    }

    /// @inheritdoc IEscrow
    function unpause() external onlyOwner {
        if (block.timestamp >= _pausedUntil) revert EscrowNotPaused();
        _setPausedUntil(0);
        emit Unpaused(msg.sender);
    }

    /// @notice Always reverts: a market whose governance renounced could never be unpaused or have its fee recipient
    /// replaced. Ownership can still be handed over with `transferOwnership` and `acceptOwnership`.
    function renounceOwnership() public pure override {
        revert EscrowRenounceDisabled();
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
    function pauseGuardian() external view returns (address) {
        return _pauseGuardian;
    }

    /// @inheritdoc IEscrow
    function paused() external view returns (bool) {
        return block.timestamp < _pausedUntil;
    }

    /// @inheritdoc IEscrow
    function pausedUntil() external view returns (uint256) {
        return _pausedUntil;
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
        uint256 responseDeadline;
        if (state == OrderState.Funded) {
            deadline = order.timestamp;
        } else if (state == OrderState.Fulfilled) {
            deadline = order.timestamp + listing.confirmationWindow;
        } else if (state == OrderState.Disputed) {
            deadline = order.timestamp + RULING_WINDOW;
            responseDeadline = order.timestamp + RESPONSE_WINDOW;
        }

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
            proposedBuyerShareBps: proposal.buyerShareBps,
            responseDeadline: responseDeadline,
            respondentHeard: state == OrderState.Disputed && order.flags & RESPONDENT_HEARD != 0
        });
    }

    /// @inheritdoc IEscrow
    function orderSummary(uint256 orderId) external view returns (OrderSummary memory summary) {
        Order storage order = _orders[orderId];
        summary = OrderSummary({
            buyer: order.buyer,
            seller: order.seller,
            state: order.state,
            token: address(0),
            amount: order.amount
        });
        if (order.flags & PAID_IN_TOKEN != 0) summary.token = _terms(orderId).token;
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
        if (amount > ESCROW_MAX_ORDER_AMOUNT) revert EscrowAmountTooLarge(amount);

        // listingId < 2^64 (the registry's counter) and orderIndex < 2^32: ids are unique and cannot overflow.
        orderId = (listingId << 32) | purchase.orderIndex;
        token = purchase.token;
        uint256 deadline = block.timestamp + purchase.fulfillmentWindow;
        uint16 feeBps = _protocolFeeBps;
        // quantity and amount were bounds-checked above.
        Order storage order = _orders[orderId];
        _orders[orderId] = Order({
            seller: purchase.seller,
            state: OrderState.Funded,
            flags: 0,
            timestamp: uint40(deadline),
            protocolFeeBps: feeBps,
            quantity: uint24(quantity),
            buyer: msg.sender,
            amount: uint96(amount)
        });
        if (token != address(0)) order.flags = PAID_IN_TOKEN; // a warm slot: 200 gas, for token orders only
        emit OrderPlaced(
            orderId, msg.sender, purchase.seller, listingId, expectedVersion, quantity, amount, feeBps, deadline
        );
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
        _end(orderId, order, endState);
        address token = registry.returnStock(_listingOf(orderId), order.quantity);
        _credits[order.buyer][token] += order.amount;
    }

    /// @dev Ends an order Completed: the seller gets the amount less the protocol fee fixed at purchase.
    function _complete(uint256 orderId, Order storage order, address token, bool byTimeout) private {
        _end(orderId, order, OrderState.Completed);
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
    function _settle(
        uint256 orderId,
        Order storage order,
        OrderState endState,
        uint256 buyerShareBps,
        OrderTerms memory terms
    ) private returns (Payout memory payout) {
        _end(orderId, order, endState);
        payout = Payouts.split(order.amount, buyerShareBps, terms.arbiterFeeBps, order.protocolFeeBps);
        address token = terms.token;
        if (payout.buyer != 0) _credits[order.buyer][token] += payout.buyer;
        if (payout.seller != 0) _credits[order.seller][token] += payout.seller;
        if (payout.arbiter != 0) _credits[terms.arbiter][token] += payout.arbiter;
        if (payout.protocol != 0) _protocolFees[token] += payout.protocol;
    }

    /// @dev Every ending of an order goes through here: the end state, the time it ended, and no proposal left
    /// standing on an order that can no longer be settled.
    function _end(uint256 orderId, Order storage order, OrderState endState) private {
        order.state = endState;
        order.timestamp = uint40(block.timestamp);
        uint8 flags = order.flags;
        if (flags & PROPOSAL_STANDING != 0) {
            order.flags = flags & ~PROPOSAL_STANDING;
            delete _proposals[orderId];
        }
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
        _checkRecipient(recipient);
        emit FeeRecipientUpdated(_feeRecipient, recipient);
        _feeRecipient = recipient;
    }

    /// @dev Value sent to zero, to this escrow (whose balance is all owed to someone) or to the registry (which
    /// cannot send) would be lost.
    function _checkRecipient(address recipient) private view {
        if (recipient == address(0) || recipient == address(this) || recipient == address(registry)) {
            revert EscrowInvalidRecipient(recipient);
        }
    }

    function _setPauseGuardian(address guardian) private {
        emit PauseGuardianUpdated(_pauseGuardian, guardian);
        _pauseGuardian = guardian;
    }

    /// @dev Pauses (or, with zero, unpauses) new purchases here and new listings in the registry.
    function _setPausedUntil(uint256 until) private {
        // `until` is zero, INDEFINITELY or now + 7 days, all below 2^40.
        _pausedUntil = uint40(until);
        registry.setPausedUntil(until);
    }

    /// @dev Order ids are `listingId << 32 | n`.
    function _listingOf(uint256 orderId) private pure returns (uint256) {
        return orderId >> 32;
    }
}
