import { decodeError } from "@souk/sdk/errors";
import { formatAmount, formatDuration } from "@souk/sdk/format";
import { orderLabel } from "@souk/sdk/contracts";
import { Suspense, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { erc20Abi } from "viem";
import { useAccount, useBalance, useReadContract, useSwitchChain } from "wagmi";

import { chain } from "../../app/chain.ts";
import { lazyMessaging } from "../../app/load-messaging.ts";
import { Button, Spinner } from "../../components/button.tsx";
import { ConnectButton } from "../../components/connect-button.tsx";
import { PricedAmount } from "../../components/priced-amount.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { usePurchases } from "../../hooks/use-orders.ts";
import type { TokenInfo } from "../../hooks/use-token.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { STATE_INFO } from "../../lib/order-states.ts";
import { formatCount } from "./count.ts";
import { Icon } from "./icons.tsx";
import {
  buyBlocker,
  clampQuantity,
  MAX_ORDER_AMOUNT,
  maxQuantity,
  parseQuantity,
  seenTerms,
  termsChange,
  totalOf,
  type SeenTerms,
} from "./purchase.ts";
import { usePurchase, type Purchase } from "./use-purchase.ts";

const CheckoutAddress = lazyMessaging("CheckoutAddress");

/**
 * The buy panel: price, quantity, total, the buyer's balance and the payment, or the reason this person cannot buy.
 * Mount it with `key={listing.id}`: the terms it remembers as seen belong to one listing.
 */
export function BuyPanel({
  listing,
  token,
  title,
  unavailable,
  loading,
  ships = false,
}: {
  listing: ListingState;
  token: TokenInfo;
  /** The verified title, for the wallet and the notifications. */
  title: string;
  /** Why buying is switched off although the listing is open (its description is not verified), if it is. */
  unavailable: ReactNode | undefined;
  /** The description is still loading: nobody pays for what they have not seen. */
  loading: boolean;
  /** The listing is delivered by post: the buyer gives a delivery address, sent to the seller encrypted. */
  ships?: boolean;
}) {
  const headingId = useId();
  const [seen, setSeen] = useState<SeenTerms>(() => seenTerms(listing));
  const change = termsChange(seen, listing);
  const purchase = usePurchase(listing, token, seen, title);
  const { address, chainId } = useAccount();
  const blocker = buyBlocker(listing, address, chainId, chain.id);

  return (
    <section aria-labelledby={headingId} className="card flex flex-col gap-5 p-5 sm:p-6" data-action-panel>
      <div>
        <h2 id={headingId} className="sr-only">
          Buy this
        </h2>
        <p className="text-3xl font-bold tracking-tight">
          <PricedAmount amount={seen.price} token={listing.token} />
        </p>
        <p className="mt-1 text-sm text-muted">
          per unit · <StockText stock={listing.stock} closed={listing.closed} />
        </p>
      </div>

      {!token.known && (
        <p className="rounded-[var(--radius-control)] bg-warning-soft px-3 py-2 text-sm text-warning">
          This listing is paid in a token Souk does not know ({token.symbol}, {token.address}). Make sure it is the token you
          expect before you buy: anyone can create a token with any name.
        </p>
      )}

      {(change !== undefined || purchase.feedback?.tone === "changed") && (
        <ChangedNotice
          message={purchase.feedback?.tone === "changed" ? purchase.feedback.message : undefined}
          change={change}
          token={listing.token}
          onAccept={() => {
            setSeen(seenTerms(listing));
            purchase.clearFeedback();
          }}
        />
      )}

      {purchase.done === undefined && <YourPurchases listingId={listing.id} token={listing.token} />}

      {purchase.done !== undefined ? (
        <Confirmation done={purchase.done} token={listing.token} fulfillmentWindow={listing.fulfillmentWindow} onAgain={purchase.reset} />
      ) : blocker === "closed" ? (
        <Notice title="This listing is closed">The seller is not selling it right now. They can reopen it at any time.</Notice>
      ) : blocker === "sold-out" ? (
        <Notice title="Sold out">Every unit has been sold. Sellers often restock: check back later.</Notice>
      ) : unavailable !== undefined ? (
        <Notice title="Buying is switched off" tone="warning">
          {unavailable}
        </Notice>
      ) : (
        <OrderForm
          listing={listing}
          token={token}
          seen={seen}
          blocked={change !== undefined || loading}
          blocker={blocker}
          purchase={purchase}
        />
      )}

      {ships && blocker !== "closed" && blocker !== "sold-out" && (
        <Suspense fallback={null}>
          <CheckoutAddress seller={listing.seller} orderId={purchase.done?.orderId} />
        </Suspense>
      )}

      <p className="flex gap-2 border-t border-border pt-4 text-xs text-muted">
        <Icon name="lock" className="mt-px size-4" />
        <span>
          You pay the escrow contract, not the seller. The seller is paid when you confirm delivery, or when the time to
          object has passed.
        </span>
      </p>
    </section>
  );
}

function OrderForm({
  listing,
  token,
  seen,
  blocked,
  blocker,
  purchase,
}: {
  listing: ListingState;
  token: TokenInfo;
  seen: SeenTerms;
  blocked: boolean;
  blocker: ReturnType<typeof buyBlocker>;
  purchase: Purchase;
}) {
  const id = useId();
  const [text, setText] = useState("1");
  const max = maxQuantity(listing.stock);
  const check = parseQuantity(text, max);
  const quantity = check.ok ? check.value : undefined;
  const total = quantity === undefined ? undefined : totalOf(seen.price, quantity);
  const tooLarge = total !== undefined && total > MAX_ORDER_AMOUNT;
  const step = (delta: bigint) => setText(String(clampQuantity((quantity ?? 1n) + delta, max)));
  const canAct = blocker === undefined;
  const balance = useBuyerBalance(token, canAct);
  const short = balance !== undefined && total !== undefined && balance < total;

  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
      }}
      noValidate
    >
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-quantity`} className="text-sm font-semibold">
          Quantity
        </label>
        <div className="flex items-stretch gap-2">
          <button
            type="button"
            className="flex size-11 items-center justify-center rounded-[var(--radius-control)] border border-border bg-surface text-lg hover:bg-surface-muted disabled:opacity-40"
            aria-label="One fewer"
            disabled={quantity === undefined || quantity <= 1n}
            onClick={() => step(-1n)}
          >
            −
          </button>
          <input
            id={`${id}-quantity`}
            className="input h-11 w-24 text-center text-base tabular-nums"
            inputMode="numeric"
            autoComplete="off"
            value={text}
            aria-invalid={!check.ok || undefined}
            aria-describedby={`${id}-quantity-help`}
            onChange={(e) => setText(e.target.value.replace(/[^\d]/g, "").slice(0, 10))}
          />
          <button
            type="button"
            className="flex size-11 items-center justify-center rounded-[var(--radius-control)] border border-border bg-surface text-lg hover:bg-surface-muted disabled:opacity-40"
            aria-label="One more"
            disabled={quantity !== undefined && quantity >= max}
            onClick={() => step(1n)}
          >
            +
          </button>
        </div>
        <p id={`${id}-quantity-help`} className={`text-xs ${check.ok ? "text-muted" : "text-danger"}`}>
          {check.ok ? `${formatCount(max)} available` : check.error}
        </p>
      </div>

      <div className="flex flex-col gap-2 rounded-[var(--radius-control)] bg-surface-muted p-4 text-sm">
        <div className="flex items-baseline justify-between gap-3">
          <span className="font-semibold">Total</span>
          <span className="text-lg font-bold tabular-nums" aria-live="polite">
            {total === undefined ? "—" : <PricedAmount amount={total} token={listing.token} />}
          </span>
        </div>
        {balance !== undefined && (
          <div className="flex items-baseline justify-between gap-3 text-muted">
            <span>Your balance</span>
            <span className="tabular-nums">
              {formatAmount(balance, token.decimals)} {token.symbol}
            </span>
          </div>
        )}
      </div>

      {tooLarge && (
        <p role="alert" className="text-sm text-danger">
          The total is too large for one order: buy fewer units.
        </p>
      )}
      {short && total !== undefined && (
        <p role="alert" className="rounded-[var(--radius-control)] bg-danger-soft px-3 py-2 text-sm text-danger">
          Not enough {token.symbol}: you need {formatAmount(total - balance, token.decimals)} {token.symbol} more for this
          total{purchase.method === "eth" ? ", plus a little ETH for the network fee" : ""}.
        </p>
      )}

      <Actions
        blocker={blocker}
        listing={listing}
        token={token}
        purchase={purchase}
        quantity={quantity}
        total={total}
        disabled={blocked || tooLarge || short || quantity === undefined}
      />

      <Feedback purchase={purchase} />
    </form>
  );
}

function useBuyerBalance(token: TokenInfo, enabled: boolean): bigint | undefined {
  const { address } = useAccount();
  const eth = token.address === "0x0000000000000000000000000000000000000000";
  const native = useBalance({ address, query: { enabled: enabled && eth && address !== undefined, refetchInterval: 8_000 } });
  const erc20 = useReadContract({
    address: token.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: address === undefined ? undefined : [address],
    query: { enabled: enabled && !eth && address !== undefined, refetchInterval: 8_000 },
  });
  if (!enabled) return undefined;
  return eth ? native.data?.value : erc20.data;
}

function Actions({
  blocker,
  listing,
  token,
  purchase,
  quantity,
  total,
  disabled,
}: {
  blocker: ReturnType<typeof buyBlocker>;
  listing: ListingState;
  token: TokenInfo;
  purchase: Purchase;
  quantity: bigint | undefined;
  total: bigint | undefined;
  disabled: boolean;
}) {
  const { switchChain, isPending: switching, error: switchError } = useSwitchChain();
  const busy = purchase.phase !== "idle";

  if (blocker === "disconnected") {
    return (
      <div className="flex flex-col gap-2">
        <ConnectButton label="Connect a wallet to buy" />
        <p className="text-xs text-muted">You will review the payment in your wallet before anything is sent.</p>
      </div>
    );
  }
  if (blocker === "wrong-network") {
    const decoded = switchError === null ? undefined : decodeError(switchError);
    return (
      <div className="flex flex-col gap-2">
        <p className="rounded-[var(--radius-control)] bg-warning-soft px-3 py-2 text-sm text-warning">
          Your wallet is on another network. Souk runs on {chain.name}.
        </p>
        <Button size="lg" busy={switching} onClick={() => switchChain({ chainId: chain.id })}>
          Switch to {chain.name}
        </Button>
        {decoded !== undefined && (
          <p role="status" className="text-sm text-muted">
            {decoded.kind === "rejected" ? "Switch cancelled. Switch networks whenever you are ready." : decoded.message}
          </p>
        )}
      </div>
    );
  }
  if (blocker === "seller") {
    return (
      <Notice title="This is your listing">
        You cannot buy from yourself.{" "}
        <Link to={`/listing/${listing.id}/edit`} className="font-medium text-brand underline">
          Edit the price, stock or description
        </Link>
      </Notice>
    );
  }
  if (blocker === "arbiter") {
    return (
      <Notice title="You are this listing's arbiter">
        The arbiter settles disputes between buyer and seller, so they cannot be a buyer here: that would make them judge
        their own case.
      </Notice>
    );
  }

  const pay =
    total === undefined ? (
      "Pay"
    ) : (
      <span>
        Pay <TokenAmount amount={total} token={listing.token} />
      </span>
    );
  const buyLabel = purchase.phase === "signing" ? "Sign the permit in your wallet…" : purchase.phase === "buying" ? "Confirm in your wallet…" : pay;

  if (purchase.method === "approve") {
    const allowed = purchase.allowance !== undefined && total !== undefined && purchase.allowance >= total;
    return (
      <ol className="flex flex-col gap-3" aria-label="Two steps to pay">
        <li className="flex flex-col gap-2">
          <p className="text-sm">
            <span className="font-semibold">1. Allow the escrow to take {total === undefined ? "the total" : <TokenAmount amount={total} token={listing.token} />}</span>
            <span className="block text-xs text-muted">
              {token.symbol} has no one-signature payment: your wallet first allows the escrow to take exactly this amount.
            </span>
          </p>
          {allowed ? (
            <p className="flex items-center gap-2 text-sm font-medium text-success">
              <span aria-hidden="true">✓</span> Allowed
            </p>
          ) : (
            <Button
              size="lg"
              variant="secondary"
              busy={purchase.phase === "approving"}
              disabled={disabled || busy}
              onClick={() => total !== undefined && void purchase.approve(total)}
            >
              {purchase.phase === "approving" ? "Confirm in your wallet…" : "Allow"}
            </Button>
          )}
        </li>
        <li className="flex flex-col gap-2">
          <p className="text-sm font-semibold">2. Buy</p>
          <Button
            size="lg"
            busy={purchase.phase === "buying"}
            disabled={disabled || busy || !allowed}
            onClick={() => quantity !== undefined && total !== undefined && void purchase.buy(quantity, total)}
          >
            {buyLabel}
          </Button>
        </li>
      </ol>
    );
  }

  return (
    <div className="flex flex-col gap-2">
      <Button
        size="lg"
        busy={busy}
        disabled={disabled || busy}
        onClick={() => quantity !== undefined && total !== undefined && void purchase.buy(quantity, total)}
      >
        {buyLabel}
      </Button>
      {purchase.method === "permit" && (
        <p className="text-xs text-muted">One signature allows this exact payment, then one transaction pays. No separate approval.</p>
      )}
    </div>
  );
}

function Feedback({ purchase }: { purchase: Purchase }) {
  const feedback = purchase.feedback;
  return (
    <div aria-live="polite" className="empty:hidden">
      {feedback?.tone === "calm" && <p className="rounded-[var(--radius-control)] bg-surface-muted px-3 py-2 text-sm">{feedback.message}</p>}
      {feedback?.tone === "error" && (
        <p role="alert" className="rounded-[var(--radius-control)] bg-danger-soft px-3 py-2 text-sm text-danger">
          {feedback.message}
        </p>
      )}
    </div>
  );
}

function ChangedNotice({
  message,
  change,
  token,
  onAccept,
}: {
  message: string | undefined;
  change: ReturnType<typeof termsChange>;
  token: `0x${string}`;
  onAccept: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // After a refused purchase the Pay button is disabled and loses focus: continue from the explanation.
  useEffect(() => {
    if (message !== undefined) ref.current?.focus();
  }, [message]);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="flex flex-col gap-3 rounded-[var(--radius-control)] border-2 border-warning bg-warning-soft p-4 text-sm outline-none">
      <p className="font-semibold text-text">{message ?? "The seller changed this listing after you opened it."}</p>
      {change === undefined ? (
        <p className="flex items-center gap-2 text-muted">
          <Spinner /> Loading the new terms…
        </p>
      ) : (
        <>
          {change.priceChanged && (
            <p className="text-text">
              Price per unit: <s className="text-muted"><TokenAmount amount={change.previousPrice} token={token} /></s>{" "}
              <span aria-hidden="true">→</span>
              <span className="sr-only">now</span> <strong><TokenAmount amount={change.price} token={token} /></strong>
            </p>
          )}
          {change.descriptionChanged && <p className="text-text">The description changed too: read it again before you buy.</p>}
          {!change.priceChanged && !change.descriptionChanged && <p className="text-text">Nothing you can see changed, but the terms were updated.</p>}
          <Button onClick={onAccept}>Continue with the new terms</Button>
        </>
      )}
    </div>
  );
}

function Confirmation({
  done,
  token,
  fulfillmentWindow,
  onAgain,
}: {
  done: NonNullable<Purchase["done"]>;
  token: `0x${string}`;
  fulfillmentWindow: bigint;
  onAgain: () => void;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="flex flex-col gap-3 rounded-[var(--radius-control)] border border-success/40 bg-success-soft p-4" role="status">
      <h3 ref={ref} tabIndex={-1} className="flex items-center gap-2 text-lg font-semibold text-success outline-none">
        <span aria-hidden="true">✓</span> Order placed
      </h3>
      <p className="text-sm text-text">
        You paid <TokenAmount amount={done.total} token={token} /> for {done.quantity.toString()}{" "}
        {done.quantity === 1n ? "unit" : "units"}
        {done.orderId !== undefined ? ` (order ${orderLabel(done.orderId)})` : ""}. The escrow holds it; the seller has{" "}
        {formatDuration(fulfillmentWindow)} to send it.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link
          to={done.orderId !== undefined ? `/orders/${done.orderId}` : "/orders"}
          className="inline-flex items-center justify-center rounded-[var(--radius-control)] bg-brand px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-strong"
        >
          View your order
        </Link>
        <Button variant="ghost" onClick={onAgain}>
          Buy more
        </Button>
      </div>
    </div>
  );
}

/**
 * The connected buyer's orders of this listing, from the chain: after a reload in the middle of a purchase (or any
 * later visit) the page still says the item was bought, and where the order is.
 */
function YourPurchases({ listingId, token }: { listingId: bigint; token: `0x${string}` }) {
  const { address } = useAccount();
  const purchases = usePurchases(address, listingId).data ?? [];
  if (purchases.length === 0) return null;
  const shown = purchases.slice(0, 3);
  return (
    <div role="status" className="flex flex-col gap-2 rounded-[var(--radius-control)] border border-success/40 bg-success-soft p-4 text-sm">
      <p className="flex items-center gap-2 font-semibold text-success">
        <span aria-hidden="true">✓</span> You bought this
      </p>
      <ul className="flex flex-col gap-1.5">
        {shown.map((purchase) => (
          <li key={purchase.orderId.toString()} className="flex flex-wrap items-baseline gap-x-2">
            <span>
              {purchase.quantity.toString()} {purchase.quantity === 1n ? "unit" : "units"} for <TokenAmount amount={purchase.amount} token={token} />{" "}
              · {STATE_INFO[purchase.state].label}
            </span>
            <Link to={`/orders/${purchase.orderId}`} className="font-medium text-brand underline">
              View order {orderLabel(purchase.orderId)}
            </Link>
          </li>
        ))}
      </ul>
      {purchases.length > shown.length && (
        <Link to="/orders" className="text-brand underline">
          All your orders
        </Link>
      )}
    </div>
  );
}

function Notice({ title, tone, children }: { title: string; tone?: "warning"; children: ReactNode }) {
  return (
    <div className={`rounded-[var(--radius-control)] p-4 text-sm ${tone === "warning" ? "bg-warning-soft" : "bg-surface-muted"}`}>
      <p className={`font-semibold ${tone === "warning" ? "text-warning" : "text-text"}`}>{title}</p>
      <div className="mt-1 text-muted">{children}</div>
    </div>
  );
}

function StockText({ stock, closed }: { stock: bigint; closed: boolean }) {
  if (closed) return <span>not for sale right now</span>;
  if (stock === 0n) return <span className="font-medium text-danger">sold out</span>;
  if (stock <= 3n) return <span className="font-medium text-warning">only {stock.toString()} left</span>;
  return <span>{formatCount(stock)} in stock</span>;
}
