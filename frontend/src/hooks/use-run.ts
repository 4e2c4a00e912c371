import type { DecodedError } from "@souk/sdk/errors";
import { useCallback, useState } from "react";

import { useTransactor } from "./use-transactor.ts";
import type { Transact } from "../lib/transaction.ts";

/**
 * One action's transaction through useTransactor, with its busy flag and its last error kept next to the button
 * (the transactor's toast disappears after a while; the sentence stays until the next attempt).
 */
export function useRun() {
  const transact = useTransactor();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DecodedError | undefined>(undefined);
  const run: Transact = useCallback(
    async (request) => {
      setBusy(true);
      setError(undefined);
      const result = await transact(request);
      setBusy(false);
      if (!result.ok) setError(result.error);
      return result;
    },
    [transact],
  );
  return { run, busy, setBusy, error, setError };
}
