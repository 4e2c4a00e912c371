// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEscrow} from "./IEscrow.sol";

/// @title Souk reputation
/// @notice Ratings that only real trades can produce. When an order ends Completed, Settled or Ruled, its buyer and
/// its seller may each rate the other once, with a score from 1 to 5 and an optional review on IPFS. A buyer whose
/// order was cancelled because the seller let the fulfilment deadline pass may rate that seller too. The rated party
/// may publish one reply per review.
interface IReputation {
    /// @notice The role in which an account is rated.
    enum Role {
        Seller,
        Buyer
    }

    /// @notice An account's standing, as seller and as buyer, in one call.
    /// @param completedAsSeller Orders that ended Completed with the account as seller (from the escrow).
    struct Stats {
        uint256 ratingsAsSeller;
        uint256 scoreSumAsSeller;
        uint256 completedAsSeller;
        uint256 ratingsAsBuyer;
        uint256 scoreSumAsBuyer;
        uint256 completedAsBuyer;
    }

    /// @notice `rater` gave `ratee`, rated in its role `rateeRole` on order `orderId` (the rater had the other role),
    /// a score of `score`. `reviewDigest` is the sha2-256 digest of the review text on IPFS, or zero for a bare score.
    /// `token` (address(0) for ETH) and `amount` are what the buyer paid for the order: clients weight ratings by the
    /// value behind them and count distinct counterparties, so that ratings farmed with tiny self-trades carry
    /// little weight (see docs/SECURITY.md).
    event Rated(
        uint256 indexed orderId,
        address indexed rater,
        address indexed ratee,
        Role rateeRole,
        uint256 score,
        bytes32 reviewDigest,
        address token,
        uint256 amount
    );

    /// @notice The rated party replied to the review it received on `orderId`.
    event Replied(uint256 indexed orderId, address indexed author, bytes32 replyDigest);

    /// @notice The score is outside 1..5.
    error ReputationInvalidScore(uint256 score);
    /// @notice Only the order's buyer or seller may rate or reply.
    error ReputationNotParty(uint256 orderId, address caller);
    /// @notice The order has not ended in a way that allows this rating.
    error ReputationNotRateable(uint256 orderId, IEscrow.OrderState state, address caller);
    /// @notice The caller already rated the other party on this order.
    error ReputationAlreadyRated(uint256 orderId, address rater);
    /// @notice The caller has not been rated on this order, so there is nothing to reply to.
    error ReputationNothingToReplyTo(uint256 orderId, address caller);
    /// @notice The caller already replied to the review it received on this order.
    error ReputationAlreadyReplied(uint256 orderId, address caller);
    /// @notice A reply must point at a document.
    error ReputationEmptyReply();

    /// @notice Rates the other party of an ended order, once.
    function rate(uint256 orderId, uint256 score, bytes32 reviewDigest) external;

    /// @notice Publishes the reply to the review the caller received on `orderId`, once.
    function reply(uint256 orderId, bytes32 replyDigest) external;

    /// @notice The escrow whose orders are rated.
    function escrow() external view returns (IEscrow);

    /// @notice Ratings and completed orders of `account` as seller and as buyer.
    function statsOf(address account) external view returns (Stats memory);

    /// @notice Which ratings and replies exist for an order.
    function ratingStatus(uint256 orderId)
        external
        view
        returns (bool buyerRated, bool sellerRated, bool buyerReplied, bool sellerReplied);
}
