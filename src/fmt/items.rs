//! The canonical layout of each item kind, one function each. A function
//! destructures its AST node completely, so that new syntax (a new field
//! in the AST) fails to compile here until its layout is written.
//!
//! Patterns and strings are copied as written; only the layout around
//! them is normalised. Where the author broke a list across lines (word
//! class entries, fields, slot types, an example's `=>`), the break is
//! kept at a fixed indent.

use crate::lang::ast::*;
use crate::lang::source::Span;

use super::layout::{Builder, Column};

/// Indent of a rule's parts and of an event's options on their own line.
const BODY: usize = 2;
/// Extra indent of a list continued on the next line.
const CONTINUED: usize = 4;
/// Indent of an example's `=> Record` on its own line, under the text.
const EXPECTED: usize = 7;

/// Where an item starts in the source (its keyword).
pub fn item_start(source: &str, item: &Item) -> usize {
    match item {
        Item::Import(path) | Item::Lexicon(path) => {
            let line = super::comments::line_start(source, path.span.start);
            line + (source[line..].len() - source[line..].trim_start().len())
        }
        Item::Type(decl) => decl.span.start,
        Item::Words(decl) => decl.span.start,
        Item::Discard(decl) => decl.span.start,
        Item::Event(decl) => decl.span.start,
        Item::Rule(decl) => decl.span.start,
    }
}

/// Where an item ends in the source (its last token).
pub fn item_end(item: &Item) -> usize {
    match item {
        Item::Import(path) | Item::Lexicon(path) => path.span.end,
        Item::Type(decl) => decl.span.end,
        Item::Words(decl) => decl.span.end,
        Item::Discard(decl) => decl.span.end,
        Item::Event(decl) => decl.span.end,
        Item::Rule(decl) => decl.span.end,
    }
}

/// Whether an item is a paragraph of its own, set off by blank lines.
pub fn is_paragraph(item: &Item) -> bool {
    matches!(item, Item::Rule(_))
}

/// Lays out one item.
pub fn item(b: &mut Builder, source: &str, item: &Item) {
    let start = item_start(source, item);
    match item {
        Item::Import(path) => path_item(b, "import", path, start),
        Item::Lexicon(path) => path_item(b, "lexicon", path, start),
        Item::Type(decl) => type_decl(b, decl),
        Item::Words(decl) => words_decl(b, decl),
        Item::Discard(decl) => discard_decl(b, decl),
        Item::Event(decl) => event_decl(b, decl),
        Item::Rule(decl) => rule_decl(b, decl),
    }
}

/// `import "path"`, `lexicon "path"`
fn path_item(b: &mut Builder, keyword: &str, path: &StringLit, start: usize) {
    b.line(0, start);
    b.text(keyword);
    b.text(" ");
    b.verbatim(path.span);
}

/// `type Name : Parent`
fn type_decl(b: &mut Builder, decl: &TypeDecl) {
    let TypeDecl { name, parent, span } = decl;
    b.line(0, span.start);
    b.text("type ");
    b.name(name);
    if let Some(parent) = parent {
        b.align_here(Column::TypeName);
        b.text(" : ");
        b.name(parent);
    }
}

/// `words name = entry, =exact entry, two words`, or a change to a
/// built-in list: `words proper.title += chairman`.
fn words_decl(b: &mut Builder, decl: &WordClassDecl) {
    let WordClassDecl {
        name,
        op,
        entries,
        span,
    } = decl;
    b.line(0, span.start);
    b.text("words ");
    b.name(name);
    b.text(match op {
        WordsOp::Set => " =",
        WordsOp::Add => " +=",
        WordsOp::Remove => " -=",
    });
    if !entries.is_empty() {
        b.text(" ");
    }
    word_entries(b, entries);
}

/// `discard sentence = phrase, other phrase`
fn discard_decl(b: &mut Builder, decl: &DiscardDecl) {
    let DiscardDecl {
        scope,
        entries,
        span,
    } = decl;
    b.line(0, span.start);
    b.text(match scope {
        DiscardScope::Sentence => "discard sentence = ",
        DiscardScope::Document => "discard document = ",
    });
    word_entries(b, entries);
}

/// `entry, =exact entry, two words`, broken where the author broke it.
fn word_entries(b: &mut Builder, entries: &[WordEntry]) {
    for (index, entry) in entries.iter().enumerate() {
        let WordEntry { words, exact, span } = entry;
        if index > 0 {
            b.next_in_list(", ", CONTINUED, span.start);
        }
        if *exact {
            b.text("=");
        }
        b.text(&words.join(" "));
        b.reach(*span);
    }
}

/// `event Name : Parent { field: Type | Other?, … } code "…" label "…"
/// negation mark modality mark compound keep fill location from sentence Place`
fn event_decl(b: &mut Builder, decl: &EventDecl) {
    let EventDecl {
        name,
        parent,
        fields,
        code,
        label,
        negation,
        modality,
        modality_except,
        compound,
        distinct,
        compete,
        fills,
        span,
    } = decl;
    b.line(0, span.start);
    b.text("event ");
    b.name(name);
    if let Some(parent) = parent {
        b.align_here(Column::EventName);
        b.text(" : ");
        b.name(parent);
    }
    if !fields.is_empty() {
        b.text(" { ");
        for (index, field) in fields.iter().enumerate() {
            let FieldDecl {
                name,
                types,
                optional,
                span,
            } = field;
            if index > 0 {
                b.next_in_list(", ", CONTINUED, span.start);
            }
            b.name(name);
            b.text(": ");
            type_union(b, types);
            if *optional {
                b.text("?");
            }
            b.reach(*span);
        }
        b.text(" }");
    }
    // Options may go on a line of their own; what counts is where the
    // keyword (before the string) stands.
    let option = |b: &mut Builder, at: usize| {
        let keyword = word_before(b.source, at);
        b.next_in_list(" ", BODY, keyword);
    };
    if let Some(code) = code {
        option(b, code.span.start);
        b.text("code ");
        b.verbatim(code.span);
    }
    if let Some(label) = label {
        if code.is_some() && !b.broken_at(word_before(b.source, label.span.start)) {
            b.align_here(Column::EventCode);
        }
        option(b, label.span.start);
        b.text("label ");
        b.verbatim(label.span);
    }
    // These options' spans start at their keyword.
    let keyword_option = |b: &mut Builder, span: Span, text: &str| {
        b.next_in_list(" ", BODY, span.start);
        b.text(text);
        b.reach(span);
    };
    let mode = |mode: &NegationMode| match mode {
        NegationMode::Suppress => "suppress",
        NegationMode::Mark => "mark",
    };
    if let Some((negation, span)) = negation {
        keyword_option(b, *span, &format!("negation {}", mode(negation)));
    }
    if let Some((modality, span)) = modality {
        let except = if modality_except.is_empty() {
            String::new()
        } else {
            format!(" except {}", modality_except.join(", "))
        };
        keyword_option(b, *span, &format!("modality {}{except}", mode(modality)));
    }
    if let Some((compound, span)) = compound {
        let compound = match compound {
            CompoundMode::Split => "compound split",
            CompoundMode::Keep => "compound keep",
        };
        keyword_option(b, *span, compound);
    }
    if let Some((first, second, span)) = distinct {
        keyword_option(
            b,
            *span,
            &format!("distinct {}, {}", first.text, second.text),
        );
    }
    if let Some((compete, span)) = compete {
        let compete = match compete {
            CompeteMode::Longest => "compete longest",
            CompeteMode::Priority => "compete priority",
        };
        keyword_option(b, *span, compete);
    }
    for fill in fills {
        let types: Vec<&str> = fill.types.iter().map(|t| t.text.as_str()).collect();
        keyword_option(
            b,
            fill.span,
            &format!(
                "fill {} from sentence {}",
                fill.field.text,
                types.join(" | ")
            ),
        );
    }
}

/// `A | B | C`
fn type_union(b: &mut Builder, types: &[Name]) {
    for (index, ty) in types.iter().enumerate() {
        if index > 0 {
            b.text(" | ");
        }
        b.name(ty);
    }
}

/// A rule in a fixed order: patterns, slot types, options, output, cases.
fn rule_decl(b: &mut Builder, decl: &RuleDecl) {
    let RuleDecl {
        kind,
        name,
        patterns,
        slots,
        priority,
        passive,
        coordination,
        emit,
        cases,
        span,
    } = decl;
    b.line(0, span.start);
    b.text(match kind {
        RuleKind::Event => "rule ",
        RuleKind::Entity => "entity ",
    });
    b.name(name);
    for pattern in patterns {
        let Pattern { root: _, span } = pattern;
        b.line(BODY, span.start);
        b.verbatim(*span);
    }
    slot_decls(b, slots);
    if let Some((value, span)) = priority {
        b.line(BODY, span.start);
        b.text(&format!("priority {value}"));
        b.reach(*span);
    }
    if let Some((mode, span)) = passive {
        b.line(BODY, span.start);
        b.text(match mode {
            PassiveMode::Derive => "passive on",
            PassiveMode::Off => "passive off",
            PassiveMode::AsWritten => "passive as written",
        });
        b.reach(*span);
    }
    if let Some((on, span)) = coordination {
        b.line(BODY, span.start);
        b.text(if *on {
            "coordination on"
        } else {
            "coordination off"
        });
        b.reach(*span);
    }
    rule_output(b, emit);
    for case in cases {
        rule_case(b, case);
    }
}

/// `X: Actor  Y: State | Place`, on one line unless the author broke it.
fn slot_decls(b: &mut Builder, slots: &[SlotDecl]) {
    for (index, slot) in slots.iter().enumerate() {
        let SlotDecl { name, types, span } = slot;
        if index == 0 || b.broken_at(span.start) {
            b.line(BODY, span.start);
        } else {
            b.text("  ");
        }
        b.name(name);
        b.text(": ");
        type_union(b, types);
    }
}

/// `=> Event { field: X, … }` or `=> Type code S.code + "MIL"`
fn rule_output(b: &mut Builder, emit: &Emit) {
    match emit {
        Emit::Event {
            event,
            fields,
            span,
        } => {
            b.line(BODY, span.start);
            b.text("=> ");
            b.name(event);
            if !fields.is_empty() {
                b.text(" { ");
                for (index, (field, slot)) in fields.iter().enumerate() {
                    if index > 0 {
                        b.next_in_list(", ", BODY + CONTINUED, field.span.start);
                    }
                    b.name(field);
                    b.text(": ");
                    b.name(slot);
                }
                b.text(" }");
            }
            b.reach(*span);
        }
        Emit::Entity { ty, code, span } => {
            b.line(BODY, span.start);
            b.text("=> ");
            b.name(ty);
            for (index, term) in code.iter().enumerate() {
                b.text(if index == 0 { " code " } else { " + " });
                match term {
                    CodeTerm::SlotCode(slot) => {
                        b.name(slot);
                        b.text(".code");
                    }
                    CodeTerm::Literal(literal) => b.verbatim(literal.span),
                }
            }
            b.reach(*span);
        }
    }
}

/// `example "text" date "2015-06-01" => Record { field: "text" } negated todo`,
/// `counterexample "text" todo`
fn rule_case(b: &mut Builder, case: &Case) {
    let Case {
        counter,
        text,
        date,
        expected,
        todo,
        span,
    } = case;
    b.line(BODY, span.start);
    b.text(if *counter {
        "counterexample "
    } else {
        "example "
    });
    b.verbatim(text.span);
    if let Some(date) = date {
        b.text(" date ");
        b.verbatim(date.span);
    }
    let before_arrow = date.as_ref().map_or(text.span.end, |d| d.span.end);
    if let Some(expected) = expected {
        let Expected {
            ty,
            fields,
            negated,
            modality,
            span,
        } = expected;
        match arrow_before(b.source, before_arrow, span.start) {
            Some(arrow) if b.broken_at(arrow) => b.line(EXPECTED, arrow),
            _ => b.text(" "),
        }
        b.text("=> ");
        b.name(ty);
        if !fields.is_empty() {
            b.text(" { ");
            let indent = b.indent() + CONTINUED;
            for (index, (field, value)) in fields.iter().enumerate() {
                if index > 0 {
                    b.next_in_list(", ", indent, field.span.start);
                }
                b.name(field);
                b.text(": ");
                b.verbatim(value.span);
            }
            b.text(" }");
        }
        if *negated {
            b.text(" negated");
        }
        if let Some(modality) = modality {
            b.text(" ");
            b.text(modality);
        }
        b.reach(*span);
    }
    if *todo {
        b.text(" todo");
    }
    b.reach(*span);
}

/// The start of the word before `offset` (an option's keyword).
fn word_before(source: &str, offset: usize) -> usize {
    let before = source[..offset].trim_end();
    let word = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    word.min(offset)
}

/// The offset of the `=>` between an example's text and its record
/// (skipping comments, which may hold `=>` too).
fn arrow_before(source: &str, from: usize, to: usize) -> Option<usize> {
    let mut offset = from;
    for line in source[from..to].split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("");
        if let Some(at) = code.find("=>") {
            return Some(offset + at);
        }
        offset += line.len();
    }
    None
}
