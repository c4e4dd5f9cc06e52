import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, compareTexts, DEFAULT_PARAMS, MemoryStore, type CheckResult } from '../../src/index/index.ts';
import { murmur3 } from '../../src/index/hash.ts';
import { numberHashes } from '../../src/index/numbers.ts';
import { otherEvent } from '../../src/index/verdict.ts';
import { measure } from '../../src/index/verify.ts';
import { tokenHashes } from '../../src/index/fingerprint.ts';

// Two match reports in one agency template: the same sentences, other teams, players and scores.
const NORTHSHIRE = `Northshire beat Eastvale by 34 runs at Kingsford Oval on Saturday to move top of the county table.
Batting first after winning the toss, Northshire made 287 for 6 in their 50 overs, with captain Tom Hadley scoring 112 from 118 balls and Raj Mistry adding 64. Eastvale's seamer Liam Croft took 3 for 41.
In reply Eastvale were bowled out for 253 in 47.2 overs despite 88 from opener Sam Whitlock. Northshire spinner Dan Ellery finished with 4 for 37, his best figures of the season.
Northshire play Westbrook on Wednesday, while Eastvale travel to Harrowgate.`;
const WESTBROOK = `Westbrook beat Harrowgate by 5 wickets at Millbank Park on Sunday to move second in the county table.
Batting first after winning the toss, Harrowgate made 241 for 9 in their 50 overs, with captain Ben Oakes scoring 76 from 90 balls and Kieran Pike adding 51. Westbrook's seamer Ollie Grant took 4 for 29.
In reply Westbrook reached 242 for 5 in 46.4 overs thanks to 97 from opener Jack Tennant. Harrowgate spinner Amir Shah finished with 2 for 44, his best figures of the season.
Westbrook play Northshire on Wednesday, while Harrowgate travel to Eastvale.`;
// Another outlet's rewrite of the Northshire report: new sentences, the same names and numbers.
const REWRITE = `Captain Tom Hadley's 112 off 118 balls steered Northshire to a 34-run win over Eastvale at Kingsford Oval on Saturday, taking them to the top of the county table.
Hadley, with Raj Mistry's 64 in support, lifted Northshire to 287 for 6 after they chose to bat. Liam Croft was the pick of the Eastvale attack with 3 for 41.
Sam Whitlock's 88 kept the chase alive, but Eastvale were all out for 253 in 47.2 overs as spinner Dan Ellery claimed 4 for 37, a season best.
Next for Northshire is Westbrook on Wednesday; Eastvale go to Harrowgate.`;

// Two quarterly results in one template: other companies, other figures.
const ACME = `Acme Corp reported third-quarter revenue of $4.2 billion on Tuesday, up 12% from a year earlier, beating analysts' estimates of $3.9 billion.
Net income rose to $610 million, or 1.35 per share, from $502 million a year ago. The company raised its full-year revenue forecast to $16.5 billion.
Shares of Acme rose 6% in extended trading. Chief executive Maria Lind said demand for its cloud services remained strong.`;
const BOLT = `Bolt Industries reported third-quarter revenue of $2.7 billion on Thursday, down 4% from a year earlier, missing analysts' estimates of $2.9 billion.
Net income fell to $188 million, or 0.41 per share, from $240 million a year ago. The company cut its full-year revenue forecast to $10.8 billion.
Shares of Bolt fell 9% in extended trading. Chief executive Henrik Sand said demand for its industrial motors remained weak.`;

const features = (original: string, candidate: string) =>
  measure(tokenHashes(original, DEFAULT_PARAMS.seed).tokens, tokenHashes(candidate, DEFAULT_PARAMS.seed).tokens);

const at = (name: string) => ({ url: `https://${name}.example/story`, siteName: name });

async function check(stored: [string, string][], page: string): Promise<CheckResult> {
  const store = new MemoryStore();
  stored.forEach(([name, text], i) => store.putSync(buildRecord(text, at(name), 1000 + i).record));
  return checkArticle(store, buildRecord(page, at('reader'), 10_000));
}

describe('numbers among the stored hashes', () => {
  const nums = numberHashes(DEFAULT_PARAMS.seed);
  it('knows integers, decimals and Arabic-Indic digits as the tokenizer leaves them', () => {
    for (const n of ['0', '7', '09', '287', '2024', '9999', '47.2', '1.35', '102.9', '1.50', '\u06f1\u06f2\u06f3', '\u0663\u0664'])
      expect(nums.has(murmur3(n, DEFAULT_PARAMS.seed)), n).toBe(true);
  });
  it('does not take words for numbers', () => {
    for (const w of ['over', 'wicket', 'billion', 'q3', 'covid19']) expect(nums.has(murmur3(w, DEFAULT_PARAMS.seed)), w).toBe(false);
  });
  it('counts the distinct numbers of both texts and those they share', () => {
    const f = features(NORTHSHIRE, REWRITE);
    expect(f.originalNumbers).toBeGreaterThanOrEqual(12);
    expect(f.sharedNumbers).toBe(f.candidateNumbers);
  });
});

describe('stories in one template about different events', () => {
  it.each([
    ['two match reports', NORTHSHIRE, WESTBROOK],
    ['two earnings reports', ACME, BOLT],
  ])('%s share their wording, not their numbers: never flagged, either way', (_name, a, b) => {
    for (const [o, c] of [
      [a, b],
      [b, a],
    ]) {
      const f = features(o, c);
      // Enough shared wording in order to pass for a rewrite by words alone...
      expect(f.containment).toBeGreaterThanOrEqual(0.06);
      expect(f.ordered).toBeGreaterThanOrEqual(0.25);
      // ...but another event: the numbers disagree.
      expect(otherEvent(f)).toBe(true);
      expect(compareTexts(o, c).verdict).toBe('related');
      expect(compareTexts(o, c, { credited: true, sensitivity: 'high' }).verdict).toBe('related');
    }
  });
  it('a rewrite of one report is still a rewrite of it, and not of the other', () => {
    expect(compareTexts(NORTHSHIRE, REWRITE).verdict).toBe('rewrite');
    expect(otherEvent(features(NORTHSHIRE, REWRITE))).toBe(false);
    expect(['related', 'unrelated']).toContain(compareTexts(WESTBROOK, REWRITE).verdict);
  });
  it('checked against an index of both reports, the rewrite names its own report', async () => {
    const r = await check(
      [
        ['westbrook-wire', WESTBROOK],
        ['northshire-wire', NORTHSHIRE],
      ],
      REWRITE,
    );
    expect(r.verdict).toBe('rewrite');
    expect(r.original?.outlet).toBe('northshire-wire');
  });
  it('checked against an index of the other report only, a report is not flagged', async () => {
    for (const [stored, page] of [
      [NORTHSHIRE, WESTBROOK],
      [WESTBROOK, NORTHSHIRE],
      [ACME, BOLT],
      [BOLT, ACME],
    ]) {
      const r = await check([['wire', stored]], page);
      expect(r.original).toBeUndefined();
      expect(['related', 'unrelated']).toContain(r.verdict);
    }
  });
  it('a few differing numbers do not part a rewrite that shares most of its words', () => {
    const f = { ...features(NORTHSHIRE, REWRITE), candidateNumbers: 3, originalNumbers: 5, sharedNumbers: 0, vocabulary: 0.6 };
    expect(otherEvent(f)).toBe(false);
    expect(otherEvent({ ...f, vocabulary: 0.4 })).toBe(true);
    // With many numbers on each side, their disagreement decides.
    expect(otherEvent({ ...f, candidateNumbers: 12, originalNumbers: 12, sharedNumbers: 1 })).toBe(true);
    expect(otherEvent({ ...f, candidateNumbers: 12, originalNumbers: 12, sharedNumbers: 2 })).toBe(false);
  });
});
