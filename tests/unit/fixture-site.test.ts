// The fixture news site the end-to-end tests read: each page carries its seed text intact
// (escaped, one <p> per paragraph) and the metadata the product reads.
import http from 'node:http';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, articleUrl, FRONT_PAGE_URL } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { esc, jsonForScript } from '../fixtures/site/html.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});

/** GET through the site as a proxy would be asked (absolute URI), or by Host header. */
function get(url: string, asProxy: boolean): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: site.port, path: asProxy ? url : u.pathname, headers: { host: u.host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('fixture news site', () => {
  it('serves every article with its seed paragraphs intact and its metadata', async () => {
    for (const a of ARTICLES) {
      const { status, body } = await get(articleUrl(a), a.key === '002');
      expect(status, a.key).toBe(200);
      const { document } = parseHTML(body);
      const paras = [...document.querySelectorAll('.article-body > p:not(.read-more)')].map((p) => p.textContent);
      expect(paras, a.key).toEqual(a.paragraphs);
      const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content');
      expect(meta('meta[property="og:site_name"]'), a.key).toBe(a.outlet.name);
      expect(meta('meta[property="article:published_time"]'), a.key).toBe(a.publishedAt);
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), a.key).toBe(articleUrl(a));
      const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}');
      expect(ld['@type'], a.key).toBe('NewsArticle');
      expect(ld.datePublished, a.key).toBe(a.publishedAt);
      expect(document.querySelector('h1')?.textContent, a.key).toBe(a.title);
      expect(document.querySelectorAll('#comments .comment').length, a.key).toBeGreaterThan(0);
    }
  });

  it('orders the seed outlets as the story ran: Axios first, the copies that day, the follow-up next day', () => {
    const at = (key: string) => ARTICLES.find((a) => a.key === key)!.publishedAt;
    expect(at('001')).toBe('2024-03-31T14:00:00Z');
    for (const k of ['002', '000', '003']) {
      expect(at(k) > at('001')).toBe(true);
      expect(at(k).startsWith('2024-03-31')).toBe(true);
    }
    expect(at('004').startsWith('2024-04-01')).toBe(true);
  });

  it('serves a front page with headline lists and no article', async () => {
    const { status, body } = await get(FRONT_PAGE_URL, false);
    expect(status).toBe(200);
    const { document } = parseHTML(body);
    expect(document.querySelector('article')).toBeNull();
    expect(document.querySelectorAll('.top-stories li').length).toBeGreaterThan(3);
  });

  it('answers unknown paths with 404 and refuses HTTPS tunnels', async () => {
    expect((await get('http://www.axios.com/no-such-story', false)).status).toBe(404);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: site.port, method: 'CONNECT', path: 'www.axios.com:443' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('escapes text for elements, attributes and inline JSON', () => {
    expect(esc(`"Israel" & 'Hamas' <b>`)).toBe('&quot;Israel&quot; &amp; &#39;Hamas&#39; &lt;b&gt;');
    const json = jsonForScript({ headline: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json).headline).toBe('</script><script>alert(1)</script>');
  });
});
