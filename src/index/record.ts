import { fingerprint, type Fingerprint } from './fingerprint.ts';
import { hostKey, hostOf, outletKey, registrableDomain } from './outlet.ts';
import { DEFAULT_PARAMS, paramsId } from './params.ts';
import { extractCredits } from './provenance.ts';
import type { ArticleRecord, PageMeta, SignatureParams } from './types.ts';
import { parseTime } from './parse-time.ts';

/** Longest URL a record keeps (the pack format's bound). */
const MAX_URL = 4096;
/** Longest language tag a record keeps (BCP 47 tags in practice stay under 35 characters). */
const MAX_LANG = 35;

/** A web or file URL as a record may keep it; undefined for anything else (javascript:, data:, blank, too long). */
function webUrl(value: string | undefined): string | undefined {
  const u = value?.trim();
  return u && u.length <= MAX_URL && /^(https?|file):\/\//i.test(u) ? u : undefined;
}

/**
 * The key an article is stored under: its canonical URL, else its URL without the fragment.
 * A canonical URL on another site is the page's claim, not its address: a page must not take
 * over (overwrite) another outlet's record by naming its URL, so a web page keeps its own URL
 * then. (A local file, as the CLI reads, has no site of its own: its canonical URL is its key.)
 */
export function recordId(meta: PageMeta): string {
  const own = webUrl(meta.url) ?? '';
  const canonical = webUrl(meta.canonicalUrl) ?? '';
  const foreign = /^https?:\/\//i.test(own) && canonical && registrableDomain(hostOf(own)) !== registrableDomain(hostOf(canonical));
  return (foreign ? own : canonical || own).replace(/#.*$/, '');
}

/** Builds the stored record of an article (and the fingerprint, whose offsets are not stored). */
export function buildRecord(
  text: string,
  meta: PageMeta,
  firstSeenAt: number,
  params: SignatureParams = DEFAULT_PARAMS,
): { record: ArticleRecord; fp: Fingerprint } {
  const fp = fingerprint(text, params);
  // Only what the pack format accepts is kept, so that every record exports and imports again.
  const url = webUrl(meta.url);
  const canonicalUrl = webUrl(meta.canonicalUrl);
  const host = hostOf(url) || hostOf(canonicalUrl);
  const outlet = (meta.siteName || '').trim() || host || 'unknown outlet';
  const published = parseTime(meta.publishedTime) ?? parseTime(meta.jsonLd?.datePublished);
  const title = (meta.title || text.split('\n', 1)[0] || '').trim().slice(0, 500);
  const record: ArticleRecord = {
    id: recordId(meta) || `text:${fp.signature.slice(0, 4).join('-')}`,
    url: url ?? canonicalUrl ?? '',
    ...(canonicalUrl ? { canonicalUrl } : {}),
    title,
    outlet: outlet.slice(0, 200),
    outletKey: ((meta.siteName ? outletKey(meta.siteName) : '') || hostKey(host)).slice(0, 200),
    host,
    ...(published !== undefined ? { publishedAt: published } : {}),
    firstSeenAt,
    ...(meta.lang && meta.lang.length <= MAX_LANG ? { lang: meta.lang } : {}),
    wordCount: fp.wordCount,
    params: paramsId(params),
    signature: fp.signature,
    bandKeys: fp.bandKeys,
    tokens: fp.tokens,
    credits: extractCredits(text, meta),
  };
  return { record, fp };
}
