import { useEffect, useState } from "react";

/**
 * `value`, once it has stayed the same for `delayMs`: a burst of changes (keystrokes) gives one update, after the
 * last of them. The first value is returned at once.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return settled;
}
