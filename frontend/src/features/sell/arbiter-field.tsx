import { shortAddress } from "@souk/sdk/format";
import { useId, useMemo } from "react";
import type { Address } from "viem";

import { Field } from "../../components/field.tsx";
import { Stars } from "../../components/stars.tsx";
import { useCatalogue } from "../../hooks/use-catalogue.ts";
import { useStatsMany, type AccountStats } from "../../hooks/use-stats.ts";
import { arbiterSuggestions } from "./arbiter-suggestions.ts";

/** Ratings an account received in either role, combined. */
function overall(stats: AccountStats | undefined): { average: number | undefined; count: number } {
  if (stats === undefined) return { average: undefined, count: 0 };
  const parts = [stats.asSeller, stats.asBuyer].filter((s) => s.average !== undefined && s.ratings > 0);
  const count = parts.reduce((sum, s) => sum + s.ratings, 0);
  if (count === 0) return { average: undefined, count: 0 };
  return { average: parts.reduce((sum, s) => sum + s.average! * s.ratings, 0) / count, count };
}

/**
 * The arbiter's address, with the arbiters already trusted on Souk offered as one-click choices (how many sellers
 * and listings use them, and their own ratings as traders).
 */
export function ArbiterField({
  value,
  onChange,
  error,
  account,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  account: Address | undefined;
}) {
  const catalogue = useCatalogue();
  const suggestions = useMemo(() => arbiterSuggestions(catalogue.data?.listings ?? [], account), [catalogue.data, account]);
  const stats = useStatsMany(useMemo(() => suggestions.map((s) => s.address), [suggestions]));
  const chosen = value.trim().toLowerCase();
  const headingId = useId();

  return (
    <div className="flex flex-col gap-3">
      <Field
        label="Arbiter"
        help="A neutral person who rules if you and a buyer disagree and cannot settle. They cannot touch the money otherwise, and cannot buy from this listing."
        error={error}
      >
        {(props) => (
          <input
            {...props}
            className="input font-mono text-sm"
            value={value}
            maxLength={64}
            spellCheck={false}
            autoComplete="off"
            placeholder="0x…"
            data-field="arbiter"
            onChange={(event) => onChange(event.target.value)}
          />
        )}
      </Field>
      {suggestions.length > 0 && (
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium" id={headingId}>
            Arbiters already used on Souk
          </p>
          <ul className="grid gap-2 sm:grid-cols-2" aria-labelledby={headingId}>
            {suggestions.map((suggestion) => {
              const rating = overall(stats.get(suggestion.address.toLowerCase()));
              const selected = chosen === suggestion.address.toLowerCase();
              return (
                <li key={suggestion.address}>
                  <button
                    type="button"
                    aria-pressed={selected}
                    onClick={() => onChange(suggestion.address)}
                    className={`flex w-full flex-col gap-1 rounded-[var(--radius-control)] border p-3 text-left transition-colors ${
                      selected ? "border-brand bg-brand-soft" : "border-border hover:bg-surface-muted"
                    }`}
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="font-mono text-sm" title={suggestion.address}>
                        {shortAddress(suggestion.address)}
                      </span>
                      {selected && <span className="text-xs font-semibold text-brand">Chosen</span>}
                    </span>
                    <span className="text-xs text-muted">
                      Chosen by {suggestion.sellers} seller{suggestion.sellers === 1 ? "" : "s"} for {suggestion.listings} listing
                      {suggestion.listings === 1 ? "" : "s"}
                    </span>
                    <Stars value={rating.average} count={rating.count === 0 ? undefined : rating.count} />
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
