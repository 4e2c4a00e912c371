import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Text typed into a field whose value lives in the URL. The field answers every keystroke from local state (the
 * results follow at once); the URL is written once typing pauses, replacing the entry, so Back does not replay
 * keystrokes. When the URL changes from elsewhere (Back/Forward, "clear filters") the field follows it.
 */
export function useUrlText(urlValue: string, write: (value: string) => void, delay = 300) {
  const [value, setValue] = useState(urlValue);
  const written = useRef(urlValue);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writeRef = useRef(write);
  writeRef.current = write;

  useEffect(() => {
    if (urlValue === written.current) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    written.current = urlValue;
    setValue(urlValue);
  }, [urlValue]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = useCallback((next: string) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (next === written.current) return;
    written.current = next;
    writeRef.current(next);
  }, []);

  const change = useCallback(
    (next: string) => {
      setValue(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(next), delay);
    },
    [commit, delay],
  );

  /** Writes the current value now (on Enter or blur). */
  const flush = useCallback(() => {
    if (timer.current !== undefined) commit(value);
  }, [commit, value]);

  return { value, change, flush };
}
