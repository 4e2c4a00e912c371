/**
 * Turns what a person typed into a PostgreSQL tsquery: each word is stemmed in English with accents folded
 * (through the search configuration), the last word also matches as a prefix (results while typing), and a word of
 * 4+ letters that no listing contains is widened with the closest indexed words by trigram similarity (pg_trgm), so
 * that "camra" finds "camera". Words are letters and digits only, so nothing typed can change the query's syntax.
 */
import type pg from "pg";

import { DOCUMENTS_SCHEMA, TS_CONFIG } from "../documents/store-schema.ts";
import { MIN_TYPO_WORD, words } from "../documents/words.ts";
import { BadRequest, MAX_QUERY_WORDS } from "../query-params.ts";

/** Similar words added for one unknown word, best first. */
const CORRECTIONS = 3;
/** pg_trgm similarity from which a word counts as a likely typo of another. */
const SIMILARITY = 0.35;

export interface TextQuery {
  /** tsquery text for to_tsquery(TS_CONFIG, …). */
  tsquery: string;
  /** Every word is a stop word ("the"): the query constrains nothing. */
  empty: boolean;
  /** Words corrected, for the response (`{ camra: ["camera"] }`). */
  corrections: Record<string, string[]>;
}

export async function buildTextQuery(pool: pg.Pool, q: string): Promise<TextQuery | undefined> {
  const terms = words(q);
  if (terms.length === 0) return undefined;
  if (terms.length > MAX_QUERY_WORDS) throw new BadRequest(`The parameter "q" may have at most ${MAX_QUERY_WORDS} words.`);
  const last = terms.length - 1;
  // One round trip: for every word, whether it is a stop word; for every word of 4+ letters that is not, whether the
  // lexicon knows it (as a word, or as the start of one for the word being typed: a range of the C-ordered index)
  // and, if not, its closest words (the trigram index).
  const { rows } = await pool.query<{ word: string; stop: boolean; similar: string[] | null }>(
    `SELECT c.word, numnode(to_tsquery('${TS_CONFIG}', c.word)) = 0 AS stop,
       CASE WHEN length(c.word) < $3 OR numnode(to_tsquery('${TS_CONFIG}', c.word)) = 0
              OR EXISTS (SELECT 1 FROM ${DOCUMENTS_SCHEMA}.lexicon l
                         WHERE CASE WHEN c.prefix THEN l.word ~>=~ c.word AND l.word ~<~ (c.word || chr(1114111))
                                    ELSE l.word = c.word END)
       THEN NULL
       ELSE ARRAY(SELECT l.word FROM ${DOCUMENTS_SCHEMA}.lexicon l
                  WHERE l.word % c.word AND similarity(l.word, c.word) >= $4
                  ORDER BY similarity(l.word, c.word) DESC, l.word LIMIT ${CORRECTIONS})
       END AS similar
     FROM unnest($1::text[], $2::boolean[]) AS c(word, prefix)`,
    [terms, terms.map((_, i) => i === last), MIN_TYPO_WORD, SIMILARITY],
  );
  const corrections: Record<string, string[]> = {};
  for (const row of rows) if (row.similar !== null && row.similar.length > 0) corrections[row.word] = row.similar;
  const tsquery = terms
    .map((word, i) => {
      const alternatives = [i === last ? `${word}:*` : word, ...(corrections[word] ?? [])];
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" | ")})`;
    })
    .join(" & ");
  return { tsquery, empty: rows.every((row) => row.stop), corrections };
}
