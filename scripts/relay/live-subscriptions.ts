// Live delivery of new events to open subscriptions, replacing @nostr-relay/core's own: its matcher
// (EventUtils.isMatchingFilter) ignores tag filters, so a subscriber to `{kinds: [1059], "#p": [me]}` also received
// every other person's gift wraps. Here every NIP-01 condition of a filter is checked (nostr-tools' matchFilter), and a
// subscription is registered before its stored events are queried, so an event published meanwhile is not lost.
import type { Event, Filter } from "@nostr-relay/common";
import { matchFilters, type Filter as NostrToolsFilter } from "nostr-tools/filter";

export interface Subscriber {
  send(data: string): void;
  readonly readyState: number;
}

const OPEN = 1;

export class LiveSubscriptions {
  private readonly bySubscriber = new Map<Subscriber, Map<string, Filter[]>>();

  /** Opens or replaces a subscription; returns false when the subscriber already has `max` others. */
  subscribe(subscriber: Subscriber, id: string, filters: Filter[], max: number): boolean {
    let subscriptions = this.bySubscriber.get(subscriber);
    if (subscriptions === undefined) {
      subscriptions = new Map();
      this.bySubscriber.set(subscriber, subscriptions);
    }
    if (!subscriptions.has(id) && subscriptions.size >= max) return false;
    // NIP-50 search filters are not supported: they never match live events.
    subscriptions.set(
      id,
      filters.filter((filter) => filter.search === undefined),
    );
    return true;
  }

  unsubscribe(subscriber: Subscriber, id: string): void {
    this.bySubscriber.get(subscriber)?.delete(id);
  }

  drop(subscriber: Subscriber): void {
    this.bySubscriber.delete(subscriber);
  }

  count(subscriber: Subscriber): number {
    return this.bySubscriber.get(subscriber)?.size ?? 0;
  }

  deliver(event: Event): void {
    for (const [subscriber, subscriptions] of this.bySubscriber) {
      if (subscriber.readyState !== OPEN) continue;
      for (const [id, filters] of subscriptions) {
        if (matchFilters(filters as NostrToolsFilter[], event)) subscriber.send(JSON.stringify(["EVENT", id, event]));
      }
    }
  }
}
