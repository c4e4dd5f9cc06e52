// Public API of the text-reuse engine: pure TypeScript, the same in the worker, the content
// script, the CLI and the tests.
export * from './types.ts';
export { DEFAULT_PARAMS, paramsId, paramsDiff, TOKENIZER_VERSION } from './params.ts';
export { MemoryStore, indexKeys, type Store, type CandidateSource, type CandidateHit, type StoreRef, type StoreStats } from './store.ts';
export { fingerprint, tokenHashes, type Fingerprint } from './fingerprint.ts';
export { buildRecord, recordId } from './record.ts';
export { parseTime } from './parse-time.ts';
export { compareTexts, compareWithSketch } from './compare.ts';
export { extractCredits, creditsOutlet } from './provenance.ts';
export { checkArticle } from './check.ts';
export { topicKeys, isTopicKey, TOPIC_KEYS, MAX_TOPIC_POSTINGS } from './topic.ts';
export { verdictOf, score, isDerived, levelBars, SENSITIVITIES, type Sensitivity } from './verdict.ts';
export { hostOf, hostKey, outletKey } from './outlet.ts';
export {
  encodePack,
  encodeArticle,
  packFrame,
  parsePack,
  PackError,
  PACK_FORMAT,
  PACK_VERSION,
  MAX_PACK_ARTICLES,
  type PackItem,
  type ParsedPack,
} from './pack.ts';
export { excludedFor, mergeCorrections, pairKey, MAX_CORRECTIONS, type Correction } from './pack-corrections.ts';
export { sCurve, estimateJaccard } from './minhash.ts';
export { parsePackChunks } from './pack-stream.ts';
export { sketchOf, listedRecord, sketchBandKeys, sketchTopicKeys, LIST_BAND_STRIDE, SKETCH_SAMPLE, SKETCH_NUMBERS, ALL_SHINGLES } from './sketch.ts';
