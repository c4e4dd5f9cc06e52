// The content script's part of extraction: Readability's quick "is this probably an article" test
// on the live page, taken from its own file so the page's script does not carry Readability itself
// (extraction runs off the page: src/extract/from-html.ts).
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';

/** Whether the page is probably an article (Readability's quick test): a front page stops here. */
export function probablyArticle(doc: Document): boolean {
  return Boolean(doc.body) && isProbablyReaderable(doc);
}
