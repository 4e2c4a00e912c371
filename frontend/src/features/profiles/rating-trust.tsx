/**
 * How far a seller's score can be trusted, beside the plain average (which stays first): averages weighted by the
 * value of each order, the distinct buyers behind the score, and ratings flagged as likely self-dealing, each with
 * its method in one sentence. From the indexer (docs/API.md, GET /api/accounts/:address/trust).
 */
import { orderLabel } from "@souk/sdk/contracts";
import { Link } from "react-router";
import type { Address, Hash } from "viem";

import { TokenAmount } from "../../components/token-amount.tsx";
import { TxLink } from "../../components/tx-link.tsx";
import { useRatingTrust } from "../../hooks/use-analytics.ts";
import { useToken } from "../../hooks/use-token.ts";
import type { RatingTrust as Trust, TrustFlag } from "../../lib/analytics.ts";

export const TRUST_METHODS = [
  ["Weighted by value", "Each score counts in proportion to the amount paid in its order, per currency, so that many tiny orders weigh less than one real sale."],
  ["Distinct buyers", "How many different accounts gave the ratings, and how many of them rated more than once."],
  ["Funded by the seller", "The buyer received ETH, the order's token or escrow credit from the seller, directly, before buying (found on the chain)."],
  ["Back and forth", "The two accounts have each bought from the other, and this order was under a tenth of the usual order in its currency."],
] as const;

export function RatingTrust({ address }: { address: Address }) {
  const trust = useRatingTrust(address);
  if (!trust.available || trust.data === undefined || trust.data.plain.count === 0) return null;
  return <TrustFigures trust={trust.data} />;
}

function TrustFigures({ trust }: { trust: Trust }) {
  const repeat = trust.repeatBuyers;
  return (
    <section aria-labelledby="trust-heading" className="flex flex-col gap-3 text-sm" data-testid="rating-trust">
      <h3 id="trust-heading" className="font-semibold">
        Behind the seller score
      </h3>
      <ul className="flex flex-col gap-1.5">
        <li>
          Plain average <strong>{trust.plain.average?.toFixed(2)}</strong> from {trust.plain.count} rating{trust.plain.count === 1 ? "" : "s"}
        </li>
        {trust.weighted.map((w) => (
          <WeightedLine key={w.token} token={w.token} average={w.average} count={w.count} value={BigInt(w.value)} />
        ))}
        <li>
          From <strong>{trust.distinctBuyers}</strong> different buyer{trust.distinctBuyers === 1 ? "" : "s"}
          {repeat > 0 && `; ${repeat} rated more than once (${trust.ratingsFromRepeatBuyers} ratings)`}
        </li>
      </ul>
      {trust.flagged.length > 0 && (
        <div className="flex flex-col gap-2 rounded-[var(--radius-control)] bg-warning-soft p-3 text-warning" role="note">
          <p className="font-medium">
            {trust.flagged.length} rating{trust.flagged.length === 1 ? "" : "s"} may be self-dealing; without{" "}
            {trust.flagged.length === 1 ? "it" : "them"} the average is {trust.withoutFlagged.average === null ? "–" : trust.withoutFlagged.average.toFixed(2)}{" "}
            from {trust.withoutFlagged.count}.
          </p>
          <ul className="flex flex-col gap-1.5 text-text">
            {trust.flagged.map((f) => (
              <li key={f.orderId}>
                <Link to={`/orders/${f.orderId}`} className="font-medium hover:underline">
                  Order {orderLabel(BigInt(f.orderId))}
                </Link>{" "}
                ({f.score}★, <TokenAmount amount={BigInt(f.amount)} token={f.token} />):{" "}
                {f.flags.map((flag, i) => (
                  <FlagText key={i} flag={flag} token={f.token} />
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {trust.fundingChecks.pending > 0 && (
        <p className="text-muted">Still checking where {trust.fundingChecks.pending} buyer{trust.fundingChecks.pending === 1 ? "'s" : "s'"} money came from…</p>
      )}
      <details>
        <summary className="cursor-pointer font-medium text-brand">How these are computed</summary>
        <dl className="mt-2 flex flex-col gap-2">
          {TRUST_METHODS.map(([name, text]) => (
            <div key={name}>
              <dt className="font-medium">{name}</dt>
              <dd className="text-muted">{text}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

function WeightedLine({ token, average, count, value }: { token: Address; average: number | null; count: number; value: bigint }) {
  const info = useToken(token);
  return (
    <li>
      Weighted by value in {info?.symbol ?? "…"} <strong>{average === null ? "–" : average.toFixed(2)}</strong>{" "}
      <span className="text-muted">
        ({count} rating{count === 1 ? "" : "s"} on <TokenAmount amount={value} token={token} />)
      </span>
    </li>
  );
}

function FlagText({ flag, token }: { flag: TrustFlag; token: Address }) {
  if (flag.kind === "funded-by-seller") {
    const what = { eth: "ETH", token: "the order's token", withdrawal: "escrow credit" }[flag.via];
    return (
      <span className="block">
        the buyer received {what} from the seller before buying (<TxLink hash={flag.transactionHash as Hash} />)
      </span>
    );
  }
  return (
    <span className="block">
      the two trade back and forth at tiny amounts (the usual order is <TokenAmount amount={BigInt(flag.medianInToken)} token={token} />)
    </span>
  );
}
