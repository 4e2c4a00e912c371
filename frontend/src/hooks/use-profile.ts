import type { ProfileView } from "@souk/sdk/messaging";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";

import { env } from "../app/env.ts";

export const profileKey = (account: string) => ["profile", env.chainId, account.toLowerCase()] as const;

/** The account's Nostr profile (name, avatar, shop, bio) with whether its wallet binding verifies; undefined if none. */
export function useProfile(account: string | undefined, options: { watch?: boolean } = {}) {
  return useQuery<ProfileView | null>({
    queryKey: profileKey(account ?? ""),
    enabled: account !== undefined && /^0x[0-9a-fA-F]{40}$/.test(account),
    staleTime: 60_000,
    // Someone to write to who has not turned messages on yet: look again until they have.
    refetchInterval: (query) => (options.watch === true && query.state.data?.verified !== true ? 5_000 : false),
    queryFn: async () => {
      const { getRuntime } = await import("../app/messaging-entry.ts");
      return (await getRuntime().directory.byAccount(account as Address)) ?? null;
    },
  });
}

/** The verified profile behind a messaging key (who wrote a message). */
export function useProfileByKey(pubkey: string | undefined) {
  return useQuery<ProfileView | null>({
    queryKey: ["profile-key", env.chainId, pubkey],
    enabled: pubkey !== undefined,
    staleTime: 60_000,
    queryFn: async () => {
      const { getRuntime } = await import("../app/messaging-entry.ts");
      return (await getRuntime().directory.byPubkey(pubkey!)) ?? null;
    },
  });
}
