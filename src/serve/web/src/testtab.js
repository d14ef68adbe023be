// The test tab: the pack's examples and counterexamples with pass/fail
// (as `evrule test` reports them), and the corpus snapshots the current
// edit changes, each with its diff and accept / reject buttons. Accepting
// writes the snapshot through the server (the code `evrule test --accept`
// uses); rejecting keeps the snapshot as it is.

import { el } from './inspector.js';

export class TestTab {
  constructor(container, { jump, accept }) {
    this.container = container;
    this.jump = jump;
    this.accept = accept; // (doc) → Promise of the /api/test/accept answer
    this.settled = new Map(); // doc → 'accepted …' | 'rejected'
  }

  showRunning() {
    this.container.classList.add('stale');
  }

  showError(message, diagnostics) {
    this.container.classList.remove('stale');
    this.container.replaceChildren(
      el('p', { class: 'error' }, message),
      ...(diagnostics || []).map((d) => el('div', { class: 'problem' }, `${d.file || ''}:${d.line || ''}:${d.column || ''} ${d.message}`)),
    );
  }

  show(answer) {
    this.container.classList.remove('stale');
    const { examples, corpus } = answer;
    const notPassed = examples.cases.filter((c) => c.outcome !== 'passed');
    const passed = examples.cases.filter((c) => c.outcome === 'passed');
    const parts = [`${examples.cases.length} cases: ${examples.passed} passed, ${examples.failed} failed`];
    if (examples.todo) parts.push(`${examples.todo} todo`);
    if (examples.fixed) parts.push(`${examples.fixed} fixed`);
    const summary = el('p', { class: `test-summary ${examples.failed ? 'fail' : 'pass'}`, id: 'examples-summary' }, parts.join(', '));
    const counts = el('details', {},
      el('summary', {}, 'TP / FP / FN per type'),
      el('table', { class: 'counts' },
        el('tr', {}, el('th', {}, 'type'), el('th', {}, 'TP'), el('th', {}, 'FP'), el('th', {}, 'FN')),
        ...examples.counts.map((c) => el('tr', {}, el('td', {}, c.type), el('td', {}, String(c.true_positives)),
          el('td', {}, String(c.false_positives)), el('td', {}, String(c.false_negatives))))));
    const children = [
      el('h3', {}, 'Examples and counterexamples'),
      summary,
      ...notPassed.map((c) => this.caseView(c)),
      el('details', { class: 'passed-cases' }, el('summary', {}, `${passed.length} passed`), ...passed.map((c) => this.caseView(c))),
      counts,
    ];
    children.push(el('h3', {}, 'Corpus snapshots'));
    if (!corpus) {
      children.push(el('p', { class: 'muted' }, 'No corpus: start evrule serve with --corpus INPUT… (or keep documents in PACK/corpus) to compare them with the pack\'s snapshots.'));
    } else {
      const changed = corpus.changes.filter((c) => c.status === 'changed').length;
      const fresh = corpus.changes.length - changed;
      children.push(el('p', { class: 'test-summary', id: 'corpus-summary' },
        `${corpus.documents} documents: ${corpus.unchanged} unchanged, ${changed} changed, ${fresh} new`));
      for (const failure of corpus.failures) children.push(el('p', { class: 'error' }, failure));
      for (const change of corpus.changes) children.push(this.changeView(change));
    }
    this.container.replaceChildren(...children);
  }

  caseView(c) {
    const rows = [el('div', { class: 'case-text' }, c.text)];
    if (c.kind === 'example') rows.push(el('div', {}, el('span', { class: 'key' }, 'expected '), c.expected || 'any record from this rule'));
    for (const p of c.produced) rows.push(el('div', {}, el('span', { class: 'key' }, 'produced '), p));
    if (c.kind === 'example' && !c.produced.length) rows.push(el('div', { class: 'muted' }, 'nothing from this rule'));
    for (const o of c.others) rows.push(el('div', { class: 'muted' }, `fired instead: ${o.rule} → ${o.record}`));
    for (const h of c.how_far) rows.push(el('div', { class: 'how-far' }, `how far it got: ${h}`));
    return el('div', { class: `case ${c.outcome}`, 'data-rule': c.rule },
      el('div', { class: 'case-head' },
        el('span', { class: `status ${c.outcome}` }, c.outcome),
        ' ',
        el('a', { href: '#', class: 'place-link', onclick: (e) => { e.preventDefault(); this.jump(c.location); } }, c.rule),
        ` ${c.kind} at ${c.location.file}:${c.location.line}`),
      ...rows);
  }

  changeView(change) {
    const settled = this.settled.get(`${change.doc}\n${change.text}`);
    const diff = el('pre', { class: 'diff' }, ...change.diff.replace(/\n$/, '').split('\n').map((line) => el('div', {
      class: line.startsWith('+ ') ? 'add' : line.startsWith('- ') ? 'del' : '',
    }, line || ' ')));
    const status = el('span', { class: 'settled' }, settled || '');
    const accept = el('button', { class: 'accept' }, 'Accept');
    const reject = el('button', { class: 'reject' }, 'Reject');
    const box = el('div', { class: `change ${change.status}`, 'data-doc': change.doc },
      el('div', { class: 'case-head' }, el('span', { class: `status ${change.status}` }, change.status), ` ${change.doc} `,
        el('span', { class: 'muted' }, change.snapshot), ' ', accept, reject, ' ', status),
      diff);
    if (settled) {
      box.classList.add('done');
      accept.disabled = true;
      reject.disabled = true;
    }
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      reject.disabled = true;
      try {
        const answer = await this.accept(change.doc);
        const note = `accepted: wrote ${answer.snapshot}`;
        this.settled.set(`${change.doc}\n${change.text}`, note);
        status.textContent = note;
        box.classList.add('done');
      } catch (error) {
        status.textContent = error.message;
        status.classList.add('error');
        accept.disabled = false;
        reject.disabled = false;
      }
    });
    reject.addEventListener('click', () => {
      const note = 'rejected: the snapshot stays as it is';
      this.settled.set(`${change.doc}\n${change.text}`, note);
      status.textContent = note;
      box.classList.add('done');
      accept.disabled = true;
      reject.disabled = true;
    });
    return box;
  }
}
