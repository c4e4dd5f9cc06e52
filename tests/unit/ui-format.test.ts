import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatCount,
  formatDate,
  hostLabel,
  isRibbonVerdict,
  outletName,
  pageShares,
  percent,
  verdictLabel,
  verdictSentences,
  verdictText,
} from '../../src/ui/format.ts';
import { AXIOS_PUBLISHED, result } from './ui-fixtures.ts';

describe('percent', () => {
  it('rounds shares to whole percentages', () => {
    expect(percent(0.45)).toBe('45%');
    expect(percent(0.184)).toBe('18%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
  });
  it('never rounds a real overlap down to 0% or up to 100%', () => {
    expect(percent(0.001)).toBe('<1%');
    expect(percent(0.999)).toBe('>99%');
  });
  it('clamps out-of-range values and marks missing ones', () => {
    expect(percent(1.3)).toBe('100%');
    expect(percent(-0.2)).toBe('0%');
    expect(percent(Number.NaN)).toBe('–');
  });
});

describe('dates and sizes', () => {
  it('writes dates as "31 Mar 2024"', () => {
    expect(formatDate(AXIOS_PUBLISHED, { utc: true })).toBe('31 Mar 2024');
    expect(formatDate(Date.UTC(2024, 8, 1, 0, 0), { utc: true })).toBe('1 Sep 2024');
    expect(formatDate(AXIOS_PUBLISHED)).toMatch(/^(30|31) Mar 2024$|^1 Apr 2024$/);
    expect(formatDate(undefined)).toBe('');
    expect(formatDate(Number.NaN)).toBe('');
  });
  it('says how long ago', () => {
    const now = Date.UTC(2024, 3, 10);
    expect(formatAge(now - 1000, now)).toBe('today');
    expect(formatAge(now - 86_400_000 * 1.5, now)).toBe('yesterday');
    expect(formatAge(now - 86_400_000 * 10, now)).toBe('10 days ago');
    expect(formatAge(now - 86_400_000 * 400, now)).toBe('13 months ago');
  });
  it('writes sizes and counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(940)).toBe('940 B');
    expect(formatBytes(12_345)).toBe('12 KB');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('names', () => {
  it('uses the site name, else the host without www', () => {
    expect(outletName({ outlet: ' Axios ', host: 'www.axios.com' })).toBe('Axios');
    expect(outletName({ outlet: '', host: 'www.axios.com' })).toBe('axios.com');
    expect(outletName({})).toBe('an unknown site');
    expect(hostLabel('WWW.Example.co.uk')).toBe('example.co.uk');
  });
  it("shortens the original's title in the verdict sentence to 48 characters at a word boundary", () => {
    const named = (title: string) => verdictText(result('partial-copy', {}, { title }));
    expect(named('Council approves $48.6 million budget, restores Sunday library hours')).toContain(" in 'Council approves $48.6 million budget, restores…' (");
    expect(named('  Short\n\n title ')).toContain(" in 'Short title' (");
  });
  it('labels verdicts', () => {
    expect(verdictLabel('partial-copy')).toBe('Partly copied');
    expect(verdictLabel('unrelated')).toBe('No match');
    expect(['copy', 'partial-copy', 'rewrite', 'related', 'unrelated'].filter((v) => isRibbonVerdict(v as never))).toEqual(['copy', 'partial-copy', 'rewrite']);
  });
});

describe('verdict sentences', () => {
  it('says a partial copy both ways, with the credit', () => {
    const s = verdictSentences(result('partial-copy'))!;
    expect(s.headline).toMatch(
      /^Partly copied from Axios: 45% of this article's text appears in 'U\.S\. and Israel set to hold a virtual meeting…' \(axios\.com, \d+ (Mar|Apr) 2024\)$/,
    );
    expect(s.details).toEqual(['It carries 18% of the original.', 'It credits Axios.']);
  });
  it('says a copy and a missing credit', () => {
    const text = verdictText(result('copy', { credited: false }, { containment: 0.92, coverage: 0.88 }));
    expect(text).toMatch(/^Copied from Axios: 92% of this article's text appears in /);
    expect(text).toContain('It carries 88% of the original.');
    expect(text).toContain('It does not credit Axios.');
  });
  it('says a rewrite in terms of facts and order', () => {
    const s = verdictSentences(result('rewrite', {}, { containment: 0.08, coverage: 0.06 }))!;
    expect(s.headline).toBe('Rewritten from Axios: the same facts in the same order (credited)');
    expect(s.details.join(' ')).toContain("8% of this article's text is word for word from it.");
    expect(verdictSentences(result('rewrite', { credited: false }))!.headline).toContain('(not credited)');
  });
  it('has nothing to say for related or unrelated pages', () => {
    expect(verdictSentences(result('related'))).toBeNull();
    expect(verdictSentences(result('unrelated'))).toBeNull();
    expect(verdictText(result('related'))).toBe('');
  });
  it('reads overlap from the page side whichever came first', () => {
    expect(pageShares({ direction: 'from', containment: 0.45, coverage: 0.18 })).toEqual({ ofPage: 0.45, ofOther: 0.18 });
    expect(pageShares({ direction: 'to', containment: 0.45, coverage: 0.18 })).toEqual({ ofPage: 0.18, ofOther: 0.45 });
  });
});
