// The harness itself: each browser starts with the test build installed and reaches the
// fixture outlets by their real host names, served from loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleByKey, articleUrl, FRONT_PAGE_URL } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session } from './harness/types.ts';

let site: Site;
beforeAll(async () => { site = await startSite(); });
afterAll(async () => { await site?.close(); });

describe.each(BROWSERS)('%s with the extension installed', (name) => {
  let session: Session;
  beforeAll(async () => { session = await launch(name, site, newProfileDir(name)); });
  afterAll(async () => { await session?.close(); });

  it('opens an outlet article by its host name, served by the fixture site', async () => {
    const axios = articleByKey('001');
    const tab = await session.open(articleUrl(axios));
    expect(await tab.href()).toBe(articleUrl(axios));
    const page = await tab.evaluate(() => ({
      title: document.title,
      site: document.querySelector('meta[property="og:site_name"]')?.getAttribute('content'),
      paragraphs: document.querySelectorAll('.article-body p').length,
    }), undefined);
    expect(page).toEqual({ title: `${axios.title} | Axios`, site: 'Axios', paragraphs: axios.paragraphs.length });
    await tab.close();
  });

  it('opens an outlet front page', async () => {
    const tab = await session.open(FRONT_PAGE_URL);
    const heads = await tab.evaluate(() => [...document.querySelectorAll('h2')].map((h) => h.textContent), undefined);
    expect(heads).toContain('Top stories');
    expect(site.requests.some((r) => r.host === 'www.israelnationalwire.com' && r.path === '/')).toBe(true);
    await tab.close();
  });
});
