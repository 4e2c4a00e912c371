// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @dev Highest unit price of a listing, in the token's base units: prices are stored in 96 bits.
uint256 constant LISTING_MAX_PRICE = type(uint96).max;
/// @dev Highest stock of a listing: stock is stored in 32 bits (returned units saturate here).
uint256 constant LISTING_MAX_STOCK = type(uint32).max;
/// @dev Most orders one listing can take: order ids are `listingId << 32 | n` with n from 1.
uint256 constant LISTING_MAX_ORDERS = type(uint32).max;

/// @title Souk listing registry
/// @notice Sellers publish goods and services here. A listing fixes its payment token, arbiter, arbiter fee and
/// time windows for life; its seller may change the unit price, the stock and the metadata, and may close and
/// reopen it. Every change of price or metadata increments the listing's version, so that a buyer who passes the
/// version they saw can never pay a price or buy a description they did not see. Stock is taken and given back only
/// by the escrow contract that deployed this registry, and the seller changes it by a delta, so that units sold while
/// the seller's edit was pending are never put back on sale. The registry has no owner: its one switch (the pause of
/// new listings) is thrown by the escrow together with the pause of new purchases.
/// @dev The listing's text and images live on IPFS. `metadataDigest` is the sha2-256 digest of the metadata JSON
/// stored as one raw block, so its CIDv1 is `bafkrei...` = multibase(base32, 0x01 0x55 0x12 0x20 ‖ digest).
/// The digest is carried by events only (see `ListingCreated` and `ListingUpdated`): it is not needed by any rule
/// of the protocol, and keeping it out of storage saves a 22,100-gas slot on every listing.
interface IListingRegistry {
    /// @notice The terms a seller chooses when creating a listing.
    /// @param token The ERC-20 payment token, or address(0) for ETH.
    /// @param price Unit price in the token's smallest unit; 1 <= price <= type(uint96).max.
    /// @param stock Units available; 1 <= stock <= type(uint32).max.
    /// @param arbiter Neutral third party who rules disputes; neither zero nor the seller.
    /// @param arbiterFeeBps Arbiter's fee in basis points of the order amount, paid only when the arbiter rules.
    /// @param fulfillmentWindow Seconds the seller has to fulfil an order after the purchase.
    /// @param confirmationWindow Seconds the buyer has after fulfilment to confirm or dispute.
    /// @param metadataDigest sha2-256 digest of the metadata JSON (one raw IPFS block).
    struct ListingTerms {
        address token;
        uint256 price;
        uint256 stock;
        address arbiter;
        uint256 arbiterFeeBps;
        uint256 fulfillmentWindow;
        uint256 confirmationWindow;
        bytes32 metadataDigest;
    }

    /// @notice A listing as returned by `getListing`.
    /// @param version Starts at 1; incremented by every change of price or metadata.
    /// @param orderCount Orders placed on this listing so far (order ids are derived from it).
    struct Listing {
        address seller;
        address token;
        uint256 price;
        uint256 stock;
        uint256 version;
        uint256 orderCount;
        bool closed;
        address arbiter;
        uint256 arbiterFeeBps;
        uint256 fulfillmentWindow;
        uint256 confirmationWindow;
    }

    /// @notice What the escrow needs to open an order, returned by `takeStock`.
    struct Purchase {
        uint256 orderIndex;
        address seller;
        address token;
        uint256 price;
        address arbiter;
        uint256 fulfillmentWindow;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice A listing was created with version 1 and is open.
    event ListingCreated(
        uint256 indexed listingId,
        address indexed seller,
        address indexed token,
        uint256 price,
        uint256 stock,
        address arbiter,
        uint256 arbiterFeeBps,
        uint256 fulfillmentWindow,
        uint256 confirmationWindow,
        bytes32 metadataDigest,
        uint256 version
    );

    /// @notice The seller changed price, stock and/or metadata. `price` and `stock` are the new values (`stock` after
    /// adding `stockDelta`); `metadataDigest` is the new digest, or zero when the metadata did not change. `version`
    /// is the listing's version after the update (unchanged when only the stock changed).
    event ListingUpdated(
        uint256 indexed listingId,
        uint256 version,
        uint256 price,
        uint256 stock,
        int256 stockDelta,
        bytes32 metadataDigest
    );

    /// @notice The seller closed the listing: no purchase is possible until it is reopened.
    event ListingClosed(uint256 indexed listingId);

    /// @notice The seller reopened a closed listing.
    event ListingReopened(uint256 indexed listingId);

    /// @notice Units of a declined or cancelled order came back; `stock` is the new stock.
    /// @dev Purchases do not emit a registry event: the escrow's `OrderPlaced` carries the listing id and quantity,
    /// and a purchase lowers the stock by exactly that quantity.
    event StockReturned(uint256 indexed listingId, uint256 quantity, uint256 stock);

    // ---------------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice No listing has this id.
    error ListingRegistryUnknownListing(uint256 listingId);
    /// @notice New listings are paused until `pausedUntil` (type(uint40).max: until governance lifts the pause).
    error ListingRegistryPaused(uint256 pausedUntil);
    /// @notice The payment token is not address(0) (ETH) and has no code: payments in it could never move.
    error ListingRegistryInvalidToken(address token);
    /// @notice The stock change would take the stock below zero (`stock` units are left).
    error ListingRegistryStockUnderflow(uint256 listingId, int256 stockDelta, uint256 stock);
    /// @notice Only the listing's seller may do this.
    error ListingRegistryNotSeller(uint256 listingId, address caller);
    /// @notice Only the escrow contract may take or return stock.
    error ListingRegistryNotEscrow(address caller);
    /// @notice The price is zero or does not fit in 96 bits.
    error ListingRegistryInvalidPrice(uint256 price);
    /// @notice The stock is zero at creation, or a stock (at creation or after an update) does not fit in 32 bits.
    error ListingRegistryInvalidStock(uint256 stock);
    /// @notice The arbiter is the zero address or the seller.
    error ListingRegistryInvalidArbiter(address arbiter);
    /// @notice The arbiter fee is above `MAX_ARBITER_FEE_BPS`.
    error ListingRegistryArbiterFeeTooHigh(uint256 arbiterFeeBps, uint256 maxBps);
    /// @notice A window is outside [MIN_WINDOW, MAX_WINDOW].
    error ListingRegistryInvalidWindow(uint256 window, uint256 minWindow, uint256 maxWindow);
    /// @notice The metadata digest is zero.
    error ListingRegistryEmptyMetadata();
    /// @notice An update that changes nothing.
    error ListingRegistryNothingToUpdate(uint256 listingId);
    /// @notice The listing is closed.
    error ListingRegistryListingClosed(uint256 listingId);
    /// @notice The listing is already open.
    error ListingRegistryListingOpen(uint256 listingId);
    /// @notice The listing's price or metadata changed since the buyer saw it.
    error ListingRegistryVersionMismatch(uint256 listingId, uint256 expectedVersion, uint256 currentVersion);
    /// @notice The purchase asks for more units than the listing has.
    error ListingRegistryInsufficientStock(uint256 listingId, uint256 requested, uint256 available);
    /// @notice The listing has taken the maximum number of orders (2^32 - 1).
    error ListingRegistryTooManyOrders(uint256 listingId);

    // ---------------------------------------------------------------------------------------------------------------
    // Seller functions
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Publishes a listing owned by the caller. Reverts while new listings are paused.
    /// @return listingId The new listing's id (ids start at 1 and increase by 1).
    function createListing(ListingTerms calldata terms) external returns (uint256 listingId);

    /// @notice Sets a listing's price, adds `stockDelta` to its stock and, when `metadataDigest` is not zero, sets its
    /// metadata. A new price or new metadata increments the version; a stock-only change does not.
    /// Allowed on open and closed listings, and while paused (it creates nothing new).
    /// @dev The stock changes by a delta, never to an absolute number: a purchase mined while the seller's edit was
    /// pending has already taken its units, and the edit cannot put them back on sale.
    /// @param stockDelta Units to add (positive) or withdraw from sale (negative); the result may be zero (sold out)
    /// and must fit in 32 bits.
    /// @param metadataDigest The new metadata digest, or zero to keep the current metadata.
    function updateListing(uint256 listingId, uint256 price, int256 stockDelta, bytes32 metadataDigest) external;

    /// @notice Closes an open listing; open orders are unaffected.
    function closeListing(uint256 listingId) external;

    /// @notice Reopens a closed listing.
    function reopenListing(uint256 listingId) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Escrow functions
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Takes `quantity` units for a new order, checking that the listing is open, unchanged since
    /// `expectedVersion` and in stock. Callable by the escrow only.
    function takeStock(uint256 listingId, uint256 quantity, uint256 expectedVersion)
        external
        returns (Purchase memory purchase);

    /// @notice Gives back the units of a declined or cancelled order. Callable by the escrow only. The stock
    /// saturates at type(uint32).max rather than revert, so that no exit of an order can ever be blocked.
    /// @return token The listing's payment token, in which the escrow refunds the order.
    function returnStock(uint256 listingId, uint256 quantity) external returns (address token);

    /// @notice Pauses new listings until `pausedUntil` (zero or a past time lifts the pause). Callable by the escrow
    /// only: governance and the pause guardian throw one switch on the escrow, which pauses both contracts.
    function setPausedUntil(uint256 pausedUntil) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Shortest fulfilment or confirmation window: 1 hour.
    function MIN_WINDOW() external view returns (uint256);

    /// @notice Longest fulfilment or confirmation window: 90 days.
    function MAX_WINDOW() external view returns (uint256);

    /// @notice Highest arbiter fee: 1,000 basis points (10%).
    function MAX_ARBITER_FEE_BPS() external view returns (uint256);

    /// @notice The escrow contract allowed to take and return stock, fixed at deployment.
    function escrow() external view returns (address);

    /// @notice Whether new listings are paused now.
    function paused() external view returns (bool);

    /// @notice Number of listings created so far; ids run from 1 to `listingCount()`.
    function listingCount() external view returns (uint256);

    /// @notice A listing's current state. Reverts for an unknown id.
    function getListing(uint256 listingId) external view returns (Listing memory);

    /// @notice The terms fixed for the life of a listing that its orders need after they are placed.
    function orderTerms(uint256 listingId)
        external
        view
        returns (address token, address arbiter, uint256 arbiterFeeBps, uint256 confirmationWindow);
}
