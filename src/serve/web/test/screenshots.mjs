// Takes the screenshots of docs/SERVE.md: the page coding the example
// article examples/01_sahel_attacks.txt with the conflict pack.
// Run `npm run screenshots` (after `cargo build --release`); review the
// pictures in docs/serve/ before committing them.

import fs from 'node:fs';
import path from 'node:path';
import { copyConflictPack, launchBrowser, repo, startServer } from './harness.mjs';

const out = path.join(repo, 'docs', 'serve');

/** Puts the editor's cursor at the end of a line (1-based), as a user would with the keyboard. */
async function goToLine(page, line) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}
fs.mkdirSync(out, { recursive: true });
const dir = copyConflictPack();
const server = startServer(dir, ['pack', '--corpus', 'examples']);
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1500, height: 900 });
  page.setDefaultTimeout(30_000);
  await page.goto(`${await server.url}?doc=examples/01_sahel_attacks.txt`);
  await page.locator('#status.ok').waitFor();

  // The coded text, with an event clicked.
  await page.locator('#annotated .bar.event', { hasText: 'Armed clash' }).first().click();
  await page.locator('#inspector pre.record').waitFor();
  await page.screenshot({ path: path.join(out, 'text.png') });

  // A rule that did not fire, explained on the text: how far it got.
  await page.locator('#files .file[data-path="battles.evr"]').click();
  const battles = fs.readFileSync(path.join(dir, 'pack/battles.evr'), 'utf8').split('\n');
  await goToLine(page, battles.findIndex((l) => l === 'rule clashes_between') + 1);
  await page.locator('#explain-cursor').click();
  await page.locator('#explain-summary').waitFor();
  await page.screenshot({ path: path.join(out, 'explain.png') });

  // A typo in a type name, with the diagnostic's message and help.
  const lines = fs.readFileSync(path.join(dir, 'pack/battles.evr'), 'utf8').split('\n');
  const lineNumber = lines.findIndex((l) => /^ {2}X: .*\| Proper$/.test(l) && l.length < 60) + 1;
  await goToLine(page, lineNumber);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('re');
  await page.locator('.cm-lintRange-error').first().hover();
  await page.locator('.cm-tooltip-lint').waitFor();
  await page.screenshot({ path: path.join(out, 'diagnostic.png') });
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.locator('#status.ok').waitFor();

  // An unsaved rename of a rule, seen in the corpus snapshots of the test
  // tab. The copy's snapshots are first brought up to date (through the
  // API, as the accept button does) so that the picture shows only what
  // the rename changes.
  const api = async (endpoint, body) => (await fetch(`${await server.url}api/${endpoint}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  })).json();
  for (const change of (await api('test', {})).corpus.changes) await api('test/accept', { doc: change.doc });
  const actors = fs.readFileSync(path.join(dir, 'pack/strategic.evr'), 'utf8').split('\n');
  const ruleLine = actors.findIndex((l) => l === 'rule taken_without_fight') + 1;
  await page.locator('#files .file[data-path="strategic.evr"]').click();
  await goToLine(page, ruleLine);
  await page.keyboard.type('_quietly');
  await page.locator('#status.ok').waitFor();
  await page.locator('.tabs button[data-tab="test"]').click();
  await page.locator('#corpus-summary').waitFor();
  await page.locator('#test-results h3', { hasText: 'Corpus snapshots' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'test.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
