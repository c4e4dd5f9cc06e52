// The pages checked against generated indexes: planted copies, partial copies, rewrites, and unrelated pages.
import type { ArticleRecord } from '../src/index/types.ts';
import type { Generator, Plant } from './corpus.ts';

export type QueryKind = Plant | 'unrelated';
export const KINDS: QueryKind[] = ['copy', 'partial', 'rewrite', 'unrelated'];
export const ARTICLE_WORDS = 600;

export interface Query {
  kind: QueryKind;
  text: string;
  /** The planted original's id, for copies, partial copies and rewrites. */
  originalId?: string;
}

/** The planted originals (to store first) and the pages that will be checked against the index. */
export function makeQueries(gen: Generator, perKind: number, t0: number): { originals: ArticleRecord[]; queries: Query[]; originalTexts: string[] } {
  const originals: ArticleRecord[] = [];
  const originalTexts: string[] = [];
  const queries: Query[] = [];
  for (const kind of KINDS) {
    for (let i = 0; i < perKind; i++) {
      const words = gen.words(gen.length(ARTICLE_WORDS));
      if (kind === 'unrelated') {
        queries.push({ kind, text: gen.text(words) });
        continue;
      }
      const original = gen.record(words, t0 + originals.length);
      originals.push(original);
      originalTexts.push(gen.text(words));
      queries.push({ kind, text: gen.text(gen.plant(kind, words)), originalId: original.id });
    }
  }
  return { originals, queries, originalTexts };
}
