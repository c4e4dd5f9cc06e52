// Public API of reuse lists (docs/lists.md): read as a stream, written, merged, signed.
export {
  ListError,
  LIST_VERSION,
  LIST_KIND,
  MAX_HEADER_BYTES,
  MAX_LINE_BYTES,
  MAX_TRAILER_BYTES,
  MAX_LIST_ARTICLES,
  MAX_EXPIRES_HOURS,
  checkMeta,
  encodeListArticle,
  type ListHeader,
  type ListMeta,
  type ListTrailer,
} from './format.ts';
export { readList, keyName, type ListContent, type ReadListOptions } from './read.ts';
export { writeList, listedOf, type WriteListOptions } from './write.ts';
export { mergeLists } from './merge.ts';
export { signingKeyFromPem, generateSigningKey, verifyDigest, signDigest, type ListSigningKey } from './keys.ts';
