import { useCallback, useState, type FocusEvent } from "react";

/**
 * When to show a field's problem: once the person has left the field, or after they tried to submit. Nobody is
 * told a title is missing before they had a chance to type it.
 */
export function useFieldErrors(errors: Record<string, string>) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [attempted, setAttempted] = useState(false);

  /** For the form's onBlur: marks the field the focus left (controls carry their key in data-field). */
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    const key = (event.target).dataset.field;
    if (key === undefined) return;
    setTouched((all) => (all.has(key) ? all : new Set(all).add(key)));
  }, []);

  const errorOf = (key: string): string | undefined => (attempted || touched.has(key) ? errors[key] : undefined);
  const reset = useCallback(() => {
    setTouched(new Set());
    setAttempted(false);
  }, []);

  return { errorOf, onBlur, attempted, attempt: () => setAttempted(true), reset };
}
