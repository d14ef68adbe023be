// Tokenizes test/sample.evr with the extension's TextMate grammar (the
// engine VS Code uses: vscode-textmate on the Oniguruma regex library) and
// compares the scopes of every token with test/sample.evr.snap.
// `UPDATE=1 npm test` rewrites the snapshot; review its diff before committing.
'use strict';

const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const here = __dirname;
const grammarPath = path.join(here, '..', 'syntaxes', 'evrule.tmLanguage.json');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.evrule'
        ? textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  return registry.loadGrammar('source.evrule');
}

/** Every line, then each of its non-blank tokens with its scopes. */
function render(grammar, text) {
  const out = [];
  let state = textmate.INITIAL;
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    out.push(`> ${line}`);
    for (const token of result.tokens) {
      const value = line.slice(token.startIndex, token.endIndex);
      if (value.trim() === '') continue;
      const scopes = token.scopes.filter((s) => s !== 'source.evrule').join(' ');
      out.push(`  ${JSON.stringify(value)} ${scopes}`);
    }
    state = result.ruleStack;
  }
  return out.join('\n') + '\n';
}

test('the grammar scopes every construct of the sample as in the snapshot', async () => {
  const grammar = await loadGrammar();
  assert.ok(grammar, 'the grammar loads');
  const sample = fs.readFileSync(path.join(here, 'sample.evr'), 'utf8');
  const actual = render(grammar, sample);
  const snapshotPath = path.join(here, 'sample.evr.snap');
  if (process.env.UPDATE === '1' || !fs.existsSync(snapshotPath)) {
    if (process.env.CI === 'true') {
      assert.fail('CI=true: the snapshot is missing; run `UPDATE=1 npm test` locally');
    }
    fs.writeFileSync(snapshotPath, actual);
  }
  assert.strictEqual(actual, fs.readFileSync(snapshotPath, 'utf8'));
});
