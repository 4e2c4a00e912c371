/**
 * A test wallet that behaves like a browser extension: it is injected before the dApp loads, announces itself
 * through EIP-6963 and as `window.ethereum`, and answers EIP-1193 requests. Keys stay in the test process: the page
 * forwards each request over a Playwright binding, and the test signs transactions and EIP-712 data (permits) with
 * viem, sends them to the node, and can reject a request the way a person would (error 4001), switch accounts or
 * chains mid-session, and emit `accountsChanged` / `chainChanged`.
 */
import type { BrowserContext, Page } from "@playwright/test";
import {
  createWalletClient,
  http,
  numberToHex,
  type Chain,
  type Hex,
  type LocalAccount,
  type TransactionRequest,
} from "viem";

export interface WalletOptions {
  accounts: LocalAccount[];
  rpcUrl: string;
  chainId: number;
  /** Chains the wallet knows how to switch to (the dApp's chain plus, for tests, a wrong one). */
  otherChainIds?: number[];
  name?: string;
}

type PendingMode = "approve" | "reject";

export class TestWallet {
  private accountIndex = 0;
  private connected = false;
  private chainId: number;
  private nextMode: PendingMode[] = [];
  readonly requests: Array<{ method: string; outcome: "approved" | "rejected" | "forwarded" }> = [];
  private pages = new Set<Page>();

  constructor(private readonly options: WalletOptions) {
    this.chainId = options.chainId;
  }

  get account(): LocalAccount {
    return this.options.accounts[this.accountIndex]!;
  }

  get address(): Hex {
    return this.account.address;
  }

  /** Installs the wallet into every page of the context (current and future). */
  async install(context: BrowserContext): Promise<void> {
    await context.exposeBinding("__soukWalletRequest", async (source, request: { method: string; params?: unknown[] }) => {
      if (source.page !== null) this.pages.add(source.page);
      return this.handle(request.method, request.params ?? []);
    });
    await context.addInitScript({ content: injected(this.options.name ?? "Souk Test Wallet") });
  }

  /** The next wallet prompt (connect, send, sign, switch) is refused as a person would refuse it. */
  rejectNext(): void {
    this.nextMode.push("reject");
  }

  /** Switches to another of the wallet's accounts and tells the dApp, like choosing an account in an extension. */
  async switchAccount(index: number): Promise<void> {
    this.accountIndex = index;
    if (this.connected) await this.emit("accountsChanged", [this.address]);
  }

  /** Moves the wallet to another chain and tells the dApp. */
  async switchChain(chainId: number): Promise<void> {
    this.chainId = chainId;
    await this.emit("chainChanged", numberToHex(chainId));
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    await this.emit("accountsChanged", []);
  }

  private async emit(event: string, payload: unknown): Promise<void> {
    for (const page of this.pages) {
      if (page.isClosed()) continue;
      await page.evaluate(`window.__soukWalletEmit(${JSON.stringify(event)}, ${JSON.stringify(payload)})`);
    }
  }

  private prompt(method: string): void {
    const mode = this.nextMode.shift() ?? "approve";
    this.requests.push({ method, outcome: mode === "reject" ? "rejected" : "approved" });
    if (mode === "reject") throw { code: 4001, message: "User rejected the request." };
  }

  private chain(): Chain {
    return {
      id: this.chainId,
      name: `Chain ${this.chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [this.options.rpcUrl] } },
    };
  }

  private async handle(method: string, params: unknown[]): Promise<unknown> {
    try {
      return await this.dispatch(method, params);
    } catch (error) {
      const e = error as { code?: number; message?: string; data?: unknown };
      return { __error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data } };
    }
  }

  private async dispatch(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case "eth_requestAccounts":
        if (!this.connected) {
          this.prompt(method);
          this.connected = true;
        }
        return [this.address];
      case "eth_accounts":
        return this.connected ? [this.address] : [];
      case "eth_chainId":
        return numberToHex(this.chainId);
      case "net_version":
        return String(this.chainId);
      case "wallet_requestPermissions":
        this.prompt(method);
        this.connected = true;
        return [{ parentCapability: "eth_accounts" }];
      case "wallet_getPermissions":
        return this.connected ? [{ parentCapability: "eth_accounts" }] : [];
      case "wallet_revokePermissions":
        this.connected = false;
        return null;
      case "wallet_switchEthereumChain": {
        const target = Number.parseInt((params[0] as { chainId: string }).chainId, 16);
        const known = [this.options.chainId, ...(this.options.otherChainIds ?? [])];
        if (!known.includes(target)) throw { code: 4902, message: `Unrecognized chain ID ${target}.` };
        this.prompt(method);
        if (target !== this.chainId) {
          this.chainId = target;
          await this.emit("chainChanged", numberToHex(target));
        }
        return null;
      }
      case "wallet_addEthereumChain":
        this.prompt(method);
        return null;
      case "eth_sendTransaction": {
        this.requireConnected();
        this.prompt(method);
        const tx = params[0] as Record<string, Hex | undefined>;
        const client = createWalletClient({ account: this.account, chain: this.chain(), transport: http(this.options.rpcUrl) });
        const request: TransactionRequest = {
          to: tx.to,
          data: tx.data ?? tx.input,
          value: tx.value === undefined ? undefined : BigInt(tx.value),
          gas: tx.gas === undefined ? undefined : BigInt(tx.gas),
        };
        return client.sendTransaction({ ...request, account: this.account, chain: this.chain() });
      }
      case "eth_signTypedData_v4": {
        this.requireConnected();
        this.prompt(method);
        const [signer, raw] = params as [string, string | object];
        if (signer.toLowerCase() !== this.address.toLowerCase()) throw { code: 4100, message: "Unknown signer." };
        const typed = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
          domain: Record<string, unknown>;
          types: Record<string, Array<{ name: string; type: string }>>;
          primaryType: string;
          message: Record<string, unknown>;
        };
        const { EIP712Domain: _, ...types } = typed.types;
        return this.account.signTypedData!({ domain: typed.domain, types, primaryType: typed.primaryType, message: typed.message });
      }
      case "personal_sign": {
        this.requireConnected();
        this.prompt(method);
        return this.account.signMessage!({ message: { raw: params[0] as Hex } });
      }
      default:
        return this.forward(method, params);
    }
  }

  private requireConnected(): void {
    if (!this.connected) throw { code: 4100, message: "The wallet is not connected to this site." };
  }

  private async forward(method: string, params: unknown[]): Promise<unknown> {
    this.requests.push({ method, outcome: "forwarded" });
    const response = await fetch(this.options.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error !== undefined) throw body.error;
    return body.result;
  }
}

/**
 * Runs in the page before any of its scripts. Plain JavaScript in a string: a TypeScript function would be
 * serialized after the test runner's transpiler added helpers the page does not have.
 */
const injected = (name: string) => `(() => {
  const listeners = new Map();
  const request = async ({ method, params }) => {
    const result = await window.__soukWalletRequest({ method, params });
    const failure = result && result.__error;
    if (failure) {
      const error = new Error(failure.message);
      error.code = failure.code;
      error.data = failure.data;
      throw error;
    }
    return result;
  };
  const provider = {
    isSoukTestWallet: true,
    request,
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return provider;
    },
    removeListener(event, listener) {
      const set = listeners.get(event);
      if (set) set.delete(listener);
      return provider;
    },
  };
  window.__soukWalletEmit = (event, payload) => {
    for (const listener of listeners.get(event) || []) listener(payload);
  };
  Object.defineProperty(window, "ethereum", { value: provider, configurable: true });
  const icon = "data:image/svg+xml;base64," + btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#7c3aed"/><path d="M9 16h14M16 9v14" stroke="#fff" stroke-width="3"/></svg>');
  const info = Object.freeze({ uuid: "5f1f4e8a-0b8b-4cf2-9a77-6a1f0d1c2b33", name: ${JSON.stringify(name)}, icon, rdns: "dev.souk.testwallet" });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();`;
