import { useState } from "react";

/**
 * `value` as it was when `key` last changed: effects and memos that depend on the result follow the content that
 * `key` describes, not the identity of a value rebuilt on every render. (React's "storing information from previous
 * renders" pattern: the state is replaced during render when the key changes.)
 */
export function useKeyed<T>(value: T, key: string): T {
  const [kept, setKept] = useState({ key, value });
  if (kept.key !== key) {
    setKept({ key, value });
    return value;
  }
  return kept.value;
}
