// The other order: the reader meets the copies first and the Axios report last. Reading the
// report must not flag it, and the copies, read again, must now name Axios as their original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session } from './harness/types.ts';
import { Console, openPopup, PARTLY_COPIED_FROM_AXIOS, read, revisit, REWRITTEN_FROM_AXIOS, snap, type Reading } from './steps.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(BROWSERS)('%s: the copies first, the Axios report last', (name) => {
  let session: Session;
  let ext: Console;
  const copies = new Map<string, Reading>();

  beforeAll(async () => {
    session = await launch(name, site, newProfileDir(`${name}-last`));
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('before the report is known, no copy names Axios', async () => {
    for (const key of ['002', '000', '003', '004']) {
      const r = await read(session, key);
      copies.set(key, r);
      expect(r.ribbon ?? '', key).not.toMatch(/from Axios/);
    }
  });

  it('the Axios report, read last, gets no ribbon: it came first', async () => {
    const axios = await read(session, '001');
    expect(axios.ribbon).toBeUndefined();
    expect(await ext.badge(axios.url)).toBe('');
    const popup = await openPopup(session, await ext.get(), axios.url, /Your index/i);
    expect(popup.text).toContain('This page came first');
    await snap(popup.tab, `${name}-popup-original`, true);
    await popup.tab.close();
  });

  it('read again, the close copy and the rewrites name Axios as the original', async () => {
    const copy = await revisit(copies.get('002')!);
    expect(copy.verdict).toBe('partial-copy');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    expect(await ext.badge(copy.url)).toMatch(/^\d+%$/);
    for (const key of ['000', '003']) {
      const rewrite = await revisit(copies.get(key)!);
      expect(rewrite.verdict, key).toBe('rewrite');
      expect(rewrite.ribbon, key).toMatch(REWRITTEN_FROM_AXIOS);
    }
    const followUp = await revisit(copies.get('004')!);
    expect(followUp.ribbon).toBeUndefined();
  });
});
