// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEscrow} from "./interfaces/IEscrow.sol";
import {IReputation} from "./interfaces/IReputation.sol";

/// @title Souk reputation
/// @notice See {IReputation}. Has no owner: nobody can add, change or remove a rating.
contract Reputation is IReputation {
    uint8 private constant BUYER_RATED = 1; // the buyer rated the seller
    uint8 private constant SELLER_RATED = 2; // the seller rated the buyer
    uint8 private constant BUYER_REPLIED = 4; // the buyer replied to the seller's review
    uint8 private constant SELLER_REPLIED = 8; // the seller replied to the buyer's review

    /// @dev An account's ratings in one slot: 32-bit counts and 48-bit sums (at most 5 per rating) cannot overflow
    /// before 2^32 ratings, which one account cannot receive.
    struct StoredStats {
        uint32 ratingsAsSeller;
        uint48 scoreSumAsSeller;
        uint32 ratingsAsBuyer;
        uint48 scoreSumAsBuyer;
    }

    /// @inheritdoc IReputation
    IEscrow public immutable escrow;

    mapping(address account => StoredStats stats) private _stats;
    mapping(uint256 orderId => uint8 flags) private _flags;

    constructor(IEscrow escrow_) {
        escrow = escrow_;
    }

    /// @inheritdoc IReputation
    function rate(uint256 orderId, uint256 score, bytes32 reviewDigest) external {
        if (score < 1 || score > 5) revert ReputationInvalidScore(score);
        IEscrow.OrderSummary memory order = escrow.orderSummary(orderId);
        IEscrow.OrderState state = order.state;
        bool ended = state == IEscrow.OrderState.Completed || state == IEscrow.OrderState.Settled
            || state == IEscrow.OrderState.Ruled;

        address ratee;
        Role role;
        uint8 flag;
        if (msg.sender == order.buyer) {
            if (!ended && state != IEscrow.OrderState.Cancelled) {
                revert ReputationNotRateable(orderId, state, msg.sender);
            }
            (ratee, role, flag) = (order.seller, Role.Seller, BUYER_RATED);
        } else if (msg.sender == order.seller) {
            if (!ended) revert ReputationNotRateable(orderId, state, msg.sender);
            (ratee, role, flag) = (order.buyer, Role.Buyer, SELLER_RATED);
        } else {
            revert ReputationNotParty(orderId, msg.sender);
        }
        uint8 flags = _flags[orderId];
        if (flags & flag != 0) revert ReputationAlreadyRated(orderId, msg.sender);

        _flags[orderId] = flags | flag;
        _addRating(ratee, role, score);
        emit Rated(orderId, msg.sender, ratee, role, score, reviewDigest, order.token, order.amount);
    }

    /// @inheritdoc IReputation
    function reply(uint256 orderId, bytes32 replyDigest) external {
        if (replyDigest == bytes32(0)) revert ReputationEmptyReply();
        IEscrow.OrderSummary memory order = escrow.orderSummary(orderId);
        uint8 flags = _flags[orderId];
        uint8 review;
        uint8 replied;
        if (msg.sender == order.seller) {
            (review, replied) = (BUYER_RATED, SELLER_REPLIED);
        } else if (msg.sender == order.buyer) {
            (review, replied) = (SELLER_RATED, BUYER_REPLIED);
        } else {
            revert ReputationNotParty(orderId, msg.sender);
        }
        if (flags & review == 0) revert ReputationNothingToReplyTo(orderId, msg.sender);
        if (flags & replied != 0) revert ReputationAlreadyReplied(orderId, msg.sender);

        _flags[orderId] = flags | replied;
        emit Replied(orderId, msg.sender, replyDigest);
    }

    /// @inheritdoc IReputation
    function statsOf(address account) external view returns (Stats memory) {
        StoredStats memory stored = _stats[account];
        (uint256 completedAsSeller, uint256 completedAsBuyer) = escrow.completedOrders(account);
        return Stats({
            ratingsAsSeller: stored.ratingsAsSeller,
            scoreSumAsSeller: stored.scoreSumAsSeller,
            completedAsSeller: completedAsSeller,
            ratingsAsBuyer: stored.ratingsAsBuyer,
            scoreSumAsBuyer: stored.scoreSumAsBuyer,
            completedAsBuyer: completedAsBuyer
        });
    }

    /// @inheritdoc IReputation
    function ratingStatus(uint256 orderId)
        external
        view
        returns (bool buyerRated, bool sellerRated, bool buyerReplied, bool sellerReplied)
    {
        uint8 flags = _flags[orderId];
        return (
            flags & BUYER_RATED != 0,
            flags & SELLER_RATED != 0,
            flags & BUYER_REPLIED != 0,
            flags & SELLER_REPLIED != 0
        );
    }

    /// @dev Adds a score to the ratee's stats in the role it was rated in.
    function _addRating(address ratee, Role role, uint256 score) private {
        StoredStats storage stats = _stats[ratee];
        // score <= 5; see StoredStats for why the counters cannot overflow.
        unchecked {
            if (role == Role.Seller) {
                stats.ratingsAsSeller += 1;
                stats.scoreSumAsSeller += uint48(score);
            } else {
                stats.ratingsAsBuyer += 1;
                stats.scoreSumAsBuyer += uint48(score);
            }
        }
    }
}
