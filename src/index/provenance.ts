// Credited sources: what a page itself says about where its story came from.
import { hostKey, hostOf, outletKey } from './outlet.ts';
import type { Credit, CreditKind, PageMeta } from './types.ts';

/** An outlet name: one to five capitalised words (or an acronym), optionally after "the". */
const NAME = String.raw`((?:[Tt]he[ \t]+)?[A-Z][\p{L}\p{N}&'’-]*(?:[ \t]+[A-Z][\p{L}\p{N}&'’-]*){0,4})`;

/** Phrases that credit an outlet; group 1 is the outlet. */
const CREDIT_PATTERNS: RegExp[] = [
  // English
  new RegExp(String.raw`\b(?:told|tells|telling)[ \t]+(?:[A-Z][\p{L}'’-]+[ \t]+){1,3}of[ \t]+${NAME}`, 'gu'),
  new RegExp(String.raw`\b(?:told|tells|telling)\s+${NAME}`, 'gu'),
  new RegExp(String.raw`\b(?:according\s+to|citing|via|reported\s+by|first\s+reported\s+by|as\s+reported\s+by|cited\s+by|confirmed\s+to)\s+${NAME}`, 'gu'),
  new RegExp(`${NAME}\\s+(?:first\\s+)?(?:reported|reports|revealed|broke\\s+the\\s+news)\\b`, 'gu'),
  // French, Spanish, Portuguese, Italian, German
  new RegExp(
    String.raw`\b(?:[Ss]elon|[Dd]'après|a\s+rapporté|rapporte|[Ss]egún|informó|[Dd]e\s+acuerdo\s+con|[Ss]egundo|[Dd]e\s+acordo\s+com|[Ss]econdo|[Ll]aut|berichtete|berichtet)\s+${NAME}`,
    'gu',
  ),
];

/** Wire-service datelines: "GAZA CITY (AP) —". */
const DATELINE = /\((AP|Reuters|AFP|UPI|dpa|DPA|Xinhua|Bloomberg|ANI|PTI|IANS|EFE|ANSA|Anadolu|TASS|Kyodo)\)\s*[—–-]/gu;

/** Words after a name that show the name was a noun phrase, not an outlet ("told Israeli officials"). */
const FOLLOWS_OK =
  /^(?:$|[\s]*[.,;:!?)"”’'—–-]|\s+(?:that|on|in|last|this|earlier|yesterday|today|when|while|and|but|after|before|at|about|for|with|by|news|reported|first|has|had|was|is|said|says|citing|reports)\b)/u;

/** Words that make a name an institution or a person's role rather than an outlet. */
const INSTITUTION =
  /\b(?:Ministry|Department|Office|Council|Nations|Government|Army|Forces|Police|Court|Committee|Spokesperson|Minister|President|Officials?)\b/u;

/** Capitalised words that are not outlets even when they follow "according to". */
const NOT_OUTLETS = new Set([
  'the',
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'him',
  'her',
  'them',
  'us',
  'officials',
  'sources',
  'reports',
  'reporters',
  'israeli',
  'american',
  'palestinian',
  'the white house',
  'white house',
  'the pentagon',
  'the state department',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'a',
  'an',
  'one',
  'two',
  'three',
  'four',
]);

function clean(name: string): string {
  return name
    .replace(/[’'](s)?$/u, '')
    .replace(/[.\s]+$/, '')
    .trim();
}

/** Bounds shared with the pack format (pack.ts), so that every record exports and imports again. */
const MAX_CREDITS = 100;
const MAX_NAME = 200;
const MAX_HOST = 253;

function add(out: Credit[], outletName: string, kind: CreditKind, evidence: string, hostName?: string): void {
  if (out.length >= MAX_CREDITS) return;
  const outlet = outletName.slice(0, MAX_NAME);
  const host = hostName && hostName.length <= MAX_HOST ? hostName : undefined;
  const key = (host ? hostKey(host) : outletKey(outlet)).slice(0, MAX_NAME);
  if (!key || NOT_OUTLETS.has(outlet.toLowerCase())) return;
  const existing = out.find((c) => c.key === key);
  if (existing) {
    if (!existing.host && host) existing.host = host;
    return;
  }
  out.push({ outlet, key, kind, evidence: evidence.slice(0, 200), ...(host ? { host } : {}) });
}

/** Credits found in the text and the metadata, each with the words or URL it rests on. */
export function extractCredits(text: string, meta: PageMeta = {}): Credit[] {
  const out: Credit[] = [];
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const m of sample.matchAll(DATELINE)) add(out, m[1], 'dateline', m[0]);
  const selfKey = outletKey(meta.siteName ?? '') || hostKey(hostOf(meta.url));
  const taken: [number, number][] = [];
  for (const re of CREDIT_PATTERNS) {
    for (const m of sample.matchAll(re)) {
      const at = m.index ?? 0;
      if (taken.some(([a, b]) => at < b && at + m[0].length > a)) continue;
      const name = clean(m[1]);
      if (INSTITUTION.test(name) || outletKey(name) === selfKey) continue;
      const after = sample.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 24);
      // "told Axios on Sunday" keeps "Axios"; "according to Israeli officials" is dropped.
      const words = name.split(/\s+/);
      if (words.length > 1 && /^(?:[Tt]he)$/.test(words[0]) === false && NOT_OUTLETS.has(words[0].toLowerCase())) continue;
      if (!FOLLOWS_OK.test(after) && !/^[A-Z]{2,}$/.test(name)) continue;
      taken.push([at, at + m[0].length]);
      add(out, name, 'text', m[0].trim());
    }
  }
  const selfHost = hostOf(meta.url);
  for (const u of [meta.syndicationSource, meta.originalSource]) {
    const h = hostOf(u);
    if (h) add(out, h, 'meta', u!, h);
  }
  for (const u of meta.jsonLd?.isBasedOn ?? []) {
    const h = hostOf(u);
    if (h && h !== selfHost) add(out, h, 'jsonld', u, h);
  }
  for (const name of meta.jsonLd?.sourceOrganization ?? []) {
    if (name && outletKey(name) !== outletKey(meta.siteName ?? '')) add(out, name, 'jsonld', `sourceOrganization: ${name}`);
  }
  const canonHost = hostOf(meta.canonicalUrl);
  if (canonHost && selfHost && hostKey(canonHost) !== hostKey(selfHost)) add(out, canonHost, 'meta', `canonical: ${meta.canonicalUrl}`, canonHost);
  // A body link to a credited outlet is the best machine-readable credit: attach its host.
  for (const link of meta.links ?? []) {
    const h = hostOf(link.href);
    if (!h || h === selfHost) continue;
    const credit = out.find((c) => c.key === hostKey(h));
    if (credit) {
      if (h.length <= MAX_HOST) credit.host ??= h;
      if (credit.kind === 'text') credit.evidence = `${credit.evidence}; links to ${link.href}`.slice(0, 300);
    }
  }
  return out;
}

/** Whether these credits name the given outlet (by name key or host). */
export function creditsOutlet(credits: readonly Credit[], outletKeyValue: string, host: string): boolean {
  const hk = host ? hostKey(host) : '';
  return credits.some((c) => (outletKeyValue && c.key === outletKeyValue) || (hk && (c.key === hk || (c.host && hostKey(c.host) === hk))));
}
