// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Chainlink's price feed interface (AggregatorV3Interface), as published by Chainlink
/// @notice What the dApp reads to show reference prices: any feed answering this interface can be configured per
/// chain and token (Chainlink's own feeds, or the demo feed of local chains).
// Chainlink's own name, kept so that the ABI and the docs match theirs.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    /// @notice Decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice What the feed prices, e.g. "ETH / USD".
    function description() external view returns (string memory);

    /// @notice The feed implementation's version.
    function version() external view returns (uint256);

    /// @notice A past round's data.
    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice The latest round's data: `answer` (with `decimals()` decimals) as of `updatedAt`.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
