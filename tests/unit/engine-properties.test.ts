// The engine under property-based tests (fast-check): any Unicode text (every plane, right-to-left
// scripts, combining marks, lone surrogates, controls), empty, one-word and enormous texts, and
// any page metadata. Fixed seeds keep every run the same; a failure prints the shrunk input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonProblem } from '../../src/index/json-where.ts';
import {
  buildRecord,
  compareTexts,
  encodePack,
  extractCredits,
  fingerprint,
  PackError,
  parsePack,
  type Comparison,
  type PageMeta,
} from '../../src/index/index.ts';
import { contentWords } from '../../src/index/tokenize.ts';

const SEED = 20_251_122;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

/** Words in many scripts, some with combining marks, some right-to-left. */
const WORDS = [
  'rafah',
  'meeting',
  'Axios',
  'officials',
  'ceasefire',
  'U.S.',
  '32,000',
  'naïve',
  'café',
  'e\u0301te\u0301',
  'غزة',
  'الاجتماع',
  'مُحَمَّد',
  'שלום',
  'ירושלים',
  'בְּרֵאשִׁית',
  'Москва',
  'переговоры',
  'Ελλάδα',
  'συνάντηση',
  '東京',
  '会議',
  'にほんご',
  '서울',
  'हिन्दी',
  'ไทย',
  '🙂',
  '👩‍👩‍👧',
  '\u202eevil\u202c',
  'zero\u200bwidth',
];
const word = fc.constantFrom(...WORDS);
const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', ', ', '. ', '\t', '\u00a0', ' — ');
/** Sentences of real words in any script. */
const prose = fc.array(fc.tuple(word, separator), { maxLength: 120 }).map((ws) => ws.map(([w, s]) => w + s).join(''));
/** Any code points, lone surrogates included. */
const anyUnicode = fc.string({ unit: 'binary', maxLength: 400 });
const text = fc.oneof(prose, anyUnicode, fc.constant(''), word, fc.string({ unit: 'grapheme', maxLength: 200 }));

const RATIOS = ['score', 'containment', 'coverage', 'jaccard', 'ordered', 'vocabulary'] as const;

function expectSane(c: Comparison, original: string, candidate: string): void {
  for (const k of RATIOS) {
    expect(Number.isFinite(c[k]), k).toBe(true);
    expect(c[k], k).toBeGreaterThanOrEqual(0);
    expect(c[k], k).toBeLessThanOrEqual(1);
  }
  for (const p of c.passages) {
    if (p.candidateChars) expect(p.candidateChars[0] <= p.candidateChars[1] && p.candidateChars[1] <= candidate.length).toBe(true);
    if (p.originalChars) expect(p.originalChars[0] <= p.originalChars[1] && p.originalChars[1] <= original.length).toBe(true);
  }
}

describe('compareTexts on any text', () => {
  it('never throws, is deterministic, keeps every ratio within [0,1] and passages within the texts', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const c = compareTexts(a, b);
        expect(compareTexts(a, b)).toEqual(c);
        expectSane(c, a, b);
      }),
      runs(300),
    );
  });

  it('a text with at least one word is a copy of itself, whole both ways', () => {
    fc.assert(
      fc.property(text, (a) => {
        fc.pre(contentWords(a).words.length > 0);
        const c = compareTexts(a, a);
        expect(c.verdict).toBe('copy');
        expect(c.containment).toBe(1);
        expect(c.coverage).toBe(1);
      }),
      runs(300),
    );
  });

  it('measures both directions consistently: containment of a in b is the coverage of b by a', () => {
    fc.assert(
      fc.property(prose, prose, (a, b) => {
        const ab = compareTexts(a, b);
        const ba = compareTexts(b, a);
        expect(ab.containment).toBeCloseTo(ba.coverage, 12);
        expect(ab.coverage).toBeCloseTo(ba.containment, 12);
        expect(ab.jaccard).toBeCloseTo(ba.jaccard, 12);
      }),
      runs(200),
    );
  });

  it('copes with one-word, empty and enormous texts', () => {
    expect(compareTexts('', '').verdict).toBe('unrelated');
    expect(compareTexts('Rafah', '').containment).toBe(0);
    for (const w of WORDS) expectSane(compareTexts(w, w), w, w);
    // About 1.6 million characters, in three scripts.
    const big = Array.from({ length: 60_000 }, (_, i) => `${WORDS[i % WORDS.length]}${i % 97} `).join('') + 'שלום '.repeat(20_000);
    const c = compareTexts(big, big.slice(0, 200_000));
    expectSane(c, big, big.slice(0, 200_000));
    expect(c.containment).toBe(1);
    expect(fingerprint(big).signature).toEqual(fingerprint(big).signature);
  });
});

/** Page metadata as a hostile or broken page might give it. */
const meta: fc.Arbitrary<PageMeta> = fc.record(
  {
    url: fc.oneof(
      fc.webUrl(),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constant('javascript:alert(1)'),
      fc.webUrl().map((u) => `${u}/${'x'.repeat(5000)}`),
    ),
    canonicalUrl: fc.oneof(fc.webUrl(), fc.constant('data:text/html,<script>alert(1)</script>'), fc.string({ maxLength: 40 })),
    title: fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.constant('<img src=x onerror=alert(1)>'), fc.constant('t'.repeat(3000))),
    siteName: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constant('S'.repeat(4096))),
    publishedTime: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string({ maxLength: 30 }),
    ),
    lang: fc.oneof(fc.constantFrom('en', 'ar', 'he', 'zh-Hant-TW'), fc.string({ maxLength: 100 })),
    syndicationSource: fc.oneof(fc.webUrl(), fc.constant(`https://${'h'.repeat(300)}.example/`)),
    jsonLd: fc.record(
      {
        datePublished: fc.string({ maxLength: 30 }),
        isBasedOn: fc.array(fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 })), { maxLength: 64 }),
        sourceOrganization: fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constant('Org '.repeat(1000))), { maxLength: 64 }),
      },
      { requiredKeys: [] },
    ),
    links: fc.array(fc.record({ href: fc.webUrl(), text: fc.string({ maxLength: 30 }) }), { maxLength: 20 }),
  },
  { requiredKeys: [] },
);

describe('records and packs for any page', () => {
  it('buildRecord, encodePack and parsePack round-trip whatever the page says about itself', () => {
    fc.assert(
      fc.property(text, meta, fc.integer({ min: 0, max: 4_102_444_800_000 }), (body, m, seen) => {
        const { record } = buildRecord(body, m, seen);
        const back = parsePack(encodePack([{ record, text: body }])).items;
        expect(back).toHaveLength(1);
        expect(back[0].record).toEqual(record);
        expect(back[0].text).toBe(body);
      }),
      runs(250),
    );
  });

  it('extractCredits never throws and returns few credits with short evidence', () => {
    const creditText = fc
      .array(
        fc.tuple(
          fc.constantFrom('told', 'according to', 'citing', 'first reported by', 'selon', 'según', '(AP) —', 'reported'),
          fc.string({ maxLength: 30 }),
          word,
        ),
        { maxLength: 200 },
      )
      .map((parts) => parts.map(([a, b, c]) => `${a} ${b.slice(0, 1).toUpperCase()}${b.slice(1)} ${c}.`).join(' '));
    fc.assert(
      fc.property(fc.oneof(text, creditText), meta, (body, m) => {
        const credits = extractCredits(body, m);
        expect(extractCredits(body, m)).toEqual(credits);
        expect(credits.length).toBeLessThanOrEqual(100);
        for (const c of credits) {
          expect(c.evidence.length).toBeLessThanOrEqual(400);
          expect(c.outlet.length).toBeLessThanOrEqual(200);
          expect(c.key.length).toBeLessThanOrEqual(200);
          expect((c.host ?? '').length).toBeLessThanOrEqual(253);
        }
      }),
      runs(250),
    );
  });
});

describe('the pack reader on any input', () => {
  it('throws nothing but PackError, whatever the text', () => {
    const arbitraryDoc = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ format: 'firsthand-pack', version: 1, articles: [v] })),
    );
    fc.assert(
      fc.property(arbitraryDoc, (doc) => {
        try {
          parsePack(doc);
        } catch (e) {
          expect(e).toBeInstanceOf(PackError);
        }
      }),
      runs(400),
    );
  });

  it('says where JSON breaks exactly when JSON.parse refuses it', () => {
    const cut = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 })).map(([j, n, s]) => {
      const at = j.length ? n % j.length : 0;
      return j.slice(0, at) + s + j.slice(at + (n % 2));
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), cut, fc.string({ unit: 'binary', maxLength: 40 })), (t) => {
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        const p = jsonProblem(t);
        expect(p === undefined, `${JSON.stringify(t)}: ${p?.problem}`).toBe(valid);
        if (p) expect(p.offset).toBeLessThanOrEqual(t.length);
      }),
      runs(1000),
    );
  });
});
