// The coded text: every mention highlighted in its type's colour (the
// legend follows the pack's taxonomy), every event drawn under the words
// it spans as a labelled bar, with its arguments (the mention dark, the
// noun phrase around it light, the role named) on the row below;
// negated events striped, held-back ones (modality) dashed, the cue
// words underlined; discarded sentences greyed out.

import { Offsets } from './offsets.js';

const FIXED_HUES = { Proper: 275, Number: 200 };

/** A hue per type, in taxonomy order, spread by the golden angle. */
export function typeHues(types) {
  const hues = new Map();
  let i = 0;
  for (const type of taxonomyOrder(types)) {
    const hue = type.name in FIXED_HUES ? FIXED_HUES[type.name] : Math.round((20 + i++ * 137.508) % 360);
    hues.set(type.name, hue);
  }
  return hues;
}

/** Types depth-first: each root, then its subtypes; built-ins last. */
export function taxonomyOrder(types) {
  const children = new Map();
  for (const type of types) {
    const key = type.parent || '';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(type);
  }
  const out = [];
  const visit = (type, depth) => {
    out.push({ ...type, depth });
    for (const child of children.get(type.name) || []) visit(child, depth + 1);
  };
  const roots = children.get('') || [];
  for (const root of roots.filter((t) => !t.builtin)) visit(root, 0);
  for (const root of roots.filter((t) => t.builtin)) visit(root, 0);
  return out;
}

const familyHues = new Map();
function eventHue(record) {
  const family = record.isa[record.isa.length - 1];
  if (!familyHues.has(family)) familyHues.set(family, Math.round((220 + familyHues.size * 67) % 360));
  return familyHues.get(family);
}

export function mentionStyle(hue) {
  return `background: hsl(${hue} 80% 88%); box-shadow: inset 0 -2px hsl(${hue} 55% 50%)`;
}

/** The legend: every type of the pack, nested as the taxonomy; the ones in the text first in weight. */
export function renderLegend(container, types, hues, present) {
  container.replaceChildren(
    ...taxonomyOrder(types).map((type) => {
      const chip = document.createElement('span');
      chip.className = 'legend-type';
      if (!present.has(type.name)) chip.classList.add('absent');
      chip.style.cssText = mentionStyle(hues.get(type.name));
      chip.textContent = type.depth ? `${'›'.repeat(type.depth)} ${type.name}` : type.name;
      chip.title = type.parent ? `${type.name} : ${type.parent}` : type.name;
      chip.dataset.type = type.name;
      return chip;
    }),
  );
}

/** Mentions to paint: longest first, no overlaps (the rest show in tooltips). */
function paintedMentions(mentions) {
  const rank = { lexicon: 0, entity: 1, number: 2, proper: 3, pronoun: 4 };
  const sorted = [...mentions].sort(
    (a, b) => (b.end - b.start) - (a.end - a.start) || rank[a.source] - rank[b.source] || a.start - b.start,
  );
  const taken = [];
  for (const m of sorted) {
    if (taken.every((t) => m.end <= t.start || t.end <= m.start)) taken.push(m);
  }
  return taken;
}

/** Tracks: events of a sentence laid out so that overlapping ones get rows of their own. */
function assignTracks(events) {
  const ends = [];
  for (const e of [...events].sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start))) {
    let track = ends.findIndex((end) => end <= e.start);
    if (track < 0) {
      track = ends.length;
      ends.push(0);
    }
    ends[track] = e.end;
    e.track = track;
  }
  return ends.length;
}

function argumentSpans(record, index) {
  const spans = [];
  for (const [role, arg] of Object.entries(record.args)) {
    const outer = arg.phrase || arg;
    spans.push({ role, kind: 'phrase', start: index(outer.start), end: index(outer.end), arg });
    for (const part of arg.parties || [arg]) {
      spans.push({ role, kind: 'mention', start: index(part.start), end: index(part.end), arg: part });
    }
  }
  return spans;
}

export function eventLabel(record) {
  let label = record.label || record.event;
  if (record.negated) label = `¬ ${label}`;
  if (record.modality) label += ` ⟨${record.modality}⟩`;
  return label;
}

/**
 * Draws `run` (an /api/run answer) into `container`. `onEvent(i)` is
 * called when event i is clicked, `onMention(mentions)` with the mentions
 * under a clicked word.
 */
export function renderAnnotated(container, run, hues, { selected = null, onEvent, onMention }) {
  const text = run.text;
  const offsets = new Offsets(text);
  const index = (b) => offsets.index(b);

  const sentences = run.sentences.map((s) => ({
    ...s,
    from: index(s.start),
    to: index(s.end),
    allMentions: s.mentions.map((m) => ({ ...m, from: index(m.start), to: index(m.end) })),
  }));
  for (const s of sentences) {
    s.painted = paintedMentions(s.allMentions.map((m) => ({ ...m, start: m.from, end: m.to })));
    s.events = [];
    s.cues = [];
    for (const m of s.matches) {
      if (m.kind !== 'event') continue;
      if (m.negation) s.cues.push({ kind: 'negation', from: index(m.negation.start), to: index(m.negation.end), note: `negation cue of ${m.rule} (${m.outcome})` });
      if (m.modality) s.cues.push({ kind: 'modality', from: index(m.modality.start), to: index(m.modality.end), note: `${m.modality.modality} cue of ${m.rule} (${m.outcome})` });
    }
  }
  run.events.forEach((view, i) => {
    const record = view.record;
    const event = { i, record, start: index(record.start), end: index(record.end) };
    event.args = argumentSpans(record, index);
    const sentence = sentences.find((s) => s.index === record.sentence);
    if (sentence) sentence.events.push(event);
  });
  for (const s of sentences) s.tracks = assignTracks(s.events);

  // Cell boundaries: words, and every edge of something drawn.
  const cuts = new Set([0, text.length]);
  for (const match of text.matchAll(/\s+/g)) {
    cuts.add(match.index);
    cuts.add(match.index + match[0].length);
  }
  for (const s of sentences) {
    cuts.add(s.from);
    cuts.add(s.to);
    for (const m of s.painted) { cuts.add(m.start); cuts.add(m.end); }
    for (const c of s.cues) { cuts.add(c.from); cuts.add(c.to); }
    for (const e of s.events) {
      cuts.add(e.start);
      cuts.add(e.end);
      for (const a of e.args) { cuts.add(a.start); cuts.add(a.end); }
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const selectedRecord = selected === null ? null : run.events[selected] && run.events[selected].record;

  const out = [];
  let sentenceIndex = 0;
  for (let k = 0; k + 1 < points.length; k += 1) {
    const from = points[k];
    const to = points[k + 1];
    const piece = text.slice(from, to);
    if (/^\s+$/.test(piece) && piece.includes('\n')) {
      const breaks = (piece.match(/\n/g) || []).length;
      out.push(document.createElement(breaks > 1 ? 'p' : 'br'));
      continue;
    }
    while (sentenceIndex < sentences.length && sentences[sentenceIndex].to <= from) sentenceIndex += 1;
    const sentence = sentences[sentenceIndex] && sentences[sentenceIndex].from <= from ? sentences[sentenceIndex] : null;
    out.push(cell(piece, from, to, sentence));
  }
  container.replaceChildren(...out);

  function cell(piece, from, to, sentence) {
    const box = document.createElement('span');
    box.className = 'cell';
    const word = document.createElement('span');
    word.className = 'word';
    word.textContent = piece;
    box.append(word);
    if (!sentence) return box;
    if (sentence.discard) box.classList.add('discarded');
    if (sentence.discard && index(sentence.discard.start) <= from && to <= index(sentence.discard.end)) {
      word.classList.add('discard-cue');
      word.title = `discard phrase «${sentence.discard.phrase}» (${sentence.discard.scope}): ${sentence.discard.location.file}:${sentence.discard.location.line}`;
    }
    const mention = sentence.painted.find((m) => m.start <= from && to <= m.end);
    const under = sentence.allMentions.filter((m) => m.from <= from && to <= m.to);
    if (mention) {
      word.classList.add('mention');
      word.style.cssText = mentionStyle(hues.get(mention.type) ?? 0);
      word.dataset.type = mention.type;
      word.title = under
        .map((m) => `${m.text} — ${m.type}${m.code ? ` ${m.code}` : ''}${m.origin ? ` (${m.origin})` : m.source === 'proper' ? ' (capitalized words)' : ''}`)
        .join('\n');
      if (to === mention.end) {
        const tag = document.createElement('span');
        tag.className = 'type-tag';
        tag.textContent = mention.type;
        word.append(tag);
      }
      if (selectedRecord && Object.values(selectedRecord.args).some((a) => (a.parties || [a]).some((p) => index(p.start) <= from && to <= index(p.end)))) {
        word.classList.add('selected-arg');
      }
    }
    if (under.length) {
      word.addEventListener('click', () => onMention(under));
    }
    const reading = sentence.readings.find((r) => index(r.start) <= from && to <= index(r.end));
    if (reading) {
      word.classList.add(`read-${reading.reading}`);
      word.title = (word.title ? `${word.title}\n` : '') + `read as a ${reading.reading}`;
    }
    const cue = sentence.cues.find((c) => c.from <= from && to <= c.to);
    if (cue) {
      word.classList.add(`cue-${cue.kind}`);
      word.title = (word.title ? `${word.title}\n` : '') + cue.note;
    }
    for (let track = 0; track < sentence.tracks; track += 1) {
      const event = sentence.events.find((e) => e.track === track && e.start <= from && to <= e.end);
      const bar = document.createElement('span');
      bar.className = 'bar';
      const args = document.createElement('span');
      args.className = 'bar args';
      if (event) {
        const { record } = event;
        const hue = eventHue(record);
        bar.classList.add('event');
        bar.style.setProperty('--hue', hue);
        args.style.setProperty('--hue', hue);
        if (record.negated) bar.classList.add('negated');
        if (record.modality) bar.classList.add('modal');
        if (event.i === selected) {
          bar.classList.add('selected');
          args.classList.add('selected');
        }
        bar.dataset.event = event.i;
        args.dataset.event = event.i;
        bar.title = `${record.event} (${record.code || 'no code'}) by rule ${record.rule}: «${record.text}»`;
        if (from === event.start) {
          const label = document.createElement('span');
          label.className = 'label';
          label.textContent = eventLabel(record);
          bar.append(label);
        }
        const mentionArg = event.args.find((a) => a.kind === 'mention' && a.start <= from && to <= a.end);
        const phraseArg = event.args.find((a) => a.kind === 'phrase' && a.start <= from && to <= a.end);
        const arg = mentionArg || phraseArg;
        if (arg) {
          args.classList.add(mentionArg ? 'arg-mention' : 'arg-phrase');
          const first = event.args.filter((a) => a.role === arg.role).reduce((m, a) => Math.min(m, a.start), Infinity);
          if (from === first) {
            const role = document.createElement('span');
            role.className = 'label role';
            role.textContent = arg.role;
            args.append(role);
          }
          args.title = `${arg.role}: ${arg.arg.text} (${arg.arg.type}${arg.arg.code ? ` ${arg.arg.code}` : ''})${arg.arg.phrase ? ` in «${arg.arg.phrase.text}»` : ''}`;
        }
        for (const b of [bar, args]) b.addEventListener('click', () => onEvent(event.i));
      }
      box.append(bar, args);
    }
    return box;
  }
}
