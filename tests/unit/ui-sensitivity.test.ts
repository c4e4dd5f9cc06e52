// @vitest-environment happy-dom
// The sensitivity levels as the options page shows them, and the README's tables of the same
// figures: one source of wording and numbers (src/ui/sensitivity.ts), held equal here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderLevels } from '../../src/popup/options/levels.ts';
import { barsText, percent, ratesText, SENSITIVITY_LEVELS, type Rate } from '../../src/ui/sensitivity.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the options page levels', () => {
  const box = document.createElement('div');
  document.body.append(box);
  renderLevels(document, box);

  it('gives each radio a label and describes it with its bars and its flag rates', () => {
    const radios = [...box.querySelectorAll<HTMLInputElement>('input[type="radio"][name="sensitivity"]')];
    expect(radios.map((r) => r.value)).toEqual(['low', 'normal', 'high']);
    for (const radio of radios) {
      const label = box.querySelector(`label[for="${radio.id}"]`);
      expect(label?.textContent).toMatch(/^(Low|Normal|High)/);
      const described = (radio.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
      expect(described).toHaveLength(2);
      expect(described[0]).toMatch(/^Copy: \d+% of the page's text word for word/);
      expect(described[1]).toMatch(/^Flags \d+% of wholly derived and \d+% of partly derived agency rewrites; \d+% of independent reports/);
    }
  });

  it('says what Low trades in plain words', () => {
    const low = SENSITIVITY_LEVELS[0];
    expect(box.querySelector('#sensitivity-low-rates')?.textContent).toBe(
      'Flags 83% of wholly derived and 15% of partly derived agency rewrites; 3% of independent reports of the same event; no unrelated article.',
    );
    expect(barsText('low')).toContain("rewrite: 15% word for word and 35% of its words in the original's order");
    expect(barsText('low')).toContain('does not lower the bar');
    expect(barsText('normal')).toContain('lowers the rewrite bar by a quarter');
    expect(ratesText(low)).toBe(box.querySelector('#sensitivity-low-rates')?.textContent);
  });

  it('orders the levels by what they flag', () => {
    const [low, normal, high] = SENSITIVITY_LEVELS;
    for (const k of ['WD', 'PD', 'ND'] as const) {
      expect(low.counter[k].flagged).toBeLessThanOrEqual(normal.counter[k].flagged);
      expect(normal.counter[k].flagged).toBeLessThanOrEqual(high.counter[k].flagged);
    }
    for (const l of SENSITIVITY_LEVELS) expect(l.counter.unrelated.flagged + l.clough.unrelated.flagged).toBe(0);
  });
});

describe('the README says the same', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Sensitivity'), readme.indexOf('## Numbers'));
  const cell = (x: Rate): string => `${x.flagged} (${percent(x)})`;

  it('has each level with its gist and its flag rates on both corpora', () => {
    expect(section).toMatch(/^### Sensitivity/);
    for (const l of SENSITIVITY_LEVELS) {
      expect(section).toMatch(new RegExp(`^\\| ${l.name}( \\(default\\))? \\| ${l.gist.replace(/[.?*+()[\]]/g, '\\$&')} \\|`, 'm'));
      const c = l.counter;
      expect(section).toContain(`| ${l.name} | ${[c.WD, c.PD, c.ND, c.unrelated].map(cell).join(' | ')} |`);
      const s = l.clough;
      expect(section).toContain(`| ${l.name} | ${[s.cut, s.light, s.heavy, s.non, s.unrelated].map(cell).join(' | ')} |`);
    }
    for (const l of SENSITIVITY_LEVELS) expect(section).toContain(` | ${l.gist} | ${barsText(l.value)} |`);
    expect(section).toContain('npm run eval\n-- ../shared/corpora/counter-urdu-dev/pairs.jsonl --levels');
  });
});
