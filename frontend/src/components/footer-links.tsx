import { Link } from "react-router";

/** Pages everyone may want that are not steps of buying or selling: the market's figures, what one watches. */
export function FooterLinks() {
  return (
    <nav aria-label="More" className="mb-2 flex justify-center gap-4 text-sm">
      <Link to="/stats" className="font-medium text-brand hover:underline">
        Market statistics
      </Link>
      <Link to="/watchlist" className="font-medium text-brand hover:underline">
        Watchlist and saved searches
      </Link>
    </nav>
  );
}
