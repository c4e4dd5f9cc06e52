// Bounds on what extraction takes from a page, in a file of their own (no Readability, no DOM)
// so that whatever checks the extracted data can import them without pulling in the extractor.

/**
 * At most this many links are taken from a page: the article body's (extract.ts) and the
 * outbound ones (meta.ts). Far more than any article cites, and a bound on what a link farm
 * can send the worker.
 */
export const MAX_LINKS = 200;
