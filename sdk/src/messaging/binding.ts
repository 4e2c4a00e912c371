/**
 * The statement binding an Ethereum account to its Nostr messaging key: EIP-712 typed data signed by the account,
 * published inside the account's Nostr profile so that anyone can check it. Verification goes through a viem public
 * client when one is given, which also accepts contract wallets (ERC-1271) and counterfactual ones (ERC-6492);
 * without one, only externally owned accounts verify.
 */
import { encodeFunctionData, getAddress, hashTypedData, isAddress, isHex, verifyTypedData, type Address, type Hex } from "viem";
import { z } from "zod";

export const BINDING_STATEMENT = "My Souk messages are encrypted to this Nostr key, and my profile is signed with it.";

/** A binding dated more than this in the future is refused (clock skew allowance). */
const MAX_CLOCK_SKEW_SECONDS = 10 * 60;

export const bindingSchema = z.object({
  account: z.string().refine(isAddress, { error: "is not an address" }),
  chainId: z.int().positive(),
  nostrPubkey: z.string().regex(/^[0-9a-f]{64}$/, { error: "must be 64 lowercase hex characters" }),
  issuedAt: z.int().nonnegative(),
  signature: z.string().refine((s) => isHex(s) && s.length >= 132, { error: "is not a signature" }),
});
export type Binding = z.infer<typeof bindingSchema>;

export function bindingTypedData(binding: Pick<Binding, "account" | "chainId" | "nostrPubkey" | "issuedAt">) {
  return {
    domain: { name: "Souk", version: "1", chainId: binding.chainId },
    types: {
      MessagingKeyBinding: [
        { name: "account", type: "address" },
        { name: "nostrPubkey", type: "bytes32" },
        { name: "issuedAt", type: "uint64" },
        { name: "statement", type: "string" },
      ],
    },
    primaryType: "MessagingKeyBinding",
    message: {
      account: getAddress(binding.account),
      nostrPubkey: `0x${binding.nostrPubkey}`,
      issuedAt: BigInt(binding.issuedAt),
      statement: BINDING_STATEMENT,
    },
  } as const;
}

/** What a caller's public client offers (viem's `PublicClient.verifyTypedData`: EOA, ERC-1271 and ERC-6492). */
export interface TypedDataVerifier {
  verifyTypedData(args: ReturnType<typeof bindingTypedData> & { address: Address; signature: Hex }): Promise<boolean>;
}

const ERC1271_MAGIC_VALUE = "0x1626ba7e";
const erc1271Abi = [
  {
    type: "function",
    name: "isValidSignature",
    stateMutability: "view",
    inputs: [
      { name: "hash", type: "bytes32" },
      { name: "signature", type: "bytes" },
    ],
    outputs: [{ name: "magicValue", type: "bytes4" }],
  },
] as const;

/** The JSON-RPC call a verifier needs (a viem client's `request`, or an EIP-1193 provider's). */
export type RpcRequest = (args: { method: "eth_getCode" | "eth_call"; params: unknown[] }) => Promise<unknown>;

/**
 * A verifier over plain JSON-RPC: an externally owned account's signature is recovered locally; for an account with
 * code, the contract is asked (ERC-1271 `isValidSignature`). Light enough for a browser's first page.
 */
export function rpcVerifier(request: RpcRequest): TypedDataVerifier {
  return {
    async verifyTypedData(args) {
      if (await verifyTypedData(args).catch(() => false)) return true;
      const code = (await request({ method: "eth_getCode", params: [args.address, "latest"] })) as Hex;
      if (code === "0x" || code === undefined) return false;
      const data = encodeFunctionData({ abi: erc1271Abi, functionName: "isValidSignature", args: [hashTypedData(args), args.signature] });
      const result = (await request({ method: "eth_call", params: [{ to: args.address, data }, "latest"] }).catch(() => "0x")) as Hex;
      return result.slice(0, 10).toLowerCase() === ERC1271_MAGIC_VALUE;
    },
  };
}

export type BindingCheck = { ok: true; account: Address; binding: Binding } | { ok: false; reason: string };

/**
 * Checks a binding found in a profile signed by `eventPubkey`: well formed, for this chain, for this very Nostr key
 * (a binding copied into another key's profile is refused), not dated in the future, and signed by the account.
 */
export async function verifyBinding(
  raw: unknown,
  context: { eventPubkey: string; chainId: number; now?: number; verifier?: TypedDataVerifier },
): Promise<BindingCheck> {
  const parsed = bindingSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "The binding is malformed." };
  const binding = parsed.data;
  if (binding.nostrPubkey !== context.eventPubkey) {
    return { ok: false, reason: "The binding names another messaging key than the one that signed this profile." };
  }
  if (binding.chainId !== context.chainId) return { ok: false, reason: `The binding is for chain ${binding.chainId}.` };
  const now = context.now ?? Math.floor(Date.now() / 1000);
  if (binding.issuedAt > now + MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: "The binding is dated in the future." };
  const args = { ...bindingTypedData(binding), address: getAddress(binding.account), signature: binding.signature as Hex };
  let valid: boolean;
  try {
    valid = context.verifier !== undefined ? await context.verifier.verifyTypedData(args) : await verifyTypedData(args);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "The account did not sign this binding." };
  return { ok: true, account: getAddress(binding.account), binding };
}
