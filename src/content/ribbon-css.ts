// Styles of the on-page ribbon's content. They live inside its closed shadow root, after the
// host's own box (ribbon-layout.ts hostCss: `all: initial` and !important on :host stop page CSS
// from restyling the host), and nothing here leaks out.
// Sizes are in px, not rem, because rem would follow the page's root font size.

export const RIBBON_CSS = `
* { box-sizing: border-box; }
.ribbon {
  --bg: #ffffff; --fg: #1d2330; --muted: #5b6475; --line: #e3e6ec; --track: #e9ecf2;
  --accent: #c2410c; --accent-bg: #fff1e8; --ok: #177245; --ok-bg: #e6f5ec; --warn: #9a3412; --warn-bg: #fdeee4;
  --link: #1d4ed8; --focus: #2563eb; --original: #8b95a7;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg);
  text-align: start;
}
.ribbon.v-copy { --accent: #b91c1c; --accent-bg: #fdecec; }
.ribbon.v-partial-copy { --accent: #c2410c; --accent-bg: #fff1e8; }
.ribbon.v-rewrite { --accent: #6d28d9; --accent-bg: #f1ebfd; }
@media (prefers-color-scheme: dark) {
  .ribbon {
    --bg: #1b1f27; --fg: #e8ebf1; --muted: #a3abba; --line: #333a47; --track: #2d3440;
    --ok: #6ee7a8; --ok-bg: #133325; --warn: #fdba74; --warn-bg: #3a2414; --link: #93b4ff; --focus: #93b4ff;
    --original: #6b7588;
  }
  .ribbon.v-copy { --accent: #f87171; --accent-bg: #3b1a1a; }
  .ribbon.v-partial-copy { --accent: #fb923c; --accent-bg: #3a2414; }
  .ribbon.v-rewrite { --accent: #c4a5ff; --accent-bg: #2a2140; }
  .card, .pill { box-shadow: 0 10px 30px rgba(0, 0, 0, 0.5) !important; }
}
.card {
  background: var(--bg);
  border: 1px solid var(--line);
  border-inline-start: 4px solid var(--accent);
  border-radius: 10px;
  box-shadow: 0 10px 30px rgba(15, 23, 42, 0.18), 0 2px 6px rgba(15, 23, 42, 0.08);
  padding: 10px 12px;
  animation: rise 180ms ease-out;
  /* A small part of a small window: at 1024 x 640 the card is at most 360 x 256 px, and scrolls. */
  max-height: min(calc(100vh - 24px), max(40vh, 220px));
  overflow-y: auto;
  outline: none;
}
.ribbon.compact:not(.expanded) .card { display: none; }
.ribbon.expanded .pill, .ribbon:not(.compact) .pill { display: none; }
.ribbon:not(.compact) .collapse { display: none; }
.pill {
  all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 6px; max-width: calc(100vw - 24px);
  background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  border-radius: 999px; padding: 4px 10px 4px 4px; padding-inline: 4px 10px; font-size: 12.5px; white-space: nowrap; overflow: hidden;
  box-shadow: 0 6px 18px rgba(15, 23, 42, 0.2);
}
.pill:hover { background: var(--track); }
.pill-share { font-weight: 700; font-variant-numeric: tabular-nums; }
.pill-from { color: var(--muted); overflow: hidden; text-overflow: ellipsis; max-width: 16em; }
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
@keyframes rise { from { transform: translateY(8px); opacity: 0; } to { transform: none; opacity: 1; } }
.top { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; }
.badge {
  font-weight: 700; font-size: 11px; letter-spacing: 0.04em; text-transform: uppercase;
  color: var(--accent); background: var(--accent-bg); border-radius: 999px; padding: 2px 8px;
}
/* Spaced letters would break the joined letters of Arabic script. */
.ribbon[dir="rtl"] .badge { letter-spacing: 0; }
.brand { color: var(--muted); font-size: 11px; }
.spacer { flex: 1; }
button, a { font: inherit; }
.icon {
  all: unset; cursor: pointer; width: 24px; height: 24px; border-radius: 6px; text-align: center;
  line-height: 24px; font-size: 18px; color: var(--muted);
}
.icon:hover { background: var(--track); color: var(--fg); }
.text { margin: 0; }
/* Each sentence keeps the direction of its own words (an English one on a right-to-left page, an
   Arabic one anywhere), aligned to the ribbon's start: the right when the ribbon is right to left. */
.text p, .closest-line, .status { unicode-bidi: plaintext; }
.ribbon[dir="rtl"] .text p, .ribbon[dir="rtl"] .closest-line, .ribbon[dir="rtl"] .status { text-align: right; }
bdi { unicode-bidi: isolate; }
.headline { margin: 0; font-weight: 600; font-size: 13.5px; }
.details { margin: 4px 0 0; color: var(--muted); }
.listed { margin: 4px 0 0; font-size: 12px; color: var(--fg); }
.listed bdi { font-weight: 600; }
.closest .listed { margin: 2px 0 0; }
.meters { display: grid; grid-template-columns: auto 1fr auto; gap: 4px 8px; align-items: center; margin: 8px 0 6px; }
.meter-label { color: var(--muted); font-size: 12px; white-space: nowrap; }
.meter-pct { font-variant-numeric: tabular-nums; font-weight: 600; font-size: 12px; text-align: end; min-width: 34px; }
.bar { display: block; height: 8px; border-radius: 999px; background: var(--track); overflow: hidden; }
/* A block in the bar: it fills from the ribbon's start, the right on a right-to-left page. */
.bar-fill { display: block; height: 100%; border-radius: 999px; background: var(--accent); min-width: 2px; }
.bar.original .bar-fill { background: var(--original); }
.chip { display: inline-block; border-radius: 6px; padding: 1px 7px; font-size: 12px; font-weight: 600; }
.chip.credited { color: var(--ok); background: var(--ok-bg); }
.chip.uncredited { color: var(--warn); background: var(--warn-bg); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; align-items: center; }
.btn {
  all: unset; cursor: pointer; border: 1px solid var(--line); border-radius: 7px; padding: 3px 8px;
  font-size: 12.5px; color: var(--fg); background: var(--bg); white-space: nowrap;
}
.btn:hover { background: var(--track); }
.btn.quiet { border-color: transparent; color: var(--muted); text-decoration: underline; text-underline-offset: 2px; }
.btn[aria-pressed="true"] { background: var(--accent-bg); border-color: var(--accent); color: var(--accent); font-weight: 600; }
a.btn { color: var(--link); text-decoration: none; }
.status { color: var(--muted); font-size: 12px; margin: 6px 0 0; min-height: 0; }
.status:empty { display: none; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.chip.sure { color: var(--muted); background: var(--track); font-weight: 600; }
.chip.sure.c-low { color: var(--warn); background: var(--warn-bg); }
.closest { margin: 8px 0 0; padding: 6px 8px; border: 1px dashed var(--line); border-radius: 8px; }
.closest-line { margin: 0; font-size: 12.5px; font-weight: 600; }
.meters.small { margin: 4px 0 0; }
.meters.small .bar { height: 6px; }
.legend { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); }
.legend[hidden] { display: none; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; padding: 0 3px; color: var(--fg); font-size: 12px; line-height: 1.3; }
.swatch.literal { background: rgba(255, 190, 0, 0.45); }
.swatch.near {
  background: rgba(255, 190, 0, 0.16); text-decoration: underline dashed rgb(196, 118, 0);
  text-decoration-thickness: 2px; text-underline-offset: 2px;
}
:focus-visible { outline: 2px solid var(--focus) !important; outline-offset: 2px; }
.card:focus-visible { outline-offset: -2px; }
`;
