import { useMemo, type ReactNode } from "react";
import { Link } from "react-router";

import { ConnectButton } from "../../components/connect-button.tsx";
import { ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import { useChainTime } from "../../hooks/use-chain-time.ts";
import { useOrders } from "../../hooks/use-orders.ts";
import { useSellerListings } from "../../hooks/use-seller-listings.ts";
import type { Catalogue, ListingState } from "../../lib/catalogue.ts";
import { AnnounceToggle } from "./announce-toggle.tsx";
import DashboardAnalytics from "./dashboard-analytics.tsx";
import { Icon, type IconName } from "./icons.tsx";
import { listingStatus } from "./listing-status.ts";
import { MyListingRow } from "./my-listings.tsx";
import { groupSales, sellerActions } from "./sales.ts";
import { ActionList, SalesGroups } from "./sales-overview.tsx";
import { Section } from "./section.tsx";
import { useAvailability } from "./use-availability.ts";
import { useWalletReady } from "./wallet-prompt.tsx";

const PRIMARY_LINK = "inline-flex items-center justify-center gap-2 rounded-[var(--radius-control)] bg-brand px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-strong";

/** /dashboard: the connected seller's listings, the orders waiting for them, and their sales by state. */
export default function DashboardPage() {
  const { address } = useWalletReady();
  if (address === undefined) {
    return (
      <Invitation icon="store" title="Your seller dashboard">
        <p>Connect your wallet to see your listings, the orders you need to ship and everything you have sold.</p>
        <ConnectButton />
      </Invitation>
    );
  }
  return <Dashboard seller={address} />;
}

const NONE: readonly ListingState[] = [];

/** The seller's listings as a catalogue (newest first, by id), from whichever source serves the app now. */
function useSellerCatalogue(seller: `0x${string}`) {
  const listings = useSellerListings(seller);
  const data = useMemo<Pick<Catalogue, "listings" | "byId"> | undefined>(
    () => (listings.data === undefined ? undefined : { listings: listings.data, byId: new Map(listings.data.map((l) => [l.id, l])) }),
    [listings.data],
  );
  return { ...listings, data };
}

function Dashboard({ seller }: { seller: `0x${string}` }) {
  const catalogue = useSellerCatalogue(seller);
  const orders = useOrders("seller", seller);
  const now = useChainTime();
  const availability = useAvailability();

  const listings = catalogue.data?.listings ?? NONE;
  const groups = useMemo(() => groupSales(orders.data ?? []), [orders.data]);
  const actions = useMemo(() => sellerActions(orders.data ?? [], now), [orders.data, now]);

  if (catalogue.data === undefined) {
    if (catalogue.isError) {
      return <ErrorState title="Could not load your listings" message="The blockchain node did not answer. Check your connection and try again." onRetry={() => void catalogue.refetch()} />;
    }
    return <DashboardSkeleton />;
  }
  if (listings.length === 0 && orders.data === undefined && !orders.isError) return <DashboardSkeleton />;
  if (listings.length === 0 && orders.data !== undefined && orders.data.length === 0) {
    return (
      <Invitation icon="store" title="You have nothing for sale yet">
        <p>List your first item in a few minutes. Buyers pay into escrow, you ship, and the money is released to you when they confirm.</p>
        <ol className="grid gap-3 text-left text-sm sm:grid-cols-3">
          {[
            ["photo", "Describe it", "Pictures, a title and the details buyers ask about."],
            ["tag", "Set your terms", "Price, quantity, shipping time and an arbiter."],
            ["shield", "Sell safely", "Payment waits in escrow until the buyer confirms."],
          ].map(([icon, title, text], index) => (
            <li key={title} className="card flex flex-col gap-2 p-4">
              <span className="flex size-9 items-center justify-center rounded-full bg-brand-soft text-brand">
                <Icon name={icon as IconName} className="size-5" />
              </span>
              <span className="font-semibold text-text">
                {index + 1}. {title}
              </span>
              <span>{text}</span>
            </li>
          ))}
        </ol>
        <Link to="/sell" className={`${PRIMARY_LINK} px-5 py-3 text-base`}>
          Create your first listing
        </Link>
      </Invitation>
    );
  }

  const open = listings.filter((l) => listingStatus(l) === "open").length;
  const unitsSold = listings.reduce((sum, l) => sum + l.unitsSold, 0n);
  const openOrders = (orders.data ?? []).filter((o) => o.state === "Funded" || o.state === "Fulfilled" || o.state === "Disputed").length;

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Seller dashboard</h1>
          <p className="text-muted">Your listings, the orders waiting for you, and what you have sold.</p>
        </div>
        <Link to="/sell" className={PRIMARY_LINK}>
          <Icon name="plus" className="size-4" />
          New listing
        </Link>
      </header>

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Open listings" value={`${open} of ${listings.length}`} />
        <Stat label="Units sold" value={unitsSold.toString()} />
        <Stat label="Orders in progress" value={orders.data === undefined ? "…" : String(openOrders)} />
        <Stat label="Waiting for you" value={orders.data === undefined ? "…" : String(actions.length)} highlight={actions.length > 0} />
      </dl>

      {orders.isError && orders.data === undefined ? (
        <ErrorState title="Could not load your orders" message="The blockchain node did not answer. Check your connection and try again." onRetry={() => void orders.refetch()} />
      ) : orders.data === undefined ? (
        <LoadingRegion label="Loading your orders">
          <Skeleton className="h-32 w-full" />
        </LoadingRegion>
      ) : (
        actions.length > 0 && (
          <Section
            title="Waiting for you"
            description="Orders where you need to act before a deadline. Open an order to ship, decline or answer."
            aside={<span className="rounded-full bg-warning-soft px-3 py-1 text-sm font-semibold text-warning">{actions.length}</span>}
          >
            <ActionList actions={actions} catalogue={catalogue.data} />
          </Section>
        )
      )}

      <DashboardAnalytics seller={seller} />
      <AnnounceToggle seller={seller} />

      <section aria-labelledby="my-listings" className="flex flex-col gap-4">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="my-listings" className="text-xl font-semibold">
            My listings <span className="text-base font-normal text-muted">({listings.length})</span>
          </h2>
        </div>
        {listings.length === 0 ? (
          <div className="card flex flex-col items-center gap-3 p-8 text-center">
            <p className="text-muted">You have no listings on Souk right now.</p>
            <Link to="/sell" className={PRIMARY_LINK}>
              Create a listing
            </Link>
          </div>
        ) : (
          <ul className="flex flex-col gap-3">
            {listings.map((listing) => (
              <MyListingRow key={listing.id.toString()} listing={listing} availability={availability} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="my-sales" className="flex flex-col gap-4">
        <h2 id="my-sales" className="text-xl font-semibold">
          Sales
        </h2>
        {orders.data === undefined ? (
          orders.isError ? null : (
            <LoadingRegion label="Loading your sales">
              <div className="grid gap-4 md:grid-cols-2">
                <Skeleton className="h-40 w-full" />
                <Skeleton className="h-40 w-full" />
              </div>
            </LoadingRegion>
          )
        ) : groups.length === 0 ? (
          <div className="card p-8 text-center text-muted">No orders yet. When someone buys, the order appears here and under “Waiting for you”.</div>
        ) : (
          <SalesGroups groups={groups} catalogue={catalogue.data} />
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, highlight = false }: { label: string; value: string; highlight?: boolean }) {
  return (
    <div className={`card flex flex-col gap-1 p-4 ${highlight ? "border-warning/50 bg-warning-soft" : ""}`}>
      <dt className={`text-sm ${highlight ? "text-warning" : "text-muted"}`}>{label}</dt>
      <dd className={`text-2xl font-bold tabular-nums ${highlight ? "text-warning" : ""}`}>{value}</dd>
    </div>
  );
}

function Invitation({ icon, title, children }: { icon: IconName; title: string; children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-3xl flex-col items-center gap-5 py-10 text-center">
      <span className="flex size-16 items-center justify-center rounded-full bg-brand-soft text-brand">
        <Icon name={icon} className="size-8" />
      </span>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      <div className="flex flex-col items-center gap-5 text-muted">{children}</div>
    </div>
  );
}

function DashboardSkeleton() {
  return (
    <LoadingRegion label="Loading your dashboard">
      <div className="flex flex-col gap-6">
        <Skeleton className="h-10 w-1/2" />
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-20 w-full" />
          ))}
        </div>
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-28 w-full" />
      </div>
    </LoadingRegion>
  );
}
