// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IEscrow} from "../interfaces/IEscrow.sol";

// Test-only attackers. Never deployed outside tests.

/// @notice Tries every value-moving function of the escrow again whenever control reaches it in the middle of one,
/// and records what each attempt returned.
abstract contract Reentrant {
    /// @dev ReentrancyGuardReentrantCall()
    bytes4 private constant REENTRANT_CALL = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    IEscrow internal immutable _escrow;
    uint256 public targetOrder;
    uint256 public targetListing;
    address public targetToken;
    bool public armed;
    uint256 public attempts;
    uint256 public successes;
    uint256 public guardRejections;

    constructor(IEscrow escrow_) {
        _escrow = escrow_;
    }

    function arm(uint256 orderId, uint256 listingId, address token) external {
        (targetOrder, targetListing, targetToken, armed) = (orderId, listingId, token, true);
    }

    function _reenter() internal {
        if (!armed) return;
        armed = false; // one round of attempts per external call
        bytes[] memory calls = new bytes[](15);
        calls[0] = abi.encodeCall(IEscrow.withdraw, (targetToken));
        calls[1] = abi.encodeCall(IEscrow.withdrawTo, (targetToken, address(this)));
        calls[2] = abi.encodeCall(IEscrow.buy, (targetListing, 1, 1));
        calls[3] = abi.encodeCall(IEscrow.buyWithPermit, (targetListing, 1, 1, 0, 0, bytes32(0), bytes32(0)));
        calls[4] = abi.encodeCall(IEscrow.confirm, (targetOrder));
        calls[5] = abi.encodeCall(IEscrow.complete, (targetOrder));
        calls[6] = abi.encodeCall(IEscrow.cancel, (targetOrder));
        calls[7] = abi.encodeCall(IEscrow.decline, (targetOrder));
        calls[8] = abi.encodeCall(IEscrow.fulfill, (targetOrder, bytes32(0)));
        calls[9] = abi.encodeCall(IEscrow.openDispute, (targetOrder, bytes32(uint256(1))));
        calls[10] = abi.encodeCall(IEscrow.acceptSettlement, (targetOrder, 5_000));
        calls[11] = abi.encodeCall(IEscrow.proposeSettlement, (targetOrder, 5_000));
        calls[12] = abi.encodeCall(IEscrow.rule, (targetOrder, 5_000));
        calls[13] = abi.encodeCall(IEscrow.resolveAfterTimeout, (targetOrder));
        calls[14] = abi.encodeCall(IEscrow.claimProtocolFees, (targetToken));
        for (uint256 i = 0; i < calls.length; ++i) {
            attempts += 1;
            (bool ok, bytes memory err) = address(_escrow).call(calls[i]);
            if (ok) successes += 1;
            else if (bytes4(err) == REENTRANT_CALL) guardRejections += 1;
        }
    }
}

/// @notice An account (buyer or seller) whose `receive` re-enters the escrow.
contract ReentrantReceiver is Reentrant {
    constructor(IEscrow escrow_) Reentrant(escrow_) {}

    receive() external payable {
        _reenter();
    }

    function call(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }
}

/// @notice A token that re-enters the escrow from inside `transfer` and `transferFrom`.
contract ReentrantToken is ERC20, Reentrant {
    constructor(IEscrow escrow_) ERC20("Reentrant", "RE") Reentrant(escrow_) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        _reenter();
        super._update(from, to, value);
    }
}

/// @notice A contract that refuses ETH: a seller or buyer that can only be paid through `withdrawTo`.
contract EthRefuser {
    error EthRefused();

    receive() external payable {
        revert EthRefused();
    }

    function call(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }
}

/// @notice Forces ETH into a contract without calling it (SELFDESTRUCT in the creating transaction, EIP-6780).
contract ForceSend {
    constructor(address payable target) payable {
        selfdestruct(target);
    }
}
