/**
 * Lists kept in this browser only (localStorage), never sent anywhere: the watchlist and saved searches. Writers
 * announce changes with a storage event, so that every component reading them (useLocalState) follows, in this tab
 * and in others.
 */
export function readList<T>(key: string, isItem: (value: unknown) => value is T): T[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "[]") as unknown;
    return Array.isArray(value) ? value.filter(isItem) : [];
  } catch {
    return [];
  }
}

export function writeList<T>(key: string, items: readonly T[]): void {
  localStorage.setItem(key, JSON.stringify(items));
  window.dispatchEvent(new StorageEvent("storage", { key }));
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
export const isDigits = (value: unknown): value is string => typeof value === "string" && /^\d{1,78}$/.test(value);
