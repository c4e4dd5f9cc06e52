// A reuse list in words, in Arabic: address errors, facts, how soon an update is due and the
// added / remove sentences through t()/tPlural(), a plural form chosen by count, a list's own name
// kept between isolates; and every key src/ui/lists.ts uses present in both locales alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListInfo } from '../../src/protocol/messages.ts';
import { addedSentence, checkListUrl, formatUntil, formatWhen, listFacts, permissionReason, removeQuestion, updatedSentence } from '../../src/ui/lists.ts';
import { ar, root, ARABIC, dropArabic, useArabic, en, FSI, PDI, RTL_NAME, type Messages } from './i18n-arabic.ts';

const MINUTE = 60_000;

beforeEach(useArabic);
afterEach(() => {
  dropArabic();
});

function list(over: Partial<ListInfo> = {}): ListInfo {
  const now = Date.now();
  return {
    id: 'list-1',
    name: RTL_NAME,
    source: { url: 'https://lists.example.org/wire.json' },
    articles: 1204,
    bytes: 2_400_000,
    updatedAt: now - 5 * MINUTE,
    nextUpdate: now + 3 * MINUTE,
    ...over,
  } as ListInfo;
}

describe('src/ui/lists.ts in Arabic', () => {
  it('says an address error in Arabic', () => {
    for (const raw of ['', 'http://lists.example.org/wire.json', 'ftp://lists.example.org/x', 'https://a:b@lists.example.org/x', 'lists']) {
      const check = checkListUrl(raw);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.error).toMatch(ARABIC);
    }
    const empty = checkListUrl('  ');
    expect(empty.ok || empty.error).toBe(ar.listUrlEmpty.message);
  });

  it('labels and words a list’s facts in Arabic', () => {
    const now = Date.now();
    const facts = listFacts(list(), now);
    const labels = facts.map(([label]) => label);
    expect(labels).toContain(ar.factArticles.message);
    expect(labels).toContain(ar.factNextUpdate.message);
    expect(labels).not.toContain('Articles');
    expect(Object.fromEntries(facts)[ar.factSignature.message]).toBe(ar.factNotSigned.message);
    const fromFile = listFacts(list({ source: { file: 'wire.json' } } as Partial<ListInfo>), now);
    expect(Object.fromEntries(fromFile)[ar.factNextUpdate.message]).toBe(ar.factNeverFromFile.message);
    expect(formatWhen(now, now)).toMatch(/^اليوم، \d\d:\d\d$/);
  });

  it('picks the plural form by count: one, two, few, many', () => {
    const now = Date.now();
    expect(formatUntil(now + 1 * MINUTE, now)).toBe('بعد دقيقة واحدة');
    expect(formatUntil(now + 2 * MINUTE, now)).toBe('بعد دقيقتين');
    expect(formatUntil(now + 3 * MINUTE, now)).toBe('بعد 3 دقائق');
    expect(formatUntil(now + 11 * MINUTE, now)).toBe('بعد 11 دقيقة');
    expect(formatUntil(now + 3 * 60 * MINUTE, now)).toBe('بعد 3 ساعات');
    expect(formatUntil(now + 5 * 24 * 60 * MINUTE, now)).toBe('بعد 5 أيام');
    expect(formatUntil(now - MINUTE, now)).toBe(ar.untilDue.message);
    expect(addedSentence({ name: 'W', articles: 1 })).toContain('مقال واحد');
    expect(addedSentence({ name: 'W', articles: 2 })).toContain('مقالان');
  });

  it('keeps a list’s own name isolated inside an Arabic sentence', () => {
    const added = addedSentence(list());
    expect(added).toMatch(ARABIC);
    expect(added).toContain(`${FSI}${RTL_NAME}${PDI}`);
    expect(updatedSentence(list())).toContain(`${FSI}${RTL_NAME}${PDI}`);
    const remove = removeQuestion(list({ name: '' }));
    expect(remove).toContain(ar.listFallbackThis.message);
    expect(remove).toMatch(/^أتريد إزالة/);
    expect(permissionReason('https://lists.example.org')).toContain('https://lists.example.org');
  });
});

describe('src/ui/lists.ts in English', () => {
  beforeEach(() => {
    dropArabic();
  });
  it('reads as before', () => {
    const now = Date.now();
    expect(formatUntil(now + MINUTE, now)).toBe('in 1 minute');
    expect(formatUntil(now + 3 * MINUTE, now)).toBe('in 3 minutes');
    expect(formatUntil(now + 60 * MINUTE, now)).toBe('in 1 hour');
    expect(formatUntil(now + 5 * 24 * 60 * MINUTE, now)).toBe('in 5 days');
    expect(addedSentence({ name: '', articles: 1 })).toBe('Added the list: 1 article.');
    expect(updatedSentence({ name: '', articles: 1210 })).toBe('Updated the list: 1,210 articles.');
  });
});

describe('keys src/ui/lists.ts uses', () => {
  const source = readFileSync(join(root, 'src', 'ui', 'lists.ts'), 'utf8');
  const plain = [...source.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1]);
  const ternary = [...source.matchAll(/\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g)].flatMap((m) => [m[1], m[2]]);
  const plural = [...source.matchAll(/tPlural\('([A-Za-z0-9_]+)'/g)].flatMap((m) => ['zero', 'one', 'two', 'few', 'many', 'other'].map((c) => `${m[1]}_${c}`));
  const keys = [...new Set([...plain, ...ternary, ...plural])];
  const names = (m: Messages[string]) => Object.keys(m.placeholders ?? {}).sort();

  it('finds them', () => {
    expect(keys).toContain('listUrlEmpty');
    expect(keys).toContain('factSigned');
    expect(keys).toContain('untilMinutes_few');
  });
  it.each(keys)('%s is in both locales with the same placeholders', (key) => {
    expect(en[key], key).toBeDefined();
    expect(ar[key], key).toBeDefined();
    expect(en[key].description, key).toBeTruthy();
    expect(names(ar[key])).toEqual(names(en[key]));
  });
});
