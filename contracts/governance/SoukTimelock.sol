// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title Souk governance timelock
/// @notice Owner of the escrow and the registry on public networks. Every governance action (protocol fee, fee
/// recipient, pause) is proposed, waits `minDelay` seconds in public view, then anyone may execute it. With no admin,
/// only the timelock itself can change its proposers or its delay, through the same delay.
contract SoukTimelock is TimelockController {
    /// @param minDelay Seconds between scheduling and executing an action.
    /// @param proposers Accounts (a multisig in production) allowed to schedule and cancel actions.
    constructor(uint256 minDelay, address[] memory proposers)
        TimelockController(minDelay, proposers, _anyone(), address(0))
    {}

    /// @dev The zero address as sole executor lets anyone execute a ready action.
    function _anyone() private pure returns (address[] memory executors) {
        executors = new address[](1);
    }
}
