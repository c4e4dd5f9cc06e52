// The input readers of `firsthand list build`: HTML pages, WARC and WARC.gz crawls, RSS and Atom
// feeds, JSON Lines, and folders of them. Fixtures in tests/fixtures/sources/ (made by its
// make-fixtures.ts from the fixture site's load-test pages); oversized inputs are written to a
// temporary folder by the tests themselves.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { MAX_DOC_BYTES, readSources, SourceError, type SourceDoc, type SourceProgress, type SourceWarning } from '../../src/cli/sources/index.ts';
import { LOAD_ARTICLES, loadUrl } from '../fixtures/site/load.ts';

const DIR = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const fx = (name: string) => join(DIR, name);
const [A0, A1, A2] = LOAD_ARTICLES;
const UNDATED_URL = 'http://www.loadtown-herald-3.com/news/undated-notice';

interface Read {
  docs: SourceDoc[];
  warnings: SourceWarning[];
  progress: SourceProgress[];
}

async function read(inputs: string[], signal?: AbortSignal): Promise<Read> {
  const out: Read = { docs: [], warnings: [], progress: [] };
  for await (const doc of readSources(inputs, { onWarning: (w) => out.warnings.push(w), onProgress: (p) => out.progress.push(p), signal })) out.docs.push(doc);
  return out;
}

/** The error readSources stops with, and the documents it yielded before it. */
async function failure(inputs: string[]): Promise<{ error: SourceError; docs: SourceDoc[] }> {
  const docs: SourceDoc[] = [];
  try {
    for await (const doc of readSources(inputs, { onWarning: () => {} })) docs.push(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return { error: e as SourceError, docs };
  }
  throw new Error(`expected ${inputs.join(', ')} to be refused`);
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'firsthand-sources-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('WARC', () => {
  for (const name of ['site.warc.gz', 'site.warc']) {
    it(`${name}: yields the HTML pages fetched with status 200, with their target URIs, and nothing else`, async () => {
      const { docs, warnings } = await read([fx(name)]);
      expect(docs.map((d) => d.url)).toEqual([loadUrl(A0), loadUrl(A1), loadUrl(A2), UNDATED_URL]);
      expect(warnings).toEqual([]);
      for (const d of docs) expect(d.from).toMatch(new RegExp(`${name.replace('.', '\\.')} record \\d+ \\(byte \\d+\\)$`));
      expect(docs[0].html).toContain(A0.paragraphs[0]);
      expect(docs[2].html).toContain(A2.paragraphs[5]);
    });
  }

  it('leaves published unset for pages that state their date, and uses WARC-Date for a page that states none', async () => {
    const { docs } = await read([fx('site.warc.gz')]);
    expect(docs.slice(0, 3).map((d) => d.published)).toEqual([undefined, undefined, undefined]);
    expect(docs[3].published).toBe('2024-06-01T12:00:00.000Z');
  });

  it('counts bytes read up to the size of the file, compressed', async () => {
    const { progress } = await read([fx('site.warc.gz')]);
    const last = progress[progress.length - 1];
    expect(last.totalBytes).toBe(15185);
    expect(last.bytes).toBe(15185);
    expect(last.docs).toBe(4);
    expect(progress.every((p, i) => i === 0 || p.bytes >= progress[i - 1].bytes)).toBe(true);
  });

  it('refuses a truncated WARC.gz, naming the record where the gzip data ends', async () => {
    const { error, docs } = await failure([fx('hostile/truncated.warc.gz')]);
    expect(error.format()).toMatch(/truncated\.warc\.gz: record 5 \(byte \d+\): the gzip data ends inside this record \(the file is truncated\)$/);
    expect(docs.map((d) => d.url)).toEqual([loadUrl(A0)]);
  });

  it('refuses an uncompressed WARC whose last record is shorter than its Content-Length', async () => {
    // The fixture lost its last 400 bytes: the record's blank-line trailer (4) and 396 bytes of its block.
    const { error } = await failure([fx('hostile/cut-short.warc')]);
    expect(error.format()).toMatch(
      /cut-short\.warc: record 5 \(byte 13599\): the record is cut short: 396 of its \d+ bytes are missing \(the file is truncated\)$/,
    );
  });

  it('refuses a .warc that is not a WARC before reading anything', async () => {
    const { error } = await failure([fx('hostile/not-a-warc.warc')]);
    expect(error.format()).toMatch(/not-a-warc\.warc: not a WARC file: it does not start with a WARC\/1\.0 or WARC\/1\.1 header$/);
  });

  it('refuses a .warc.gz that is not gzip, and gzip that is not a WARC', async () => {
    expect((await failure([fx('hostile/not-gzip.warc.gz')])).error.message).toBe('not gzip data, expected a gzip-compressed WARC');
    expect((await failure([fx('hostile/gzip-not-warc.warc.gz')])).error.message).toBe(
      'not a WARC file: it does not start with a WARC/1.0 or WARC/1.1 header once decompressed',
    );
  });

  it('refuses a record whose header is not a WARC header (a wrong Content-Length before it)', async () => {
    const page = await WARCSerializer.serialize(
      WARCRecord.create({ url: 'http://a.example/1', type: 'response', httpHeaders: { 'Content-Type': 'text/html' } }, [
        new TextEncoder().encode('<p>one</p>'),
      ]),
    );
    const file = join(tmp, 'garbage-after.warc');
    writeFileSync(file, Buffer.concat([page, Buffer.from('GARBAGE / not a header\r\nX: y\r\n\r\n')]));
    const { error, docs } = await failure([file]);
    expect(docs.map((d) => d.url)).toEqual(['http://a.example/1']);
    expect(error.message).toMatch(/^record 2 \(byte \d+\): not a WARC record header/);
  });

  it('skips an HTML record over 5 MB with a warning and reads the records after it', async () => {
    const big = '<p>' + 'x'.repeat(MAX_DOC_BYTES) + '</p>';
    const rec = (url: string, html: string) =>
      WARCSerializer.serialize(WARCRecord.create({ url, type: 'response', httpHeaders: { 'Content-Type': 'text/html' } }, [new TextEncoder().encode(html)]), {
        gzip: true,
      });
    const file = join(tmp, 'big.warc.gz');
    writeFileSync(file, Buffer.concat([await rec('http://a.example/big', big), await rec('http://a.example/small', '<p>small</p>')]));
    const { docs, warnings, progress } = await read([file]);
    expect(docs.map((d) => d.url)).toEqual(['http://a.example/small']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].from).toMatch(/big\.warc\.gz record 1 \(byte 0\)$/);
    expect(warnings[0].message).toMatch(/^skipped: record of 5\.0 MB, over the 5\.0 MB limit$/);
    expect(progress[progress.length - 1].skipped).toBe(1);
  });

  it('skips a page whose gzip Content-Encoding decodes past 5 MB (a compression bomb) with a warning', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_DOC_BYTES + 1024, 'a'));
    const record = WARCRecord.create(
      { url: 'http://a.example/bomb', type: 'response', httpHeaders: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' } },
      [bomb],
    );
    const after = WARCRecord.create({ url: 'http://a.example/after', type: 'response', httpHeaders: { 'Content-Type': 'text/html' } }, [
      new TextEncoder().encode('<p>after</p>'),
    ]);
    const file = join(tmp, 'bomb.warc');
    writeFileSync(file, Buffer.concat([await WARCSerializer.serialize(record), await WARCSerializer.serialize(after)]));
    const { docs, warnings } = await read([file]);
    expect(docs.map((d) => d.url)).toEqual(['http://a.example/after']);
    expect(warnings.map((w) => w.message)).toEqual(['skipped: page body over 5.0 MB once decoded']);
  });

  it('decodes a gzip Content-Encoding body and the charset the server named', async () => {
    const latin1 = Buffer.from('<html><body><p>Caf\xe9 cr\xe8me</p></body></html>', 'latin1');
    const record = WARCRecord.create(
      { url: 'http://a.example/cafe', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=ISO-8859-1', 'Content-Encoding': 'gzip' } },
      [gzipSync(latin1)],
    );
    const file = join(tmp, 'charset.warc');
    writeFileSync(file, await WARCSerializer.serialize(record));
    const { docs } = await read([file]);
    expect(docs[0].html).toContain('Café crème');
  });
});

describe('RSS and Atom', () => {
  it('RSS: yields items with link, title, channel title as outlet, pubDate, content:encoded over description', async () => {
    const { docs, warnings } = await read([fx('feed.rss')]);
    expect(docs.map((d) => d.url)).toEqual([loadUrl(A0), 'http://www.loadtown-herald-0.com/news/2024/05/story-1', loadUrl(A2)]);
    expect(docs.map((d) => d.title)).toEqual([A0.title, A1.title, A2.title]);
    expect(docs.every((d) => d.outlet === 'Loadtown Herald 0 & Friends')).toBe(true);
    expect(docs.map((d) => d.published)).toEqual([A0.publishedAt, A1.publishedAt, A2.publishedAt].map((t) => new Date(t).toISOString()));
    expect(docs[0].html).toContain(`<p>${A0.paragraphs[5]}</p>`);
    // The third item has no content:encoded: its description stands in.
    expect(docs[2].html).toBe(A2.paragraphs[0].slice(0, 120));
    expect(docs[1].from).toMatch(/feed\.rss item 2 \(line 16\)$/);
    expect(warnings).toEqual([{ from: expect.stringMatching(/feed\.rss item 4 \(line 32\)$/), message: 'skipped: no http(s) link' }]);
  });

  it('Atom: yields entries with alternate link (relative ones resolved), html, xhtml and text content, published over updated', async () => {
    const { docs, warnings } = await read([fx('feed.atom')]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => d.url)).toEqual([loadUrl(A0), loadUrl(A1), loadUrl(A2)]);
    expect(docs[0].title).toBe(`${A0.title} update`);
    expect(docs[1].title).toBe(A1.title);
    expect(docs.every((d) => d.outlet === 'Loadtown Herald 1')).toBe(true);
    expect(docs[0].published).toBe(A0.publishedAt);
    expect(docs[0].html).toContain(`<p>${A0.paragraphs[0]}</p>`);
    expect(docs[1].html).toMatch(/^<p>/);
    expect(docs[1].html).toContain(`<p>${A1.paragraphs[3]}</p>`);
    expect(docs[2].html).toBeUndefined();
    expect(docs[2].text).toBe(A2.paragraphs.join('\n\n'));
  });

  it('refuses malformed XML naming the line of the mismatched tag', async () => {
    const { error } = await failure([fx('hostile/malformed.xml')]);
    expect(error.format()).toMatch(/malformed\.xml:15: malformed XML: <\/itme> closes <item> opened at line 8$/);
  });

  it('refuses a truncated feed after yielding the items before the cut', async () => {
    const { error, docs } = await failure([fx('hostile/truncated.rss')]);
    expect(docs.map((d) => d.url)).toEqual([loadUrl(A0)]);
    expect(error.format()).toMatch(/truncated\.rss:\d+: malformed XML: the file ends inside .* \(truncated\?\)$/);
  });

  it('does not expand DOCTYPE entities (no entity bomb): they stay as written', async () => {
    const { docs } = await read([fx('hostile/bomb.rss')]);
    expect(docs).toHaveLength(1);
    expect(docs[0].title).toBe('&d;');
    expect(docs[0].html).toBe('&d;&d;&d;');
  });

  it('skips an item over 5 MB with a warning and reads the next', async () => {
    const big = 'y'.repeat(MAX_DOC_BYTES + 10);
    const file = join(tmp, 'big.rss');
    writeFileSync(
      file,
      `<rss><channel><title>T</title><item><link>http://a.example/big</link><description>${big}</description></item><item><link>http://a.example/ok</link><description>ok</description></item></channel></rss>`,
    );
    const { docs, warnings } = await read([file]);
    expect(docs.map((d) => d.url)).toEqual(['http://a.example/ok']);
    expect(warnings.map((w) => w.message)).toEqual(['skipped: item over the 5.0 MB limit']);
  });

  it('refuses an .xml file named on the command line that is not a feed', async () => {
    const { error } = await failure([fx('folder/sitemap.xml')]);
    expect(error.message).toBe('root element <urlset>: not an RSS or Atom feed');
  });
});

describe('JSON Lines', () => {
  it('yields one document per line with its fields, text or html, and the line it came from (blank lines passed by)', async () => {
    const { docs, warnings } = await read([fx('articles.jsonl')]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => d.url)).toEqual([loadUrl(A0), loadUrl(A1), loadUrl(A2)]);
    expect(docs.map((d) => d.from.replace(DIR, ''))).toEqual(['articles.jsonl:1', 'articles.jsonl:3', 'articles.jsonl:4']);
    expect(docs[0]).toMatchObject({ title: A0.title, outlet: A0.outlet.name, published: A0.publishedAt, text: A0.paragraphs.join('\n\n') });
    expect(docs[0].html).toBeUndefined();
    expect(docs[1].html).toContain(`<p>${A1.paragraphs[0]}</p>`);
    expect(docs[1].text).toBeUndefined();
  });

  it('refuses the file at a line that is not valid JSON, naming the line', async () => {
    const { error, docs } = await failure([fx('hostile/bad-line.jsonl')]);
    expect(docs).toHaveLength(2);
    expect(error.line).toBe(3);
    expect(error.format()).toMatch(/bad-line\.jsonl:3: not valid JSON \(.+\)$/);
  });

  it('refuses a line without a url, and names what is wrong with other bad lines', async () => {
    expect((await failure([fx('hostile/no-url.jsonl')])).error.format()).toMatch(/no-url\.jsonl:2: missing "url"$/);
    const cases: [string, string][] = [
      ['[1,2]', 'expected a JSON object {"url", "title", "outlet", "published", "text" or "html"}, got an array'],
      ['{"url":"ftp://a.example/x","text":"t"}', '"url" "ftp://a.example/x" is not an absolute http(s) URL'],
      ['{"url":"http://a.example/x"}', 'needs "text" or "html" (the article itself)'],
      ['{"url":"http://a.example/x","text":"t","title":5}', '"title" must be a string'],
      [
        '{"url":"http://a.example/x","text":"t","published":"last Tuesday"}',
        '"published" "last Tuesday" is not a date (use ISO 8601, e.g. 2024-05-01T10:00:00Z)',
      ],
    ];
    for (const [i, [line, message]] of cases.entries()) {
      const file = join(tmp, `bad-${i}.jsonl`);
      writeFileSync(file, `{"url":"http://a.example/ok","text":"fine"}\n${line}\n`);
      const { error } = await failure([file]);
      expect([error.line, error.message]).toEqual([2, message]);
    }
  });

  it('skips a line over 5 MB with a warning naming the line, and reads the lines after it', async () => {
    const file = join(tmp, 'long.jsonl');
    writeFileSync(file, `${JSON.stringify({ url: 'http://a.example/long', text: 'z'.repeat(MAX_DOC_BYTES) })}\n{"url":"http://a.example/ok","text":"fine"}\n`);
    const { docs, warnings } = await read([file]);
    expect(docs.map((d) => d.url)).toEqual(['http://a.example/ok']);
    expect(warnings).toEqual([{ from: `${file}:1`, message: 'skipped: line of 5.0 MB, over the 5.0 MB limit' }]);
  });
});

describe('HTML files and folders', () => {
  it('reads a folder recursively in name order, skipping hidden files and files of other kinds', async () => {
    const { docs, progress } = await read([fx('folder')]);
    expect(docs.map((d) => d.from.replace(DIR, ''))).toEqual(['folder/a/story-0.html', 'folder/b/story-1.html', 'folder/undated.html']);
    // URL from the canonical link, or the file's own URL for a page without one.
    expect(docs.map((d) => d.url)).toEqual([loadUrl(A0), loadUrl(A1), pathToFileURL(fx('folder/undated.html')).href]);
    expect(docs[0].html).toContain(A0.paragraphs[2]);
    expect(progress[progress.length - 1]).toMatchObject({ files: 3, docs: 3 });
  });

  it('reads mixed inputs in the order given, each file once', async () => {
    const { docs, progress } = await read([fx('articles.jsonl'), fx('folder/a/story-0.html'), fx('folder'), fx('site.warc')]);
    expect(docs).toHaveLength(3 + 1 + 2 + 4);
    const last = progress[progress.length - 1];
    expect(last.files).toBe(1 + 1 + 2 + 1);
    expect(last.bytes).toBe(last.totalBytes);
  });

  it('reads .htm too, takes og:url when there is no canonical link, and skips a page over 5 MB with a warning', async () => {
    const og = join(tmp, 'og.htm');
    writeFileSync(og, '<html><head><meta property="og:url" content="https://b.example/story?id=1&amp;x=2"></head><body><p>Text</p></body></html>');
    const big = join(tmp, 'big.html');
    writeFileSync(big, `<html><body>${'w'.repeat(MAX_DOC_BYTES)}</body></html>`);
    const { docs, warnings } = await read([og, big]);
    expect(docs.map((d) => d.url)).toEqual(['https://b.example/story?id=1&x=2']);
    expect(warnings).toEqual([{ from: big, message: 'skipped: page of 5.0 MB, over the 5.0 MB limit' }]);
  });

  it('refuses a missing input, a file of unknown kind named on the command line, and a folder with nothing readable', async () => {
    expect((await failure([fx('nope.html')])).error.format()).toMatch(/nope\.html: no such file or directory$/);
    expect((await failure([fx('folder/style.css')])).error.message).toMatch(/^cannot tell what kind of input this is \(expected \.html/);
    const empty = join(tmp, 'empty-folder');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'notes.txt'), 'nothing');
    expect((await failure([empty])).error.message).toBe('no HTML, WARC, RSS/Atom or JSON Lines files found');
    expect((await failure([])).error.message).toMatch(/^no inputs given/);
  });

  it('sniffs a file named on the command line without a known extension', async () => {
    const warc = join(tmp, 'crawl.bin');
    copyFileSync(fx('site.warc.gz'), warc);
    const { docs } = await read([warc]);
    expect(docs).toHaveLength(4);
  });

  it('stops with the abort reason when the signal is aborted', async () => {
    const controller = new AbortController();
    const docs: SourceDoc[] = [];
    await expect(
      (async () => {
        for await (const doc of readSources([fx('site.warc')], { signal: controller.signal })) {
          docs.push(doc);
          controller.abort(new Error('stopped by the user'));
        }
      })(),
    ).rejects.toThrow('stopped by the user');
    expect(docs).toHaveLength(1);
  });
});
