import type { Hash } from "viem";

import { explorerLink } from "../app/chain.ts";

/** A transaction: a link to the explorer when the chain has one, otherwise its shortened hash (full hash on hover). */
export function TxLink({ hash }: { hash: Hash }) {
  const href = explorerLink("tx", hash);
  const short = `${hash.slice(0, 10)}…${hash.slice(-6)}`;
  if (href === undefined) {
    return (
      <span className="font-mono text-xs text-muted" title={hash}>
        tx {short}
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" className="font-mono text-xs text-brand hover:underline">
      View transaction {short} ↗
    </a>
  );
}
