// The inspector under the text: a clicked event (its record as JSON, the
// rule that made it with a link into the editor, what it outranked and
// the other matches of its sentence), the mentions under a clicked word,
// and `explain --rule` for a rule on the current text.

import { eventLabel } from './annotate.js';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Replaces a node's children, leaving out the absent ones (`cond ? node : null`). */
function fill(node, ...children) {
  node.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

export class Inspector {
  constructor(container, { jump, explain }) {
    this.container = container;
    this.jump = jump; // (location) → editor
    this.explain = explain; // (rule name) → shows the explanation
  }

  ruleLink(name, location) {
    return el('a', {
      href: '#',
      class: 'rule-link',
      'data-rule': name,
      title: location ? `${location.file}:${location.line}:${location.column}` : '',
      onclick: (e) => { e.preventDefault(); this.explain(name); },
    }, name);
  }

  placeLink(location) {
    return el('a', {
      href: '#',
      class: 'place-link',
      onclick: (e) => { e.preventDefault(); this.jump(location); },
    }, `${location.file}:${location.line}:${location.column}`);
  }

  showEmpty(outline) {
    const rules = outline ? outline.rules.filter((r) => r.kind === 'event') : [];
    const filter = el('input', { type: 'search', placeholder: 'rule name…', class: 'rule-filter' });
    const list = el('div', { class: 'rule-list' });
    const fill = () => {
      const wanted = filter.value.trim();
      list.replaceChildren(
        ...rules
          .filter((r) => r.name.includes(wanted))
          .slice(0, 200)
          .map((r) => el('div', {}, this.ruleLink(r.name, r.location), ` → ${r.output} `, this.placeLink(r.location))),
      );
    };
    filter.addEventListener('input', fill);
    fill();
    fill(this.container, 
      el('p', { class: 'hint' }, 'Click an event to see its record, a word to see its mentions, a rule to see what it did with this text.'),
      el('h3', {}, 'Explain a rule'),
      filter,
      list,
    );
  }

  showEvent(view, run) {
    const record = view.record;
    const sentence = run.sentences.find((s) => s.index === record.sentence);
    const others = sentence
      ? sentence.matches.filter((m) => m.kind === 'event' && !(m.outcome === 'emitted' && m.rule === record.rule && m.start === record.start))
      : [];
    const outranked = view.outranked.length
      ? el('ul', {}, ...view.outranked.map((m) => el('li', {}, this.ruleLink(m.rule), ` ${m.output} «${m.text}»`)))
      : el('p', { class: 'muted' }, 'nothing');
    fill(this.container, 
      el('h3', { class: 'event-title' }, eventLabel(record), record.code ? el('span', { class: 'code' }, ` code ${record.code}`) : null),
      el('p', {}, 'rule ', this.ruleLink(record.rule, view.rule_location), ' at ', this.placeLink(view.rule_location),
        ' · ', el('button', { class: 'small', onclick: () => this.explain(record.rule) }, 'explain this rule')),
      el('h4', {}, 'Outranked'),
      outranked,
      others.length ? el('h4', {}, 'Other matches in this sentence') : null,
      others.length
        ? el('ul', {}, ...others.map((m) => el('li', {}, this.ruleLink(m.rule), ` ${m.output} «${m.text}» — ${describeOutcome(m)}`)))
        : null,
      el('h4', {}, 'Record'),
      el('pre', { class: 'record' }, JSON.stringify(record, null, 2)),
    );
  }

  showMentions(mentions) {
    fill(this.container, 
      el('h3', {}, `Mentions at «${mentions[0].text}»`),
      el('table', { class: 'mentions' },
        el('tr', {}, el('th', {}, 'text'), el('th', {}, 'type'), el('th', {}, 'code'), el('th', {}, 'from')),
        ...mentions.map((m) => el('tr', {},
          el('td', {}, m.text), el('td', {}, m.type), el('td', {}, m.code || (m.value !== null ? String(m.value) : '')),
          el('td', {}, m.origin || (m.source === 'proper' ? 'capitalized words' : m.source))))),
    );
  }

  showExplanation(answer) {
    const attempts = answer.progress.filter((p) => !p.matched);
    const matches = answer.matches.filter((m) => m.kind === 'event' || m.outcome === 'built mention');
    fill(this.container, 
      el('h3', {}, 'rule ', el('span', { class: 'rule-name' }, answer.rule), ' ', this.placeLink(answer.location)),
      el('p', { class: answer.emitted ? 'ok' : 'muted', id: 'explain-emitted' },
        answer.emitted ? `emitted ${answer.emitted} event${answer.emitted === 1 ? '' : 's'} on this text` : 'emitted no event on this text'),
      matches.length ? el('h4', {}, 'Its matches') : null,
      matches.length
        ? el('ul', { class: 'rule-matches' }, ...matches.map((m) => el('li', {},
          el('span', { class: m.outcome === 'emitted' || m.outcome === 'built mention' ? 'ok' : 'error' }, m.outcome === 'emitted' || m.outcome === 'built mention' ? '✓ ' : '✗ '),
          `sentence ${m.sentence} «${m.text}» ${m.voice === 'passive' ? '(passive) ' : ''}— ${describeOutcome(m)}`,
          m.slots.length ? el('div', { class: 'muted' }, m.slots.map((s) => `${s.slot} = «${s.text}»`).join(', ')) : null)))
        : null,
      answer.summary ? el('pre', { class: 'explanation', id: 'explain-summary' }, answer.summary) : null,
      !matches.length && attempts.length ? el('h4', {}, 'How far each pattern got, per sentence') : null,
      !matches.length && attempts.length
        ? el('details', {}, el('summary', {}, `${attempts.length} attempts`),
          el('ul', {}, ...attempts.map((p) => el('li', {}, `sentence ${p.sentence}: ${p.description}`))))
        : null,
      el('details', { class: 'full-explanation' }, el('summary', {}, 'Everything the matcher saw (evrule explain)'),
        el('pre', { class: 'explanation' }, answer.explanation)),
    );
  }

  showError(message) {
    fill(this.container, el('p', { class: 'error' }, message));
  }
}

export function describeOutcome(match) {
  switch (match.outcome) {
    case 'outranked': return `outranked by ${match.outranked_by}`;
    case 'negated': return `negated by «${match.negation.text}»`;
    case 'held back': return match.modality ? `held back: ${match.modality.modality} («${match.modality.text}»)` : 'held back';
    default: return match.outcome;
  }
}

export { el };
