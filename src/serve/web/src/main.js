// The page of `evrule serve`: the editor pane (pack files, highlighting,
// live diagnostics) on the left; on the right the coded text (mentions,
// events, inspector) and the test tab. Every edit is checked and the text
// re-coded with the unsaved files, a moment after typing stops.

import { Editor } from './editor.js';
import { loadEvruleLanguage } from './highlight.js';
import { post, get, ApiError } from './api.js';
import { renderAnnotated, renderLegend, typeHues } from './annotate.js';
import { Inspector, el } from './inspector.js';
import { TestTab } from './testtab.js';

const $ = (id) => document.getElementById(id);

const app = {
  outline: null,
  hues: new Map(),
  run: null,
  selected: null,
  docId: null,
  textEdited: false,
  seq: 0,
  tab: 'text',
};

let editor;
let inspector;
let testTab;
let timer;

function setStatus(text, kind = '') {
  const status = $('status');
  status.textContent = text;
  status.className = kind;
}

function schedule(delay = 300) {
  clearTimeout(timer);
  timer = setTimeout(refresh, delay);
}

function textRequest() {
  return app.docId && !app.textEdited ? { doc: app.docId } : { text: $('text-input').value };
}

function jump(location) {
  editor.jump(location.file, location.offset);
}

function renderProblems(diagnostics) {
  const list = $('problems');
  if (!diagnostics.length) {
    list.replaceChildren(el('div', { class: 'muted' }, 'No problems.'));
    return;
  }
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const place = d.file ? `${d.file}:${d.line}:${d.column}` : '';
      const item = el('div', { class: `problem ${d.severity}` },
        el('span', { class: 'place' }, place), ' ',
        el('span', { class: `severity ${d.severity}` }, d.severity), ' ',
        el('span', { class: 'message' }, d.message + (d.labels.length ? `: ${d.labels[0].message}` : '')),
        d.help ? el('div', { class: 'diagnostic-help' }, `help: ${d.help}`) : null);
      if (d.file) item.addEventListener('click', () => editor.jump(d.file, d.start));
      return item;
    }),
  );
}

async function refresh() {
  const seq = ++app.seq;
  const files = editor.unsaved();
  setStatus('checking…', 'busy');
  let check;
  try {
    check = await post('check', { files });
  } catch (error) {
    if (seq === app.seq) setStatus(error.message, 'error');
    return;
  }
  if (seq !== app.seq) return;
  editor.setDiagnostics(check.diagnostics, files);
  renderProblems(check.diagnostics);
  if (!check.ok) {
    setStatus(`${check.errors} error${check.errors === 1 ? '' : 's'} in the pack: the text shows the last good run`, 'error');
    $('annotated').classList.add('stale');
    return;
  }
  app.outline = check.outline;
  app.hues = typeHues(check.outline.types);
  $('pack-summary').textContent = check.outline.summary;
  await runText(seq, files);
  if (app.tab === 'test') await runTests(seq);
}

async function runText(seq, files) {
  setStatus('coding the text…', 'busy');
  let run;
  try {
    run = await post('run', { files, ...textRequest() });
  } catch (error) {
    if (seq === app.seq) setStatus(error.message, 'error');
    return;
  }
  if (seq !== app.seq) return;
  app.run = run;
  if (app.selected !== null && app.selected >= run.events.length) app.selected = null;
  renderRun();
  const warnings = run.diagnostics.length;
  setStatus(
    `pack ok${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''} · ${run.events.length} event${run.events.length === 1 ? '' : 's'} in ${run.sentences.length} sentence${run.sentences.length === 1 ? '' : 's'}`,
    'ok',
  );
  if (app.selected === null) inspector.showEmpty(app.outline);
  else inspector.showEvent(run.events[app.selected], run);
}

function renderRun() {
  const run = app.run;
  if (!run) return;
  const present = new Set(run.sentences.flatMap((s) => s.mentions.map((m) => m.type)));
  renderLegend($('legend'), app.outline.types, app.hues, present);
  $('annotated').classList.remove('stale');
  renderAnnotated($('annotated'), run, app.hues, {
    selected: app.selected,
    onEvent: (i) => {
      app.selected = i;
      renderRun();
      inspector.showEvent(run.events[i], run);
    },
    onMention: (mentions) => inspector.showMentions(mentions),
  });
  const discarded = run.discarded
    ? `discarded: the phrase «${run.discarded.phrase}» (${run.discarded.location.file}:${run.discarded.location.line}) drops every event of this document`
    : '';
  $('discard-note').textContent = discarded;
}

async function explainRule(rule) {
  try {
    const answer = await post('explain', { files: editor.unsaved(), rule, ...textRequest() });
    inspector.showExplanation(answer);
  } catch (error) {
    inspector.showError(error.message);
  }
}

async function runTests(seq = app.seq) {
  testTab.showRunning();
  try {
    const answer = await post('test', { files: editor.unsaved() });
    if (seq === app.seq) testTab.show(answer);
  } catch (error) {
    if (seq !== app.seq) return;
    if (error instanceof ApiError) testTab.showError(error.message, error.body.diagnostics);
    else testTab.showError(error.message);
  }
}

function showTab(tab) {
  app.tab = tab;
  for (const button of document.querySelectorAll('.tabs button')) {
    button.classList.toggle('active', button.dataset.tab === tab);
  }
  $('tab-text').hidden = tab !== 'text';
  $('tab-test').hidden = tab !== 'test';
  if (tab === 'test') runTests();
}

async function pickDocument(id) {
  if (!id) {
    app.docId = null;
    app.textEdited = true;
  } else {
    const answer = await get('corpus/document', { id });
    app.docId = id;
    app.textEdited = false;
    $('text-input').value = answer.text;
  }
  app.selected = null;
  schedule(0);
}

function explainAtCursor() {
  if (!app.outline || !editor.current) return;
  const offset = editor.cursorOffset();
  const rules = app.outline.rules
    .filter((r) => r.location.file === editor.current && r.location.offset <= offset)
    .sort((a, b) => b.location.offset - a.location.offset);
  if (rules.length) {
    showTab('text');
    explainRule(rules[0].name);
  } else {
    inspector.showError('The cursor is not in a rule: put it inside a rule (or an entity rule) to explain it.');
  }
}

async function start() {
  inspector = new Inspector($('inspector'), { jump, explain: explainRule });
  testTab = new TestTab($('test-results'), {
    jump,
    accept: (doc) => post('test/accept', { files: editor.unsaved(), doc }),
  });
  const language = await loadEvruleLanguage();
  editor = new Editor({
    parent: $('editor'),
    fileList: $('files'),
    currentLabel: $('current-file'),
    onChange: () => schedule(),
    onSave: (path) => {
      setStatus(`saved ${path}`, 'ok');
      schedule(0);
    },
    language,
  });
  const listing = await editor.loadFileList();
  $('pack-name').textContent = listing.pack;
  const rules = listing.files.filter((f) => f.kind === 'rules');
  if (listing.files.length) await editor.open((rules[0] || listing.files[0]).path);

  const corpus = await get('corpus');
  const picker = $('doc-picker');
  picker.replaceChildren(
    el('option', { value: '' }, 'Typed or pasted text'),
    ...corpus.documents.map((d) => el('option', { value: d.id }, d.id)),
  );
  picker.addEventListener('change', () => pickDocument(picker.value));
  $('text-input').addEventListener('input', () => {
    app.textEdited = true;
    picker.value = '';
    schedule(500);
  });
  $('save').addEventListener('click', () => editor.save().catch((e) => setStatus(e.message, 'error')));
  $('explain-cursor').addEventListener('click', explainAtCursor);
  $('run-tests').addEventListener('click', () => runTests());
  for (const button of document.querySelectorAll('.tabs button')) {
    button.addEventListener('click', () => showTab(button.dataset.tab));
  }
  window.addEventListener('beforeunload', (event) => {
    if (Object.keys(editor.unsaved()).length) event.preventDefault();
  });
  const wanted = new URLSearchParams(window.location.search).get('doc');
  const first = corpus.documents.find((d) => d.id === wanted) || corpus.documents[0];
  if (first) {
    picker.value = first.id;
    await pickDocument(first.id);
  } else {
    $('text-input').value = 'Paste a text here, or start evrule serve with --corpus to pick documents.';
    app.textEdited = true;
    schedule(0);
  }
}

start().catch((error) => setStatus(`the page could not start: ${error.message}`, 'error'));
