import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { extractArticle, readArticle, hasWords, blockText, absoluteHttpUrl, MIN_ARTICLE_WORDS } from '../../src/extract/extract.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const html = (name: string): string => readFileSync(here(`../fixtures/html/${name}`), 'utf8');
const doc = (name: string): Document => parseHTML(html(name)).document as unknown as Document;
const seedLines = (name: string): string[] =>
  readFileSync(here(`../fixtures/seeds/${name}`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const ARTICLES = ['000-levantwire.html', '001-axios.html', '002-ledger.html', '003-gulfcourier-malformed-jsonld.html', '004-arabcanada.html'];

describe('readArticle', () => {
  it.each(ARTICLES)('accepts the news article %s', (name) => {
    expect(readArticle(doc(name))).not.toBeNull();
  });

  it.each(ARTICLES)('readArticle gives %s exactly what extractArticle gives', (name) => {
    expect(readArticle(doc(name))).toEqual(extractArticle(doc(name)));
  });

  it('rejects a section front made of headlines and teasers', () => {
    expect(readArticle(doc('section-front.html'))).toBeNull();
  });

  it('rejects an empty page and a short page without throwing', () => {
    expect(readArticle(parseHTML('<html><body></body></html>').document as unknown as Document)).toBeNull();
    const short = parseHTML(`<html><body><article><p>${'Only a few words here. '.repeat(5)}</p></article></body></html>`).document;
    expect(readArticle(short as unknown as Document)).toBeNull();
  });

  it(`rejects an article Readability extracts when it has fewer than ${MIN_ARTICLE_WORDS} words`, () => {
    const body = (words: number) => `<html><head><title>T</title></head><body><article><p>${'word '.repeat(words)}</p></article></body></html>`;
    const page = (words: number) => parseHTML(body(words)).document as unknown as Document;
    expect(extractArticle(page(MIN_ARTICLE_WORDS - 1))).not.toBeNull();
    expect(readArticle(page(MIN_ARTICLE_WORDS - 1))).toBeNull();
    expect(readArticle(page(MIN_ARTICLE_WORDS))).not.toBeNull();
  });
});

describe('extractArticle', () => {
  it('keeps one paragraph per line and drops navigation, sharing, related lists and comments', () => {
    const a = extractArticle(doc('002-ledger.html'));
    expect(a).not.toBeNull();
    const lines = a!.text.split('\n');
    for (const p of seedLines('002_7aba5ab2f04b768b.txt').slice(2)) expect(lines).toContain(p);
    for (const noise of ['Share on X', 'Subscribe', 'Related Content', 'Everybody knew the delegation', 'Israel News', 'Privacy policy'])
      expect(a!.text).not.toContain(noise);
    expect(a!.title).toBe('US, Israel to hold virtual meeting on Rafah on Monday - report');
    expect(a!.lang).toBe('en-US');
    expect(a!.byline).toBe('Ledger Staff');
  });

  it('keeps a body that the page repeats, line by line, for the engine to de-duplicate', () => {
    const a = extractArticle(doc('001-axios.html'))!;
    const first = seedLines('001_390cd712cd7e0cb5.txt')[1];
    expect(a.text.split('\n').filter((l) => l === first)).toHaveLength(2);
    expect(a.text).not.toContain('\n\n');
    expect(a.title).toBe('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
  });

  it('returns absolute links from the article body only', () => {
    const a = extractArticle(doc('002-ledger.html'))!;
    expect(a.bodyLinks).toEqual([{ href: 'https://www.axios.com/2024/03/31/israel-us-virtual-meeting-rafah-netanyahu', text: 'Barak Ravid of Axios' }]);
    const d = extractArticle(doc('004-arabcanada.html'))!;
    expect(d.bodyLinks.map((l) => l.href)).toEqual(['https://www.cnn.com/2024/04/01/politics/us-israel-meeting-rafah/index.html']);
  });

  it('resolves relative body links against the canonical URL when the document has no URL', () => {
    const a = extractArticle(doc('000-levantwire.html'))!;
    expect(a.bodyLinks).toContainEqual({
      href: 'https://english.levantwire.example/news/politics/netanyahu-drowns-in-crises-largest-protest',
      text: "Netanyahu drowns in crises; 'Israel' sees largest protest since Oct.",
    });
    for (const l of a.bodyLinks) expect(l.href).toMatch(/^https?:\/\//);
  });

  it('prefers an explicit base URL and skips non-http links', () => {
    const page = `<html><head><title>T</title></head><body><article>${'<p>Paragraph text that goes on for a while to look like a real story body, with enough words to count.</p>'.repeat(20)}<p>See <a href="/a#x">a</a>, <a href="mailto:x@y.z">mail</a>, <a href="javascript:void(0)">js</a>, <a href="https://other.example/b">b</a>.</p></article></body></html>`;
    const a = extractArticle(parseHTML(page).document as unknown as Document, { baseUrl: 'https://site.example/news/1' })!;
    expect(a.bodyLinks.map((l) => l.href)).toEqual(['https://site.example/a', 'https://other.example/b']);
  });

  it('never mutates the live document', () => {
    const d = doc('003-gulfcourier-malformed-jsonld.html');
    const before = d.documentElement.outerHTML;
    expect(extractArticle(d)).not.toBeNull();
    expect(readArticle(d)).not.toBeNull();
    expect(d.documentElement.outerHTML).toBe(before);
    expect(d.querySelector('.comments, .share-buttons, nav')).not.toBeNull();
  });

  it('returns null for a page with no text at all', () => {
    expect(
      extractArticle(parseHTML('<html><head><title>x</title></head><body><div><img src="a.png"></div></body></html>').document as unknown as Document),
    ).toBeNull();
  });
});

describe('helpers', () => {
  it('blockText breaks lines at blocks and <br>, and collapses whitespace inside lines', () => {
    const { document } = parseHTML('<div><h2>Head  line</h2><p>One <b>bold</b>\n word.<br>Two</p><ul><li>a</li><li>b</li></ul><script>x()</script></div>');
    expect(blockText(document.querySelector('div') as unknown as Node)).toBe('Head line\nOne bold word.\nTwo\na\nb');
  });

  it('hasWords(text, n) holds up to the number of words and not one further: contractions once, each Han character one', () => {
    const counted: [string, number][] = [
      ["Netanyahu's closest confidant, Ron Dermer — 2 hours", 7],
      ['以色列和美国', 6],
      ['', 0],
      ['one two three', 3],
      [seedLines('001_390cd712cd7e0cb5.txt').join('\n'), 772],
    ];
    for (const [t, words] of counted)
      for (const n of [0, 1, 3, 6, 7, 8, 150, words, words + 1, 100_000]) expect(hasWords(t, n), `${n} in ${t.slice(0, 20)}`).toBe(words >= n);
  });

  it('absoluteHttpUrl keeps http(s) only and drops fragments', () => {
    expect(absoluteHttpUrl('/x#y', 'https://a.example/b')).toBe('https://a.example/x');
    expect(absoluteHttpUrl('ftp://a.example/x')).toBeUndefined();
    expect(absoluteHttpUrl('relative')).toBeUndefined();
    expect(absoluteHttpUrl('  ')).toBeUndefined();
  });
});
