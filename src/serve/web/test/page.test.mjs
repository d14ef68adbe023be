// The page of `evrule serve` in a real browser (headless Chromium), as an
// analyst uses it: the example article's events drawn over the text, a
// typo in a type name underlined at its line and fixed, the examples run
// in the test tab, a snapshot change accepted and its file written.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { copyConflictPack, launchBrowser, snapshotFile, startServer } from './harness.mjs';

const ARTICLE = 'examples/01_sahel_attacks.txt';
const UNSNAPSHOTTED = 'examples/08_kenya_protests.txt';

let dir;
let server;
let browser;
let page;
let removedSnapshot;

before(async () => {
  dir = copyConflictPack();
  const snapshot = snapshotFile(path.join(dir, 'pack'), UNSNAPSHOTTED);
  removedSnapshot = snapshot;
  fs.rmSync(snapshot);
  server = startServer(dir, ['pack', '--corpus', 'examples']);
  const url = await server.url;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(url);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the example article is coded: mentions and labelled events over the text', async () => {
  await page.locator('#doc-picker').selectOption(ARTICLE);
  await page.locator('#status.ok').waitFor();
  const labels = await page.locator('#annotated .bar.event .label').allTextContents();
  const expected = fs
    .readFileSync(path.join(dir, 'pack/__snapshots__', fs.readdirSync(path.join(dir, 'pack/__snapshots__')).find((n) => n.startsWith('examples~01'))), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z]\w+ {2}\(rule/.test(line)).length;
  assert.equal(labels.length, expected, `one label per event: ${labels.join(', ')}`);
  assert.ok(labels.some((l) => l.includes('Armed clash') || l.includes('ArmedClash')), labels.join(', '));
  assert.ok(await page.locator('#annotated .word.mention[data-type="ArmedGroup"]').count() > 0);
  assert.match(await page.locator('#status').textContent(), /pack ok · \d+ events/);
  // An event's record, its rule and what it outranked.
  await page.locator('#annotated .bar.event').first().click();
  const record = JSON.parse(await page.locator('#inspector pre.record').textContent());
  assert.equal(record.doc, ARTICLE);
  assert.equal(record.rule, 'taken_without_fight');
  assert.match(await page.locator('#inspector').textContent(), /Outranked\s*overtake_territory/);
  // A rule explained on the text.
  await page.locator('#inspector button', { hasText: 'explain this rule' }).click();
  assert.equal(await page.locator('#explain-emitted').textContent(), 'emitted 1 event on this text');
  assert.match(await page.locator('#inspector .rule-matches').textContent(), /sentence 0 «JNIM fighters seize town in Mali days after French withdrawal» — emitted/);
  assert.equal(await page.locator('#explain-summary').textContent(), 'rule taken_without_fight matched (see above)');
});

test('a typo in a type name is underlined at its line, with help, and goes away when fixed', async () => {
  // The slot types of the first battle rule: "… Z: Location | Proper".
  const lines = fs.readFileSync(path.join(dir, 'pack/battles.evr'), 'utf8').split('\n');
  const lineNumber = lines.findIndex((l) => /^ {2}X: .*\| Proper$/.test(l)) + 1;
  assert.ok(lineNumber > 0, 'battles.evr has a slot line ending in Proper');
  await page.locator('#files .file[data-path="battles.evr"]').click();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < lineNumber; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  const problem = page.locator('#problems .problem.error');
  await problem.first().waitFor();
  assert.equal(await problem.count(), 1);
  const text = await problem.first().textContent();
  assert.match(text, new RegExp(`^battles\\.evr:${lineNumber}:\\d+ error unknown type \`Properx\``));
  assert.match(text, /help: did you mean `Proper`\?/);
  await page.locator('.cm-line:has(.cm-lintRange-error)', { hasText: '| Properx' }).waitFor();
  assert.match(await page.locator('#status').textContent(), /^1 error in the pack/);
  assert.equal(await page.locator('#files .file[data-path="battles.evr"] .badge.error').textContent(), '1');
  assert.equal(await page.locator('#files .file[data-path="battles.evr"] .dirty').count(), 1, 'marked unsaved');
  await page.keyboard.press('Backspace');
  await page.locator('#problems', { hasText: 'No problems.' }).waitFor();
  await page.locator('#status.ok').waitFor();
  assert.equal(await page.locator('.cm-lintRange-error').count(), 0);
  assert.equal(await page.locator('#files .file[data-path="battles.evr"] .dirty').count(), 0, 'as saved again');
});

test('the test tab runs the examples and accepts a snapshot, writing its file', async () => {
  await page.locator('.tabs button[data-tab="test"]').click();
  const summary = page.locator('#examples-summary');
  await summary.waitFor({ timeout: 90_000 });
  const [, cases, passed, failed] = (await summary.textContent()).match(/^(\d+) cases: (\d+) passed, (\d+) failed/);
  assert.ok(Number(cases) > 400 && Number(passed) > 400, await summary.textContent());
  assert.equal(await page.locator('#test-results .case.failed').count(), Number(failed), 'every failure shown');
  assert.equal(await page.locator('#test-results .passed-cases .case.passed').count(), Number(passed));
  assert.match(await page.locator('#corpus-summary').textContent(), /^8 documents: \d+ unchanged, \d+ changed, 1 new$/);
  // What accepting should write: the snapshot text the API reports.
  const report = await (await fetch(`${await server.url}api/test`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  })).json();
  const expected = report.corpus.changes.find((c) => c.doc === UNSNAPSHOTTED);
  assert.equal(expected.status, 'new');
  const change = page.locator(`.change[data-doc="${UNSNAPSHOTTED}"]`);
  const shown = (await change.locator('.diff').innerText()).replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
  assert.deepEqual(shown, expected.diff.replace(/\n$/, '').split('\n'));
  await change.locator('button.accept').click();
  const settled = change.locator('.settled');
  await settled.filter({ hasText: 'accepted' }).waitFor();
  const written = (await settled.textContent()).replace('accepted: wrote ', '');
  const file = path.join(dir, 'pack', written);
  assert.equal(file, removedSnapshot);
  assert.equal(fs.readFileSync(file, 'utf8'), expected.text);
  await page.locator('#run-tests').click();
  await page.locator('#corpus-summary', { hasText: ', 0 new' }).waitFor();
  assert.equal(await page.locator(`.change[data-doc="${UNSNAPSHOTTED}"]`).count(), 0);
});
