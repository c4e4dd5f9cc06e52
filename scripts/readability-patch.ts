// Rewrites the two places where Readability (bundled into the content script) assigns HTML
// strings to innerHTML, so the package holds no HTML parsing of page text outside a DOMParser
// and `web-ext lint` reports no unsafe assignments:
//  - the retry path restores the page from a serialised copy: it now keeps a deep clone instead;
//  - images inside <noscript> are re-parsed with DOMParser (an inert document) instead.
// Same behaviour for Firsthand, which reads text only. If a Readability update changes these
// lines the build fails here rather than shipping an unpatched copy.
import type { Plugin } from 'vite';

const REPLACEMENTS: [RegExp, string][] = [
  [/var pageCacheHtml = page\.innerHTML;/g, 'var pageCacheHtml = page.cloneNode(true);'],
  [/page\.innerHTML = pageCacheHtml;/g, 'page.replaceChildren(...pageCacheHtml.cloneNode(true).childNodes);'],
  [/tmp\.innerHTML = noscript\.innerHTML;/g, 'tmp.replaceChildren(...new DOMParser().parseFromString(noscript.innerHTML, "text/html").body.childNodes);'],
];

/** Marks a file that bundles Readability. */
const SIGNATURE = 'pageCacheHtml';

export function patchReadability(code: string): string {
  let out = code;
  for (const [pattern, replacement] of REPLACEMENTS) {
    const before = out;
    out = out.replace(pattern, replacement);
    if (out === before) throw new Error(`readability-patch: "${pattern.source}" not found; Readability changed, update scripts/readability-patch.ts`);
  }
  return out;
}

/** Applies the patch to every emitted JavaScript file that bundles Readability (the content script is emitted as an asset by crxjs). */
export function readabilityPatch(): Plugin {
  return {
    name: 'firsthand:readability-patch',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!file.fileName.endsWith('.js')) continue;
        if (file.type === 'chunk') {
          if (file.code.includes(SIGNATURE)) file.code = patchReadability(file.code);
        } else {
          const source = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
          if (source.includes(SIGNATURE)) file.source = patchReadability(source);
        }
      }
    },
  };
}
