import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { useLocation } from "react-router";
import type { Address } from "viem";
import { useConnection } from "wagmi";

import { MessagingContext, type MessagingState } from "../../lib/messaging/messaging-context.ts";

const flag = (account: Address) => `souk.messaging.${account.toLowerCase()}`;
// Resumed after the page's own content: the browse page never waits for (nor downloads early) the messaging code.
const RESUME_DELAY_MS = { browse: 2_500, other: 0 };

const load = () => import("../../app/messaging-entry.ts");

/**
 * Messaging for the connected account. Nothing of it loads until it is needed: on a device where the account has
 * started messaging before (a flag in localStorage), the session resumes without a prompt; otherwise a page calls
 * start() after the person asked for it.
 */
export function MessagingProvider({ children }: { children: ReactNode }) {
  const { address } = useConnection();
  const { pathname } = useLocation();
  const [state, setState] = useState<MessagingState>({ status: "disconnected" });
  const [sessionAccount, setSessionAccount] = useState<Address | undefined>(undefined);
  const queryClient = useQueryClient();

  const browse = pathname === "/";
  useEffect(() => {
    if (address === undefined) {
      setState({ status: "disconnected" });
      return;
    }
    setSessionAccount(address);
    if (localStorage.getItem(flag(address)) !== "1") {
      setState({ status: "off" });
      return;
    }
    let cancelled = false;
    setState({ status: "starting" });
    const timer = setTimeout(
      () => {
        void load()
          .then(({ resumeSession }) => resumeSession(address))
          .then((session) => {
            if (cancelled) session?.client.stop();
            else setState(session === undefined ? { status: "off" } : { status: "ready", session });
          })
          .catch((error: unknown) => !cancelled && setState({ status: "error", error: String(error) }));
      },
      browse ? RESUME_DELAY_MS.browse : RESUME_DELAY_MS.other,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The browse delay applies to the first resume only; a later navigation must not restart the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [address]);

  useEffect(() => {
    if (state.status !== "ready") return;
    const session = state.session;
    return () => session.client.stop();
  }, [state]);

  const start = useCallback(async () => {
    if (address === undefined) throw new Error("Connect a wallet first.");
    if (state.status === "ready") return state.session;
    setState({ status: "starting" });
    try {
      const { startSession } = await load();
      const session = await startSession(address);
      localStorage.setItem(flag(address), "1");
      // Starting may have published the account's binding: profiles read before it are stale.
      await queryClient.invalidateQueries({ queryKey: ["profile"] });
      setState({ status: "ready", session });
      return session;
    } catch (error) {
      setState({ status: "off" });
      throw error;
    }
  }, [address, state, queryClient]);

  const handle = useMemo(() => ({ state, account: sessionAccount, start }), [state, sessionAccount, start]);
  return <MessagingContext.Provider value={handle}>{children}</MessagingContext.Provider>;
}
