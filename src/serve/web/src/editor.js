// The editor pane: one CodeMirror state per pack file, the file list with
// unsaved and error marks, diagnostics underlined with their message and
// help (from /api/check), and jumps to a place in a file.

import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { searchKeymap } from '@codemirror/search';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { bracketMatching } from '@codemirror/language';
import { highlightStyle, tsvLanguage } from './highlight.js';
import { Offsets } from './offsets.js';
import { get, post } from './api.js';

export class Editor {
  constructor({ parent, fileList, currentLabel, onChange, onSave, language }) {
    this.fileList = fileList;
    this.currentLabel = currentLabel;
    this.onChange = onChange;
    this.onSave = onSave;
    this.language = language;
    this.buffers = new Map(); // path → { saved, state }
    this.files = [];
    this.current = null;
    this.diagnostics = [];
    this.view = new EditorView({ parent, state: EditorState.create({ doc: '' }) });
  }

  extensions(path) {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      bracketMatching(),
      lintGutter(),
      highlightStyle,
      path.endsWith('.evr') ? this.language : tsvLanguage,
      keymap.of([
        { key: 'Mod-s', run: () => { this.save(); return true; } },
        indentWithTab,
        ...defaultKeymap,
        ...historyKeymap,
        ...searchKeymap,
      ]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          this.renderFileList();
          this.onChange();
        }
      }),
    ];
  }

  async loadFileList() {
    const answer = await get('files');
    this.files = answer.files;
    this.renderFileList();
    return answer;
  }

  /** Files whose text differs from the saved one: what every request carries. */
  unsaved() {
    const files = {};
    for (const [path, buffer] of this.buffers) {
      const state = path === this.current ? this.view.state : buffer.state;
      const text = state.doc.toString();
      if (text !== buffer.saved) files[path] = text;
    }
    return files;
  }

  isDirty(path) {
    const buffer = this.buffers.get(path);
    if (!buffer) return false;
    const state = path === this.current ? this.view.state : buffer.state;
    return state.doc.toString() !== buffer.saved;
  }

  async open(path) {
    if (this.current === path) return;
    if (this.current) this.buffers.get(this.current).state = this.view.state;
    if (!this.buffers.has(path)) {
      const answer = await get('file', { path });
      this.buffers.set(path, {
        saved: answer.text,
        state: EditorState.create({ doc: answer.text, extensions: this.extensions(path) }),
      });
    }
    this.current = path;
    this.view.setState(this.buffers.get(path).state);
    this.currentLabel.textContent = path;
    this.renderFileList();
    this.showDiagnostics();
  }

  async save() {
    const path = this.current;
    if (!path) return;
    const text = this.view.state.doc.toString();
    await post('save', { path, text });
    this.buffers.get(path).saved = text;
    this.renderFileList();
    this.onSave(path);
  }

  /** Puts the cursor at a byte offset of a file and shows it. */
  async jump(file, offset) {
    await this.open(file);
    const text = this.view.state.doc.toString();
    const position = new Offsets(text).index(offset);
    this.view.dispatch({
      selection: { anchor: position },
      effects: EditorView.scrollIntoView(position, { y: 'center' }),
    });
    this.view.focus();
  }

  /** Byte offset of the cursor in the current file. */
  cursorOffset() {
    const text = this.view.state.doc.toString();
    const head = this.view.state.selection.main.head;
    return new TextEncoder().encode(text.slice(0, head)).length;
  }

  /** Diagnostics from /api/check, for texts as they were sent. */
  setDiagnostics(diagnostics, sent) {
    this.diagnostics = diagnostics;
    this.sentTexts = sent;
    this.renderFileList();
    this.showDiagnostics();
  }

  showDiagnostics() {
    if (!this.current) return;
    const text = this.view.state.doc.toString();
    const sent = this.sentTexts && this.sentTexts[this.current];
    // Positions are those of the text that was checked; a newer edit
    // brings newer diagnostics.
    if (sent !== undefined && sent !== text) return;
    const offsets = new Offsets(text);
    const found = this.diagnostics
      .filter((d) => d.file === this.current && d.start !== null)
      .map((d) => {
        const from = offsets.index(d.start);
        const to = Math.max(from, offsets.index(d.end));
        const label = d.labels.length ? `: ${d.labels[0].message}` : '';
        return {
          from,
          to,
          severity: d.severity,
          source: d.code,
          message: `${d.message}${label}`,
          renderMessage: () => {
            const box = document.createElement('div');
            const head = document.createElement('div');
            head.textContent = `${d.message}${label}`;
            box.append(head);
            if (d.help) {
              const help = document.createElement('div');
              help.className = 'diagnostic-help';
              help.textContent = `help: ${d.help}`;
              box.append(help);
            }
            return box;
          },
        };
      });
    this.view.dispatch(setDiagnostics(this.view.state, found));
  }

  renderFileList() {
    const counts = {};
    for (const d of this.diagnostics) {
      if (!d.file) continue;
      counts[d.file] = counts[d.file] || { error: 0, warning: 0 };
      counts[d.file][d.severity] += 1;
    }
    this.fileList.replaceChildren(
      ...this.files.map((file) => {
        const item = document.createElement('button');
        item.className = 'file';
        item.dataset.path = file.path;
        if (file.path === this.current) item.classList.add('current');
        const name = document.createElement('span');
        name.textContent = file.path;
        item.append(name);
        if (this.isDirty(file.path)) {
          const dot = document.createElement('span');
          dot.className = 'dirty';
          dot.title = 'unsaved';
          dot.textContent = '●';
          item.append(dot);
        }
        const c = counts[file.path];
        if (c && c.error) {
          const badge = document.createElement('span');
          badge.className = 'badge error';
          badge.textContent = c.error;
          badge.title = `${c.error} error(s)`;
          item.append(badge);
        } else if (c && c.warning) {
          const badge = document.createElement('span');
          badge.className = 'badge warning';
          badge.textContent = c.warning;
          item.append(badge);
        }
        item.addEventListener('click', () => this.open(file.path));
        return item;
      }),
    );
  }
}
