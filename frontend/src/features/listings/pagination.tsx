import { Link } from "react-router";

import { pageItems } from "./filter.ts";

const ITEM = "inline-flex h-10 min-w-10 items-center justify-center rounded-[var(--radius-control)] px-3 text-sm font-medium";

/** Pages as real links (open in a new tab, Back works); numbers from the small breakpoint up. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-10 flex items-center justify-center gap-1">
      <Step to={page > 1 ? hrefFor(page - 1) : undefined} label="Previous page" rel="prev">
        <span aria-hidden="true">←</span>
        <span className="hidden sm:inline">Previous</span>
      </Step>
      <p className="px-3 text-sm text-muted sm:hidden">
        Page {page} of {pageCount}
      </p>
      <ul className="hidden items-center gap-1 sm:flex">
        {pageItems(page, pageCount).map((item, i) =>
          item === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-muted">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                to={hrefFor(item)}
                aria-label={`Page ${item}`}
                aria-current={item === page ? "page" : undefined}
                className={`${ITEM} ${item === page ? "bg-brand text-on-brand" : "hover:bg-surface-muted"}`}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      <Step to={page < pageCount ? hrefFor(page + 1) : undefined} label="Next page" rel="next">
        <span className="hidden sm:inline">Next</span>
        <span aria-hidden="true">→</span>
      </Step>
    </nav>
  );
}

function Step({ to, label, rel, children }: { to: string | undefined; label: string; rel: string; children: React.ReactNode }) {
  const className = `${ITEM} gap-1.5 border border-border bg-surface`;
  if (to === undefined) {
    return (
      <span aria-disabled="true" aria-label={label} role="link" className={`${className} cursor-not-allowed opacity-40`}>
        {children}
      </span>
    );
  }
  return (
    <Link to={to} aria-label={label} rel={rel} className={`${className} hover:bg-surface-muted`}>
      {children}
    </Link>
  );
}
