// Syntax highlighting in the editor from the VS Code extension's TextMate
// grammar (served at /assets/evrule.tmLanguage.json, the very file the
// extension ships), tokenized by vscode-textmate on the Oniguruma regex
// engine as VS Code does. TextMate scopes map to CodeMirror tags.

import { StreamLanguage, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const patternTag = t.special(t.string);

// Scope prefix → token name; the most specific scope of a token decides.
const SCOPES = [
  ['comment', 'comment'],
  ['invalid', 'invalid'],
  ['constant.character.escape', 'escape'],
  ['variable.parameter.slot', 'slot'],
  ['entity.name.tag.word-class', 'wordClass'],
  ['punctuation.definition.word-class', 'wordClass'],
  ['string.unquoted.word', 'patternWord'],
  ['keyword.operator', 'operator'],
  ['string.regexp.pattern', 'pattern'],
  ['punctuation.definition.pattern', 'pattern'],
  ['string.quoted', 'string'],
  ['punctuation.definition.string', 'string'],
  ['keyword', 'keyword'],
  ['storage', 'keyword'],
  ['entity.name.type', 'typeName'],
  ['entity.name.function', 'ruleName'],
  ['variable.other', 'field'],
  ['constant.numeric', 'number'],
  ['punctuation', 'punctuation'],
];

const TOKEN_TABLE = {
  comment: t.comment,
  invalid: t.invalid,
  escape: t.escape,
  slot: t.variableName,
  wordClass: t.className,
  patternWord: patternTag,
  operator: t.operator,
  pattern: patternTag,
  string: t.string,
  keyword: t.keyword,
  typeName: t.typeName,
  ruleName: t.function(t.definition(t.variableName)),
  field: t.propertyName,
  number: t.number,
  punctuation: t.punctuation,
  column0: t.string,
  column1: t.typeName,
  column2: t.number,
  column3: t.keyword,
};

export const highlightStyle = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.comment, color: '#6a737d', fontStyle: 'italic' },
    { tag: t.invalid, color: '#b31d28', textDecoration: 'underline wavy' },
    { tag: t.escape, color: '#e36209' },
    { tag: t.variableName, color: '#6f42c1', fontWeight: 'bold' },
    { tag: t.className, color: '#005cc5' },
    { tag: patternTag, color: '#22863a' },
    { tag: t.operator, color: '#d73a49' },
    { tag: t.string, color: '#032f62' },
    { tag: t.keyword, color: '#d73a49', fontWeight: 'bold' },
    { tag: t.typeName, color: '#b08800' },
    { tag: t.function(t.definition(t.variableName)), color: '#6f42c1', fontWeight: 'bold' },
    { tag: t.propertyName, color: '#005cc5' },
    { tag: t.number, color: '#005cc5' },
    { tag: t.punctuation, color: '#586069' },
  ]),
);

function tokenName(scopes) {
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    for (const [prefix, name] of SCOPES) {
      if (scopes[i].startsWith(prefix)) return name;
    }
  }
  return null;
}

/** Loads the Oniguruma engine and the grammar; resolves to a CodeMirror language. */
export async function loadEvruleLanguage() {
  const wasm = await (await fetch('/assets/onig.wasm')).arrayBuffer();
  await oniguruma.loadWASM(wasm);
  const grammarText = await (await fetch('/assets/evrule.tmLanguage.json')).text();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.evrule'
        ? textmate.parseRawGrammar(grammarText, 'evrule.tmLanguage.json')
        : null,
  });
  const grammar = await registry.loadGrammar('source.evrule');
  return StreamLanguage.define({
    name: 'evrule',
    startState: () => ({ stack: textmate.INITIAL, tokens: [], next: 0 }),
    copyState: (s) => ({ stack: s.stack, tokens: s.tokens, next: s.next }),
    blankLine: (s) => {
      s.stack = grammar.tokenizeLine('', s.stack).ruleStack;
    },
    token(stream, s) {
      if (stream.sol()) {
        const result = grammar.tokenizeLine(stream.string, s.stack);
        s.stack = result.ruleStack;
        s.tokens = result.tokens;
        s.next = 0;
      }
      while (s.next < s.tokens.length && s.tokens[s.next].endIndex <= stream.pos) s.next += 1;
      const token = s.tokens[s.next];
      if (!token) {
        stream.skipToEnd();
        return null;
      }
      const end = Math.min(Math.max(token.endIndex, stream.pos + 1), stream.string.length);
      stream.pos = end;
      return tokenName(token.scopes);
    },
    tokenTable: TOKEN_TABLE,
    languageData: { commentTokens: { line: '#' } },
  });
}

/** Lexicon rows: phrase, type, code, `exact`, each column its colour; `#` comments. */
export const tsvLanguage = StreamLanguage.define({
  name: 'evrule-lexicon',
  startState: () => ({ column: 0 }),
  token(stream, s) {
    if (stream.sol()) s.column = 0;
    if (stream.sol() && stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.eat('\t')) {
      s.column += 1;
      return null;
    }
    while (!stream.eol() && stream.peek() !== '\t') stream.next();
    return `column${Math.min(s.column, 3)}`;
  },
  tokenTable: TOKEN_TABLE,
});
