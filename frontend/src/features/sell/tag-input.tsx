import { LINE_BREAK_OR_CONTROL } from "@souk/sdk/schemas";
import { useId, useState, type KeyboardEvent } from "react";

import { Button } from "../../components/button.tsx";
import { MAX_TAGS } from "./limits.ts";

const MAX_TAG_LENGTH = 30;

/** Adds what was typed as tags (commas separate several); returns the new list or the reason it was refused. */
export function addTags(tags: readonly string[], typed: string): { tags: string[]; error?: string } {
  const candidates = typed
    .split(",")
    .map((t) => t.trim().replace(/\s+/g, " "))
    .filter((t) => t !== "");
  const next = [...tags];
  for (const tag of candidates) {
    if (LINE_BREAK_OR_CONTROL.test(tag)) return { tags: next, error: "Tags are plain text on one line." };
    if (tag.length > MAX_TAG_LENGTH) return { tags: next, error: `“${tag.slice(0, 40)}” is longer than ${MAX_TAG_LENGTH} characters.` };
    if (next.some((t) => t.toLowerCase() === tag.toLowerCase())) continue;
    if (next.length >= MAX_TAGS) return { tags: next, error: `A listing can have at most ${MAX_TAGS} tags.` };
    next.push(tag);
  }
  return { tags: next };
}

/** Tags as removable chips; Enter or a comma adds what was typed, Backspace in the empty box removes the last one. */
export function TagInput({ tags, onChange, error }: { tags: string[]; onChange: (tags: string[]) => void; error?: string }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const shown = problem ?? error;

  const commit = () => {
    if (typed.trim() === "") return;
    const result = addTags(tags, typed);
    setProblem(result.error);
    if (result.tags.length !== tags.length) {
      onChange(result.tags);
      setAnnouncement(`Added ${result.tags.slice(tags.length).join(", ")}.`);
    }
    if (result.error === undefined) setTyped("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && typed === "" && tags.length > 0) {
      const last = tags[tags.length - 1]!;
      onChange(tags.slice(0, -1));
      setAnnouncement(`Removed ${last}.`);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Add tags
      </label>
      {tags.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Tags added">
          {tags.map((tag) => (
            <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-brand-soft py-1 pr-1 pl-3 text-sm text-brand">
              <span className="break-all">{tag}</span>
              <button
                type="button"
                className="flex size-6 items-center justify-center rounded-full hover:bg-surface"
                aria-label={`Remove tag ${tag}`}
                onClick={() => {
                  onChange(tags.filter((t) => t !== tag));
                  setAnnouncement(`Removed ${tag}.`);
                  document.getElementById(id)?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <input
          id={id}
          className="input"
          value={typed}
          maxLength={200}
          disabled={tags.length >= MAX_TAGS}
          placeholder={tags.length >= MAX_TAGS ? `${MAX_TAGS} tags: the maximum` : "handmade, ceramics"}
          aria-describedby={`${id}-help${shown === undefined ? "" : ` ${id}-error`}`}
          aria-invalid={shown !== undefined || undefined}
          data-field="tags"
          onChange={(event) => {
            setTyped(event.target.value);
            setProblem(undefined);
          }}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
        <Button variant="secondary" onClick={commit} disabled={typed.trim() === ""}>
          Add
        </Button>
      </div>
      <p id={`${id}-help`} className="text-xs text-muted">
        Up to {MAX_TAGS} words buyers might search for. Press Enter or type a comma after each one.
      </p>
      {shown !== undefined && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {shown}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
