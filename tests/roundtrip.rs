//! Parse round trips on valid packs: printing a file's syntax tree and
//! parsing the print gives the same tree, and every item re-parsed from its
//! own span gives the same item. Spans are compared separately from shape.

use evrule::lang::ast::*;
use evrule::lang::source::FileId;
use evrule::lang::syntax::parse_file;

/// Valid rule files: the shipped pack, the valid check fixtures, and the
/// example packs of the language reference.
fn valid_files() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    let mut rule_files: Vec<_> = std::fs::read_dir(format!("{root}/rules/conflict"))
        .expect("read the pack")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "evr"))
        .collect();
    rule_files.sort();
    for path in rule_files {
        files.push((
            path.display().to_string(),
            std::fs::read_to_string(&path).expect("read"),
        ));
    }
    let fixtures = [
        std::fs::read_to_string(format!("{root}/tests/check/valid/full_language.txt"))
            .expect("read"),
        std::fs::read_to_string(format!("{root}/tests/matcher/pack.txt")).expect("read"),
        std::fs::read_to_string(format!("{root}/docs/LANGUAGE.md")).expect("read"),
    ];
    for fixture in fixtures {
        let mut current: Option<(String, String)> = None;
        for line in fixture.lines() {
            if let Some(name) = line.strip_prefix("=== ") {
                files.extend(current.take());
                current = name
                    .ends_with(".evr")
                    .then(|| (name.to_string(), String::new()));
            } else if line.starts_with("```") || line.starts_with("# ") && current.is_none() {
                files.extend(current.take());
            } else if let Some((_, text)) = &mut current {
                text.push_str(line);
                text.push('\n');
            }
        }
        files.extend(current.take());
    }
    files
}

/// The tree's Debug form without spans: its shape.
fn shape<T: std::fmt::Debug>(tree: &T) -> String {
    let debug = format!("{tree:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let close = rest[at..].find('}').expect("span closes");
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn printed_trees_parse_back_to_the_same_tree() {
    let files = valid_files();
    assert!(files.len() >= 20, "found only {} files", files.len());
    for (name, text) in files {
        let (tree, diagnostics) = parse_file(FileId(0), &text);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        let printed = print_file(&tree);
        let (reparsed, diagnostics) = parse_file(FileId(0), &printed);
        assert!(
            diagnostics.is_empty(),
            "{name} printed:\n{printed}\n{diagnostics:?}"
        );
        assert_eq!(shape(&tree), shape(&reparsed), "{name} printed:\n{printed}");
    }
}

#[test]
fn every_item_reparses_from_its_own_span() {
    for (name, text) in valid_files() {
        let (tree, _) = parse_file(FileId(0), &text);
        for item in &tree.items {
            let span = item_span(item);
            // Imports and lexicons keep the span of their path only.
            let source = match item {
                Item::Import(_) => format!("import {}", &text[span.start..span.end]),
                Item::Lexicon(_) => format!("lexicon {}", &text[span.start..span.end]),
                _ => text[span.start..span.end].to_string(),
            };
            let (alone, diagnostics) = parse_file(FileId(0), &source);
            assert!(diagnostics.is_empty(), "{name}: {source:?}");
            assert_eq!(alone.items.len(), 1, "{name}: {source:?}");
            assert_eq!(shape(&alone.items[0]), shape(item), "{name}");
        }
    }
}

fn item_span(item: &Item) -> evrule::lang::Span {
    match item {
        Item::Import(s) | Item::Lexicon(s) => s.span,
        Item::Type(t) => t.span,
        Item::Words(w) => w.span,
        Item::Discard(d) => d.span,
        Item::Event(e) => e.span,
        Item::Rule(r) => r.span,
    }
}

// ---------------------------------------------------------------- printer

fn print_file(file: &RuleFile) -> String {
    let mut out = String::new();
    for item in &file.items {
        out.push_str(&print_item(item));
        out.push('\n');
    }
    out
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn names(names: &[Name]) -> String {
    names
        .iter()
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn entries(entries: &[WordEntry]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|e| format!("{}{}", if e.exact { "=" } else { "" }, e.words.join(" ")))
        .collect();
    entries.join(", ")
}

fn print_item(item: &Item) -> String {
    match item {
        Item::Import(path) => format!("import {}", quote(&path.value)),
        Item::Lexicon(path) => format!("lexicon {}", quote(&path.value)),
        Item::Type(t) => match &t.parent {
            Some(parent) => format!("type {} : {}", t.name.text, parent.text),
            None => format!("type {}", t.name.text),
        },
        Item::Words(w) => {
            let op = match w.op {
                WordsOp::Set => "=",
                WordsOp::Add => "+=",
                WordsOp::Remove => "-=",
            };
            format!("words {} {op} {}", w.name.text, entries(&w.entries))
        }
        Item::Discard(d) => format!(
            "discard {} = {}",
            match d.scope {
                DiscardScope::Sentence => "sentence",
                DiscardScope::Document => "document",
            },
            entries(&d.entries)
        ),
        Item::Event(e) => {
            let mut out = format!("event {}", e.name.text);
            if let Some(parent) = &e.parent {
                out.push_str(&format!(" : {}", parent.text));
            }
            if !e.fields.is_empty() {
                let fields: Vec<String> = e
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{}: {}{}",
                            f.name.text,
                            names(&f.types),
                            if f.optional { "?" } else { "" }
                        )
                    })
                    .collect();
                out.push_str(&format!(" {{ {} }}", fields.join(", ")));
            }
            if let Some(code) = &e.code {
                out.push_str(&format!(" code {}", quote(&code.value)));
            }
            if let Some(label) = &e.label {
                out.push_str(&format!(" label {}", quote(&label.value)));
            }
            if let Some((mode, _)) = e.negation {
                out.push_str(match mode {
                    NegationMode::Suppress => " negation suppress",
                    NegationMode::Mark => " negation mark",
                });
            }
            if let Some((mode, _)) = e.modality {
                out.push_str(match mode {
                    NegationMode::Suppress => " modality suppress",
                    NegationMode::Mark => " modality mark",
                });
                if !e.modality_except.is_empty() {
                    out.push_str(&format!(" except {}", e.modality_except.join(", ")));
                }
            }
            if let Some((mode, _)) = e.compound {
                out.push_str(match mode {
                    CompoundMode::Split => " compound split",
                    CompoundMode::Keep => " compound keep",
                });
            }
            if let Some((first, second, _)) = &e.distinct {
                out.push_str(&format!(" distinct {}, {}", first.text, second.text));
            }
            if let Some((mode, _)) = e.compete {
                out.push_str(match mode {
                    CompeteMode::Longest => " compete longest",
                    CompeteMode::Priority => " compete priority",
                });
            }
            for fill in &e.fills {
                let types: Vec<&str> = fill.types.iter().map(|t| t.text.as_str()).collect();
                out.push_str(&format!(
                    " fill {} from sentence {}",
                    fill.field.text,
                    types.join(" | ")
                ));
            }
            out
        }
        Item::Rule(r) => print_rule(r),
    }
}

fn print_rule(r: &RuleDecl) -> String {
    let keyword = match r.kind {
        RuleKind::Event => "rule",
        RuleKind::Entity => "entity",
    };
    let mut out = format!("{keyword} {}\n", r.name.text);
    for pattern in &r.patterns {
        out.push_str(&format!("  \"{}\"\n", print_node(&pattern.root, true)));
    }
    for slot in &r.slots {
        out.push_str(&format!("  {}: {}\n", slot.name.text, names(&slot.types)));
    }
    if let Some((priority, _)) = r.priority {
        out.push_str(&format!("  priority {priority}\n"));
    }
    if let Some((mode, _)) = r.passive {
        let mode = match mode {
            PassiveMode::Derive => "on",
            PassiveMode::Off => "off",
            PassiveMode::AsWritten => "as written",
        };
        out.push_str(&format!("  passive {mode}\n"));
    }
    if let Some((on, _)) = r.coordination {
        out.push_str(&format!(
            "  coordination {}\n",
            if on { "on" } else { "off" }
        ));
    }
    match &r.emit {
        Emit::Event { event, fields, .. } => {
            out.push_str(&format!("  => {}", event.text));
            if !fields.is_empty() {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(f, s)| format!("{}: {}", f.text, s.text))
                    .collect();
                out.push_str(&format!(" {{ {} }}", fields.join(", ")));
            }
        }
        Emit::Entity { ty, code, .. } => {
            out.push_str(&format!("  => {}", ty.text));
            if !code.is_empty() {
                let terms: Vec<String> = code
                    .iter()
                    .map(|t| match t {
                        CodeTerm::SlotCode(slot) => format!("{}.code", slot.text),
                        CodeTerm::Literal(s) => quote(&s.value),
                    })
                    .collect();
                out.push_str(&format!(" code {}", terms.join(" + ")));
            }
        }
    }
    out.push('\n');
    for case in &r.cases {
        let keyword = if case.counter {
            "counterexample"
        } else {
            "example"
        };
        out.push_str(&format!("  {keyword} {}", quote(&case.text.value)));
        if let Some(date) = &case.date {
            out.push_str(&format!(" date {}", quote(&date.value)));
        }
        if let Some(expected) = &case.expected {
            out.push_str(&format!(" => {}", expected.ty.text));
            if !expected.fields.is_empty() {
                let fields: Vec<String> = expected
                    .fields
                    .iter()
                    .map(|(n, v)| format!("{}: {}", n.text, quote(&v.value)))
                    .collect();
                out.push_str(&format!(" {{ {} }}", fields.join(", ")));
            }
            if expected.negated {
                out.push_str(" negated");
            }
            if let Some(modality) = &expected.modality {
                out.push_str(&format!(" {modality}"));
            }
        }
        if case.todo {
            out.push_str(" todo");
        }
        out.push('\n');
    }
    out
}

fn print_node(node: &Node, top: bool) -> String {
    match &node.kind {
        NodeKind::Seq(parts) => parts
            .iter()
            .map(|p| print_node(p, false))
            .collect::<Vec<_>>()
            .join(" "),
        NodeKind::Alt(branches) => {
            let inner = branches
                .iter()
                .map(|b| print_node(b, false))
                .collect::<Vec<_>>()
                .join(" | ");
            if top { inner } else { format!("({inner})") }
        }
        NodeKind::Optional(inner) => format!("[{}]", print_node(inner, true)),
        NodeKind::Gap { min, max, except } => {
            let except = except
                .as_ref()
                .map(|inner| format!("except {}", print_node(inner, false)));
            let bounds = match (min, max) {
                (None, None) => None,
                (Some(a), Some(b)) if a == b => Some(a.to_string()),
                (a, b) => Some(format!("{},{}", a.unwrap_or(0), b.unwrap_or(0))),
            };
            match (bounds, except) {
                (None, None) => "...".to_string(),
                (Some(bounds), None) => format!("...{{{bounds}}}"),
                (None, Some(except)) => format!("...{{{except}}}"),
                (Some(bounds), Some(except)) => format!("...{{{bounds} {except}}}"),
            }
        }
        NodeKind::Word { text, exact } => format!("{}{text}", if *exact { "=" } else { "" }),
        NodeKind::Punct(p) => p.clone(),
        NodeKind::Class(name) => format!("@{}", name.text),
        NodeKind::Slot(name) => name.text.clone(),
        NodeKind::Stray(text) => text.clone(),
        NodeKind::NotNext(inner) => format!("!{}", print_node(inner, false)),
        NodeKind::Category(inner, category) => format!(
            "{}:{}",
            print_node(inner, false),
            match category {
                WordCategory::Verb => "v",
                WordCategory::Noun => "n",
            }
        ),
        NodeKind::NounPhrase => "^".to_string(),
    }
}
