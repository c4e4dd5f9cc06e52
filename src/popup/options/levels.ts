// The sensitivity radios, built from src/ui/sensitivity.ts: each level's name and gist label the
// radio; its bars in words and its development-set flag rates describe it (aria-describedby), so
// a screen reader reads them with the choice. Text goes in as text only.
import { el } from '../../ui/dom.ts';
import { barsText, ratesText, SENSITIVITY_LEVELS } from '../../ui/sensitivity.ts';

export function renderLevels(doc: Document, container: HTMLElement): void {
  for (const level of SENSITIVITY_LEVELS) {
    const id = `sensitivity-${level.value}`;
    const input = el(doc, 'input', { attrs: { type: 'radio', id, name: 'sensitivity', value: level.value, 'aria-describedby': `${id}-bars ${id}-rates` } });
    container.append(
      el(
        doc,
        'div',
        { class: 'choice level' },
        input,
        el(
          doc,
          'div',
          { class: 'choice-text' },
          el(doc, 'label', { attrs: { for: id } }, el(doc, 'strong', { text: level.name }), el(doc, 'span', { class: 'gist', text: level.gist })),
          el(doc, 'p', { class: 'help', text: barsText(level.value), attrs: { id: `${id}-bars` } }),
          el(doc, 'p', { class: 'help rates', text: ratesText(level), attrs: { id: `${id}-rates` } }),
        ),
      ),
    );
  }
}
