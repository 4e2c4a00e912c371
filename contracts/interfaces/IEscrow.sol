// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IListingRegistry} from "./IListingRegistry.sol";

/// @dev Highest amount one order can escrow, in the token's base units: amounts are stored in 96 bits.
uint256 constant ESCROW_MAX_ORDER_AMOUNT = type(uint96).max;
/// @dev `pausedUntil` of a pause that lasts until governance lifts it.
uint256 constant ESCROW_PAUSED_INDEFINITELY = type(uint40).max;

/// @title Souk escrow
/// @notice Holds a buyer's payment (ETH or an ERC-20) until the order ends: the buyer confirms receipt, a deadline
/// passes, the parties agree a split, or the listing's arbiter rules. Every funded order has an exit that needs no
/// cooperation from the other side. Payouts are credited to accounts and withdrawn by them (pull payments): no state
/// transition sends value, so a receiver that reverts blocks nobody but itself.
/// @dev Order states and who may move them:
///
///   Funded    --fulfill (seller, before the fulfilment deadline)----------------> Fulfilled
///   Funded    --decline (seller, before the fulfilment deadline)-----------------> Declined  (full refund)
///   Funded    --cancel (buyer, from the fulfilment deadline on)------------------> Cancelled (full refund)
///   Funded    --confirm (buyer)--------------------------------------------------> Completed
///   Fulfilled --confirm (buyer)--------------------------------------------------> Completed
///   Fulfilled --complete (anyone, from the confirmation deadline on)------------> Completed
///   Fulfilled --openDispute (buyer, before the confirmation deadline)-----------> Disputed
///   Fulfilled --acceptSettlement (other party, before the confirmation deadline)> Settled
///   Disputed  --acceptSettlement (other party, before the ruling deadline)------> Settled
///   Disputed  --rule (arbiter, after the response window, before the ruling deadline)> Ruled
///   Disputed  --resolveAfterTimeout (anyone, from the ruling deadline on)-------> Settled (50/50)
///
/// A deadline is the first second at which the timed exit opens: an action "before the deadline" needs
/// `block.timestamp < deadline`, a timed exit needs `block.timestamp >= deadline`, so no second allows both.
/// Order ids encode their listing: `orderId = listingId << 32 | n`, where n counts the listing's orders from 1.
///
/// A dispute is heard from both sides: the respondent (the seller; only the buyer opens disputes) has
/// `RESPONSE_WINDOW` from the opening during which the arbiter cannot rule, unless the respondent has already
/// submitted evidence. Settlements and the timed exit are unaffected by that window.
///
/// Governance (the owner, a timelock on public networks) owns the escrow and, through it, the registry. It sets the
/// protocol fee and its recipient, names a pause guardian, and pauses or unpauses new listings and purchases. The
/// guardian can only pause, at once and for at most `GUARDIAN_PAUSE_DURATION`, after which the pause lapses by itself
/// unless governance confirmed it; using the power spends it (governance names a guardian again to re-arm it). No
/// pause ever blocks an exit, and ownership cannot be renounced.
interface IEscrow {
    /// @notice Life cycle of an order. `None` means the order does not exist.
    enum OrderState {
        None,
        Funded,
        Fulfilled,
        Disputed,
        Completed,
        Declined,
        Cancelled,
        Settled,
        Ruled
    }

    /// @notice An order as returned by `getOrder`: its own terms plus the listing's fixed ones.
    /// @param deadline The deadline that governs the current state (fulfilment, confirmation or ruling); zero once
    /// the order has ended.
    /// @param proposer The party whose settlement proposal is standing, or zero (always zero once the order ended).
    /// @param responseDeadline While Disputed: the end of the respondent's response window, from which the arbiter
    /// may rule even if the respondent stayed silent; zero otherwise.
    /// @param respondentHeard While Disputed: the respondent has submitted evidence, so the arbiter may rule now.
    struct OrderView {
        uint256 listingId;
        address buyer;
        address seller;
        address token;
        uint256 amount;
        uint256 quantity;
        uint256 protocolFeeBps;
        address arbiter;
        uint256 arbiterFeeBps;
        OrderState state;
        uint256 deadline;
        address proposer;
        uint256 proposedBuyerShareBps;
        uint256 responseDeadline;
        bool respondentHeard;
    }

    /// @notice What the reputation contract needs to know of an order, from `orderSummary`.
    /// @param token The payment token, address(0) for ETH.
    /// @param amount Everything the buyer paid for the order, in the token's base units.
    struct OrderSummary {
        address buyer;
        address seller;
        OrderState state;
        address token;
        uint256 amount;
    }

    /// @notice How an ended order's escrowed amount was divided. The four parts always add up to the amount.
    struct Payout {
        uint256 buyer;
        uint256 seller;
        uint256 arbiter;
        uint256 protocol;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice A buyer paid `amount` for `quantity` units of `listingId` at `listingVersion`; the order is Funded until
    /// `fulfillmentDeadline`. `protocolFeeBps` is the fee in force now, fixed for this order. The version names the
    /// exact price and description bought: the `ListingCreated` or `ListingUpdated` event that set that version
    /// carries its metadata digest.
    event OrderPlaced(
        uint256 indexed orderId,
        address indexed buyer,
        address indexed seller,
        uint256 listingId,
        uint256 listingVersion,
        uint256 quantity,
        uint256 amount,
        uint256 protocolFeeBps,
        uint256 fulfillmentDeadline
    );

    /// @notice The seller marked the order fulfilled; the confirmation window starts at this block's timestamp.
    /// `noteDigest` is an optional sha2-256 digest of a note on IPFS (tracking information, a download link).
    event OrderFulfilled(uint256 indexed orderId, bytes32 noteDigest);

    /// @notice The seller declined a funded order; the buyer is credited the full amount.
    event OrderDeclined(uint256 indexed orderId);

    /// @notice The buyer cancelled after the fulfilment deadline; the buyer is credited the full amount.
    event OrderCancelled(uint256 indexed orderId);

    /// @notice The order completed: by the buyer's confirmation, or by anyone after the confirmation deadline
    /// (`byTimeout`). The seller is credited `sellerAmount`, the protocol `protocolFee`.
    event OrderCompleted(uint256 indexed orderId, uint256 sellerAmount, uint256 protocolFee, bool byTimeout);

    /// @notice The buyer opened a dispute, to be ruled by `arbiter` before `rulingDeadline`. The arbiter may rule from
    /// `responseDeadline` on, or earlier once the seller (the respondent) has submitted evidence.
    event DisputeOpened(
        uint256 indexed orderId, address indexed arbiter, uint256 responseDeadline, uint256 rulingDeadline
    );

    /// @notice A party or the arbiter added evidence: the sha2-256 digest of a document on IPFS.
    event EvidenceSubmitted(uint256 indexed orderId, address indexed author, bytes32 evidenceDigest);

    /// @notice A party proposed that the buyer gets `buyerShareBps` of the amount, the seller the rest.
    event SettlementProposed(uint256 indexed orderId, address indexed proposer, uint256 buyerShareBps);

    /// @notice The order was settled: by an accepted proposal, or 50/50 after the ruling deadline (`byTimeout`).
    event OrderSettled(uint256 indexed orderId, uint256 buyerShareBps, Payout payout, bool byTimeout);

    /// @notice The arbiter ruled that the buyer gets `buyerShareBps` of what remains after the arbiter's fee.
    event OrderRuled(uint256 indexed orderId, uint256 buyerShareBps, Payout payout);

    /// @notice `account` withdrew its credit in `token` (address(0) for ETH) to `to`.
    event Withdrawn(address indexed account, address indexed token, address indexed to, uint256 amount);

    /// @notice Accrued protocol fees in `token` were sent to the fee recipient.
    event ProtocolFeesClaimed(address indexed token, address indexed recipient, uint256 amount);

    /// @notice The owner changed the protocol fee for future orders.
    event ProtocolFeeUpdated(uint256 previousBps, uint256 newBps);

    /// @notice The owner changed the protocol fee recipient.
    event FeeRecipientUpdated(address indexed previousRecipient, address indexed newRecipient);

    /// @notice The owner named `newGuardian` (zero: nobody) as pause guardian; also emitted with `newGuardian` zero
    /// when a guardian spends its power by pausing.
    event PauseGuardianUpdated(address indexed previousGuardian, address indexed newGuardian);

    /// @notice New listings and purchases are paused until `pausedUntil` (type(uint40).max: until governance
    /// unpauses), by the owner or the guardian `account`.
    event Paused(address indexed account, uint256 pausedUntil);

    /// @notice The owner lifted the pause.
    event Unpaused(address indexed account);

    // ---------------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice No order has this id.
    error EscrowUnknownOrder(uint256 orderId);
    /// @notice The action is not allowed in the order's current state.
    error EscrowInvalidState(uint256 orderId, OrderState state);
    /// @notice Only the order's buyer may do this.
    error EscrowNotBuyer(uint256 orderId, address caller);
    /// @notice Only the order's seller may do this.
    error EscrowNotSeller(uint256 orderId, address caller);
    /// @notice Only the order's buyer or seller may do this.
    error EscrowNotParty(uint256 orderId, address caller);
    /// @notice Only the order's arbiter may do this.
    error EscrowNotArbiter(uint256 orderId, address caller);
    /// @notice Only the order's buyer, seller or arbiter may do this.
    error EscrowNotParticipant(uint256 orderId, address caller);
    /// @notice The action had to happen before `deadline`.
    error EscrowDeadlinePassed(uint256 orderId, uint256 deadline);
    /// @notice The timed exit opens at `deadline`.
    error EscrowDeadlineNotReached(uint256 orderId, uint256 deadline);
    /// @notice A purchase of zero units or of more than `MAX_ORDER_QUANTITY`.
    error EscrowInvalidQuantity(uint256 quantity, uint256 maxQuantity);
    /// @notice The arbiter cannot rule before `responseDeadline` unless the respondent has submitted evidence.
    error EscrowResponseWindowOpen(uint256 orderId, uint256 responseDeadline);
    /// @notice Purchases are paused until `pausedUntil` (type(uint40).max: until governance lifts the pause).
    error EscrowPaused(uint256 pausedUntil);
    /// @notice `unpause` while nothing is paused.
    error EscrowNotPaused();
    /// @notice The guardian tried to pause while a pause is in force, or the owner while its own pause is.
    error EscrowAlreadyPaused(uint256 pausedUntil);
    /// @notice Only the owner or the pause guardian may pause.
    error EscrowNotPauser(address caller);
    /// @notice Governance cannot be renounced: a paused market without an owner would stay paused for good.
    error EscrowRenounceDisabled();
    /// @notice The seller tried to buy their own listing.
    error EscrowSellerCannotBuy(uint256 listingId, address buyer);
    /// @notice The listing's arbiter tried to buy from it.
    error EscrowArbiterCannotBuy(uint256 listingId, address buyer);
    /// @notice price × quantity does not fit in 96 bits.
    error EscrowAmountTooLarge(uint256 amount);
    /// @notice The ETH sent does not match the amount due (zero for token listings).
    error EscrowWrongPayment(uint256 expected, uint256 sent);
    /// @notice The token moved a different amount than asked (fee-on-transfer and similar tokens are refused).
    error EscrowTokenAmountMismatch(address token, uint256 expected, uint256 received);
    /// @notice A buyer share above 10,000 basis points.
    error EscrowInvalidShare(uint256 buyerShareBps);
    /// @notice There is no standing settlement proposal to accept.
    error EscrowNoProposal(uint256 orderId);
    /// @notice A party cannot accept its own proposal.
    error EscrowOwnProposal(uint256 orderId, address caller);
    /// @notice The accepted split is not the one proposed.
    error EscrowProposalMismatch(uint256 orderId, uint256 proposedBps, uint256 acceptedBps);
    /// @notice Evidence must point at a document.
    error EscrowEmptyEvidence();
    /// @notice The account has no credit in this token.
    error EscrowNothingToWithdraw(address account, address token);
    /// @notice Withdrawals and fee recipients cannot be the zero address, the escrow or the registry (value sent there
    /// could never come out).
    error EscrowInvalidRecipient(address recipient);
    /// @notice The recipient refused the ETH.
    error EscrowEthTransferFailed(address recipient, uint256 amount);
    /// @notice No protocol fees have accrued in this token.
    error EscrowNoProtocolFees(address token);
    /// @notice The protocol fee is above `MAX_PROTOCOL_FEE_BPS`.
    error EscrowProtocolFeeTooHigh(uint256 bps, uint256 maxBps);

    // ---------------------------------------------------------------------------------------------------------------
    // Buyer: purchase
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Buys `quantity` units of a listing at the price of `expectedVersion`. For an ETH listing send exactly
    /// price × quantity; for a token listing send no ETH and approve the escrow for the amount first.
    /// Reverts while purchases are paused.
    /// @return orderId The new order's id.
    function buy(uint256 listingId, uint256 quantity, uint256 expectedVersion)
        external
        payable
        returns (uint256 orderId);

    /// @notice `buy` for an EIP-2612 token in one transaction: applies the permit, then pulls the amount. If the
    /// permit fails (for example, someone submitted it first) the purchase still succeeds when the allowance is
    /// there.
    function buyWithPermit(
        uint256 listingId,
        uint256 quantity,
        uint256 expectedVersion,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 orderId);

    // ---------------------------------------------------------------------------------------------------------------
    // Order life cycle
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Seller: marks a funded order fulfilled before its fulfilment deadline; starts the confirmation window.
    function fulfill(uint256 orderId, bytes32 noteDigest) external;

    /// @notice Seller: refuses a funded order before its fulfilment deadline; the buyer is refunded in full and the
    /// units return to the listing. From the deadline on the order is the buyer's to cancel (and to rate).
    function decline(uint256 orderId) external;

    /// @notice Buyer: from the fulfilment deadline on, cancels an unfulfilled order; full refund, units returned.
    function cancel(uint256 orderId) external;

    /// @notice Buyer: confirms receipt of a funded or fulfilled order; the seller is paid less the protocol fee.
    function confirm(uint256 orderId) external;

    /// @notice Anyone: from the confirmation deadline on, completes an undisputed fulfilled order for the seller.
    function complete(uint256 orderId) external;

    /// @notice Buyer: disputes a fulfilled order before its confirmation deadline; starts the ruling window.
    function openDispute(uint256 orderId, bytes32 evidenceDigest) external;

    /// @notice Buyer, seller or arbiter: adds evidence to a disputed order. The seller's first evidence ends its
    /// response window: the arbiter may rule from then on.
    function submitEvidence(uint256 orderId, bytes32 evidenceDigest) external;

    /// @notice Buyer or seller: proposes a split of a fulfilled or disputed order, replacing any standing proposal.
    function proposeSettlement(uint256 orderId, uint256 buyerShareBps) external;

    /// @notice Buyer or seller: accepts the other party's standing proposal, which must be exactly
    /// `buyerShareBps`. The order is Settled; no arbiter fee is due.
    function acceptSettlement(uint256 orderId, uint256 buyerShareBps) external;

    /// @notice Arbiter: rules a disputed order before the ruling deadline, once the respondent has been heard (its
    /// evidence is in, or its response window has passed). The arbiter's fee comes out of the amount; the buyer gets
    /// `buyerShareBps` of the rest, the seller the remainder less the protocol fee.
    function rule(uint256 orderId, uint256 buyerShareBps) external;

    /// @notice Anyone: from the ruling deadline on, settles an unruled dispute 50/50 with no arbiter fee.
    function resolveAfterTimeout(uint256 orderId) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Withdrawals
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Sends the caller's whole credit in `token` (address(0) for ETH) to the caller.
    function withdraw(address token) external returns (uint256 amount);

    /// @notice Sends the caller's whole credit in `token` to `to`, for example when the caller cannot receive it.
    /// `to` cannot be zero, the escrow or the registry.
    function withdrawTo(address token, address to) external returns (uint256 amount);

    /// @notice Anyone: sends the protocol fees accrued in `token` to the fee recipient.
    function claimProtocolFees(address token) external returns (uint256 amount);

    // ---------------------------------------------------------------------------------------------------------------
    // Governance (owner; `pause` also the guardian). None of these can touch escrowed funds or change an open order.
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Sets the protocol fee for orders placed from now on; at most `MAX_PROTOCOL_FEE_BPS`.
    function setProtocolFee(uint256 bps) external;

    /// @notice Sets the address that receives claimed protocol fees; not zero, the escrow or the registry.
    function setFeeRecipient(address recipient) external;

    /// @notice Names the pause guardian (zero: nobody). Naming one again re-arms a guardian that spent its pause.
    function setPauseGuardian(address guardian) external;

    /// @notice Stops new purchases and new listings at once. The owner's pause lasts until `unpause` (and confirms a
    /// guardian's pause in force); the guardian's lasts `GUARDIAN_PAUSE_DURATION` and spends its power. Every exit of
    /// an existing order keeps working.
    function pause() external;

    /// @notice Owner: allows new purchases and listings again, ending any pause.
    function unpause() external;

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Highest protocol fee the owner can ever set: 500 basis points (5%).
    function MAX_PROTOCOL_FEE_BPS() external view returns (uint256);

    /// @notice Time the arbiter has to rule after a dispute opens: 30 days.
    function RULING_WINDOW() external view returns (uint256);

    /// @notice Time the respondent has to answer a dispute before the arbiter may rule: 72 hours.
    function RESPONSE_WINDOW() external view returns (uint256);

    /// @notice Longest pause the guardian can impose without governance: 7 days.
    function GUARDIAN_PAUSE_DURATION() external view returns (uint256);

    /// @notice Most units one order can buy: 16,777,215 (larger purchases take several orders).
    function MAX_ORDER_QUANTITY() external view returns (uint256);

    /// @notice The listing registry this escrow created and alone may take stock from.
    function registry() external view returns (IListingRegistry);

    /// @notice Protocol fee for new orders, in basis points.
    function protocolFeeBps() external view returns (uint256);

    /// @notice Receiver of claimed protocol fees.
    function feeRecipient() external view returns (address);

    /// @notice The account allowed to pause at once for `GUARDIAN_PAUSE_DURATION`, or zero.
    function pauseGuardian() external view returns (address);

    /// @notice Whether new purchases and listings are paused now.
    function paused() external view returns (bool);

    /// @notice The pause in force ends at this time (type(uint40).max: until governance unpauses); zero or a past
    /// time when nothing is paused.
    function pausedUntil() external view returns (uint256);

    /// @notice An order with its terms, current deadline and standing proposal. Reverts for an unknown id.
    function getOrder(uint256 orderId) external view returns (OrderView memory);

    /// @notice The parties, state, token and amount of an order (zero values for an unknown id).
    function orderSummary(uint256 orderId) external view returns (OrderSummary memory);

    /// @notice What `account` can withdraw in `token`.
    function creditOf(address account, address token) external view returns (uint256);

    /// @notice Protocol fees accrued in `token` and not yet claimed.
    function protocolFeesOf(address token) external view returns (uint256);

    /// @notice Orders that ended Completed with `account` as seller and as buyer.
    function completedOrders(address account) external view returns (uint256 asSeller, uint256 asBuyer);
}
