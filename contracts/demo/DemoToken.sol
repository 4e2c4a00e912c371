// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title Demo payment token for local chains and testnets
/// @notice An ERC-20 with EIP-2612 permit and a public faucet, so that anyone trying Souk on a local chain or a
/// testnet can get tokens. It has no value and must never be deployed to a production network.
contract DemoToken is ERC20, ERC20Permit {
    /// @notice Most a single faucet call can mint: 1,000,000 whole tokens.
    uint256 public immutable faucetLimit;

    uint8 private immutable _decimals;

    /// @notice The faucet was asked for more than `faucetLimit`.
    error DemoTokenFaucetLimit(uint256 requested, uint256 limit);

    constructor(string memory name_, string memory symbol_, uint8 decimals_)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        _decimals = decimals_;
        faucetLimit = 1_000_000 * 10 ** decimals_;
    }

    /// @notice Mints `amount` to `to`: test money for anyone.
    function faucet(address to, uint256 amount) external {
        if (amount > faucetLimit) revert DemoTokenFaucetLimit(amount, faucetLimit);
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
