// The Souk SDK: one entry per concern is also exported (`@souk/sdk/contracts`, `/protocol`, `/order-rules`,
// `/schemas`, `/cid`, `/errors`, `/format`, `/car`); this entry re-exports the light ones (the CAR reader is loaded on
// demand).
export * from "./contracts.ts";
export * from "./order-rules.ts";
export * from "./protocol.ts";
export * from "./cid.ts";
export * from "./errors.ts";
export * from "./format.ts";
export * from "./schemas.ts";
