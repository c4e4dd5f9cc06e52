// `firsthand list build|info|merge|keygen`: reuse lists (docs/lists.md) from the command line.
import { createReadStream, createWriteStream, existsSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildRecord, checkArticle, MemoryStore, type ArticleRecord, type PackItem } from '../index/index.ts';
import type { Fingerprint } from '../index/fingerprint.ts';
import {
  generateSigningKey,
  ListError,
  readList,
  signingKeyFromPem,
  writeList,
  mergeLists,
  type ListContent,
  type ListMeta,
  type ListSigningKey,
} from '../lists/index.ts';
import { CliError, readTextFile } from './io.ts';
import { fromHtml, fromText, looksLikeHtml, type LoadedArticle } from './load.ts';
import { readSources, type SourceDoc } from './sources/index.ts';
import { progressBar } from './sources/progress.ts';
import { Output } from './output.ts';

export const LIST_HELP = `Usage:
  firsthand list build INPUT... --out LIST [--name NAME] [--publisher NAME]
                       [--description TEXT] [--homepage URL] [--expires HOURS] [--sign KEYFILE]
  firsthand list info LIST [--json]
  firsthand list merge LIST... --out LIST [--name NAME] [--publisher NAME] [--sign KEYFILE] ...
  firsthand list keygen --out KEYFILE

A reuse list names original reporting so that readers who subscribe to it get every copy of a
listed article flagged, with the original named. It holds no text: each article's address,
title, outlet, dates and a text-free sketch of hashes (see docs/lists.md).

build   Reads the articles in INPUT (HTML pages, WARC/WARC.gz crawls, RSS/Atom feeds, JSON
        Lines of {url, title, outlet, published, text|html}; files or folders) and writes LIST
        (gzip JSON Lines). Copies inside the list collapse onto their original: a later copy
        or partial copy of an article already listed is left out. Each article is listed under
        its web address (its canonical URL when the file itself is local); a file with none is
        skipped. Progress goes to stderr.
info    What LIST holds, after checking all of it (digest, signature). --json prints
        {"articles": N, "name", "publisher", "description", "homepage", "expiresHours",
         "digest", "signed", "publicKey", "bytes", "bytesPerArticle", "createdAt"}.
merge   The union of the lists, one article per address (the earliest published kept).
keygen  Writes a new Ed25519 signing key to KEYFILE (PKCS#8 PEM, readable by you alone) and
        prints its public key. Keep the file secret: whoever holds it can sign your lists.

Options:
  --out FILE           the list (or key file) to write; written whole or not at all
  --name NAME          the list's name (default: the output file's name; merge: the lists' names)
  --publisher NAME     who publishes it (default: "unknown publisher"; merge: the lists' publishers)
  --description TEXT   what it lists, for readers deciding to subscribe
  --homepage URL       an http(s) page about the list
  --expires HOURS      how often you update it: readers check again after this long (default 24)
  --sign KEYFILE       sign the list with this Ed25519 private key (PKCS#8 PEM, as keygen or
                       'openssl genpkey -algorithm ed25519' write it); readers pin its public key
  --json               machine-readable output (info)
  -h, --help           this help
`;

export interface ListFlags {
  name?: string;
  publisher?: string;
  description?: string;
  homepage?: string;
  expires?: string;
  sign?: string;
}

/** Reads and checks a list file whole; a refusal is one line naming the file. */
export async function readListFile(file: string, opts: { pinnedKey?: string } = {}): Promise<ListContent> {
  try {
    if (statSync(file).isDirectory()) throw new CliError('is a directory, expected a list file', file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError('no such file', file);
  }
  try {
    return await readList(createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>, opts);
  } catch (e) {
    if (e instanceof ListError) throw new CliError(e.message, file);
    throw e;
  }
}

/** Writes the bytes through a temporary file in the same folder and a rename: never half a list. */
export async function writeBytesAtomic(file: string, chunks: AsyncIterable<Uint8Array>): Promise<number> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let bytes = 0;
  try {
    const out = createWriteStream(tmp, { flags: 'wx' });
    const opened = new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
    await opened;
    for await (const c of chunks) {
      bytes += c.length;
      if (!out.write(c)) await new Promise<void>((resolve, reject) => out.once('drain', resolve).once('error', reject));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    renameSync(tmp, file);
    return bytes;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created.
    }
    if (e instanceof CliError) throw e;
    if (e instanceof ListError) throw new CliError(e.message, file);
    throw new CliError(`cannot write: ${e instanceof Error ? e.message : String(e)}`, file);
  }
}

export async function signingKey(keyfile: string | undefined): Promise<ListSigningKey | undefined> {
  if (keyfile === undefined) return undefined;
  try {
    return await signingKeyFromPem(readTextFile(keyfile));
  } catch (e) {
    if (e instanceof ListError) throw new CliError(e.reason, keyfile);
    throw e;
  }
}

/** The publisher's fields from the options; `fallback` for those not given. */
export function metaOf(flags: ListFlags, fallback: ListMeta): ListMeta {
  let expiresHours = fallback.expiresHours;
  if (flags.expires !== undefined) {
    expiresHours = Number(flags.expires);
    if (!Number.isFinite(expiresHours) || expiresHours < 1 || expiresHours > 168)
      throw new CliError(`--expires must be a number of hours from 1 to 168 (a week), not "${flags.expires}"`, undefined, undefined, 2);
  }
  if (flags.homepage !== undefined && !/^https?:\/\/[^\s/]/i.test(flags.homepage))
    throw new CliError(`--homepage must be an http(s) address, not "${flags.homepage}"`, undefined, undefined, 2);
  const description = flags.description ?? fallback.description;
  const homepage = flags.homepage ?? fallback.homepage;
  return {
    name: (flags.name ?? fallback.name).trim() || fallback.name,
    publisher: (flags.publisher ?? fallback.publisher).trim() || fallback.publisher,
    ...(description ? { description } : {}),
    ...(homepage ? { homepage } : {}),
    ...(expiresHours !== undefined ? { expiresHours } : {}),
  };
}

/** A source document as the CLI's loaded article: HTML through the extension's extraction. */
export async function loaded(doc: SourceDoc): Promise<LoadedArticle> {
  const a =
    doc.html !== undefined
      ? await fromHtml(doc.from, doc.html, doc.url)
      : doc.text !== undefined && looksLikeHtml(doc.text)
        ? await fromHtml(doc.from, doc.text, doc.url)
        : fromText(doc.from, doc.text ?? '', doc.url);
  if (doc.title) a.meta.title = doc.title;
  if (doc.outlet) a.meta.siteName = doc.outlet;
  if (doc.published) a.meta.publishedTime = doc.published;
  return a;
}

const isWeb = (u: string | undefined): u is string => Boolean(u && /^https?:\/\//i.test(u));

/**
 * The original articles among the documents: each one checked against those kept so far; a later
 * copy or partial copy of a kept article collapses onto it, and an earlier original takes the
 * place of a kept copy of itself.
 */
export async function collectOriginals(
  docs: AsyncIterable<SourceDoc>,
  now: number,
  onArticle?: (kept: number, collapsed: number) => void,
): Promise<{ records: ArticleRecord[]; collapsed: { from: string; onto: string }[]; skipped: { from: string; why: string }[] }> {
  const store = new MemoryStore();
  const collapsed: { from: string; onto: string }[] = [];
  const skipped: { from: string; why: string }[] = [];
  for await (const doc of docs) {
    let a: LoadedArticle;
    try {
      a = await loaded(doc);
    } catch (e) {
      skipped.push({ from: doc.from, why: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const { record, fp } = buildRecord(a.text, a.meta, now);
    if (!isWeb(record.url)) {
      if (!isWeb(record.canonicalUrl)) {
        skipped.push({ from: doc.from, why: 'no web address (a list links each article to its page: give it a canonical URL)' });
        continue;
      }
      record.url = record.canonicalUrl;
    }
    if (record.publishedAt !== undefined) record.firstSeenAt = Math.min(record.firstSeenAt, record.publishedAt);
    if (!record.wordCount) {
      skipped.push({ from: doc.from, why: 'no words' });
      continue;
    }
    if (await collapses(store, { record, fp }, collapsed, doc.from)) {
      onArticle?.(await store.count(), collapsed.length);
      continue;
    }
    await store.put(record);
    onArticle?.(await store.count(), collapsed.length);
  }
  const records: ArticleRecord[] = [];
  for await (const r of store.iterate()) records.push(r);
  return { records, collapsed, skipped };
}

/** Whether the page is a copy of a kept article (it is left out); kept copies of the page are removed. */
async function collapses(
  store: MemoryStore,
  page: { record: ArticleRecord; fp: Fingerprint },
  collapsed: { from: string; onto: string }[],
  from: string,
): Promise<boolean> {
  const result = await checkArticle(store, page);
  for (const m of result.matches) {
    if (m.verdict !== 'copy' && m.verdict !== 'partial-copy') continue;
    if (m.direction === 'from') {
      collapsed.push({ from, onto: m.id });
      return true;
    }
  }
  for (const m of result.matches) {
    if ((m.verdict === 'copy' || m.verdict === 'partial-copy') && m.direction === 'to') {
      await store.delete(m.id);
      collapsed.push({ from: m.id, onto: page.record.id });
    }
  }
  return false;
}

const perArticle = (bytes: number, n: number): number => (n ? Math.round(bytes / n) : 0);

export async function listBuild(inputs: string[], outFile: string, flags: ListFlags, out: Output, now = Date.now()): Promise<number> {
  const meta = metaOf(flags, {
    name: basename(outFile).replace(/\.(fhlist|jsonl)(\.gz)?$|\.gz$/i, '') || 'list',
    publisher: 'unknown publisher',
    expiresHours: 24,
  });
  const key = await signingKey(flags.sign);
  const bar = progressBar('list build');
  let counts = { kept: 0, collapsed: 0 };
  let read = { bytes: 0, totalBytes: undefined as number | undefined };
  const note = (): string => `${counts.kept} article${counts.kept === 1 ? '' : 's'}${counts.collapsed ? `, ${counts.collapsed} collapsed` : ''}`;
  const docs = readSources(inputs, {
    onProgress: (p) => {
      read = { bytes: p.bytes, totalBytes: p.totalBytes };
      bar.update(p.bytes, p.totalBytes, note());
    },
    onWarning: (w) => bar.log(`firsthand: warning: ${w.from}: ${w.message}`),
  });
  const { records, collapsed, skipped } = await collectOriginals(docs, now, (kept, c) => {
    counts = { kept, collapsed: c };
    bar.update(read.bytes, read.totalBytes, note());
  });
  bar.done(`list build: ${note()}`);
  for (const s of skipped) out.err(`firsthand: ${s.from}: skipped: ${s.why}`);
  if (!records.length) throw new CliError('no articles to list', inputs.join(' '));
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items: PackItem[] = records.map((record) => ({ record }));
  const bytes = await writeBytesAtomic(outFile, writeList(items, meta, { count: items.length, ...(key ?? {}) }));
  out.line(
    `${outFile}: ${items.length} article${items.length === 1 ? '' : 's'}` +
      `${collapsed.length ? `, ${collapsed.length} cop${collapsed.length === 1 ? 'y' : 'ies'} collapsed onto ${collapsed.length === 1 ? 'its' : 'their'} original` : ''}` +
      `${skipped.length ? `, ${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped` : ''}` +
      `; ${bytes} bytes (${perArticle(bytes, items.length)} per article)${key ? '; signed' : ''}`,
  );
  return skipped.length ? 1 : 0;
}

export async function listInfo(file: string, json: boolean, out: Output): Promise<number> {
  const l = await readListFile(file);
  const m = l.header.list;
  const info = {
    articles: l.items.length,
    name: m.name,
    publisher: m.publisher,
    description: m.description ?? null,
    homepage: m.homepage ?? null,
    expiresHours: m.expiresHours ?? null,
    digest: l.digest,
    signed: l.publicKey !== undefined,
    publicKey: l.publicKey ?? null,
    bytes: l.bytes,
    bytesPerArticle: perArticle(l.bytes, l.items.length),
    createdAt: l.header.createdAt,
  };
  if (json) {
    out.line(JSON.stringify(info, null, 2));
    return 0;
  }
  out.line(
    [
      `List:        ${info.name}`,
      `Publisher:   ${info.publisher}`,
      ...(info.description ? [`About:       ${info.description}`] : []),
      ...(info.homepage ? [`Homepage:    ${info.homepage}`] : []),
      `Articles:    ${info.articles}`,
      `Made:        ${info.createdAt}`,
      `Update:      every ${info.expiresHours ?? 24} hours`,
      `Size:        ${info.bytes} bytes (${info.bytesPerArticle} per article)`,
      `Digest:      ${info.digest}`,
      `Signed:      ${info.signed ? `yes, with the key ${info.publicKey}` : 'no'}`,
    ].join('\n'),
  );
  return 0;
}

export async function listMerge(files: string[], outFile: string, flags: ListFlags, out: Output): Promise<number> {
  const lists: ListContent[] = [];
  for (const f of files) lists.push(await readListFile(f));
  const key = await signingKey(flags.sign);
  const merged = mergeLists(lists);
  const meta = metaOf(flags, merged.meta);
  const bytes = await writeBytesAtomic(outFile, writeList(merged.items, meta, { count: merged.items.length, ...(key ?? {}) }));
  const total = lists.reduce((n, l) => n + l.items.length, 0);
  out.line(
    `${outFile}: ${merged.items.length} articles from ${files.length} lists (${total - merged.items.length} listed more than once); ${bytes} bytes${key ? '; signed' : ''}`,
  );
  return 0;
}

export async function listKeygen(outFile: string, out: Output): Promise<number> {
  if (existsSync(outFile)) throw new CliError('already exists; a key file is never overwritten (move it away first)', outFile);
  const { pem, publicKey } = await generateSigningKey();
  try {
    writeFileSync(outFile, pem, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    throw new CliError(`cannot write: ${e instanceof Error ? e.message : String(e)}`, outFile);
  }
  out.line(`${outFile}: a new Ed25519 signing key; keep it secret.`);
  out.line(`Public key: ${publicKey}`);
  return 0;
}
