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
  removedSnapshot = { path: snapshot, text: fs.readFileSync(snapshot, 'utf8') };
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
  assert.match(await page.locator('#inspector pre.explanation').textContent(), /rule taken_without_fight matched/);
});

test('a typo in a type name is underlined at its line, with help, and goes away when fixed', async () => {
  await page.locator('#files .file[data-path="types.evr"]').click();
  const line = page.locator('.cm-line', { hasText: 'type Military' });
  await line.locator('span', { hasText: /^Actor$/ }).dblclick();
  await page.keyboard.type('Actr');
  const problem = page.locator('#problems .problem.error');
  await problem.first().waitFor();
  assert.match(await problem.first().textContent(), /^types\.evr:8:\d+ error unknown type `Actr`/);
  assert.match(await problem.first().textContent(), /help: did you mean `Actor`\?/);
  await page.locator('.cm-line:has(.cm-lintRange-error)', { hasText: 'type Military' }).waitFor();
  assert.match(await page.locator('#status').textContent(), /1 error/);
  assert.equal(await page.locator('#files .file[data-path="types.evr"] .badge.error').textContent(), '1');
  await page.keyboard.press('Control+z');
  await page.locator('#problems', { hasText: 'No problems.' }).waitFor();
  await page.locator('#status.ok').waitFor();
  assert.equal(await page.locator('.cm-lintRange-error').count(), 0);
});

test('the test tab runs the examples and accepts a snapshot, writing its file', async () => {
  await page.locator('.tabs button[data-tab="test"]').click();
  const summary = page.locator('#examples-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /^\d+ cases: \d+ passed, 0 failed/);
  assert.match(await page.locator('#corpus-summary').textContent(), /^8 documents: 7 unchanged, 0 changed, 1 new$/);
  const change = page.locator(`.change[data-doc="${UNSNAPSHOTTED}"]`);
  await change.locator('button.accept').click();
  const settled = change.locator('.settled');
  await settled.filter({ hasText: 'accepted' }).waitFor();
  const written = (await settled.textContent()).replace('accepted: wrote ', '');
  const file = path.join(dir, 'pack', written);
  assert.equal(file, removedSnapshot.path);
  assert.equal(fs.readFileSync(file, 'utf8'), removedSnapshot.text);
  await page.locator('#run-tests').click();
  await page.locator('#corpus-summary', { hasText: '8 unchanged' }).waitFor();
});
