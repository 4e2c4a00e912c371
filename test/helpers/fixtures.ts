import { createHash } from "node:crypto";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import SoukModule from "../../ignition/modules/Souk.js";
import type { DemoToken, Escrow, ListingRegistry, Reputation } from "../../types/ethers-contracts/index.js";

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
export const ZERO_DIGEST = "0x" + "00".repeat(32);
export const HOUR = 3_600n;
export const DAY = 24n * HOUR;
export const PROTOCOL_FEE_BPS = 100n;

/** sha2-256 of a label: stands in for the digest of a document stored on IPFS. */
export function digest(label: string): string {
  return "0x" + createHash("sha256").update(label).digest("hex");
}

/** Default listing terms used across the tests. */
export const TERMS = {
  price: 10n ** 18n,
  stock: 100n,
  arbiterFeeBps: 200n,
  fulfillmentWindow: 3n * DAY,
  confirmationWindow: 7n * DAY,
  metadataDigest: digest("listing metadata"),
  noteDigest: digest("tracking number"),
  evidenceDigest: digest("evidence"),
  reviewDigest: digest("review"),
} as const;

export interface Accounts {
  deployer: HardhatEthersSigner;
  seller: HardhatEthersSigner;
  buyer: HardhatEthersSigner;
  arbiter: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  buyer2: HardhatEthersSigner;
  feeRecipient: HardhatEthersSigner;
}

export interface Marketplace {
  escrow: Escrow;
  registry: ListingRegistry;
  reputation: Reputation;
  token: DemoToken;
  accounts: Accounts;
  connection: NetworkConnection;
}

let arbiterAddress = ZERO_ADDRESS;

/** Listing terms with the arbiter of the current fixture, overridable field by field. */
export function listingTerms(overrides: Partial<Record<keyof typeof TERMS | "token" | "arbiter", unknown>> = {}) {
  return {
    token: ZERO_ADDRESS,
    price: TERMS.price,
    stock: TERMS.stock,
    arbiter: arbiterAddress,
    arbiterFeeBps: TERMS.arbiterFeeBps,
    fulfillmentWindow: TERMS.fulfillmentWindow,
    confirmationWindow: TERMS.confirmationWindow,
    metadataDigest: TERMS.metadataDigest,
    ...overrides,
  } as {
    token: string;
    price: bigint;
    stock: bigint;
    arbiter: string;
    arbiterFeeBps: bigint;
    fulfillmentWindow: bigint;
    confirmationWindow: bigint;
    metadataDigest: string;
  };
}

/**
 * Deploys the marketplace through the production Ignition module (1% protocol fee to a dedicated recipient), plus
 * an 18-decimal permit token whose faucet funds the buyers.
 */
export async function deployMarketplace(connection: NetworkConnection): Promise<Marketplace> {
  const { ethers, ignition } = connection;
  const [deployer, seller, buyer, arbiter, stranger, buyer2, feeRecipient] = await ethers.getSigners();
  const accounts = { deployer, seller, buyer, arbiter, stranger, buyer2, feeRecipient } as Accounts;
  arbiterAddress = arbiter!.address;

  const deployed = await ignition.deploy(SoukModule, {
    parameters: {
      Souk: {
        owner: deployer!.address,
        feeRecipient: feeRecipient!.address,
        protocolFeeBps: PROTOCOL_FEE_BPS,
      },
    },
  });
  const escrow = (await ethers.getContractAt("Escrow", await deployed.escrow.getAddress())) as unknown as Escrow;
  const registry = (await ethers.getContractAt(
    "ListingRegistry",
    await deployed.registry.getAddress(),
  )) as unknown as ListingRegistry;
  const reputation = (await ethers.getContractAt(
    "Reputation",
    await deployed.reputation.getAddress(),
  )) as unknown as Reputation;

  const token = (await ethers.deployContract("DemoToken", ["Demo Dollar", "DUSD", 18])) as unknown as DemoToken;
  for (const account of [buyer, buyer2, stranger]) {
    await (await token.faucet(account!.address, 1_000n * 10n ** 18n)).wait();
  }
  return { escrow, registry, reputation, token, accounts, connection };
}
