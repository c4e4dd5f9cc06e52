// @vitest-environment happy-dom
// The popup's index panel against a fake background: stats, pause, clear with its in-popup
// confirmation, and an import refused with the background's own words.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: { type: string; [k: string]: unknown }[] = [];
let replies: Record<string, unknown> = {};

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage: async (msg: { type: string }) => {
        sent.push(msg);
        const r = replies[msg.type];
        return typeof r === 'function' ? (r as (m: unknown) => unknown)(msg) : r;
      },
    },
    tabs: {},
  },
}));

import { createIndexPanel } from '../../src/popup/popup-index.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));
const button = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;

beforeEach(() => {
  sent.length = 0;
  document.body.replaceChildren();
  replies = {
    'ui/stats': { ok: true, value: { articles: 1234, bytes: 3_400_000, oldestSeenAt: Date.UTC(2024, 2, 31, 12), params: 'p' } },
    'ui/get-settings': { ok: true, value: { sensitivity: 'normal', excludedSites: [], maxArticles: 100000, maxAgeDays: 0, indexPrivate: false, paused: false } },
  };
});

async function panel() {
  const onPaused = vi.fn();
  const p = createIndexPanel(document, onPaused);
  document.body.append(p.root);
  await p.refresh();
  return { root: p.root, onPaused };
}

describe('popup index panel', () => {
  it('shows the stats as tiles', async () => {
    const { root } = await panel();
    expect([...root.querySelectorAll('.tile-value')].map((t) => t.textContent)).toEqual(['1,234', '3.4 MB', expect.stringMatching(/ago$/)]);
    expect(root.querySelector('.tile-note')!.textContent).toMatch(/^\d+ \w+ 2024$/);
  });

  it('pauses and resumes', async () => {
    replies['ui/set-paused'] = { ok: true, value: {} };
    const { root, onPaused } = await panel();
    button(root, 'Pause').click();
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'ui/set-paused', paused: true });
    expect(button(root, 'Resume').getAttribute('aria-pressed')).toBe('true');
    expect(onPaused).toHaveBeenLastCalledWith(true);
  });

  it('asks inside the popup before clearing, and can be cancelled', async () => {
    replies['ui/clear'] = { ok: true, value: {} };
    const { root } = await panel();
    const confirm = root.querySelector('.confirm') as HTMLElement;
    expect(confirm.hidden).toBe(true);
    button(root, 'Clear…').click();
    expect(confirm.hidden).toBe(false);
    expect(confirm.textContent).toContain('Delete all 1,234 articles');
    button(root, 'Cancel').click();
    expect(confirm.hidden).toBe(true);
    expect(sent.some((m) => m.type === 'ui/clear')).toBe(false);
    button(root, 'Clear…').click();
    button(root, 'Delete everything').click();
    await settle();
    await settle();
    expect(sent.some((m) => m.type === 'ui/clear')).toBe(true);
    expect(root.querySelector('.status')!.textContent).toBe('The index is empty.');
  });

  it('shows why an import was refused, in the background’s words', async () => {
    replies['ui/import'] = { ok: false, error: 'article 12: signature has 64 values, expected 256' };
    const { root } = await panel();
    const input = root.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['{"format":"firsthand-pack"}'], 'old.firsthand.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    for (let i = 0; i < 5; i++) await settle();
    expect(sent.find((m) => m.type === 'ui/import')).toEqual({ type: 'ui/import', text: '{"format":"firsthand-pack"}' });
    const status = root.querySelector('.status')!;
    expect(status.textContent).toBe('article 12: signature has 64 values, expected 256');
    expect(status.className).toContain('error');
  });
});
