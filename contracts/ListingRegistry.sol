// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IListingRegistry,
    LISTING_MAX_ORDERS,
    LISTING_MAX_PRICE,
    LISTING_MAX_STOCK
} from "./interfaces/IListingRegistry.sol";

/// @title Souk listing registry
/// @notice See {IListingRegistry}. Deployed by the {Escrow} constructor, which becomes its only stock keeper and
/// holds its pause switch. It has no owner of its own: governance acts on both contracts through the escrow.
contract ListingRegistry is IListingRegistry {
    /// @inheritdoc IListingRegistry
    uint256 public constant MIN_WINDOW = 1 hours;
    /// @inheritdoc IListingRegistry
    uint256 public constant MAX_WINDOW = 90 days;
    /// @inheritdoc IListingRegistry
    uint256 public constant MAX_ARBITER_FEE_BPS = 1_000;

    /// @dev A listing in three slots, grouped by who reads and writes them:
    /// slot 0 is read and written by every purchase (stock, order counter) and holds what it checks (seller, version);
    /// slot 1 is read by every purchase and written only by a price change;
    /// slot 2 holds the terms fixed for life plus the open/closed flag, read by purchases, disputes and rulings.
    /// uint24 windows hold up to 194 days, above MAX_WINDOW; uint96 prices reach 7.9e28 base units.
    struct StoredListing {
        // slot 0
        address seller;
        uint32 stock;
        uint32 version;
        uint32 orderCount;
        // slot 1
        address token;
        uint96 price;
        // slot 2
        address arbiter;
        uint24 fulfillmentWindow;
        uint24 confirmationWindow;
        uint16 arbiterFeeBps;
        bool closed;
    }

    /// @inheritdoc IListingRegistry
    address public immutable escrow;

    /// @dev Packed into one slot, so that `createListing` reads the pause and the counter with one SLOAD.
    uint64 private _listingCount;
    /// @dev New listings are refused while `block.timestamp < _pausedUntil`; a pause lapses by itself.
    uint40 private _pausedUntil;

    mapping(uint256 listingId => StoredListing listing) private _listings;

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert ListingRegistryNotEscrow(msg.sender);
        _;
    }

    constructor() {
        escrow = msg.sender;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Seller functions
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IListingRegistry
    function createListing(ListingTerms calldata terms) external returns (uint256 listingId) {
        uint256 pauseEnd = _pausedUntil;
        if (block.timestamp < pauseEnd) revert ListingRegistryPaused(pauseEnd);
        // A payment token without code would accept no transfer in or out (and a call to an empty account
        // succeeds silently); it is refused here rather than found out by a buyer.
        if (terms.token != address(0) && terms.token.code.length == 0) revert ListingRegistryInvalidToken(terms.token);
        _checkPrice(terms.price);
        if (terms.stock == 0 || terms.stock > LISTING_MAX_STOCK) revert ListingRegistryInvalidStock(terms.stock);
        if (terms.arbiter == address(0) || terms.arbiter == msg.sender) {
            revert ListingRegistryInvalidArbiter(terms.arbiter);
        }
        if (terms.arbiterFeeBps > MAX_ARBITER_FEE_BPS) {
            revert ListingRegistryArbiterFeeTooHigh(terms.arbiterFeeBps, MAX_ARBITER_FEE_BPS);
        }
        _checkWindow(terms.fulfillmentWindow);
        _checkWindow(terms.confirmationWindow);
        if (terms.metadataDigest == bytes32(0)) revert ListingRegistryEmptyMetadata();

        // A uint64 counter incremented by one per transaction cannot overflow.
        unchecked {
            listingId = ++_listingCount;
        }
        // Every narrowing below was bounds-checked above.
        _listings[listingId] = StoredListing({
            seller: msg.sender,
            stock: uint32(terms.stock),
            version: 1,
            orderCount: 0,
            token: terms.token,
            price: uint96(terms.price),
            arbiter: terms.arbiter,
            fulfillmentWindow: uint24(terms.fulfillmentWindow),
            confirmationWindow: uint24(terms.confirmationWindow),
            arbiterFeeBps: uint16(terms.arbiterFeeBps),
            closed: false
        });
        emit ListingCreated(
            listingId,
            msg.sender,
            terms.token,
            terms.price,
            terms.stock,
            terms.arbiter,
            terms.arbiterFeeBps,
            terms.fulfillmentWindow,
            terms.confirmationWindow,
            terms.metadataDigest,
            1
        );
    }

    /// @inheritdoc IListingRegistry
    function updateListing(uint256 listingId, uint256 price, int256 stockDelta, bytes32 metadataDigest) external {
        StoredListing storage listing = _sellersListing(listingId);
        _checkPrice(price);
        uint256 stock = listing.stock;
        if (stockDelta < 0) {
            if (stockDelta < -int256(stock)) revert ListingRegistryStockUnderflow(listingId, stockDelta, stock);
            // -stock <= stockDelta < 0 here, so negating it cannot overflow and the difference stays >= 0.
            unchecked {
                stock -= uint256(-stockDelta);
            }
        } else if (stockDelta > 0) {
            if (stockDelta > int256(LISTING_MAX_STOCK)) {
                revert ListingRegistryInvalidStock(uint256(stockDelta));
            }
            // Both terms are below 2^32, so the sum cannot overflow.
            unchecked {
                stock += uint256(stockDelta);
            }
            if (stock > LISTING_MAX_STOCK) revert ListingRegistryInvalidStock(stock);
        }

        uint256 version = listing.version;
        if (price != listing.price || metadataDigest != bytes32(0)) {
            // The version only grows through seller transactions; 2^32 of them are out of reach.
            unchecked {
                version += 1;
            }
            listing.version = uint32(version);
            listing.price = uint96(price);
        } else if (stockDelta == 0) {
            revert ListingRegistryNothingToUpdate(listingId);
        }
        // Bounded to 32 bits above.
        listing.stock = uint32(stock);
        emit ListingUpdated(listingId, version, price, stock, stockDelta, metadataDigest);
    }

    /// @inheritdoc IListingRegistry
    function closeListing(uint256 listingId) external {
        StoredListing storage listing = _sellersListing(listingId);
        if (listing.closed) revert ListingRegistryListingClosed(listingId);
        listing.closed = true;
        emit ListingClosed(listingId);
    }

    /// @inheritdoc IListingRegistry
    function reopenListing(uint256 listingId) external {
        StoredListing storage listing = _sellersListing(listingId);
        if (!listing.closed) revert ListingRegistryListingOpen(listingId);
        listing.closed = false;
        emit ListingReopened(listingId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Escrow functions
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IListingRegistry
    function takeStock(uint256 listingId, uint256 quantity, uint256 expectedVersion)
        external
        onlyEscrow
        returns (Purchase memory purchase)
    {
        StoredListing storage listing = _existingListing(listingId);
        if (listing.closed) revert ListingRegistryListingClosed(listingId);
        uint256 version = listing.version;
        if (version != expectedVersion) {
            revert ListingRegistryVersionMismatch(listingId, expectedVersion, version);
        }
        uint256 stock = listing.stock;
        if (quantity > stock) revert ListingRegistryInsufficientStock(listingId, quantity, stock);
        uint256 orderIndex = uint256(listing.orderCount) + 1;
        if (orderIndex > LISTING_MAX_ORDERS) revert ListingRegistryTooManyOrders(listingId);

        // quantity <= stock was checked above; orderIndex fits in 32 bits.
        unchecked {
            listing.stock = uint32(stock - quantity);
        }
        listing.orderCount = uint32(orderIndex);

        purchase = Purchase({
            orderIndex: orderIndex,
            seller: listing.seller,
            token: listing.token,
            price: listing.price,
            arbiter: listing.arbiter,
            fulfillmentWindow: listing.fulfillmentWindow
        });
    }

    /// @inheritdoc IListingRegistry
    function returnStock(uint256 listingId, uint256 quantity) external onlyEscrow returns (address token) {
        StoredListing storage listing = _listings[listingId];
        uint256 stock = uint256(listing.stock) + quantity;
        if (stock > LISTING_MAX_STOCK) stock = LISTING_MAX_STOCK;
        listing.stock = uint32(stock);
        emit StockReturned(listingId, quantity, stock);
        return listing.token;
    }

    /// @inheritdoc IListingRegistry
    function setPausedUntil(uint256 pausedUntil) external onlyEscrow {
        // The escrow passes a uint40 time (or zero); see Escrow.pause.
        _pausedUntil = uint40(pausedUntil);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IListingRegistry
    function paused() external view returns (bool) {
        return block.timestamp < _pausedUntil;
    }

    /// @inheritdoc IListingRegistry
    function listingCount() external view returns (uint256) {
        return _listingCount;
    }

    /// @inheritdoc IListingRegistry
    function getListing(uint256 listingId) external view returns (Listing memory) {
        StoredListing storage listing = _existingListing(listingId);
        return Listing({
            seller: listing.seller,
            token: listing.token,
            price: listing.price,
            stock: listing.stock,
            version: listing.version,
            orderCount: listing.orderCount,
            closed: listing.closed,
            arbiter: listing.arbiter,
            arbiterFeeBps: listing.arbiterFeeBps,
            fulfillmentWindow: listing.fulfillmentWindow,
            confirmationWindow: listing.confirmationWindow
        });
    }

    /// @inheritdoc IListingRegistry
    function orderTerms(uint256 listingId)
        external
        view
        returns (address token, address arbiter, uint256 arbiterFeeBps, uint256 confirmationWindow)
    {
        StoredListing storage listing = _listings[listingId];
        return (listing.token, listing.arbiter, listing.arbiterFeeBps, listing.confirmationWindow);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    function _existingListing(uint256 listingId) private view returns (StoredListing storage listing) {
        listing = _listings[listingId];
        if (listing.seller == address(0)) revert ListingRegistryUnknownListing(listingId);
    }

    function _sellersListing(uint256 listingId) private view returns (StoredListing storage listing) {
        listing = _existingListing(listingId);
        if (listing.seller != msg.sender) revert ListingRegistryNotSeller(listingId, msg.sender);
    }

    function _checkPrice(uint256 price) private pure {
        if (price == 0 || price > LISTING_MAX_PRICE) revert ListingRegistryInvalidPrice(price);
    }

    function _checkWindow(uint256 window) private pure {
        if (window < MIN_WINDOW || window > MAX_WINDOW) {
            revert ListingRegistryInvalidWindow(window, MIN_WINDOW, MAX_WINDOW);
        }
    }
}
