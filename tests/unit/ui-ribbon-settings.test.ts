// @vitest-environment happy-dom
// The ribbon's settings on the extension pages: the options page's size and corner (saved as they
// are chosen), its list of sites turned off, and the popup's per-site switch, against a fake background.
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
    tabs: { query: async () => [{ id: 9 }] },
  },
}));

import type { Settings } from '../../src/protocol/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/protocol/validate.ts';
import { renderAppearance } from '../../src/popup/options/appearance.ts';
import { renderSitesOff } from '../../src/popup/options/sites-off.ts';
import { mountSiteSwitch } from '../../src/popup/toolbar/site-switch.ts';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, excludedSites: [], ...over });
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  sent.length = 0;
  replies = {};
  document.body.replaceChildren();
});

describe('options: the ribbon on pages', () => {
  it('checks the saved size and corner, and saves both as soon as one is chosen', async () => {
    const box = document.createElement('div');
    document.body.append(box);
    const save = vi.fn(async (patch: Partial<Settings>) => settings(patch));
    renderAppearance(document, box, save).fill(settings({ ribbonMode: 'full', ribbonPosition: 'top-start' }));
    const checked = () => [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    expect(checked()).toEqual(['full', 'top-start']);
    const compact = box.querySelector<HTMLInputElement>('#ribbonMode-compact')!;
    compact.click();
    await settle();
    expect(save).toHaveBeenCalledWith({ ribbonMode: 'compact', ribbonPosition: 'top-start' });
    expect(box.querySelector('[role="status"]')!.textContent).toMatch(/^Saved/);
    expect(box.querySelector('label[for="ribbonMode-compact"]')!.textContent).toContain('Always compact');
  });

  it('lists each site turned off with a button that turns it back on', async () => {
    const box = document.createElement('div');
    document.body.append(box);
    const turnOn = vi.fn(async () => settings({ excludedSites: ['b.example'] }));
    const saved = vi.fn();
    const sites = renderSitesOff(document, box, turnOn, saved);
    sites.fill(settings());
    expect(box.textContent).toContain('Firsthand is on for every site.');
    sites.fill(settings({ excludedSites: ['a.example', 'b.example'] }));
    const rows = [...box.querySelectorAll('li')];
    expect(rows.map((r) => r.querySelector('bdi')!.textContent)).toEqual(['a.example', 'b.example']);
    const button = rows[0].querySelector('button')!;
    expect(button.textContent).toBe('Turn back on');
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toBe('a.example');
    button.click();
    await settle();
    expect(turnOn).toHaveBeenCalledWith('a.example');
    expect(saved).toHaveBeenCalledWith(settings({ excludedSites: ['b.example'] }));
    expect(box.querySelector('[role="status"]')!.textContent).toBe('Firsthand is on again for a.example. Reload its open pages to check them.');
  });
});

describe('popup: the per-site switch', () => {
  it('shows the tab’s site as a switch and turns it off and on', async () => {
    const box = document.createElement('div');
    document.body.append(box);
    replies['ui/site-state'] = { ok: true, value: { host: 'israelnationalwire.com', off: false } };
    replies['ui/set-site'] = (m: { on: boolean }) => ({ ok: true, value: { host: 'israelnationalwire.com', off: !m.on } });
    await mountSiteSwitch(document, box);
    expect(box.hidden).toBe(false);
    const input = box.querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(input.checked).toBe(true);
    expect(box.querySelector('label')!.textContent).toBe('Firsthand on israelnationalwire.com');
    input.click();
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'ui/set-site', host: 'israelnationalwire.com', on: false });
    expect(input.checked).toBe(false);
    expect(box.querySelector('[role="status"]')!.textContent).toMatch(/^Off for israelnationalwire\.com/);
  });

  it('stays hidden for a tab with no web page', async () => {
    const box = document.createElement('div');
    document.body.append(box);
    replies['ui/site-state'] = { ok: true, value: { host: null, off: false } };
    await mountSiteSwitch(document, box);
    expect(box.hidden).toBe(true);
    expect(box.childNodes).toHaveLength(0);
  });
});
