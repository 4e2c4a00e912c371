import { lazy, Suspense, useEffect, useState } from "react";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { useConnection } from "wagmi";

import { ConnectButton } from "../components/connect-button.tsx";
import { IndexerNotice } from "../components/indexer-notice.tsx";
import { QuietBoundary } from "../components/quiet-boundary.tsx";
import { ErrorState, LoadingRegion, Skeleton } from "../components/states.tsx";
import { contracts } from "../lib/deployment.ts";
import { firstResults } from "../lib/first-results.ts";
import { chain } from "./chain.ts";
import { lazyMessaging } from "./load-messaging.ts";
import { applyTheme, initialTheme, type Theme } from "./theme.ts";

// The messages link and the notification bell, with the chain and messaging code they need, load on demand (on the
// browse page only once the listings are on screen), so that the first page's JavaScript does not grow.
const HeaderInbox = lazyMessaging("HeaderInbox");
// The banners and the money waiting to be withdrawn: on demand, like the inbox (app/deferred-ui.ts). On the browse
// page they wait a fixed time rather than its first results: a banner must show when the chain never answers.
const BROWSE_DELAY_MS = 2_500;
const NetworkBanner = lazy(() => import("./deferred-ui.ts").then((m) => ({ default: m.NetworkBanner })));
const ChainNotice = lazy(() => import("./deferred-ui.ts").then((m) => ({ default: m.ChainNotice })));
const HeaderCredits = lazy(() => import("./deferred-ui.ts").then((m) => ({ default: m.HeaderCredits })));
const FooterLinks = lazy(() => import("./deferred-ui.ts").then((m) => ({ default: m.FooterLinks })));

const NAV = [
  { to: "/", label: "Browse", end: true },
  { to: "/sell", label: "Sell" },
  { to: "/orders", label: "Orders" },
];

/** The page frame. `pending`: the router is still loading the first page's code (React Router's hydrate fallback). */
export function Layout({ pending = false }: { pending?: boolean }) {
  const { pathname } = useLocation();
  const { address } = useConnection();
  // A listing page belongs to browsing (its edit page to selling).
  const browsing = pathname === "/" || (pathname.startsWith("/listing/") && !pathname.endsWith("/edit"));
  const extras = useReadyAfter(pathname === "/" ? BROWSE_DELAY_MS : 0);
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-border bg-canvas/90 backdrop-blur" data-app-header>
        {extras && (
          <QuietBoundary>
            <Suspense fallback={null}>
              <NetworkBanner publishing={!browsing} />
              {contracts !== undefined && <ChainNotice />}
            </Suspense>
          </QuietBoundary>
        )}
        <IndexerNotice />
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="flex items-center gap-2 text-xl font-bold tracking-tight">
            <img src="/favicon.svg" alt="" className="size-7" />
            Souk
          </Link>
          <nav aria-label="Main" className="order-3 flex w-full gap-1 sm:order-none sm:w-auto">
            {NAV.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  `rounded-[var(--radius-control)] px-3 py-1.5 text-sm font-medium ${
                    (item.to === "/" ? browsing : isActive) ? "bg-brand-soft text-brand" : "hover:bg-surface-muted"
                  }`
                }
                aria-current={item.to === "/" && browsing ? "page" : undefined}
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            {extras && address !== undefined && contracts !== undefined && (
              <QuietBoundary>
                <Suspense fallback={null}>
                  <HeaderCredits account={address} />
                </Suspense>
              </QuietBoundary>
            )}
            <HeaderInboxSlot browsing={pathname === "/"} />
            <ThemeToggle />
            <ConnectButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {contracts === undefined ? (
          <ErrorState
            title="Souk is not deployed on this network"
            message={`This build points at chain ${chain.id} (${chain.name}), where no Souk deployment is recorded. Check VITE_CHAIN_ID, or deploy with npm run deploy.`}
          />
        ) : (
          <Suspense fallback={<PageLoading />}>{pending ? <PageLoading /> : <Outlet />}</Suspense>
        )}
      </main>
      <footer className="border-t border-border px-4 py-6 text-center text-xs text-muted">
        {extras && (
          <QuietBoundary>
            <Suspense fallback={null}>
              <FooterLinks />
            </Suspense>
          </QuietBoundary>
        )}
        Souk runs on {chain.name}. Payments are held by the escrow contract, not by anyone running this site.
      </footer>
      <ScrollRestoration />
    </div>
  );
}

/** False for `delayMs` after the layout first shows (then true for good): what can wait for the first page. */
function useReadyAfter(delayMs: number): boolean {
  const [ready, setReady] = useState(delayMs === 0);
  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setReady(true), delayMs);
    return () => clearTimeout(timer);
  }, [ready, delayMs]);
  return ready;
}

function PageLoading() {
  return (
    <LoadingRegion label="Loading page">
      <Skeleton className="h-64 w-full" />
    </LoadingRegion>
  );
}

function HeaderInboxSlot({ browsing }: { browsing: boolean }) {
  const { address } = useConnection();
  // Another page loads it at once; the browse page a moment after its first results.
  const [ready, setReady] = useState(!browsing);
  useEffect(() => {
    if (!ready) void firstResults.then(() => setTimeout(setReady, 100, true));
  }, [ready]);
  if (address === undefined || !ready) return null;
  return (
    <Suspense fallback={null}>
      <HeaderInbox account={address} />
    </Suspense>
  );
}

function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.dataset.theme as Theme | undefined) ?? initialTheme());
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="rounded-[var(--radius-control)] px-2 py-1.5 text-lg hover:bg-surface-muted"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        applyTheme(next, true);
        setTheme(next);
      }}
    >
      {theme === "dark" ? "☀" : "☾"}
    </button>
  );
}
