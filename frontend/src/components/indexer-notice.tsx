import { env } from "../app/env.ts";
import { useIndexer } from "../hooks/use-indexer.ts";

/**
 * Says so when the search service is configured but not answering: the app then reads the chain directly, which
 * is slower and searches only the descriptions loaded so far.
 */
export function IndexerNotice() {
  const indexer = useIndexer();
  if (env.indexerUrl === undefined || indexer !== undefined) return null;
  return (
    <div role="status" className="bg-warning-soft px-4 py-2 text-center text-sm text-warning" data-testid="indexer-notice">
      The search service is not answering: listings are read from the chain, and search covers only the descriptions
      loaded so far. It will be used again as soon as it is back.
    </div>
  );
}
