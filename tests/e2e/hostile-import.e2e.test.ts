// Hostile pack files imported through the import page's file input (where the popup's Import…
// leads), as a reader would, in each browser: the page shows why the file is refused (what is wrong and where), and an export taken after
// all of them is identical to one taken before.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from '../fixtures/hostile-packs/cases.ts';
import { fileName, HOSTILE_DIR } from '../fixtures/hostile-packs/generate.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { gotoExtensionPage, pageText, POPUP_PATH } from './harness/extension.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { Console, read, snap } from './steps.ts';

/** The import page the popup's Import… opens. */
const IMPORT_PATH = 'src/popup/welcome.html';

/** The files tried, and the words the import page must show for each. */
const TRIED: [string, RegExp][] = [
  [
    '03-truncated',
    /This file cannot be imported: not a Firsthand pack: the file is not valid JSON: the file ends inside a string .*\(is it cut short\?\), at line 1, column 2501/,
  ],
  ['05-utf16le', /This file cannot be imported: not a Firsthand pack: the file is UTF-16 text .*save it as UTF-8/],
  ['20-version-newer', /This file cannot be imported: pack version 2 was made by a newer Firsthand; this one reads version 1/],
  ['25-params-128-perms', /This file cannot be imported: the pack was made with other signature parameters \(256 vs 128 permutations\)/],
  ['47-word-count-huge', /This file cannot be imported: article 1: wordCount must be a whole number from 0 to 10000000 \(got 1e\+300\)/],
  ['64-url-javascript', /This file cannot be imported: article 1: url must be an http\(s\) or file URL, not "javascript:alert\(document\.cookie\)"/],
  ['68-proto-top', /This file cannot be imported: not a Firsthand pack: "format" must be "firsthand-pack" and is missing/],
  ['71-title-10mb', /This file cannot be imported: article 1: title is 10000000 characters long, at most 1000 allowed/],
];

const withoutTimestamp = (pack: string): string => pack.replace(/"createdAt":"[^"]*"/, '"createdAt":"-"');

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(BROWSERS)('%s: importing hostile pack files', (name) => {
  const profileDir = newProfileDir(`${name}-hostile`);
  let session: Session;
  let ext: Console;

  beforeAll(async () => {
    session = await launch(name, site, profileDir);
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function exportNow(ui: Tab): Promise<string> {
    await gotoExtensionPage(ui, POPUP_PATH);
    await pageText(ui, /\b2\s+articles\b/);
    const pack = await session.captureDownload(ui, () => ui.clickButton('Export'));
    return withoutTimestamp(pack.text);
  }

  it('refuses each file with its reason, and the index exports exactly as before', async () => {
    await read(session, '001');
    await read(session, '004');
    const ui = await ext.get();
    const before = await exportNow(ui);
    expect(JSON.parse(before).articles).toHaveLength(2);

    for (const [stem, shown] of TRIED) {
      const c = CASES.find((x) => x.name === stem)!;
      let path = join(HOSTILE_DIR, fileName(c));
      if (c.large) {
        path = join(profileDir, '..', `${name}-${fileName(c)}`);
        writeFileSync(path, c.bytes());
      }
      await gotoExtensionPage(ui, IMPORT_PATH);
      await pageText(ui, /Import a pack/);
      await ui.setFiles('#welcome-pack-file', path);
      // Any outcome ends the wait; the assertion then says which one it was.
      const text = await pageText(ui, /This file cannot be imported: .+|Import failed|Imported \d+|malformed|not allowed/);
      expect(`${stem}: ${text}`).toMatch(shown);
      expect(text).not.toMatch(/Imported \d+/);
      if (stem === '64-url-javascript') await snap(ui, `${name}-import-refused`);
    }

    expect(await exportNow(ui)).toBe(before);
  });
});
