import { CATEGORIES, type Category } from "@souk/sdk/schemas";
import { useId, type ReactNode } from "react";
import type { Address } from "viem";

import { useToken } from "../../hooks/use-token.ts";
import { formatCount } from "./count.ts";
import { MIN_RATINGS, tokenFromParam, tokenParam, type BrowseParams, type PriceBounds } from "./filter.ts";

export interface FilterHandlers {
  set(patch: Partial<BrowseParams>): void;
  min: { value: string; change(value: string): void; flush(): void };
  max: { value: string; change(value: string): void; flush(): void };
}

const SELECT = "input appearance-auto";

/** Counts per category and per currency for the current search (from the indexer), shown beside each choice. */
export interface Facets {
  categories: ReadonlyMap<string, number>;
  tokens: ReadonlyMap<string, number>;
  /** False when the indexer counted only part of a very large result: each count is then a floor ("1,200+"). */
  exact: boolean;
}

/** Category, currency, price range, seller rating and stock. Every control is labelled; changes apply at once. */
export function FilterPanel({
  params,
  tokens,
  price,
  handlers,
  facets,
}: {
  params: BrowseParams;
  tokens: readonly Address[];
  price: PriceBounds;
  handlers: FilterHandlers;
  facets?: Facets;
}) {
  const id = useId();
  const selected = params.token === undefined ? undefined : tokenFromParam(params.token);
  const token = useToken(selected);
  const priceHelp =
    params.token === undefined
      ? "Choose a currency first: prices in different currencies cannot be compared."
      : token === undefined
        ? "Loading the currency…"
        : `In ${token.symbol}, per unit.`;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-category`} className="text-sm font-semibold">
          Category
        </label>
        <select
          id={`${id}-category`}
          className={SELECT}
          value={params.category ?? ""}
          onChange={(e) => handlers.set({ category: e.target.value === "" ? undefined : (e.target.value as Category) })}
        >
          <option value="">All categories</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
        {facets !== undefined && (
          <FacetCounts
            label="Categories in the results"
            exact={facets.exact}
            entries={CATEGORIES.map((c) => ({ key: c, label: c, count: facets.categories.get(c) ?? 0, active: params.category === c }))}
            onPick={(key) => handlers.set({ category: params.category === key ? undefined : (key as Category) })}
          />
        )}
      </div>

      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-token`} className="text-sm font-semibold">
          Currency
        </label>
        <select
          id={`${id}-token`}
          className={SELECT}
          value={params.token ?? ""}
          onChange={(e) => handlers.set({ token: e.target.value === "" ? undefined : e.target.value })}
        >
          <option value="">Any currency</option>
          {tokens.map((t) => (
            <TokenOption key={t} token={t} />
          ))}
          {selected !== undefined && !tokens.some((t) => tokenParam(t) === params.token) && <TokenOption token={selected} />}
        </select>
        {facets !== undefined && (
          <FacetCounts
            label="Currencies in the results"
            exact={facets.exact}
            entries={tokens.map((t) => ({ key: tokenParam(t), label: <TokenSymbol token={t} />, count: facets.tokens.get(t.toLowerCase()) ?? 0, active: params.token === tokenParam(t) }))}
            onPick={(key) => handlers.set(params.token === key ? { token: undefined, min: "", max: "" } : { token: key, min: "", max: "" })}
          />
        )}
      </div>

      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-sm font-semibold">Price{token !== undefined && params.token !== undefined ? ` (${token.symbol})` : ""}</legend>
        <div className="grid grid-cols-2 gap-2">
          <PriceInput
            label="Minimum price"
            placeholder="Min"
            disabled={params.token === undefined}
            invalid={price.invalid.includes("min")}
            describedBy={`${id}-price-help`}
            field={handlers.min}
          />
          <PriceInput
            label="Maximum price"
            placeholder="Max"
            disabled={params.token === undefined}
            invalid={price.invalid.includes("max")}
            describedBy={`${id}-price-help`}
            field={handlers.max}
          />
        </div>
        <p id={`${id}-price-help`} className="text-xs text-muted">
          {priceHelp}
        </p>
        {price.invalid.length > 0 && token !== undefined && (
          <p className="text-sm text-danger" role="alert">
            Enter an amount like 12.5, with at most {token.decimals} decimals.
          </p>
        )}
      </fieldset>

      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-rating`} className="text-sm font-semibold">
          Seller rating
        </label>
        <select
          id={`${id}-rating`}
          className={SELECT}
          value={params.minRating ?? ""}
          onChange={(e) => handlers.set({ minRating: e.target.value === "" ? undefined : Number(e.target.value) })}
        >
          <option value="">Any rating</option>
          {MIN_RATINGS.map((n) => (
            <option key={n} value={n}>
              {n} stars and up
            </option>
          ))}
        </select>
      </div>

      <label className="flex cursor-pointer items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-[var(--color-brand)]"
          checked={params.soldOut}
          onChange={(e) => handlers.set({ soldOut: e.target.checked })}
        />
        <span>
          <span className="font-semibold">Include sold-out listings</span>
          <span className="block text-xs text-muted">Sellers can restock them.</span>
        </span>
      </label>
    </div>
  );
}

function PriceInput({
  label,
  placeholder,
  disabled,
  invalid,
  describedBy,
  field,
}: {
  label: string;
  placeholder: string;
  disabled: boolean;
  invalid: boolean;
  describedBy: string;
  field: FilterHandlers["min"];
}) {
  return (
    <input
      type="text"
      inputMode="decimal"
      autoComplete="off"
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      placeholder={placeholder}
      disabled={disabled}
      className="input disabled:cursor-not-allowed disabled:opacity-50"
      value={disabled ? "" : field.value}
      onChange={(e) => field.change(e.target.value)}
      onBlur={() => field.flush()}
      onKeyDown={(e) => {
        if (e.key === "Enter") field.flush();
      }}
    />
  );
}

function TokenOption({ token }: { token: Address }) {
  const info = useToken(token);
  const label = info === undefined ? "Loading…" : info.known ? info.symbol : `${info.symbol} (unknown token ${token.slice(0, 8)}…)`;
  return <option value={tokenParam(token)}>{label}</option>;
}

function TokenSymbol({ token }: { token: Address }) {
  const info = useToken(token);
  return <>{info?.symbol ?? "…"}</>;
}

/**
 * How many of the current results each choice would give (facets from the indexer), as buttons that apply it; the
 * choice in force is pressed. Choices with no result are left out.
 */
function FacetCounts({
  label,
  exact,
  entries,
  onPick,
}: {
  label: string;
  exact: boolean;
  entries: Array<{ key: string; label: ReactNode; count: number; active: boolean }>;
  onPick: (key: string) => void;
}) {
  const shown = entries.filter((e) => e.count > 0 || e.active);
  if (shown.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5 pt-1">
      {shown.map((entry) => (
        <li key={entry.key}>
          <button
            type="button"
            aria-pressed={entry.active}
            onClick={() => onPick(entry.key)}
            className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs ${
              entry.active ? "border-brand bg-brand text-on-brand" : "border-border bg-surface hover:bg-surface-muted"
            }`}
          >
            {entry.label}
            <span className={entry.active ? "" : "text-muted"}>
              {formatCount(entry.count)}
              {exact ? "" : "+"}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The filters in force as removable chips, with "Clear all". */
export function ActiveFilters({
  params,
  tokenSymbol,
  onRemove,
  onClear,
}: {
  params: BrowseParams;
  tokenSymbol: string | undefined;
  onRemove: (patch: Partial<BrowseParams>) => void;
  onClear: () => void;
}) {
  const chips: Array<{ label: string; patch: Partial<BrowseParams> }> = [];
  if (params.q.trim() !== "") chips.push({ label: `“${params.q.trim()}”`, patch: { q: "" } });
  if (params.category !== undefined) chips.push({ label: params.category, patch: { category: undefined } });
  if (params.token !== undefined) chips.push({ label: `Paid in ${tokenSymbol ?? "…"}`, patch: { token: undefined, min: "", max: "" } });
  if (params.token !== undefined && (params.min.trim() !== "" || params.max.trim() !== "")) {
    const min = params.min.trim();
    const max = params.max.trim();
    const text = min !== "" && max !== "" ? `${min} – ${max}` : min !== "" ? `From ${min}` : `Up to ${max}`;
    chips.push({ label: `${text} ${tokenSymbol ?? ""}`.trim(), patch: { min: "", max: "" } });
  }
  if (params.minRating !== undefined) chips.push({ label: `Sellers rated ${params.minRating}★ and up`, patch: { minRating: undefined } });
  if (params.soldOut) chips.push({ label: "Including sold out", patch: { soldOut: false } });
  if (chips.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-center gap-2" aria-label="Filters in use">
      {chips.map((chip) => (
        <li key={chip.label}>
          <button
            type="button"
            onClick={() => onRemove(chip.patch)}
            className="inline-flex max-w-72 items-center gap-1.5 rounded-full border border-border bg-surface px-3 py-1 text-sm hover:bg-surface-muted"
            aria-label={`Remove filter: ${chip.label}`}
          >
            <span className="truncate">{chip.label}</span>
            <span aria-hidden="true" className="text-muted">
              ×
            </span>
          </button>
        </li>
      ))}
      {chips.length > 1 && (
        <li>
          <button type="button" onClick={onClear} className="px-2 py-1 text-sm font-medium text-brand hover:underline">
            Clear all
          </button>
        </li>
      )}
    </ul>
  );
}
