import { connect, expect, test } from "./support/fixtures.ts";

test("the harness serves the production build and the wallet connects", async ({ page, market, makeWallet }) => {
  const buyer = await market.freshAccount();
  await makeWallet([buyer]);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator('main a[href^="/listing/"]').first()).toBeVisible();
  await connect(page);
  await expect(page.getByRole("button", { name: "Connect wallet" })).toHaveCount(0);
  expect(await market.client.getBalance({ address: buyer.address })).toBeGreaterThan(0n);
});
