import { createBrowserRouter, Link, useRouteError } from "react-router";

import { EmptyState, ErrorState } from "../components/states.tsx";
import { prefetchIndexedListings } from "../features/listings/use-indexed-listings.ts";
import { loadInsights } from "./insights-loader.ts";
import { Layout } from "./layout.tsx";
import { loadMessaging } from "./load-messaging.ts";
import { queryClient } from "./providers.tsx";

/** Each page loads with its own chunk, so the browse page's initial JavaScript stays small. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // While the first page's chunk loads, the header and a placeholder show (the same Layout, so nothing remounts).
    hydrateFallbackElement: <Layout pending />,
    errorElement: <RouteError />,
    children: [
      {
        path: "/",
        lazy: page(() => import("../features/listings/browse-page.tsx")),
        // The first results are requested while the page's code downloads, not after: one request, no waterfall.
        // The page asks for later results itself, so a change of search parameters does not run this again.
        loader: ({ request }) => {
          prefetchIndexedListings(queryClient, new URL(request.url).searchParams);
          return null;
        },
        shouldRevalidate: () => false,
      },
      { path: "/listing/:id", lazy: page(() => import("../features/listings/listing-page.tsx")) },
      { path: "/listing/:id/edit", lazy: page(() => import("../features/sell/edit-page.tsx")) },
      { path: "/sell", lazy: page(() => import("../features/sell/sell-page.tsx")) },
      { path: "/dashboard", lazy: page(() => import("../features/sell/dashboard-page.tsx")) },
      { path: "/orders", lazy: page(() => import("../features/orders/orders-page.tsx")) },
      { path: "/orders/:orderId", lazy: page(() => import("../features/orders/order-page.tsx")) },
      { path: "/arbiter", lazy: page(() => import("../features/disputes/arbiter-page.tsx")) },
      { path: "/messages", lazy: page(() => loadMessaging().then((m) => ({ default: m.MessagesPage }))) },
      { path: "/profile/:address", lazy: page(() => import("../features/profiles/profile-page.tsx")) },
      { path: "/stats", lazy: page(() => loadInsights().then((m) => ({ default: m.StatsPage }))) },
      { path: "/watchlist", lazy: page(() => loadInsights().then((m) => ({ default: m.WatchlistPage }))) },
      {
        path: "*",
        element: (
          <EmptyState title="Page not found" action={<Link className="text-brand underline" to="/">Back to the listings</Link>}>
            There is nothing at this address.
          </EmptyState>
        ),
      },
    ],
  },
]);

function RouteError() {
  const error = useRouteError();
  return (
    <div className="mx-auto max-w-xl p-6">
      <ErrorState
        title="Something went wrong"
        message={error instanceof Error ? error.message : "This page failed to load. Reload to try again."}
        onRetry={() => window.location.reload()}
      />
    </div>
  );
}
