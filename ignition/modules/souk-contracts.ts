import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";

/**
 * The marketplace's three contracts wired together: the Escrow, the ListingRegistry it creates in its constructor
 * (so that only this escrow can ever take stock), and the Reputation contract reading the escrow's orders.
 * Shared by the local module (owner: an account) and the governed one (owner: a timelock).
 */
export function deploySouk(
  m: IgnitionModuleBuilder,
  owner: ArgumentType,
  feeRecipient: ArgumentType,
  protocolFeeBps: ArgumentType,
  pauseGuardian: ArgumentType,
) {
  const escrow = m.contract("Escrow", [owner, feeRecipient, protocolFeeBps, pauseGuardian]);
  const registry = m.contractAt("ListingRegistry", m.staticCall(escrow, "registry"));
  const reputation = m.contract("Reputation", [escrow]);
  return { escrow, registry, reputation };
}
