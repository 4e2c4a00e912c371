import { useEffect, useState } from "react";

/** A value read from localStorage, read again whenever any Souk key changes (in this tab or another). */
export function useLocalState<T>(read: () => T, deps: readonly unknown[]): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    setValue(read());
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key.startsWith("souk.")) setValue(read());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
