#!/usr/bin/env node
// `npm start`: see Firsthand work on the founding case in one command.
// Installs if needed, checks the browsers, builds both packages, serves the fixture news site on
// loopback, opens Chromium with the test build and reads the five seed articles in order (the
// Axios report first, then the pages that copied, rewrote or followed it), printing what the
// extension says about each. Headed when $DISPLAY is set (then it stays open until Ctrl-C),
// headless otherwise.
// Then a new reader: a fresh profile subscribes to the example reuse list
// (tests/fixtures/lists/example.fhlist, docs/lists.md: the Axios report and the fixture site's
// other originals) through the options page, and reads only the copies: they are flagged with the
// listed original named, although this reader never read it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers } from './ensure-browsers.mjs';
import { needsInstall } from './test.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n"${[cmd, ...args].join(' ')}" failed; stopping.`);
    process.exit(1);
  }
}

/** Runs a build step quietly: one line when it works, its whole output when it fails. */
function quiet(label, cmd, args) {
  process.stdout.write(`${label}... `);
  const started = Date.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write('failed\n');
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    console.error(`\n"${[cmd, ...args].join(' ')}" failed; stopping.`);
    process.exit(1);
  }
  console.log(`done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

if (needsInstall()) run('npm', ['install']);
if (!ensureBrowsers()) process.exit(1);
quiet('Building Firsthand for Chromium and Firefox', 'npm', ['run', '-s', 'build']);
quiet('Building the test build the demo drives', 'npm', ['run', '-s', 'build:test']);

// The fixture site and the browser harness are TypeScript; tsx loads them.
const { register } = await import('tsx/esm/api');
register();
const { startSite } = await import('../tests/fixtures/site/server.ts');
const { ARTICLES, articleUrl } = await import('../tests/fixtures/site/articles.ts');
const { launchChromium } = await import('../tests/e2e/harness/chromium.ts');
const { seen } = await import('../tests/e2e/harness/reader.ts');
const { ask, openConsole, tabIdFor, badgeText } = await import('../tests/e2e/harness/extension.ts');
const { verdictLabel } = await import('../src/ui/format.ts');
const { mkdtempSync } = await import('node:fs');
const { tmpdir } = await import('node:os');

const headed = Boolean(process.env.DISPLAY);
const site = await startSite();
const profileDir = join(mkdtempSync(join(tmpdir(), 'firsthand-start-')), 'profile');
const session = await launchChromium({
  profileDir,
  sitePort: site.port,
  hosts: site.hosts,
  extensionDir: join(root, 'dist-test', 'chrome'),
  headless: !headed,
});
console.log(`\nChromium ${headed ? '(headed)' : '(headless)'} with Firsthand; fixture site on 127.0.0.1:${site.port}\n`);

const order = ['001', '002', '000', '003', '004'];
const ext = await openConsole(session);
const rows = [];
for (const key of order) {
  const article = ARTICLES.find((a) => a.key === key);
  const url = articleUrl(article);
  const tab = await session.open(url);
  const shown = await seen(tab, url);
  const tabId = await tabIdFor(ext, url);
  const state = await ask(ext, { type: 'ui/tab-state', tabId });
  const original = state?.result?.original;
  rows.push({
    seed: key,
    outlet: article.outlet.name,
    verdict: shown.verdict,
    badge: (await badgeText(ext, tabId)) || '(none)',
    originalOutlet: original?.outlet,
    original: original
      ? `${original.outlet} (${Math.round(original.containment * 100)}% of this page, ${Math.round(original.coverage * 100)}% of it)`
      : shown.verdict === 'related'
        ? '— (same story; no ribbon)'
        : '— (nothing earlier in the index)',
  });
}
// What a reader is told of each page, in words: a page that matched nothing when it was read and
// that later pages name as their original is the original.
for (const r of rows) {
  const namedBy = rows.filter((o) => o !== r && o.originalOutlet === r.outlet).length;
  r.verdict =
    namedBy > 0 && !r.originalOutlet
      ? `the original (named by ${namedBy} later ${namedBy === 1 ? 'page' : 'pages'})`
      : r.verdict === 'none'
        ? 'not an article'
        : verdictLabel(r.verdict);
}

const cols = ['seed', 'outlet', 'verdict', 'badge', 'original'];
console.log('Read in this order by one reader (verdict: what the ribbon and popup say; badge: the toolbar badge when read):\n');
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells) => cells.map((v, i) => String(v).padEnd(widths[i])).join('  ');
console.log(line(cols));
console.log(line(widths.map((w) => '─'.repeat(w))));
for (const r of rows) console.log(line(cols.map((c) => r[c])));

const info = spawnSync(process.execPath, ['bin/firsthand.js', 'list', 'info', 'tests/fixtures/lists/example.fhlist'], { encoding: 'utf8' });
if (info.status === 0) console.log(`\nThe example reuse list (firsthand list info tests/fixtures/lists/example.fhlist):\n${info.stdout}`);

// A new reader who never read the Axios report, subscribed to the example list.
const { readFileSync } = await import('node:fs');
const { subscribeOnOptions, waitForListRow } = await import('../tests/e2e/steps.ts');
site.lists.put('example', readFileSync(join(root, 'tests/fixtures/lists/example.fhlist')));
const fresh = await launchChromium({
  profileDir: join(mkdtempSync(join(tmpdir(), 'firsthand-start-')), 'profile'),
  sitePort: site.port,
  hosts: site.hosts,
  extensionDir: join(root, 'dist-test', 'chrome'),
  headless: true,
});
const freshUi = await openConsole(fresh);
await subscribeOnOptions(fresh, freshUi, site.listUrl('example'));
await waitForListRow(freshUi, 'Firsthand example list', /articles/i);
const listedRows = [];
for (const key of ['002', '000', '003']) {
  const article = ARTICLES.find((a) => a.key === key);
  const url = articleUrl(article);
  const shown = await seen(await fresh.open(url), url);
  const state = await ask(freshUi, { type: 'ui/tab-state', tabId: await tabIdFor(freshUi, url) });
  const original = state?.result?.original;
  const lists = (original?.listed ?? []).map((l) => `${l.publisher} / ${l.list}`).join('; ');
  listedRows.push({
    seed: key,
    outlet: article.outlet.name,
    verdict: verdictLabel(shown.verdict),
    original: original ? `${original.outlet}${lists ? ` (listed by ${lists})` : ''}` : '—',
  });
}
console.log('\nA new reader subscribed to the example list, who never read the Axios report:');
const cols2 = ['seed', 'outlet', 'verdict', 'original'];
const widths2 = cols2.map((c) => Math.max(c.length, ...listedRows.map((r) => String(r[c]).length)));
const line2 = (cells) => cells.map((v, i) => String(v).padEnd(widths2[i])).join('  ');
console.log(line2(cols2));
console.log(line2(widths2.map((w) => '─'.repeat(w))));
for (const r of listedRows) console.log(line2(cols2.map((c) => r[c])));
await fresh.close();

if (headed) {
  console.log('\nThe browser stays open: read the pages, open the popup. Ctrl-C to quit.');
  await new Promise((resolve) => process.once('SIGINT', resolve));
}
await session.close();
await site.close();
