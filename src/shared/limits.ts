// Bounds on what is taken from a page, agreed by the extraction that takes it (src/extract) and
// the worker's check of the message that carries it (src/protocol/validate.ts): the worker accepts
// exactly what a content script can send.

/**
 * At most this many links are taken from a page: the article body's (extract.ts) and the
 * outbound ones (meta.ts). Far more than any article cites, and a bound on what a link farm
 * can send the worker.
 */
export const MAX_LINKS = 200;
