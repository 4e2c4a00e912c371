import type { KeyboardEvent } from "react";

/**
 * Enter in a text box does not submit these long forms (it would start uploading and ask for a signature
 * mid-sentence); the publish button, textareas and every other key behave as usual.
 */
export function preventImplicitSubmit(event: KeyboardEvent<HTMLFormElement>): void {
  const target = event.target as HTMLElement;
  if (event.key === "Enter" && target instanceof HTMLInputElement && !["submit", "button", "checkbox", "radio", "file"].includes(target.type)) {
    event.preventDefault();
  }
}
