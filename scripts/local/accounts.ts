import { mnemonicToAccount, type HDAccount } from "viem/accounts";

/** Hardhat's public development mnemonic: its accounts are funded with 10,000 ETH on every local node. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** A development account by index, with its (public, worthless) private key for importing into a wallet. */
export function devAccount(index: number): HDAccount & { privateKey: `0x${string}` } {
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  const privateKey = account.getHdKey().privateKey;
  if (privateKey === null) throw new Error("No private key");
  return Object.assign(account, {
    privateKey: `0x${Buffer.from(privateKey).toString("hex")}` as `0x${string}`,
  });
}

/** Who is who on the local chain. */
export const ROLES = {
  deployer: 0, // owns the contracts and receives protocol fees
  sellers: [1, 2, 3],
  arbiter: 4,
  buyers: [5, 6],
} as const;
