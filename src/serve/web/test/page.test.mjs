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

/** POSTs to the API from outside the page, as a notebook would. */
async function api(endpoint, body) {
  const response = await fetch(`${await server.url}api/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

test('the example article is coded: mentions and labelled events over the text', async () => {
  const expected = await api('run', { doc: ARTICLE });
  assert.ok(expected.events.length > 5, 'the article has events');
  // The page codes its first document, this article, as it loads: let
  // that run end, then wait for the run the selection starts and for the
  // status it sets (the status reads the same before and after).
  const status = `pack ok · ${expected.events.length} events in ${expected.sentences.length} sentences`;
  await page.locator('#status.ok', { hasText: status }).waitFor();
  const rerun = page.waitForResponse((response) => response.url().endsWith('/api/run'));
  await page.locator('#doc-picker').selectOption(ARTICLE);
  await rerun;
  await page.locator('#status.ok', { hasText: status }).waitFor();
  const labels = await page.locator('#annotated .bar.event .label').allTextContents();
  assert.deepEqual(
    labels.toSorted(),
    expected.events
      .map(({ record: r }) => `${r.negated ? '¬ ' : ''}${r.label || r.event}${r.modality ? ` ⟨${r.modality}⟩` : ''}`)
      .toSorted(),
    'one label per event, with its type\'s label',
  );
  assert.ok(labels.includes('Armed clash'), labels.join(', '));
  const armedGroups = expected.sentences.flatMap((s) => s.mentions).filter((m) => m.type === 'ArmedGroup');
  assert.ok(armedGroups.length > 0);
  assert.ok(await page.locator('#annotated .word.mention[data-type="ArmedGroup"]').count() > 0);
  assert.equal(await page.locator('#status').textContent(), status);
  // An event's record, its rule and what it outranked.
  const clash = expected.events.findIndex((e) => e.record.event === 'ArmedClash');
  await page.locator(`#annotated .bar.event[data-event="${clash}"]`).first().click();
  const record = JSON.parse(await page.locator('#inspector pre.record').textContent());
  assert.deepEqual(record, expected.events[clash].record);
  assert.equal(record.doc, ARTICLE);
  const inspector = await page.locator('#inspector').textContent();
  const outranked = expected.events[clash].outranked.map((m) => m.rule);
  assert.match(inspector, outranked.length ? new RegExp(`Outranked\\s*${outranked[0]}`) : /Outranked\s*nothing/);
  const place = expected.events[clash].rule_location;
  assert.ok(inspector.includes(`rule ${record.rule} at ${place.file}:${place.line}:${place.column}`), inspector);
  // The rule explained on the text.
  await page.locator('#inspector button', { hasText: 'explain this rule' }).click();
  const emitted = expected.events.filter((e) => e.record.rule === record.rule).length;
  assert.equal(await page.locator('#explain-emitted').textContent(), `emitted ${emitted} event${emitted === 1 ? '' : 's'} on this text`);
  const matches = await page.locator('#inspector .rule-matches').textContent();
  assert.ok(matches.includes(`sentence ${record.sentence} «${record.text}» — emitted`), matches);
  // The explanation says where the rule matched, sentence by sentence.
  const summary = await page.locator('#explain-summary').textContent();
  assert.match(summary, new RegExp(`^rule ${record.rule} matched in sentence`));
  assert.ok(summary.includes(`sentence ${record.sentence}: pattern`) && summary.includes('emitted'), summary);
  // Its place in the editor.
  await page.locator('#inspector .place-link').first().click();
  await page.locator('#current-file', { hasText: new RegExp(`^${place.file.replaceAll('.', '\\.')}$`) }).waitFor();
  await page.locator('.cm-activeLine', { hasText: `rule ${record.rule}` }).waitFor();
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
  // Every text file under examples/ is a document of the corpus snapshots.
  const documents = fs.readdirSync(path.join(dir, 'examples'), { recursive: true })
    .filter((name) => name.endsWith('.txt')).length;
  assert.match(
    await page.locator('#corpus-summary').textContent(),
    new RegExp(`^${documents} documents: \\d+ unchanged, \\d+ changed, 1 new$`),
  );
  // What accepting should write: the snapshot text the API reports.
  const report = await api('test', {});
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

test('an unsaved rename of a rule shows as a snapshot change, and accepting it writes the new snapshot', async () => {
  // The rule of the article's first event, and where it is written.
  const rule = (await api('run', { doc: ARTICLE })).events[0].record.rule;
  const pack = path.join(dir, 'pack');
  const file = fs.readdirSync(pack).find((f) => f.endsWith('.evr')
    && fs.readFileSync(path.join(pack, f), 'utf8').split('\n').includes(`rule ${rule}`));
  const original = fs.readFileSync(path.join(pack, file), 'utf8');
  const line = original.split('\n').indexOf(`rule ${rule}`) + 1;
  await page.locator(`#files .file[data-path="${file}"]`).click();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('_renamed');
  // The test tab is open: it reruns with the unsaved edit.
  const change = page.locator(`.change.changed[data-doc="${ARTICLE}"]`);
  await change.locator('.diff', { hasText: `rule ${rule}_renamed` }).waitFor();
  const diff = await change.locator('.diff').innerText();
  assert.match(diff, new RegExp(`^- \\w+ {2}\\(rule ${rule}, sentence 0\\)$`, 'm'));
  assert.match(diff, new RegExp(`^\\+ \\w+ {2}\\(rule ${rule}_renamed, sentence 0\\)$`, 'm'));
  await change.locator('button.accept').click();
  await change.locator('.settled', { hasText: 'accepted' }).waitFor();
  const snapshot = fs.readFileSync(snapshotFile(pack, ARTICLE), 'utf8');
  assert.ok(snapshot.includes(`(rule ${rule}_renamed, sentence 0)`), snapshot);
  assert.equal(fs.readFileSync(path.join(pack, file), 'utf8'), original, 'the rule file is not saved');
  await page.keyboard.press('Control+z');
});
