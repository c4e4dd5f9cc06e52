// Shared passages told literal (word for word) or near (the same content words, other wording).
import { describe, expect, it } from 'vitest';
import { compareTexts, withChars } from '../../src/index/compare.ts';
import { tokenHashes } from '../../src/index/fingerprint.ts';
import { measure } from '../../src/index/verify.ts';
import type { Passage } from '../../src/index/types.ts';
import { isPassage } from '../../src/protocol/replies.ts';
import { seed } from './helpers.ts';

const slice = (text: string, r: [number, number] | undefined) => (r ? text.slice(r[0], r[1]) : '');

describe('literal and near passages', () => {
  it('tells "Ron Dermer, told Netanyahu" from "Ron Dermer and Netanyahu\'s": one passage, its literal stretch and its near gap', () => {
    const original =
      "Netanyahu's closest confidant, Israeli Minister for Strategic Affairs Ron Dermer and Netanyahu's national security adviser will lead the talks.";
    const candidate =
      "Netanyahu's closest confidant, Israeli Minister for Strategic Affairs Ron Dermer, told Netanyahu national security adviser will lead the talks.";
    const [p, ...rest] = compareTexts(original, candidate).passages;
    expect(rest).toHaveLength(0);
    expect(p.kind).toBe('near');
    const parts = p.parts!.map((q) => [q.kind, slice(candidate, q.candidateChars).trim(), slice(original, q.originalChars).trim()]);
    expect(parts).toEqual([
      [
        'literal',
        "Netanyahu's closest confidant, Israeli Minister for Strategic Affairs Ron Dermer,",
        "Netanyahu's closest confidant, Israeli Minister for Strategic Affairs Ron Dermer",
      ],
      ['near', 'told Netanyahu', "and Netanyahu's"],
      ['literal', 'national security adviser will lead the talks', 'national security adviser will lead the talks'],
    ]);
    // The parts tile the passage on both sides.
    expect(p.parts![0].candidateChars[0]).toBe(p.candidateChars![0]);
    expect(p.parts!.at(-1)!.originalChars[1]).toBe(p.originalChars![1]);
    for (let i = 1; i < p.parts!.length; i++) {
      expect(p.parts![i].candidateChars[0]).toBe(p.parts![i - 1].candidateChars[1]);
      expect(p.parts![i].originalChars[0]).toBe(p.parts![i - 1].originalChars[1]);
    }
  });

  it('reads case, spacing, punctuation, quote style and abbreviations as the same words', () => {
    const original = "The U.S. and Israel said holding a virtual meeting is a way for Netanyahu to 'save face' before the talks.";
    const candidate = 'the US and ISRAEL said   holding a virtual meeting, is a way for Netanyahu to “save face” before the talks';
    const c = compareTexts(original, candidate);
    expect(c.passages).toHaveLength(1);
    expect(c.passages[0].kind).toBe('literal');
    expect(c.passages[0].parts).toBeUndefined();
  });

  it('calls a passage near throughout when no literal stretch of two content words is left', () => {
    const original = 'Officials said the delegation would travel to Washington on Monday for talks.';
    const candidate = 'An official says a delegation will travel to Washington this Monday for the talks.';
    const [p] = compareTexts(original, candidate).passages;
    expect(p.kind).toBe('near');
    expect(p.parts).toBeUndefined();
  });

  it('tells apart passages of the seed articles; only one text at hand leaves the kind unknown', () => {
    const orig = seed('001');
    const cand = seed('002');
    const passages = compareTexts(orig, cand).passages;
    expect(passages.every((p) => p.kind === 'literal' || p.kind === 'near')).toBe(true);
    const dermer = passages.find((p) => slice(cand, p.candidateChars).includes('Ron Dermer, told Netanyahu'))!;
    expect(dermer.kind).toBe('near');
    const near = dermer.parts!.filter((q) => q.kind === 'near');
    expect(near.map((q) => [slice(cand, q.candidateChars), slice(orig, q.originalChars)])).toEqual([['told Netanyahu', "and Netanyahu's"]]);
    // "U.S." against "US" and 'save face' against "save face" are literal.
    expect(passages.find((p) => slice(cand, p.candidateChars).includes('"save face"'))!.kind).toBe('literal');
    expect(passages.filter((p) => p.kind === 'literal').length).toBeGreaterThan(3);

    // The worker's check has the page's text only: character ranges on that side, no kind.
    const o = tokenHashes(orig, 1);
    const c = tokenHashes(cand, 1);
    const checked = withChars(measure(o.tokens, c.tokens).passages, c.offsets);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.every((p) => p.kind === undefined && p.parts === undefined && p.candidateChars)).toBe(true);
  });

  it('are accepted by the reply validator with their kind and parts, and refused with a wrong kind', () => {
    const p: Passage = {
      candidateTokens: [0, 4],
      originalTokens: [0, 4],
      candidateChars: [0, 30],
      originalChars: [0, 31],
      kind: 'near',
      parts: [
        { kind: 'literal', candidateChars: [0, 20], originalChars: [0, 20] },
        { kind: 'near', candidateChars: [20, 30], originalChars: [20, 31] },
      ],
    };
    expect(isPassage(p)).toBe(true);
    expect(isPassage({ ...p, kind: undefined, parts: undefined })).toBe(true);
    expect(isPassage({ ...p, kind: 'close' })).toBe(false);
    expect(isPassage({ ...p, parts: [{ kind: 'near', candidateChars: [5, 1], originalChars: [0, 1] }] })).toBe(false);
    expect(isPassage({ ...p, parts: 'near' })).toBe(false);
  });
});
