// The options page's "Ribbon" section: its size (automatic, always compact, always full) and its
// corner. Each choice is saved as it is made, and the worker tells open pages at once, so a reader
// sees the ribbon move or fold while the options are open.
import type { RibbonMode, RibbonPosition, Settings } from '../../protocol/messages.ts';
import { el } from '../../ui/dom.ts';

const MODES: { value: RibbonMode; name: string; help: string }[] = [
  { value: 'auto', name: 'Automatic', help: 'A small badge in windows under 1200 × 700 pixels, the full ribbon in larger ones.' },
  { value: 'compact', name: 'Always compact', help: 'A small badge with the verdict and the share; click it or press Enter to see the rest.' },
  { value: 'full', name: 'Always full', help: 'The whole ribbon, with its bars and buttons.' },
];

const POSITIONS: { value: RibbonPosition; name: string }[] = [
  { value: 'bottom-end', name: 'Bottom right' },
  { value: 'bottom-start', name: 'Bottom left' },
  { value: 'top-end', name: 'Top right' },
  { value: 'top-start', name: 'Top left' },
];

export interface Appearance {
  fill(s: Settings): void;
}

function radio(doc: Document, name: string, value: string, label: string, help?: string): HTMLElement {
  const id = `${name}-${value}`;
  return el(
    doc,
    'label',
    { class: 'choice', attrs: { for: id } },
    el(doc, 'input', { attrs: { type: 'radio', id, name, value } }),
    el(doc, 'span', {}, el(doc, 'strong', { text: label }), help ? el(doc, 'span', { class: 'help', text: help }) : null),
  );
}

/** Fills `container` with the two choices; `save` stores a changed one and returns the settings saved. */
export function renderAppearance(doc: Document, container: HTMLElement, save: (patch: Partial<Settings>) => Promise<Settings>): Appearance {
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const modes = el(
    doc,
    'div',
    { class: 'choices', attrs: { role: 'radiogroup', 'aria-label': 'Size of the ribbon' } },
    ...MODES.map((m) => radio(doc, 'ribbonMode', m.value, m.name, m.help)),
  );
  const corners = el(
    doc,
    'div',
    { class: 'choices corners', attrs: { role: 'radiogroup', 'aria-label': 'Corner of the ribbon', 'aria-describedby': 'corner-help' } },
    ...POSITIONS.map((p) => radio(doc, 'ribbonPosition', p.value, p.name)),
  );
  container.append(
    el(doc, 'p', { class: 'help', text: 'Size' }),
    modes,
    el(doc, 'p', { class: 'help', text: 'Corner (mirrored on right-to-left pages: “right” becomes left)', attrs: { id: 'corner-help' } }),
    corners,
    status,
  );
  const chosen = (name: string) => container.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  container.addEventListener('change', () => {
    const patch = { ribbonMode: chosen('ribbonMode') as RibbonMode, ribbonPosition: chosen('ribbonPosition') as RibbonPosition };
    save(patch).then(
      () => {
        status.textContent = 'Saved: open pages show the ribbon this way now.';
      },
      (err: unknown) => {
        status.textContent = err instanceof Error ? err.message : String(err);
      },
    );
  });
  return {
    fill(s) {
      for (const input of container.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
        input.checked = input.value === (input.name === 'ribbonMode' ? s.ribbonMode : s.ribbonPosition);
      }
    },
  };
}
