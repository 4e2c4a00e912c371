// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title Demo payment token without permit, for local chains and testnets
/// @notice A plain 18-decimal ERC-20 with a public faucet: buyers pay with approve-then-buy, the flow every ERC-20
/// supports. It has no value and must never be deployed to a production network.
contract DemoGold is ERC20 {
    /// @notice Most a single faucet call can mint: 1,000,000 whole tokens.
    uint256 public constant FAUCET_LIMIT = 1_000_000 ether;

    /// @notice The faucet was asked for more than `FAUCET_LIMIT`.
    error DemoGoldFaucetLimit(uint256 requested, uint256 limit);

    constructor() ERC20("Demo Gold", "DGLD") {}

    /// @notice Mints `amount` to `to`: test money for anyone.
    function faucet(address to, uint256 amount) external {
        if (amount > FAUCET_LIMIT) revert DemoGoldFaucetLimit(amount, FAUCET_LIMIT);
        _mint(to, amount);
    }
}
