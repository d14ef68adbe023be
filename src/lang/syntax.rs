//! Parsing: rule-file text to [`ast::RuleFile`] plus syntax diagnostics.
//!
//! Parsing never fails as a whole. The file is cut into chunks at every line
//! that starts with an item keyword; each chunk is parsed on its own, so a
//! file with three broken items reports three errors and keeps every item
//! that did parse.

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::diagnostic::Diagnostic;
use super::source::{FileId, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/evrule.pest"]
struct EvruleParser;

/// Deepest allowed nesting of `(` and `[` inside a pattern. Real patterns stay
/// below 5; the cap keeps a hostile file from exhausting the stack.
pub const MAX_NESTING: usize = 32;

const ITEM_KEYWORDS: [&str; 8] = [
    "import", "type", "lexicon", "words", "discard", "entity", "event", "rule",
];

/// Parses one rule file. Returns every item that parsed and a diagnostic for
/// every chunk that did not.
pub fn parse_file(file: FileId, text: &str) -> (RuleFile, Vec<Diagnostic>) {
    let mut items = Vec::new();
    let mut diagnostics = Vec::new();
    for (offset, chunk) in chunks(text) {
        let mut cx = Cx {
            file,
            offset,
            diagnostics: &mut diagnostics,
        };
        if let Some(diagnostic) = cx.nesting_error(chunk) {
            cx.diagnostics.push(diagnostic);
            continue;
        }
        match EvruleParser::parse(Rule::chunk, chunk) {
            Ok(mut pairs) => {
                let chunk_pair = pairs.next().expect("chunk rule always yields a pair");
                for pair in chunk_pair.into_inner() {
                    if pair.as_rule() != Rule::EOI {
                        items.push(cx.item(pair));
                    }
                }
            }
            Err(error) => {
                let diagnostic = cx.syntax_error(chunk, &error);
                cx.diagnostics.push(diagnostic);
            }
        }
    }
    (RuleFile { file, items }, diagnostics)
}

/// Splits a file into (byte offset, chunk) at lines starting with an item keyword.
fn chunks(text: &str) -> Vec<(usize, &str)> {
    let mut starts = vec![0];
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line_start > 0 && starts_with_item_keyword(line) {
            starts.push(line_start);
        }
        line_start += line.len();
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| (w[0], &text[w[0]..w[1]]))
        .collect()
}

fn starts_with_item_keyword(line: &str) -> bool {
    ITEM_KEYWORDS.iter().any(|keyword| {
        line.strip_prefix(keyword)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

struct Cx<'d> {
    file: FileId,
    offset: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// The pair's span without the whitespace and comments that implicit
    /// whitespace may have swallowed at its end (also inside its last inner
    /// pair, so that a rule does not end with the comments after its last
    /// example).
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        let text = pair.as_str();
        let mut end = text.trim_end().len();
        // Only a comment can be swallowed: without a `#` (most pairs),
        // there is no need to look inside.
        let last_inner = if text.contains('#') {
            pair.clone().into_inner().last()
        } else {
            None
        };
        if let Some(last_inner) = last_inner {
            let inner_end = self.span(&last_inner).end - self.offset - s.start();
            if let Some(hash) = text.get(inner_end..end).and_then(|rest| rest.find('#')) {
                end = text[..inner_end + hash].trim_end().len();
            }
        }
        Span::new(
            self.file,
            self.offset + s.start(),
            self.offset + s.start() + end,
        )
    }

    fn name(&self, pair: Pair<Rule>) -> Name {
        Name {
            text: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// The nesting cap, checked before parsing (the parser recurses once
    /// per group). It must hold whatever the quotes, comments and line
    /// endings, so it does not try to tell patterns from strings or
    /// comments: a pattern never spans a line (`\n`, `\r\n` or a lone `\r`),
    /// so its depth is at most the number of `(` and `[` open at once on
    /// its line, counting every bracket of the line.
    fn nesting_error(&self, chunk: &str) -> Option<Diagnostic> {
        let mut depth = 0usize;
        for (i, c) in chunk.char_indices() {
            match c {
                '\n' | '\r' => depth = 0,
                '(' | '[' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        let at = self.offset + i;
                        return Some(
                            Diagnostic::error(
                                "nesting-too-deep",
                                format!("pattern nested more than {MAX_NESTING} levels deep"),
                            )
                            .with_label(Span::new(self.file, at, at + 1), "too deep here")
                            .with_help(format!("flatten the pattern: list alternatives with `|` instead of nesting groups (a line may hold at most {MAX_NESTING} unclosed `(` and `[`, in comments and strings too)")),
                        );
                    }
                }
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    fn syntax_error(&self, chunk: &str, error: &pest::error::Error<Rule>) -> Diagnostic {
        let at = match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
        if let Some(problem) = unclosed_quote(chunk, at) {
            return self.unclosed_quote_error(problem);
        }
        let found = found_at(chunk, at);
        let (message, label) = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => {
                let in_pattern = positives
                    .iter()
                    .any(|r| describe_rule(r) == Some(PATTERN_ELEMENT));
                let mut expected: Vec<&str> = positives
                    .iter()
                    .filter_map(|rule| match rule {
                        // Inside a pattern a slot is one more element; after
                        // the patterns it starts a slot type.
                        Rule::slot_name if in_pattern => None,
                        Rule::slot_name => Some("a slot type like `X: Actor`"),
                        _ => describe_rule(rule),
                    })
                    .collect();
                expected.sort();
                expected.dedup();
                let found_text = if found.is_empty() {
                    "end of item".to_string()
                } else {
                    format!("`{found}`")
                };
                if expected.is_empty() {
                    (
                        format!("unexpected {found_text}"),
                        "unexpected here".to_string(),
                    )
                } else {
                    (
                        format!("expected {}, found {found_text}", join_or(&expected)),
                        format!("expected {}", join_or(&expected)),
                    )
                }
            }
            pest::error::ErrorVariant::CustomError { message } => {
                (message.clone(), "here".to_string())
            }
        };
        let width = found.len().max(1);
        let start = self.offset + at;
        let end = (start + width).min(self.offset + chunk.len()).max(start);
        Diagnostic::error("syntax", message).with_label(Span::new(self.file, start, end), label)
    }

    fn unclosed_quote_error(&self, problem: UnclosedQuote) -> Diagnostic {
        let what = if problem.pattern { "pattern" } else { "string" };
        let quote = |at: usize| Span::new(self.file, self.offset + at, self.offset + at + 1);
        let diagnostic = Diagnostic::error(
            "unclosed-quote",
            format!("unclosed quote: a {what} ends on the line it starts"),
        );
        match problem.closed_by {
            None => diagnostic
                .with_label(quote(problem.open), format!("this {what} is never closed"))
                .with_help(format!(
                    "end the {what} with `\"` before the end of the line"
                )),
            Some(close) => diagnostic
                .with_label(
                    quote(problem.open),
                    format!("this {what} lacks its closing quote"),
                )
                .with_label(
                    quote(close),
                    "so it runs to this quote, which was meant to open the next string",
                )
                .with_help(format!("add the missing `\"` where the {what} should end")),
        }
    }

    fn item(&mut self, pair: Pair<Rule>) -> Item {
        match pair.as_rule() {
            Rule::import => Item::Import(self.first_string(pair)),
            Rule::lexicon => Item::Lexicon(self.first_string(pair)),
            Rule::type_decl => {
                let span = self.span(&pair);
                let mut inner = pair.into_inner();
                let name = self.name(inner.next().expect("type name"));
                let parent = inner.next().map(|p| self.name(p));
                Item::Type(TypeDecl { name, parent, span })
            }
            Rule::words_decl => {
                let span = self.span(&pair);
                let mut inner = pair.into_inner();
                let name = self.name(inner.next().expect("word class name"));
                let op = match inner.next().map(|p| p.as_str()) {
                    Some("+=") => WordsOp::Add,
                    Some("-=") => WordsOp::Remove,
                    _ => WordsOp::Set,
                };
                let entries = inner.map(|entry| self.word_entry(entry)).collect();
                Item::Words(WordClassDecl {
                    name,
                    op,
                    entries,
                    span,
                })
            }
            Rule::discard_decl => {
                let span = self.span(&pair);
                let mut inner = pair.into_inner();
                let scope = match inner.next().map(|p| p.as_str()) {
                    Some("document") => DiscardScope::Document,
                    _ => DiscardScope::Sentence,
                };
                let entries = inner.map(|entry| self.word_entry(entry)).collect();
                Item::Discard(DiscardDecl {
                    scope,
                    entries,
                    span,
                })
            }
            Rule::event_decl => Item::Event(self.event_decl(pair)),
            Rule::event_rule => Item::Rule(self.rule(pair, RuleKind::Event)),
            Rule::entity_rule => Item::Rule(self.rule(pair, RuleKind::Entity)),
            other => unreachable!("grammar yields no item {other:?}"),
        }
    }

    fn first_string(&mut self, pair: Pair<Rule>) -> StringLit {
        let inner = pair.into_inner().next().expect("item has a string");
        self.string(inner)
    }

    fn string(&mut self, pair: Pair<Rule>) -> StringLit {
        let span = self.span(&pair);
        let raw = pair.into_inner().next().map_or("", |p| p.as_str());
        let value = unescape(raw, span.start + 1, self.file, self.diagnostics);
        StringLit { value, span }
    }

    fn word_entry(&self, pair: Pair<Rule>) -> WordEntry {
        let span = self.span(&pair);
        let mut exact = false;
        let mut words = Vec::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::exact_mark => exact = true,
                _ => words.push(part.as_str().to_string()),
            }
        }
        WordEntry { words, exact, span }
    }

    fn event_decl(&mut self, pair: Pair<Rule>) -> EventDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let name = self.name(inner.next().expect("event name"));
        let parent = inner
            .next_if(|p| p.as_rule() == Rule::ident)
            .map(|p| self.name(p));
        let mut decl = EventDecl {
            name,
            parent,
            fields: Vec::new(),
            code: None,
            label: None,
            negation: None,
            modality: None,
            modality_except: Vec::new(),
            compound: None,
            distinct: None,
            compete: None,
            fills: Vec::new(),
            span,
        };
        for part in inner {
            match part.as_rule() {
                Rule::field_list => {
                    decl.fields = part.into_inner().map(|f| self.field_decl(f)).collect();
                }
                Rule::code_option => decl.code = Some(self.first_string(part)),
                Rule::label_option => decl.label = Some(self.first_string(part)),
                Rule::negation_option => {
                    let span = self.span(&part);
                    let mode = match part.into_inner().next().map(|p| p.as_str()) {
                        Some("mark") => NegationMode::Mark,
                        _ => NegationMode::Suppress,
                    };
                    decl.negation = Some((mode, span));
                }
                Rule::modality_option => {
                    let span = self.span(&part);
                    let mut inner = part.into_inner();
                    let mode = match inner.next().map(|p| p.as_str()) {
                        Some("mark") => NegationMode::Mark,
                        _ => NegationMode::Suppress,
                    };
                    decl.modality = Some((mode, span));
                    decl.modality_except = inner
                        .flat_map(|except| except.into_inner())
                        .map(|kind| kind.as_str().to_string())
                        .collect();
                }
                Rule::compound_option => {
                    let span = self.span(&part);
                    let mode = match part.into_inner().next().map(|p| p.as_str()) {
                        Some("keep") => CompoundMode::Keep,
                        _ => CompoundMode::Split,
                    };
                    decl.compound = Some((mode, span));
                }
                Rule::distinct_option => {
                    let span = self.span(&part);
                    let mut fields = part.into_inner().map(|f| self.name(f));
                    if let (Some(first), Some(second)) = (fields.next(), fields.next()) {
                        decl.distinct = Some((first, second, span));
                    }
                }
                Rule::compete_option => {
                    let span = self.span(&part);
                    let mode = match part.into_inner().next().map(|p| p.as_str()) {
                        Some("priority") => CompeteMode::Priority,
                        _ => CompeteMode::Longest,
                    };
                    decl.compete = Some((mode, span));
                }
                Rule::fill_option => {
                    let span = self.span(&part);
                    let mut inner = part.into_inner();
                    let field = self.name(inner.next().expect("fill names a field"));
                    let types = self.type_union(inner.next().expect("fill names a type"));
                    decl.fills.push(FillDecl { field, types, span });
                }
                other => unreachable!("grammar yields no event part {other:?}"),
            }
        }
        decl
    }

    fn field_decl(&self, pair: Pair<Rule>) -> FieldDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = self.name(inner.next().expect("field name"));
        let types = self.type_union(inner.next().expect("field type"));
        let optional = inner.next().is_some();
        FieldDecl {
            name,
            types,
            optional,
            span,
        }
    }

    fn type_union(&self, pair: Pair<Rule>) -> Vec<Name> {
        pair.into_inner().map(|p| self.name(p)).collect()
    }

    fn rule(&mut self, pair: Pair<Rule>, kind: RuleKind) -> RuleDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = self.name(inner.next().expect("rule name"));
        let mut rule = RuleDecl {
            kind,
            name,
            patterns: Vec::new(),
            slots: Vec::new(),
            priority: None,
            passive: None,
            coordination: None,
            emit: Emit::Entity {
                ty: Name {
                    text: String::new(),
                    span,
                },
                code: Vec::new(),
                span,
            },
            cases: Vec::new(),
            span,
        };
        for part in inner {
            match part.as_rule() {
                Rule::rule_body => {
                    for body_part in part.into_inner() {
                        self.rule_part(&mut rule, body_part);
                    }
                }
                Rule::event_emit => rule.emit = self.event_emit(part),
                Rule::entity_emit => rule.emit = self.entity_emit(part),
                _ => self.rule_part(&mut rule, part),
            }
        }
        rule
    }

    fn rule_part(&mut self, rule: &mut RuleDecl, part: Pair<Rule>) {
        let span = self.span(&part);
        match part.as_rule() {
            Rule::pattern => {
                let root = match part.into_inner().next() {
                    Some(alternatives) => self.alternatives(alternatives),
                    None => Node {
                        kind: NodeKind::Seq(Vec::new()),
                        span,
                    },
                };
                rule.patterns.push(Pattern { root, span });
            }
            Rule::slot_decl => {
                let mut inner = part.into_inner();
                let name = self.name(inner.next().expect("slot name"));
                let types = self.type_union(inner.next().expect("slot type"));
                rule.slots.push(SlotDecl { name, types, span });
            }
            Rule::priority_option => {
                let text = part.into_inner().next().map_or("", |p| p.as_str());
                match text.parse::<i64>() {
                    Ok(value) => self.set_once(&mut rule.priority, (value, span), "priority"),
                    Err(_) => self.diagnostics.push(
                        Diagnostic::error(
                            "bad-number",
                            format!("priority `{text}` is out of range"),
                        )
                        .with_label(span, "not a 64-bit integer"),
                    ),
                }
            }
            Rule::passive_option => {
                let mode = match part.into_inner().next().map(|p| p.as_str()) {
                    Some("on") => PassiveMode::Derive,
                    Some("off") => PassiveMode::Off,
                    _ => PassiveMode::AsWritten,
                };
                self.set_once(&mut rule.passive, (mode, span), "passive");
            }
            Rule::coordination_option => {
                let on = part.into_inner().next().is_some_and(|p| p.as_str() == "on");
                self.set_once(&mut rule.coordination, (on, span), "coordination");
            }
            Rule::example | Rule::counterexample => {
                let counter = part.as_rule() == Rule::counterexample;
                let mut inner = part.into_inner();
                let text = self.string(inner.next().expect("case text"));
                let mut date = None;
                let mut expected = None;
                let mut todo = false;
                for part in inner {
                    match part.as_rule() {
                        Rule::case_date => {
                            let value = part.into_inner().next().expect("date string");
                            date = Some(self.string(value));
                        }
                        Rule::expected => expected = Some(self.expected(part)),
                        Rule::todo_mark => todo = true,
                        other => unreachable!("grammar yields no case part {other:?}"),
                    }
                }
                rule.cases.push(Case {
                    counter,
                    text,
                    date,
                    expected,
                    todo,
                    span,
                });
            }
            other => unreachable!("grammar yields no rule part {other:?}"),
        }
    }

    fn set_once<T>(&mut self, slot: &mut Option<(T, Span)>, value: (T, Span), option: &str) {
        if let Some((_, first)) = slot {
            self.diagnostics.push(
                Diagnostic::error("duplicate-option", format!("`{option}` is set twice"))
                    .with_label(value.1, "set again here")
                    .with_label(*first, "first set here"),
            );
        } else {
            *slot = Some(value);
        }
    }

    fn event_emit(&self, pair: Pair<Rule>) -> Emit {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let event = self.name(inner.next().expect("event name"));
        let fields = inner
            .next()
            .map(|record| {
                record
                    .into_inner()
                    .map(|binding| {
                        let mut parts = binding.into_inner();
                        let field = self.name(parts.next().expect("field"));
                        let slot = self.name(parts.next().expect("slot"));
                        (field, slot)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Emit::Event {
            event,
            fields,
            span,
        }
    }

    fn entity_emit(&mut self, pair: Pair<Rule>) -> Emit {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let ty = self.name(inner.next().expect("entity type"));
        let code = inner
            .next()
            .map(|expr| {
                expr.into_inner()
                    .map(|term| match term.as_rule() {
                        Rule::slot_code => {
                            let slot = term.into_inner().next().expect("slot of .code");
                            CodeTerm::SlotCode(self.name(slot))
                        }
                        _ => CodeTerm::Literal(self.string(term)),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Emit::Entity { ty, code, span }
    }

    fn expected(&mut self, pair: Pair<Rule>) -> Expected {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let ty = self.name(inner.next().expect("expected type"));
        let mut fields = Vec::new();
        let mut negated = false;
        let mut modality = None;
        for part in inner {
            match part.as_rule() {
                Rule::expected_field => {
                    let mut parts = part.into_inner();
                    let name = self.name(parts.next().expect("field name"));
                    let value = self.string(parts.next().expect("field value"));
                    fields.push((name, value));
                }
                Rule::negated_mark => negated = true,
                Rule::modality_mark => modality = Some(part.as_str().to_string()),
                other => unreachable!("grammar yields no expected part {other:?}"),
            }
        }
        Expected {
            ty,
            fields,
            negated,
            modality,
            span,
        }
    }

    fn alternatives(&self, pair: Pair<Rule>) -> Node {
        let span = self.span(&pair);
        let mut branches: Vec<Node> = pair.into_inner().map(|seq| self.sequence(seq)).collect();
        if branches.len() == 1 {
            branches.pop().expect("one branch")
        } else {
            Node {
                kind: NodeKind::Alt(branches),
                span,
            }
        }
    }

    fn sequence(&self, pair: Pair<Rule>) -> Node {
        let span = self.span(&pair);
        let mut elements: Vec<Node> = pair.into_inner().map(|e| self.element(e)).collect();
        // A one-element sequence is that element: `(a | b c)` is an
        // alternative of a word and a sequence.
        if elements.len() == 1 {
            return elements.pop().expect("one element");
        }
        Node {
            kind: NodeKind::Seq(elements),
            span,
        }
    }

    fn element(&self, pair: Pair<Rule>) -> Node {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::group => {
                let inner = pair.into_inner().next().expect("group body");
                return Node {
                    span,
                    ..self.alternatives(inner)
                };
            }
            Rule::optional => {
                let inner = pair.into_inner().next().expect("optional body");
                NodeKind::Optional(Box::new(self.alternatives(inner)))
            }
            Rule::not_next => {
                let inner = pair.into_inner().next().expect("negated element");
                NodeKind::NotNext(Box::new(self.element(inner)))
            }
            Rule::gap => {
                let mut min = None;
                let mut max = None;
                let mut except = None;
                if let Some(bounds) = pair.into_inner().next() {
                    let mut numbers: Vec<Option<i64>> = Vec::new();
                    for part in bounds.into_inner() {
                        if part.as_rule() == Rule::gap_except {
                            let stop = part.into_inner().next().expect("a gap's excepted element");
                            except = Some(Box::new(self.element(stop)));
                        } else {
                            numbers.push(part.as_str().parse().ok());
                        }
                    }
                    // `...{n}` means exactly n; an unparsable bound becomes
                    // i64::MAX so that the checker reports it as too large.
                    let bound = |n: &Option<i64>| Some(n.unwrap_or(i64::MAX));
                    min = numbers.first().and_then(bound);
                    max = numbers.get(1).or(numbers.first()).and_then(bound);
                }
                NodeKind::Gap { min, max, except }
            }
            Rule::class_ref => {
                NodeKind::Class(self.name(pair.into_inner().next().expect("class name")))
            }
            Rule::slot_name => NodeKind::Slot(self.name(pair)),
            Rule::exact_word => NodeKind::Word {
                text: pair
                    .into_inner()
                    .next()
                    .map_or(String::new(), |w| w.as_str().to_string()),
                exact: true,
            },
            Rule::word => NodeKind::Word {
                text: pair.as_str().to_string(),
                exact: false,
            },
            Rule::punct => NodeKind::Punct(pair.as_str().to_string()),
            Rule::noun_phrase => NodeKind::NounPhrase,
            Rule::read_element => {
                let mut inner = pair.into_inner();
                let word = self.element(inner.next().expect("an element before a reading"));
                let Some(letter) = inner.next().map(|p| p.as_str()) else {
                    return word;
                };
                let category = match letter {
                    "v" => WordCategory::Verb,
                    "n" => WordCategory::Noun,
                    other => {
                        return Node {
                            kind: NodeKind::Stray(format!(":{other}")),
                            span: Span::new(self.file, span.end - other.len() - 1, span.end),
                        };
                    }
                };
                NodeKind::Category(Box::new(word), category)
            }
            Rule::stray => NodeKind::Stray(pair.as_str().to_string()),
            other => unreachable!("grammar yields no pattern element {other:?}"),
        };
        Node { kind, span }
    }
}

/// Resolves escapes; reports unknown ones with their exact span.
fn unescape(raw: &str, offset: usize, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, next)) = chars.next() else {
            break;
        };
        match next {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'u' => {
                let rest = &raw[i + 2..];
                let close = rest.find('}').unwrap_or(rest.len());
                let hex = rest.get(1..close).unwrap_or("");
                let end = i + 2 + (close + 1).min(rest.len());
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if rest.starts_with('{') => out.push(ch),
                    _ => diagnostics.push(
                        Diagnostic::error(
                            "bad-escape",
                            format!("`\\u{{{hex}}}` is not a Unicode scalar value"),
                        )
                        .with_label(Span::new(file, offset + i, offset + end), "invalid escape")
                        .with_help("write `\\u{` and 1 to 6 hex digits, e.g. `\\u{e9}` for é"),
                    ),
                }
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            other => diagnostics.push(
                Diagnostic::error("bad-escape", format!("unknown escape `\\{other}`"))
                    .with_label(
                        Span::new(file, offset + i, offset + i + 1 + other.len_utf8()),
                        "unknown escape",
                    )
                    .with_help(r#"the escapes are \" \\ \n \t and \u{...}"#),
            ),
        }
    }
    out
}

/// A quote that does not pair up on its line, found where a syntax error is.
#[derive(Debug, PartialEq, Eq)]
struct UnclosedQuote {
    /// Chunk offset of the opening quote.
    open: usize,
    /// The quote that closed it instead, when the quotes of the line pair
    /// up wrongly (`example "text => E { f: "v" }`).
    closed_by: Option<usize>,
    pattern: bool,
}

/// Explains a syntax error at chunk offset `at` by a quote that does not
/// pair up on its line: the error is inside a quote that the line ends
/// (`"X buy Y`), or the line has an odd number of quotes and the error
/// comes right after a string that closed at a quote meant to open the
/// next one.
fn unclosed_quote(chunk: &str, at: usize) -> Option<UnclosedQuote> {
    let line_start = chunk[..at.min(chunk.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = chunk[line_start..]
        .find('\n')
        .map_or(chunk.len(), |i| line_start + i);
    let line = &chunk[line_start..line_end];
    // (open, close) offsets in the chunk of every quoted part of the line.
    let mut quoted: Vec<(usize, Option<usize>)> = Vec::new();
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => break,
            '"' => {
                let pattern = is_pattern_quote(&line[..i]);
                let mut close = None;
                while let Some((j, d)) = chars.next() {
                    match d {
                        '\\' if !pattern => {
                            chars.next();
                        }
                        '"' => {
                            close = Some(line_start + j);
                            break;
                        }
                        _ => {}
                    }
                }
                quoted.push((line_start + i, close));
            }
            _ => {}
        }
    }
    let is_pattern = |open: usize| is_pattern_quote(&chunk[line_start..open]);
    if let Some(&(open, None)) = quoted.last()
        && open <= at
    {
        return Some(UnclosedQuote {
            open,
            closed_by: None,
            pattern: is_pattern(open),
        });
    }
    if !matches!(quoted.last(), Some((_, None))) {
        return None;
    }
    // The quoted part that ends right before the error.
    let (open, close) = quoted
        .iter()
        .filter_map(|&(open, close)| Some((open, close?)))
        .rfind(|&(_, close)| close < at && chunk[close + 1..at].trim().is_empty())?;
    Some(UnclosedQuote {
        open,
        closed_by: Some(close),
        pattern: is_pattern(open),
    })
}

/// Whether a quote after this text (the start of its line) opens a pattern
/// rather than a string: strings follow a keyword, a `:` or a `+`.
fn is_pattern_quote(before: &str) -> bool {
    let before = before.trim_end();
    let string_keywords = [
        "example",
        "counterexample",
        "import",
        "lexicon",
        "code",
        "label",
    ];
    !(before.ends_with(':')
        || before.ends_with('+')
        || string_keywords.iter().any(|k| {
            before
                .strip_suffix(k)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
        }))
}

/// The word or character at a byte position, for "found `...`" in messages.
fn found_at(chunk: &str, at: usize) -> &str {
    let rest = chunk.get(at..).unwrap_or("");
    let rest = rest.trim_end_matches(['\n', '\r']);
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    if word_len > 0 {
        &rest[..word_len]
    } else {
        rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
    }
}

const PATTERN_ELEMENT: &str = "a pattern element";

fn describe_rule(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "the end of the item",
        Rule::item | Rule::import | Rule::type_decl | Rule::lexicon | Rule::words_decl => "an item",
        Rule::event_decl | Rule::event_rule | Rule::entity_rule => "an item",
        Rule::ident | Rule::class_name => "a name",
        Rule::words_op => "`=`, `+=` or `-=`",
        Rule::integer => "a number",
        Rule::string => "a string",
        Rule::word_entry | Rule::entry_word | Rule::exact_mark => "a word",
        Rule::field_list => "`{`",
        Rule::field_decl => "a field like `actor: Actor`",
        Rule::optional_mark => "`?`",
        Rule::type_union => "a type",
        Rule::code_option
        | Rule::label_option
        | Rule::negation_option
        | Rule::modality_option
        | Rule::compound_option
        | Rule::distinct_option
        | Rule::compete_option
        | Rule::fill_option => {
            "`code`, `label`, `negation`, `modality`, `compound`, `distinct`, `compete` or `fill`"
        }
        Rule::negation_mode => "`suppress` or `mark`",
        Rule::compound_mode => "`split` or `keep`",
        Rule::compete_mode => "`longest` or `priority`",
        Rule::discard_decl => "an item",
        Rule::discard_scope => "`sentence` or `document`",
        Rule::category => "`v` or `n`",
        Rule::rule_body | Rule::pattern => "a pattern in double quotes",
        Rule::slot_decl => "a slot type like `X: Actor`",
        Rule::slot_name => "a slot like `X`",
        Rule::priority_option | Rule::passive_option | Rule::coordination_option => {
            "an option (`priority`, `passive`, `coordination`)"
        }
        Rule::close_group => "`)`",
        Rule::close_optional => "`]`",
        Rule::switch => "`on` or `off`",
        Rule::passive_mode => "`on`, `off` or `as written`",
        Rule::event_emit | Rule::entity_emit => "`=>`",
        Rule::record_fields => "`{`",
        Rule::field_binding => "a field binding like `actor: X`",
        Rule::code_expr | Rule::slot_code => "a code like `S.code` or \"MIL\"",
        Rule::example | Rule::counterexample => "`example` or `counterexample`",
        Rule::case_date => "`date \"YYYY-MM-DD\"`",
        Rule::expected => "the expected record",
        Rule::expected_field => "a field like `actor: \"Russia\"`",
        Rule::negated_mark => "`negated`",
        Rule::modality_mark => "a modality (`future`, `intended`, `threatened`, …)",
        Rule::todo_mark => "`todo`",
        Rule::alternatives | Rule::sequence | Rule::group | Rule::optional | Rule::gap => {
            PATTERN_ELEMENT
        }
        Rule::class_ref
        | Rule::exact_word
        | Rule::word
        | Rule::punct
        | Rule::stray
        | Rule::read_element
        | Rule::noun_phrase
        | Rule::not_next => PATTERN_ELEMENT,
        Rule::gap_bounds => "`{min,max}`",
        Rule::gap_except => "`except` and a one-word element",
        _ => return None,
    })
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (RuleFile, Vec<Diagnostic>) {
        parse_file(FileId(0), text)
    }

    #[test]
    fn chunks_start_at_item_keywords_in_column_zero() {
        let text = "# head\ntype A\n  rule inside\nrule r\nwordsmith\n";
        let starts: Vec<usize> = chunks(text).iter().map(|(o, _)| *o).collect();
        assert_eq!(starts, vec![0, 7, 28]);
    }

    #[test]
    fn one_error_per_broken_item_and_the_rest_still_parse() {
        let (file, diagnostics) = parse("type A\ntype B :\ntype C : A\nevent E {\n");
        assert_eq!(file.items.len(), 2);
        assert_eq!(diagnostics.len(), 2);
    }

    #[test]
    fn pattern_elements_parse_with_spans() {
        let text = r#"rule r
  "X intervene ...{0,4} against [the] (y | z w) @force =led , N"
  => E
"#;
        let (file, diagnostics) = parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Item::Rule(rule) = &file.items[0] else {
            panic!("not a rule")
        };
        let NodeKind::Seq(elements) = &rule.patterns[0].root.kind else {
            panic!("not a sequence")
        };
        let kinds: Vec<String> = elements
            .iter()
            .map(|n| match &n.kind {
                NodeKind::Slot(s) => format!("slot {}", s.text),
                NodeKind::Word { text, exact } => format!("word {text} {exact}"),
                NodeKind::Gap { min, max, .. } => format!("gap {min:?} {max:?}"),
                NodeKind::Optional(_) => "optional".into(),
                NodeKind::Alt(b) => format!("alt {}", b.len()),
                NodeKind::Class(c) => format!("class {}", c.text),
                NodeKind::Punct(p) => format!("punct {p}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "slot X",
                "word intervene false",
                "gap Some(0) Some(4)",
                "word against false",
                "optional",
                "alt 2",
                "class force",
                "word led true",
                "punct ,",
                "slot N"
            ]
        );
        assert_eq!(
            &text[elements[5].span.start..elements[5].span.end],
            "(y | z w)"
        );
    }

    #[test]
    fn escapes_resolve_and_unknown_ones_are_reported() {
        let (file, diagnostics) = parse(r#"import "a\"b\\c\u{e9}\q""#);
        assert_eq!(
            file.items,
            vec![Item::Import(StringLit {
                value: "a\"b\\cé".into(),
                span: Span::new(FileId(0), 7, 24),
            })]
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].labels[0].span, Span::new(FileId(0), 21, 23));
    }

    #[test]
    fn unclosed_quotes_are_found_at_their_opening_quote() {
        let one = |text: &str| {
            let (_, diagnostics) = parse(text);
            assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
            let d = &diagnostics[0];
            let at: Vec<usize> = d.labels.iter().map(|l| l.span.start).collect();
            (d.code, d.message.clone(), at)
        };
        // An escaped quote does not close a string; a `#` inside one is no comment.
        let text = "rule r\n  \"X buy Y\"\n  => E\n  example \"a \\\" # b\n";
        assert_eq!(
            one(text),
            (
                "unclosed-quote",
                "unclosed quote: a string ends on the line it starts".to_string(),
                vec![text.find("\"a").expect("quote")]
            )
        );
        // A quote in a comment is not one.
        let text = "rule r # \"\n  \"X buy\n  => E\n";
        assert_eq!(one(text).2, vec![text.find("\"X").expect("quote")]);
        // Other syntax errors stay what they were.
        assert_eq!(one("rule r\n  \"X buy\" =>\n").0, "syntax");
    }

    #[test]
    fn a_huge_file_parses_item_by_item() {
        let rule =
            "rule r\n  \"X attack ...{0,3} (y | z w) [in Z]\"\n  X: A  Z: P\n  => E { a: X }\n";
        let text: String = (0..10_000)
            .map(|i| rule.replace("rule r", &format!("rule r{i}")))
            .collect();
        let (file, diagnostics) = parse(&text);
        assert!(diagnostics.is_empty());
        assert_eq!(file.items.len(), 10_000);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!(
            "rule r\n \"{}x{}\"\n => E\n",
            "(".repeat(100_000),
            ")".repeat(100_000)
        );
        let (_, diagnostics) = parse(&deep);
        assert_eq!(diagnostics[0].code, "nesting-too-deep");
    }
}
