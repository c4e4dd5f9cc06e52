// Where and how big the ribbon is: its corner, the page's writing direction (a right-to-left page
// gets a mirrored ribbon), and whether it shows as a compact pill. The host's own box is set by the
// :host rule written here, inside the closed shadow root, so the page learns nothing from the host's
// attributes and cannot move it with its own CSS.
import type { RibbonMode, RibbonPosition } from '../protocol/messages.ts';

export type Direction = 'ltr' | 'rtl';

export interface RibbonLayout {
  mode: RibbonMode;
  position: RibbonPosition;
}

export const DEFAULT_LAYOUT: RibbonLayout = { mode: 'auto', position: 'bottom-end' };

/** Below this viewport (CSS px), the automatic mode shows the compact pill: a 1024 x 640 window is small. */
export const COMPACT_QUERY = '(max-width: 1199px), (max-height: 699px)';

/** Languages written right to left (primary subtags). */
const RTL_LANGS = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/**
 * The page's writing direction: an explicit dir on <body> or <html>, else the direction its CSS
 * gives the body, else its language (lang="ur" without dir still reads right to left).
 */
export function pageDirection(doc: Document): Direction {
  for (const e of [doc.body, doc.documentElement]) {
    const dir = e?.getAttribute('dir')?.trim().toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') return dir;
  }
  const css = doc.body ? doc.defaultView?.getComputedStyle(doc.body).direction : undefined;
  if (css === 'rtl') return 'rtl';
  const lang = (doc.documentElement.getAttribute('lang') || doc.body?.getAttribute('lang') || '').trim().toLowerCase().split(/[-_]/)[0];
  return RTL_LANGS.has(lang) ? 'rtl' : 'ltr';
}

/** Whether the ribbon starts as the compact pill: always, never, or (auto) on a small viewport. */
export function wantsCompact(mode: RibbonMode, win: Window | null): boolean {
  if (mode !== 'auto') return mode === 'compact';
  return win?.matchMedia?.(COMPACT_QUERY).matches ?? false;
}

/** The host's box: fixed in its corner (mirrored on a right-to-left page), above the page, as wide as it needs. */
export function hostCss(position: RibbonPosition, dir: Direction, pill: boolean): string {
  const [block, inline] = position.split('-') as ['top' | 'bottom', 'start' | 'end'];
  const right = (inline === 'end') === (dir === 'ltr');
  const inset = (side: string, on: boolean) => `${side}: ${on ? '12px' : 'auto'} !important;`;
  return `
:host {
  all: initial !important;
  position: fixed !important;
  ${inset('top', block === 'top')} ${inset('bottom', block === 'bottom')}
  ${inset('right', right)} ${inset('left', !right)}
  z-index: 2147483647 !important;
  display: block !important;
  width: ${pill ? 'max-content' : 'min(360px, calc(100vw - 24px))'} !important;
  max-width: calc(100vw - 24px) !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  transform: none !important;
  opacity: 1 !important;
  visibility: visible !important;
  pointer-events: auto !important;
  contain: layout style !important;
}`;
}
