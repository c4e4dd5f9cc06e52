// A page's canonical URL decides the key of its record only on the page's own site: a page
// naming another outlet's URL as canonical must not overwrite that outlet's record.
import { describe, expect, it } from 'vitest';
import { buildRecord, recordId } from '../../src/index/index.ts';
import { registrableDomain } from '../../src/index/outlet.ts';

const AXIOS = 'https://www.axios.com/2024/03/31/israel-rafah-virtual-meeting-biden-netanyahu';

describe('recordId', () => {
  it('uses a canonical URL on the same site (www, amp and edition hosts, two-level TLDs)', () => {
    expect(recordId({ url: 'https://amp.axios.com/x?utm=1#top', canonicalUrl: AXIOS })).toBe(AXIOS);
    expect(recordId({ url: 'https://edition.cnn.com/a', canonicalUrl: 'https://www.cnn.com/a' })).toBe('https://www.cnn.com/a');
    expect(recordId({ url: 'https://news.bbc.co.uk/1', canonicalUrl: 'https://www.bbc.co.uk/news/1' })).toBe('https://www.bbc.co.uk/news/1');
  });

  it("keeps the page's own URL when the canonical URL is on another site", () => {
    expect(recordId({ url: 'http://www.forged-canonical.com/rafah#x', canonicalUrl: AXIOS })).toBe('http://www.forged-canonical.com/rafah');
    expect(recordId({ url: 'https://axios.com.evil.example/a', canonicalUrl: AXIOS })).toBe('https://axios.com.evil.example/a');
    expect(recordId({ url: 'https://www.axios.net/a', canonicalUrl: AXIOS })).toBe('https://www.axios.net/a');
    expect(recordId({ url: 'https://a.example.co.uk/1', canonicalUrl: 'https://b.co.uk/1' })).toBe('https://a.example.co.uk/1');
  });

  it('falls back to the canonical URL when the page has no URL (HTML files in the CLI)', () => {
    expect(recordId({ canonicalUrl: AXIOS })).toBe(AXIOS);
    expect(recordId({ url: 'file:///tmp/001-axios.html', canonicalUrl: AXIOS })).toBe(AXIOS);
  });

  it('a forged canonical still counts as the page crediting that site', () => {
    const text = 'The U.S. and Israel will hold a virtual meeting on Rafah on Monday, officials said. '.repeat(8);
    const { record } = buildRecord(text, { url: 'http://www.forged-canonical.com/rafah', canonicalUrl: AXIOS, siteName: 'Forged Canonical Daily' }, 1);
    expect(record.id).toBe('http://www.forged-canonical.com/rafah');
    expect(record.host).toBe('forged-canonical.com');
    expect(record.credits.some((c) => c.key === 'axios')).toBe(true);
  });
});

describe('registrableDomain', () => {
  it('strips subdomains and keeps two-level country suffixes', () => {
    expect(registrableDomain('edition.cnn.com')).toBe('cnn.com');
    expect(registrableDomain('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('axios.com')).toBe('axios.com');
    expect(registrableDomain('localhost')).toBe('localhost');
  });
});
