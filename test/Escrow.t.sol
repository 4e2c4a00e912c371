// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Escrow} from "../contracts/Escrow.sol";
import {IEscrow} from "../contracts/interfaces/IEscrow.sol";
import {IListingRegistry} from "../contracts/interfaces/IListingRegistry.sol";
import {TestBase} from "./solidity/TestBase.sol";

/// @notice Purchase quantities and prices, and the payouts of real orders, fuzzed through the deployed contracts.
contract EscrowTest is TestBase {
    uint256 private constant BPS = 10_000;
    uint256 private constant PROTOCOL_FEE_BPS = 250;

    Escrow private escrow;
    IListingRegistry private registry;
    address private seller = vm.addr(0xA11CE);
    address private buyer = vm.addr(0xB0B);
    address private arbiter = vm.addr(0xA4B);
    address private treasury = vm.addr(0x7EA);

    function setUp() public {
        escrow = new Escrow(address(this), treasury, PROTOCOL_FEE_BPS, address(0));
        registry = escrow.registry();
    }

    function _list(uint256 price, uint256 stock, uint256 arbiterFeeBps) private returns (uint256 listingId) {
        vm.prank(seller);
        listingId = registry.createListing(
            IListingRegistry.ListingTerms({
                token: address(0),
                price: price,
                stock: stock,
                arbiter: arbiter,
                arbiterFeeBps: arbiterFeeBps,
                fulfillmentWindow: 1 days,
                confirmationWindow: 1 days,
                metadataDigest: keccak256("listing")
            })
        );
    }

    function _buy(uint256 listingId, uint256 quantity, uint256 value) private returns (uint256 orderId) {
        vm.deal(buyer, value);
        vm.prank(buyer);
        orderId = escrow.buy{value: value}(listingId, quantity, 1);
    }

    function testFuzz_buy_takesExactlyQuantityAndPrice(uint256 price, uint256 stock, uint256 quantity) public {
        price = bound(price, 1, 1e30);
        stock = bound(stock, 1, type(uint32).max);
        quantity = bound(quantity, 1, stock < escrow.MAX_ORDER_QUANTITY() ? stock : escrow.MAX_ORDER_QUANTITY());
        vm.assume(price * quantity <= type(uint96).max);
        uint256 listingId = _list(price, stock, 0);

        uint256 orderId = _buy(listingId, quantity, price * quantity);

        IEscrow.OrderView memory order = escrow.getOrder(orderId);
        assertEq(order.amount, price * quantity, "amount is price x quantity");
        assertEq(order.quantity, quantity, "quantity recorded");
        assertEq(registry.getListing(listingId).stock, stock - quantity, "stock drops by the quantity");
        assertEq(address(escrow).balance, price * quantity, "escrow holds the amount");
        assertEq(orderId, (listingId << 32) | 1, "first order of the listing");
    }

    function testFuzz_buy_rejectsMoreThanTheStock(uint256 stock, uint256 quantity) public {
        stock = bound(stock, 1, 1_000);
        quantity = bound(quantity, stock + 1, escrow.MAX_ORDER_QUANTITY());
        uint256 listingId = _list(1 gwei, stock, 0);
        vm.deal(buyer, quantity * 1 gwei);
        vm.expectRevert(
            abi.encodeWithSelector(
                IListingRegistry.ListingRegistryInsufficientStock.selector, listingId, quantity, stock
            )
        );
        vm.prank(buyer);
        escrow.buy{value: quantity * 1 gwei}(listingId, quantity, 1);
    }

    function testFuzz_buy_rejectsAmountsAbove96Bits(uint256 price, uint256 quantity) public {
        price = bound(price, 2 ** 73, type(uint96).max);
        quantity = bound(quantity, type(uint96).max / price + 1, escrow.MAX_ORDER_QUANTITY());
        uint256 listingId = _list(price, type(uint32).max, 0);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.EscrowAmountTooLarge.selector, price * quantity));
        vm.prank(buyer);
        escrow.buy(listingId, quantity, 1);
    }

    function testFuzz_buy_rejectsAnyOtherValue(uint256 price, uint256 value) public {
        price = bound(price, 1, 1e24);
        value = bound(value, 0, 2e24);
        vm.assume(value != price);
        uint256 listingId = _list(price, 1, 0);
        vm.deal(buyer, value);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.EscrowWrongPayment.selector, price, value));
        vm.prank(buyer);
        escrow.buy{value: value}(listingId, 1, 1);
    }

    function testFuzz_rule_creditsAddUpToTheAmount(
        uint256 price,
        uint256 quantity,
        uint256 arbiterFeeBps,
        uint256 buyerShareBps
    ) public {
        price = bound(price, 1, 1e24);
        quantity = bound(quantity, 1, 1_000);
        arbiterFeeBps = bound(arbiterFeeBps, 0, 1_000);
        buyerShareBps = bound(buyerShareBps, 0, BPS);
        uint256 listingId = _list(price, 1_000, arbiterFeeBps);
        uint256 amount = price * quantity;
        uint256 orderId = _buy(listingId, quantity, amount);
        vm.prank(seller);
        escrow.fulfill(orderId, bytes32(0));
        vm.prank(buyer);
        escrow.openDispute(orderId, keccak256("evidence"));
        vm.prank(seller);
        escrow.submitEvidence(orderId, keccak256("the seller's side"));
        vm.prank(arbiter);
        escrow.rule(orderId, buyerShareBps);

        uint256 credited = escrow.creditOf(buyer, address(0)) + escrow.creditOf(seller, address(0))
            + escrow.creditOf(arbiter, address(0)) + escrow.protocolFeesOf(address(0));
        assertEq(credited, amount, "every wei of the order is credited once");
        assertEq(address(escrow).balance, amount, "and still held until withdrawn");
    }

    function testFuzz_settle_creditsAddUpToTheAmount(uint256 price, uint256 quantity, uint256 buyerShareBps) public {
        price = bound(price, 1, 1e24);
        quantity = bound(quantity, 1, 1_000);
        buyerShareBps = bound(buyerShareBps, 0, BPS);
        uint256 listingId = _list(price, 1_000, 1_000);
        uint256 amount = price * quantity;
        uint256 orderId = _buy(listingId, quantity, amount);
        vm.prank(seller);
        escrow.fulfill(orderId, bytes32(0));
        vm.prank(seller);
        escrow.proposeSettlement(orderId, buyerShareBps);
        vm.prank(buyer);
        escrow.acceptSettlement(orderId, buyerShareBps);

        assertEq(escrow.creditOf(arbiter, address(0)), 0, "no arbiter fee on a settlement");
        uint256 credited = escrow.creditOf(buyer, address(0)) + escrow.creditOf(seller, address(0))
            + escrow.protocolFeesOf(address(0));
        assertEq(credited, amount, "every wei of the order is credited once");
    }

    function test_buy_rejectsTheOrderAfterTheLastOrderId() public {
        uint256 listingId = _list(1 ether, 10, 0);
        // The listing's slot 0 packs seller (bits 0-159), stock (160-191), version (192-223) and the order counter
        // (224-255); `_listings` is the registry's second storage slot, after the one packing the listing counter and
        // the pause.
        bytes32 slot = keccak256(abi.encode(listingId, uint256(1)));
        bytes32 packed = vm.load(address(registry), slot);
        assertEq(uint256(packed) >> 224, 0, "no orders yet");
        vm.store(address(registry), slot, bytes32(uint256(packed) | (uint256(type(uint32).max) << 224)));
        assertEq(registry.getListing(listingId).orderCount, type(uint32).max, "counter at its last value");

        vm.deal(buyer, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IListingRegistry.ListingRegistryTooManyOrders.selector, listingId)
        );
        vm.prank(buyer);
        escrow.buy{value: 1 ether}(listingId, 1, 1);
    }

    function test_buy_rejectsZeroQuantity() public {
        uint256 listingId = _list(1 ether, 1, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IEscrow.EscrowInvalidQuantity.selector, 0, escrow.MAX_ORDER_QUANTITY())
        );
        escrow.buy(listingId, 0, 1);
    }
}
