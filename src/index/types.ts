// Shared types of the text-reuse engine. Pure data: no browser or Node APIs.

/** Everything that decides what a signature means. Two indexes can only be compared
 * when every field matches; see params.ts. */
export interface SignatureParams {
  /** Hash family used for tokens and shingles. */
  hash: 'murmur3-32';
  /** Seed of the hash family and of the permutation parameters. */
  seed: number;
  /** Signature length (one-permutation hashing bins). */
  numPerm: number;
  /** What is shingled for the signature. */
  shingle: { kind: 'content-word'; size: number };
  /** LSH band layout: bands * rows === numPerm. */
  bands: number;
  rows: number;
  /** Tokenizer/normaliser version: bumped whenever tokens for a text could change. */
  tokenizer: number;
}

/** Metadata read from a page (content script) or an HTML file (CLI). All optional. */
export interface PageMeta {
  url?: string;
  canonicalUrl?: string;
  title?: string;
  siteName?: string;
  /** As found on the page (ISO 8601 or similar); parsed by the engine. */
  publishedTime?: string;
  /** Where publishedTime was read, most trusted first: 'jsonld' (the article object),
   * 'meta:<name>' (article:published_time and the like; 'meta:parsely-page'), 'jsonld:webpage',
   * 'itemprop', 'time:pubdate', 'time' (a <time datetime> in the article), 'attr:<data attribute>',
   * 'url' (a day in the URL path: day precision only), 'byline-text' (a visible "Published ..." line). */
  publishedFrom?: string;
  modifiedTime?: string;
  lang?: string;
  byline?: string;
  /** JSON-LD fields (NewsArticle and friends). */
  jsonLd?: {
    datePublished?: string;
    isBasedOn?: string[];
    sourceOrganization?: string[];
    publisher?: string;
  };
  /** The deprecated but still seen <meta name="syndication-source"> / "original-source". */
  syndicationSource?: string;
  originalSource?: string;
  /** Outbound links found in the article body. */
  links?: { href: string; text: string }[];
}

export type CreditKind = 'dateline' | 'text' | 'link' | 'meta' | 'jsonld';

/** A source the page itself credits, with the evidence for it. */
export interface Credit {
  /** Display name of the credited outlet, e.g. "Axios". */
  outlet: string;
  /** Lower-case key used to match outlets across pages, e.g. "axios". */
  key: string;
  kind: CreditKind;
  /** The words or URL the credit rests on, e.g. "told Axios". */
  evidence: string;
  /** Host of the credited outlet when known (from a link or meta). */
  host?: string;
}

/** One article as indexed: everything needed to find and verify it later, no full text. */
export interface ArticleRecord {
  /** Stable key: canonical URL when the page has one, else its URL without fragment. */
  id: string;
  url: string;
  canonicalUrl?: string;
  title: string;
  /** Site name, or the host when the page names none. */
  outlet: string;
  /** Lower-case key of the outlet, comparable with Credit.key. */
  outletKey: string;
  host: string;
  /** ms since epoch, when the page states it. */
  publishedAt?: number;
  /** ms since epoch, when this reader first saw it. */
  firstSeenAt: number;
  lang?: string;
  /** Number of words in the (de-duplicated) article text. */
  wordCount: number;
  /** Id of the SignatureParams the signature was made with (paramsId()). */
  params: string;
  signature: Uint32Array;
  /** LSH band keys, one per band: band * 2^32 + the band's 32-bit hash. */
  bandKeys: number[];
  /** Ordered 32-bit hashes of the article's content words: exact verification data. */
  tokens: Uint32Array;
  credits: Credit[];
  /** Set on an article known only from a reuse list: what the list gives instead of the text's
   * hashes. Such a record has an empty `signature` and empty `tokens`; it is found by the sketch's
   * band and topic keys and verified against the sketch (sketch.ts). */
  sketch?: ListSketch;
  /** Ids of the subscribed lists that carry this article (see src/lists). An article the reader
   * also read or imported keeps its full record and its list ids. */
  lists?: string[];
}

/**
 * A listed article's text-free fingerprint: enough to find copies and rewrites of it and to
 * estimate how much they share, never its text. About 700 bytes of hashes.
 */
export interface ListSketch {
  /** Band hashes of every LIST_BAND_STRIDE-th band (bands 0, stride, 2 x stride, ...): the keys it is found by. */
  bands: Uint32Array;
  /** Its topic sketch: the TOPIC_KEYS smallest salted hashes of its distinct content words, before
   * they are spread into keys (topic.ts), ascending; fewer when it has fewer distinct words. */
  topic: Uint32Array;
  /** Distinct content words. */
  vocabulary: number;
  /** Its distinct verification shingles (verify.ts) whose hash is below `threshold`, at most
   * SKETCH_SAMPLE of them, in the order they first occur in the text. */
  sample: Uint32Array;
  /** Every distinct shingle hash below this was kept (0x100000000 when all were). */
  threshold: number;
  /** Distinct verification shingles. */
  shingles: number;
  /** Content words in the text. */
  tokens: number;
  /** Hashes of the distinct numbers among its content words (verify.ts numbers), at most 16. */
  numbers: Uint32Array;
}

/** A reuse list that carries a stored article, as the reader is told of it. */
export interface ListedBy {
  /** The list's name, as its publisher wrote it. */
  list: string;
  publisher: string;
  /** Where the list comes from: its URL, or the file it was added from. */
  source: string;
}

export type Verdict = 'copy' | 'partial-copy' | 'rewrite' | 'related' | 'unrelated';

/** How a shared passage reads in both texts. 'literal': the same words in the same order (case,
 * spacing, punctuation and quote style aside). 'near': the same content words, in the same order,
 * but some other words differ ("Ron Dermer and Netanyahu's" against "Ron Dermer, told Netanyahu"). */
export type PassageKind = 'literal' | 'near';

/** One stretch of a passage that is partly literal and partly near, with its range in each text. */
export interface PassagePart {
  kind: PassageKind;
  candidateChars: [number, number];
  originalChars: [number, number];
}

/** A stretch of text shared by two articles. Ranges are [start, end) offsets. */
export interface Passage {
  /** Content-word index range in the candidate and in the original. */
  candidateTokens: [number, number];
  originalTokens: [number, number];
  /** Character range in each text, when that text was at hand. */
  candidateChars?: [number, number];
  originalChars?: [number, number];
  /** Whether the passage is word for word; set only when both texts were at hand. */
  kind?: PassageKind;
  /** A near passage that has literal stretches too: its literal stretches and near gaps, in order,
   * tiling its character ranges on both sides. Absent when the passage is one kind throughout. */
  parts?: PassagePart[];
}

/** The measured relation of a candidate to an original. */
export interface Comparison {
  verdict: Verdict;
  /** [0,1]: how much of the candidate derives from the original; orders pairs. */
  score: number;
  /** Share of the candidate's shingles found in the original. */
  containment: number;
  /** Share of the original's shingles found in the candidate. */
  coverage: number;
  jaccard: number;
  /** Share of the candidate's content words that appear in the original in the same order. */
  ordered: number;
  /** Share of the candidate's content-word vocabulary found in the original. */
  vocabulary: number;
  passages: Passage[];
}

/** Which article, from where and when: what every view of a stored article names it by. */
export type ArticleHead = Pick<ArticleRecord, 'id' | 'url' | 'title' | 'outlet' | 'host' | 'publishedAt' | 'firstSeenAt'>;

/** One stored article that the checked page is related to, as the reader is told of it. Its
 * passages' character ranges on the checked page's side are set when that text was at hand. */
export interface MatchSummary extends ArticleHead, Omit<Comparison, 'vocabulary'> {
  /** 'from': the checked page derives from this match (the match came first);
   *  'to': this match derives from the checked page (the page came first). */
  direction: 'from' | 'to';
  /** The later of the two credits the earlier one's outlet. */
  credited: boolean;
  /** The match is known from reuse lists (not read by the reader): which ones. Filled in by the
   * worker from the record's `lists`; absent for articles the reader read or imported. */
  listed?: ListedBy[];
  /** The match is known from a list only: it has no stored text, so only the page's side of its
   * passages is known. */
  textFree?: boolean;
}

/** What the engine concludes about one page against the index. */
export interface CheckResult {
  /** The page's relation to its original; 'unrelated' when it derives from nothing indexed. */
  verdict: Verdict;
  score: number;
  /** The article this page derives from, chosen by date, then first seen, credits as strong evidence. */
  original?: MatchSummary;
  /** Whether the page credits the original's outlet. */
  credited: boolean;
  /** Sources the page itself credits. */
  credits: Credit[];
  /** Every related stored article, best first. */
  matches: MatchSummary[];
  /** Human-readable reasons for the choice of original (dates, credits, canonical). */
  evidence: string[];
  /** How sure the choice of original is, and on what it rests; set with `original`. */
  confidence?: OriginalConfidence;
  /** The match this page shares the most of its text with, when that is not the original
   * (a later, closer copy of the original, say): its figures are shown beside the original's. */
  closest?: MatchSummary;
}

/** How sure the engine is that the named original came first. 'high': the page credits it, or
 * its stated date and the reader's own sightings agree; 'medium': one ground alone (a stated
 * date, or when the reader saw each); 'low': the grounds disagree (a stated date against an
 * earlier sighting or a credit), and the reasons say so. */
export interface OriginalConfidence {
  level: 'high' | 'medium' | 'low';
  /** Short sentences, most decisive first. */
  reasons: string[];
}
