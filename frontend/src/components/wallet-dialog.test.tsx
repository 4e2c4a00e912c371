import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WagmiProvider, type Connector } from "wagmi";

import { createWagmiConfig } from "../app/wagmi.ts";
import { walletChoices, WalletDialog } from "./wallet-dialog.tsx";

const connector = (id: string, type: string, name: string) => ({ id, type, name, uid: id }) as unknown as Connector;
const generic = connector("injected", "injected", "Injected");
const metamask = connector("io.metamask", "injected", "MetaMask");
const walletConnect = connector("walletConnect", "walletConnect", "WalletConnect");

describe("walletChoices", () => {
  it("offers the announced wallets, not the generic injected connector that duplicates them", () => {
    expect(walletChoices([generic, metamask, walletConnect], true)).toEqual([metamask, walletConnect]);
  });

  it("offers the generic connector for a plain window.ethereum that announced nothing", () => {
    expect(walletChoices([generic], true)).toEqual([generic]);
  });

  it("offers nothing injected when the browser has no wallet at all", () => {
    expect(walletChoices([generic], false)).toEqual([]);
    expect(walletChoices([generic, walletConnect], false)).toEqual([walletConnect]);
  });
});

describe("WalletDialog", () => {
  afterEach(() => {
    delete (window as { ethereum?: unknown }).ethereum;
  });

  function openDialog() {
    render(
      <WagmiProvider config={createWagmiConfig()}>
        <QueryClientProvider client={new QueryClient()}>
          <WalletDialog open onClose={() => undefined} />
        </QueryClientProvider>
      </WagmiProvider>,
    );
    return screen.getByRole("dialog");
  }

  it("without any wallet: says browsing needs none, and where to get one, instead of a button that cannot work", () => {
    const dialog = openDialog();
    expect(dialog.getAttribute("aria-label")).toBe("No wallet in this browser");
    expect(dialog.textContent).toContain("You do not need a wallet to look around: every listing, description, review and profile is open to all.");
    expect(dialog.textContent).toContain("To buy, sell, rate or message, you need a wallet");
    expect(within(dialog).getByRole("link", { name: "MetaMask" }).getAttribute("href")).toBe("https://metamask.io/download/");
    expect(within(dialog).getByRole("link", { name: "Rabby" }).getAttribute("href")).toBe("https://rabby.io/");
    expect(within(dialog).queryByRole("button", { name: /Browser wallet/ })).toBeNull();
    expect(dialog.textContent).not.toContain("Provider not found");
  });

  it("with a plain window.ethereum: offers it as the browser wallet", () => {
    (window as { ethereum?: unknown }).ethereum = { request: async () => [] };
    const dialog = openDialog();
    expect(dialog.getAttribute("aria-label")).toBe("Connect a wallet");
    expect(within(dialog).getByRole("button", { name: /Browser wallet/ })).toBeTruthy();
    expect(dialog.textContent).not.toContain("You do not need a wallet");
  });
});
