/**
 * The protocol's constants and enums, generated from the contracts by `npm run generate` (never copied by hand):
 * fee caps, windows, bounds of listings and orders, the basis-point scale, order states and rating roles.
 */
export {
  escrowConstants,
  listingRegistryConstants,
  orderStates,
  payoutsConstants,
  ratingRoles,
} from "./generated/protocol.ts";
