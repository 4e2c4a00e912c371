// The relay's event store on Node's built-in SQLite (node:sqlite): no native build, one file on disk.
//
// NIP-01 storage rules are applied here because @nostr-relay/core leaves them to the repository: replaceable events
// (kind 0, 3, 10000-19999) keep one event per author and kind, parameterised replaceable events (30000-39999) one
// per author, kind and `d` tag; the newest wins, ties go to the lowest id. NIP-09 deletions remove the author's own
// events; NIP-40 expired events are never returned.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";

import { EventRepository, EventType, EventUtils, type Event, type EventRepositoryUpsertResult, type Filter } from "@nostr-relay/common";

/** Results of one filter when it names no limit, and the most it may ask for. */
export const DEFAULT_QUERY_LIMIT = 500;
export const MAX_QUERY_LIMIT = 5_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    id          TEXT PRIMARY KEY,
    pubkey      TEXT NOT NULL,
    kind        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    replace_key TEXT,
    expires_at  INTEGER,
    json        TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX IF NOT EXISTS events_replace_key ON events (replace_key) WHERE replace_key IS NOT NULL;
  CREATE INDEX IF NOT EXISTS events_created_at ON events (created_at DESC);
  CREATE INDEX IF NOT EXISTS events_pubkey_kind ON events (pubkey, kind, created_at DESC);
  CREATE INDEX IF NOT EXISTS events_kind ON events (kind, created_at DESC);
  CREATE TABLE IF NOT EXISTS tags (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS tags_name_value ON tags (name, value);
  CREATE INDEX IF NOT EXISTS tags_event ON tags (event_id);
`;

/** The key that makes an event replace an earlier one, or null for regular events. */
export function replaceKey(event: Pick<Event, "kind" | "pubkey" | "tags">): string | null {
  const type = EventUtils.getType(event.kind);
  if (type === EventType.REPLACEABLE) return `${event.pubkey}:${event.kind}`;
  if (type === EventType.PARAMETERIZED_REPLACEABLE) return `${event.pubkey}:${event.kind}:${EventUtils.extractDTagValue(event as Event) ?? ""}`;
  return null;
}

/** Whether `candidate` supersedes `stored` under NIP-01 (newer, or as new with a lower id). */
export function supersedes(candidate: Pick<Event, "created_at" | "id">, stored: Pick<Event, "created_at" | "id">): boolean {
  return candidate.created_at > stored.created_at || (candidate.created_at === stored.created_at && candidate.id < stored.id);
}

export class SqliteEventRepository extends EventRepository {
  readonly file: string;
  private readonly db: DatabaseSync;

  constructor(dataDir: string) {
    super();
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, "events.sqlite");
    this.db = new DatabaseSync(this.file);
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    this.db.exec(SCHEMA);
  }

  isSearchSupported(): boolean {
    return false;
  }

  /** The stored event that `event` would replace, if any (for refusing stale replaceable events early). */
  findReplaced(event: Pick<Event, "kind" | "pubkey" | "tags">): Pick<Event, "id" | "created_at"> | undefined {
    const key = replaceKey(event);
    if (key === null) return undefined;
    const row = this.db.prepare("SELECT id, created_at FROM events WHERE replace_key = ?").get(key) as
      | { id: string; created_at: number }
      | undefined;
    return row;
  }

  upsert(event: Event): EventRepositoryUpsertResult {
    const key = replaceKey(event);
    const expiresAt = EventUtils.extractExpirationTimestamp(event);
    this.db.exec("BEGIN IMMEDIATE");
    try {
      if (this.db.prepare("SELECT 1 FROM events WHERE id = ?").get(event.id) !== undefined) {
        this.db.exec("COMMIT");
        return { isDuplicate: true };
      }
      if (key !== null) {
        const stored = this.db.prepare("SELECT id, created_at FROM events WHERE replace_key = ?").get(key) as
          | { id: string; created_at: number }
          | undefined;
        if (stored !== undefined) {
          if (!supersedes(event, stored)) {
            this.db.exec("COMMIT");
            return { isDuplicate: true };
          }
          this.db.prepare("DELETE FROM events WHERE id = ?").run(stored.id);
        }
      }
      this.db
        .prepare("INSERT INTO events (id, pubkey, kind, created_at, replace_key, expires_at, json) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(event.id, event.pubkey, event.kind, event.created_at, key, expiresAt, JSON.stringify(event));
      const insertTag = this.db.prepare("INSERT INTO tags (event_id, name, value) VALUES (?, ?, ?)");
      for (const [name, value] of event.tags) {
        // Only single-letter tags are queryable (NIP-01).
        if (name !== undefined && name.length === 1 && value !== undefined) insertTag.run(event.id, name, value);
      }
      this.db.exec("COMMIT");
      return { isDuplicate: false };
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  find(filter: Filter): Event[] {
    const where: string[] = ["(expires_at IS NULL OR expires_at > ?)"];
    const params: SQLInputValue[] = [Math.floor(Date.now() / 1000)];
    const within = (column: string, values: ReadonlyArray<string | number>) => {
      where.push(`${column} IN (${values.map(() => "?").join(", ")})`);
      params.push(...values);
    };
    if (filter.ids !== undefined) within("id", filter.ids);
    if (filter.authors !== undefined) within("pubkey", filter.authors);
    if (filter.kinds !== undefined) within("kind", filter.kinds);
    if (filter.since !== undefined) {
      where.push("created_at >= ?");
      params.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push("created_at <= ?");
      params.push(filter.until);
    }
    for (const [key, values] of Object.entries(filter)) {
      if (key.length !== 2 || key[0] !== "#" || !Array.isArray(values)) continue;
      where.push(`id IN (SELECT event_id FROM tags WHERE name = ? AND value IN (${values.map(() => "?").join(", ")}))`);
      params.push(key[1]!, ...(values as string[]));
    }
    const limit = Math.min(filter.limit ?? DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT);
    params.push(limit);
    const rows = this.db
      .prepare(`SELECT json FROM events WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id ASC LIMIT ?`)
      .all(...params) as Array<{ json: string }>;
    return rows.map((row) => JSON.parse(row.json) as Event);
  }

  /** NIP-09: an author deletes their own events named by `e` tags (and `a` tags for replaceable ones). */
  override async deleteByDeletionRequest(event: Event): Promise<void> {
    const ids = event.tags.filter(([name, value]) => name === "e" && value !== undefined).map(([, value]) => value!);
    const keys = event.tags
      .filter(([name, value]) => name === "a" && value !== undefined && value.split(":")[1] === event.pubkey)
      .map(([, value]) => {
        const [kind = "", pubkey = "", d = ""] = value!.split(":");
        return replaceKey({ kind: Number(kind), pubkey, tags: [["d", d]] });
      })
      .filter((key): key is string => key !== null);
    if (ids.length > 0) {
      this.db
        .prepare(`DELETE FROM events WHERE pubkey = ? AND created_at <= ? AND id IN (${ids.map(() => "?").join(", ")})`)
        .run(event.pubkey, event.created_at, ...ids);
    }
    for (const key of keys) {
      this.db.prepare("DELETE FROM events WHERE pubkey = ? AND created_at <= ? AND replace_key = ?").run(event.pubkey, event.created_at, key);
    }
  }

  /** Every stored row as it is on disk (for tests that check what the relay can see). */
  rawRows(): Array<{ json: string; tags: string }> {
    return this.db
      .prepare("SELECT json, (SELECT group_concat(name || '=' || value, ' ') FROM tags WHERE event_id = events.id) AS tags FROM events")
      .all() as Array<{ json: string; tags: string }>;
  }

  count(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  }

  async destroy(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
