import type { Address } from "viem";

import type { DeploymentRecord, KnownToken, PriceFeedRecord } from "./deployment-types.ts";
import { deployments } from "./generated/deployments.ts";
import { orderStates, ratingRoles } from "./generated/protocol.ts";

export {
  aggregatorV3Abi,
  demoGoldAbi,
  demoTokenAbi,
  escrowAbi,
  escrowEventsAbi,
  listingRegistryAbi,
  listingRegistryEventsAbi,
  reputationAbi,
  reputationEventsAbi,
  soukErrorsAbi,
  timelockAbi,
} from "./generated/abis.ts";
export { deployments };
export type { DeploymentRecord, KnownToken, PriceFeedRecord };

/** ETH is token address zero in listings and credits. */
export const ETH = "0x0000000000000000000000000000000000000000" as const satisfies Address;

/** Order states, in the order of the contract's enum (index = on-chain value); generated from IEscrow.OrderState. */
export const ORDER_STATES = orderStates;
export type OrderStateName = (typeof ORDER_STATES)[number];

/** States in which an order holds money and can still move. */
export const OPEN_STATES: readonly OrderStateName[] = ["Funded", "Fulfilled", "Disputed"];

/** Rating roles, in the order of the contract's enum; generated from IReputation.Role. */
export const ROLES = ratingRoles;
export type RoleName = (typeof ROLES)[number];

/** The deployment on `chainId`, or undefined when Souk is not deployed there. */
export function getDeployment(chainId: number): DeploymentRecord | undefined {
  return deployments[chainId];
}

/** Chain ids with a deployment. */
export function deployedChainIds(): number[] {
  return Object.keys(deployments).map(Number);
}

/** Order ids are `listingId << 32 | n` (n counts the listing's orders from 1). */
export function listingOfOrder(orderId: bigint): bigint {
  return orderId >> 32n;
}

/** The n-th order (from 1) of a listing. */
export function orderIdOf(listingId: bigint, n: bigint): bigint {
  return (listingId << 32n) | n;
}

/** Short, readable order reference: `#<listing>-<n>`. */
export function orderLabel(orderId: bigint): string {
  return `#${orderId >> 32n}-${orderId & 0xffffffffn}`;
}
