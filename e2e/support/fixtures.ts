/**
 * Test fixtures: the stack's addresses, a fresh funded account whenever a test needs a new person, an injected
 * wallet holding the test's accounts, chain-time controls, direct chain reads for assertions, and the page's console
 * saved next to the screenshot when a test fails.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { demoGoldAbi, demoTokenAbi, escrowAbi, listingRegistryAbi, ORDER_STATES, reputationAbi } from "@souk/sdk/contracts";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  numberToHex,
  parseEther,
  type Abi,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type EncodeFunctionDataParameters,
  type LocalAccount,
  type PublicClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { rpc } from "../../scripts/local/chain.ts";
import { readStack, type Stack } from "./stack.ts";
import { TestWallet } from "./wallet.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
/** Accounts 0-19 are the node's; 0-6 are used by the seed. Each test run takes fresh ones from 100 on. */
let nextAccount = 100 + (Date.now() % 1000) * 50;

export class Market {
  readonly client: PublicClient;
  readonly chain: Chain;

  constructor(readonly stack: Stack) {
    this.chain = {
      id: stack.chainId,
      name: "Souk local",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [stack.rpcUrl] } },
    };
    this.client = createPublicClient({ chain: this.chain, transport: http(stack.rpcUrl), pollingInterval: 50 });
  }

  /** A node method viem has no action for (hardhat_*, evm_*). */
  rpc<T>(method: string, params: unknown[] = []): Promise<T> {
    return rpc<T>(this.stack.rpcUrl, method, params);
  }

  /** A new person with 1,000 ETH and, when asked, demo tokens. */
  async freshAccount(options: { tokens?: boolean } = {}): Promise<LocalAccount> {
    const account = mnemonicToAccount(MNEMONIC, { addressIndex: nextAccount++ });
    await this.rpc("hardhat_setBalance", [account.address, numberToHex(parseEther("1000"))]);
    if (options.tokens === true) {
      for (const token of this.stack.tokens) {
        await this.write(account, token.address, token.permit ? demoTokenAbi : demoGoldAbi, "faucet", [
          account.address,
          10_000n * 10n ** BigInt(token.decimals),
        ]);
      }
    }
    return account;
  }

  /** A transaction straight to the chain (for setting up what a test is not about). */
  async write<const abi extends Abi, functionName extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    account: LocalAccount,
    address: Address,
    abi: abi,
    functionName: functionName,
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>,
    value?: bigint,
  ) {
    const wallet = createWalletClient({ account, chain: this.chain, transport: http(this.stack.rpcUrl) });
    const data = encodeFunctionData<abi, functionName>({ abi, functionName, args } as EncodeFunctionDataParameters<abi, functionName>);
    const hash = await wallet.sendTransaction({ to: address, data, value });
    const receipt = await this.client.waitForTransactionReceipt({ hash });
    expect(receipt.status, `${functionName} succeeded`).toBe("success");
    return receipt;
  }

  /** Moves the chain's clock forward (and mines a block so the dApp sees the new time). */
  async increaseTime(seconds: number | bigint): Promise<void> {
    await this.rpc("evm_increaseTime", [Number(seconds)]);
    await this.rpc("evm_mine");
  }

  async order(orderId: bigint) {
    const view = await this.client.readContract({ address: this.stack.escrow, abi: escrowAbi, functionName: "getOrder", args: [orderId] });
    return { ...view, stateName: ORDER_STATES[view.state] };
  }

  credit(account: Address, token: Address = "0x0000000000000000000000000000000000000000") {
    return this.client.readContract({ address: this.stack.escrow, abi: escrowAbi, functionName: "creditOf", args: [account, token] });
  }

  listing(listingId: bigint) {
    return this.client.readContract({ address: this.stack.registry, abi: listingRegistryAbi, functionName: "getListing", args: [listingId] });
  }

  stats(account: Address) {
    return this.client.readContract({ address: this.stack.reputation, abi: reputationAbi, functionName: "statsOf", args: [account] });
  }

  async lastOrderOf(buyer: Address): Promise<bigint> {
    const logs = await this.client.getContractEvents({ address: this.stack.escrow, abi: escrowAbi, eventName: "OrderPlaced", args: { buyer }, fromBlock: 0n });
    const last = logs.at(-1);
    if (last === undefined) throw new Error(`No order placed by ${buyer}`);
    return last.args.orderId!;
  }
}

interface Fixtures {
  stack: Stack;
  market: Market;
  /** Creates a wallet extension in the page's context holding `accounts` (the first is selected). */
  makeWallet: (accounts: LocalAccount[]) => Promise<TestWallet>;
  consoleLog: string[];
}

export const test = base.extend<Fixtures>({
  stack: async ({}, use) => use(readStack()),
  market: async ({ stack }, use) => use(new Market(stack)),
  baseURL: async ({ stack }, use) => use(stack.appUrl),
  makeWallet: async ({ context, stack }, use) => {
    await use(async (accounts) => {
      const wallet = new TestWallet({ accounts, rpcUrl: stack.rpcUrl, chainId: stack.chainId, otherChainIds: [1, 11155111] });
      await wallet.install(context);
      return wallet;
    });
  },
  consoleLog: [
    async ({ page }, use, testInfo) => {
      const lines: string[] = [];
      page.on("console", (message) => lines.push(`[${message.type()}] ${message.text()}`));
      page.on("pageerror", (error) => lines.push(`[pageerror] ${error.message}`));
      await use(lines);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("console.log", { body: lines.join("\n"), contentType: "text/plain" });
      }
      // React Router warns on every first load when a lazily loaded page has nothing to show meanwhile.
      expect(lines.filter((line) => line.includes("HydrateFallback")), "React Router's HydrateFallback warning").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Connects the page to the wallet through the dApp's wallet dialog. */
export async function connect(page: Page, walletName = "Souk Test Wallet"): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).first().click();
  await page.getByRole("button", { name: new RegExp(walletName) }).click();
  await expect(page.getByRole("button", { name: "Connect wallet" })).toHaveCount(0);
}
