// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title A fixed demo rate behind Chainlink's price feed interface, for local chains only
/// @notice Answers `AggregatorV3Interface` with one rate fixed at deployment, always reported as current (its
/// `updatedAt` is the block's time), so that the dApp's reference prices ("≈ $12.40") can be shown and tested on a
/// local chain. The rate means nothing: the dApp labels it as a demo rate. Never deploy it to a public network.
contract DemoPriceFeed is AggregatorV3Interface {
    /// @notice The only round this feed has.
    uint80 public constant ROUND = 1;

    /// @notice A rate must be positive (Chainlink answers are signed; a price is not).
    error DemoPriceFeedInvalidAnswer(int256 answer);
    /// @notice Only round `ROUND` exists.
    error DemoPriceFeedUnknownRound(uint80 roundId);

    uint8 private immutable _decimals;
    int256 private immutable _answer;
    uint256 private immutable _startedAt;
    string private _description;

    constructor(uint8 decimals_, string memory description_, int256 answer_) {
        if (answer_ <= 0) revert DemoPriceFeedInvalidAnswer(answer_);
        _decimals = decimals_;
        _description = description_;
        _answer = answer_;
        _startedAt = block.timestamp;
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (roundId != ROUND) revert DemoPriceFeedUnknownRound(roundId);
        return (ROUND, _answer, _startedAt, block.timestamp, ROUND);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return (ROUND, _answer, _startedAt, block.timestamp, ROUND);
    }
}
