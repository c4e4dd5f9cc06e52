// The text helpers every context shares: whitespace collapsing and shortening with "…".
import { describe, expect, it } from 'vitest';
import { collapse, truncate } from '../../src/shared/text.ts';

describe('collapse', () => {
  it('turns runs of any whitespace into one space and trims the ends', () => {
    expect(collapse('  spaced\n\n out\t\u00a0here  ')).toBe('spaced out here');
    expect(collapse(' \n ')).toBe('');
  });
});

describe('truncate', () => {
  it('leaves text that fits as it is, collapsed', () => {
    expect(truncate('Short title', 48)).toBe('Short title');
    expect(truncate('  spaced\n\n out  ', 48)).toBe('spaced out');
    expect(truncate('exactly ten', 11)).toBe('exactly ten');
  });

  it('cuts at a word boundary, drops dangling punctuation and ends in "…"', () => {
    expect(truncate('U.S. and Israel set to hold a virtual meeting on Rafah Monday', 48)).toBe('U.S. and Israel set to hold a virtual meeting…');
    expect(truncate('Council approves $48.6 million budget, restores Sunday library hours', 49)).toBe('Council approves $48.6 million budget, restores…');
    expect(truncate('Council approves $48.6 million budget, restores Sunday library hours', 40)).toBe('Council approves $48.6 million budget…');
  });

  it('never gives more than max characters, the "…" included, so columns stay aligned', () => {
    const text = 'Al Mayadeen English and Associated Press wire copy, repeated over and over again';
    for (let max = 1; max <= text.length + 2; max++) expect(truncate(text, max).length, `max ${max}`).toBeLessThanOrEqual(max);
    expect(truncate('The Jerusalem Ledger International Edition', 24)).toBe('The Jerusalem Ledger…');
  });

  it('cuts inside a word when the last word boundary would waste most of the room', () => {
    expect(truncate('Supercalifragilisticexpialidocious words', 20)).toBe('Supercalifragilisti…');
    expect(truncate('x', 0)).toBe('');
  });
});
