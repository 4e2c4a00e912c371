import { lazy, type ComponentType } from "react";

import type * as MessagingEntryModule from "./messaging-entry.ts";

type MessagingEntry = typeof MessagingEntryModule;
type Components = { [K in keyof MessagingEntry as MessagingEntry[K] extends ComponentType<never> ? K : never]: MessagingEntry[K] };

/**
 * The messaging code (messaging-entry.ts), loaded on demand. Every page loads it through this one function, so the
 * first page names it, with the list of chunks it needs, once.
 */
export function loadMessaging(): Promise<MessagingEntry> {
  return import("./messaging-entry.ts");
}

/** A component of the messaging entry, rendered once the entry has loaded (wrap it in Suspense). */
export function lazyMessaging<K extends keyof Components>(name: K) {
  return lazy(async () => ({ default: (await loadMessaging())[name] }));
}
