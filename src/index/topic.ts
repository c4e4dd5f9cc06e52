// Topic keys: a second way to find the same story in the index, for reports that share few
// phrases with it (an independent report of the same event, a newspaper article that takes a few
// paragraphs of an agency story). Band keys find shared phrasing; topic keys find shared
// vocabulary: each article is posted under TOPIC_KEYS of its distinct content words, those whose
// seeded hash is smallest (a bottom-k sketch), so two articles are posted under a shared word with
// a chance that grows with the share of words they have in common. Words that many articles are
// posted under (the index's common words) say nothing about the story: a check skips a topic key
// held by more than MAX_TOPIC_POSTINGS articles, so the work of a check stays bounded as the index
// grows and only the rarer words of a story find it.
import { fmix32 } from './hash.ts';

/** Content words of an article posted as topic keys. */
export const TOPIC_KEYS = 48;
/** A topic key held by more articles than this is a common word of the index and is not read. */
export const MAX_TOPIC_POSTINGS = 24;
/** A stored article must share this many topic keys with the page to be a candidate: one shared
 * word is chance, the same story shares several. */
export const MIN_TOPIC_HITS = 3;
/** Stored articles found by topic keys alone that a check verifies, those sharing the most keys first. */
export const MAX_TOPIC_CANDIDATES = 8;
/** Topic keys share no bucket with band keys: their "bands" start here (band keys use 0 .. bands-1). */
export const TOPIC_BAND_BASE = 1024;
/** Topic keys are spread over this many bands, so that each bucket of the IndexedDB postings stays small. */
export const TOPIC_BANDS = 16;

const TWO_32 = 0x1_0000_0000;

/** True for a key made by topicKeys. */
export function isTopicKey(key: number): boolean {
  const band = Math.floor(key / TWO_32);
  return band >= TOPIC_BAND_BASE && band < TOPIC_BAND_BASE + TOPIC_BANDS;
}

/** Mixes the content-word hashes before the smallest are taken, so the sketch is not the band hashes' order. */
const SALT = 0x7091c5e3;
const SPREAD = 0x2545f491;

/** The topic sketch of an article: the TOPIC_KEYS smallest salted hashes of its distinct content
 * words, ascending (a listed article's sketch keeps these). */
export function topicHashes(tokens: Uint32Array): number[] {
  if (!(tokens instanceof Uint32Array) || tokens.length === 0) return [];
  const hashes = new Set<number>();
  const salt = SALT;
  for (let i = 0; i < tokens.length; i++) hashes.add(fmix32((tokens[i] ^ salt) >>> 0));
  return [...hashes].sort((a, b) => a - b).slice(0, TOPIC_KEYS);
}

/** The salted hash of one content word, as topicHashes ranks it. */
export function topicHash(token: number): number {
  return fmix32((token ^ SALT) >>> 0);
}

/** The topic keys of an article from its content-word hashes (records of other signature
 * parameters are never compared, so one salt serves them all). */
export function topicKeys(tokens: Uint32Array): number[] {
  // The chosen words' hashes are all small: posted as they are, they would crowd the first bucket
  // of each band (buckets go by a key's high bits). A second mix spreads them over the buckets.
  return topicHashes(tokens).map(spreadKey);
}

/** A topic hash as it is posted. */
export function spreadKey(h: number): number {
  const k = fmix32((h ^ SPREAD) >>> 0);
  return (TOPIC_BAND_BASE + (k & (TOPIC_BANDS - 1))) * TWO_32 + k;
}
