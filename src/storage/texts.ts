// Article texts are kept for the compare page and for rebuilding the index; news text
// gzips to about a third, which matters over a year of reading.
import type { PageMeta } from '../index/types.ts';
import type { TextBody } from './db.ts';

const hasCompression = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

async function pipe(bytes: BlobPart, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The stored form of an article text. Runs outside any transaction: IndexedDB transactions
 * commit as soon as they wait on anything but their own requests. */
export async function packText(text: string, meta?: PageMeta): Promise<TextBody> {
  const stored: TextBody = {};
  if (hasCompression) stored.gzip = await pipe(text, new CompressionStream('gzip'));
  else stored.text = text;
  if (meta) stored.meta = meta;
  return stored;
}

export async function unpackText(stored: TextBody): Promise<string> {
  if (stored.text !== undefined) return stored.text;
  if (!stored.gzip) return '';
  if (!hasCompression) throw new Error('This browser cannot read compressed article texts (no DecompressionStream).');
  const bytes = await pipe(stored.gzip as Uint8Array<ArrayBuffer>, new DecompressionStream('gzip'));
  return new TextDecoder().decode(bytes);
}
