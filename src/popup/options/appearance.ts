// The options page's "Ribbon" section: its size (automatic, always compact, always full) and its
// corner. Each choice is saved as it is made, and the worker tells open pages at once, so a reader
// sees the ribbon move or fold while the options are open.
import type { RibbonMode, RibbonPosition, Settings } from '../../protocol/messages.ts';
import { el } from '../../ui/dom.ts';
import { t, type MessageKey } from '../../ui/i18n.ts';

const MODES: { value: RibbonMode; name: MessageKey; help: MessageKey }[] = [
  { value: 'auto', name: 'options_modeAuto', help: 'options_modeAutoHelp' },
  { value: 'compact', name: 'options_modeCompact', help: 'options_modeCompactHelp' },
  { value: 'full', name: 'options_modeFull', help: 'options_modeFullHelp' },
];

const POSITIONS: { value: RibbonPosition; name: MessageKey }[] = [
  { value: 'bottom-end', name: 'options_cornerBottomEnd' },
  { value: 'bottom-start', name: 'options_cornerBottomStart' },
  { value: 'top-end', name: 'options_cornerTopEnd' },
  { value: 'top-start', name: 'options_cornerTopStart' },
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
    { class: 'choices', attrs: { role: 'radiogroup', 'aria-label': t('options_ribbonSizeLabel') } },
    ...MODES.map((m) => radio(doc, 'ribbonMode', m.value, t(m.name), t(m.help))),
  );
  const corners = el(
    doc,
    'div',
    { class: 'choices corners', attrs: { role: 'radiogroup', 'aria-label': t('options_ribbonCornerLabel'), 'aria-describedby': 'corner-help' } },
    ...POSITIONS.map((p) => radio(doc, 'ribbonPosition', p.value, t(p.name))),
  );
  container.append(
    el(doc, 'p', { class: 'help', text: t('options_ribbonSize') }),
    modes,
    el(doc, 'p', { class: 'help', text: t('options_ribbonCorner'), attrs: { id: 'corner-help' } }),
    corners,
    status,
  );
  const chosen = (name: string) => container.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  container.addEventListener('change', () => {
    const patch = { ribbonMode: chosen('ribbonMode') as RibbonMode, ribbonPosition: chosen('ribbonPosition') as RibbonPosition };
    save(patch).then(
      () => {
        status.textContent = t('options_ribbonSaved');
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
