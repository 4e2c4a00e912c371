/**
 * Words as search sees them: accents folded, lower case, letters and digits only. The same function splits
 * documents into the lexicon and queries into terms, so that both sides agree.
 */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

/** Words long enough to be corrected for typos (shorter ones match exactly). */
export const MIN_TYPO_WORD = 4;
/** Longer words are not worth a lexicon entry (hashes, URLs). */
export const MAX_LEXICON_WORD = 32;

export function lexiconWords(texts: ReadonlyArray<string | undefined>): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (text === undefined) continue;
    for (const word of words(text)) {
      if (word.length >= MIN_TYPO_WORD && word.length <= MAX_LEXICON_WORD && !/^\d+$/.test(word)) found.add(word);
    }
  }
  return [...found];
}
