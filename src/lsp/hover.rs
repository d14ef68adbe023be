//! Hover texts (Markdown): a type's place in the taxonomy, an event's
//! fields, code and label, a word class's entries with the forms they
//! match, a rule's patterns and output, a slot's or a field's types.

use std::collections::BTreeMap;

use crate::compile::words::{Forms, surface_forms};
use crate::lang::ast::*;
use crate::lang::builtin_lists::{BuiltinList, builtin_list};
use crate::lang::pack::BUILTIN_TYPES;
use crate::lang::source::Span;
use crate::text::fold;

use super::analysis::Analysis;
use super::symbols::Symbol;

/// Entries of a word class shown before "… and N more".
const SHOWN_ENTRIES: usize = 30;
/// Names listed before "… and N more".
const SHOWN_NAMES: usize = 20;

/// Declarations by name, from the syntax trees.
pub struct Decls<'a> {
    pub types: BTreeMap<&'a str, &'a TypeDecl>,
    pub events: BTreeMap<&'a str, &'a EventDecl>,
    pub classes: BTreeMap<&'a str, &'a WordClassDecl>,
    pub rules: BTreeMap<&'a str, &'a RuleDecl>,
}

impl<'a> Decls<'a> {
    pub fn new(syntax: &'a [RuleFile]) -> Decls<'a> {
        let mut decls = Decls {
            types: BTreeMap::new(),
            events: BTreeMap::new(),
            classes: BTreeMap::new(),
            rules: BTreeMap::new(),
        };
        for item in syntax.iter().flat_map(|f| &f.items) {
            match item {
                Item::Import(_) | Item::Lexicon(_) | Item::Discard(_) => {}
                Item::Type(d) => {
                    decls.types.entry(&d.name.text).or_insert(d);
                }
                Item::Event(d) => {
                    decls.events.entry(&d.name.text).or_insert(d);
                }
                Item::Words(d) => {
                    decls.classes.entry(&d.name.text).or_insert(d);
                }
                Item::Rule(d) => {
                    decls.rules.entry(&d.name.text).or_insert(d);
                }
            }
        }
        decls
    }

    /// Names of the types (built-ins included) in the pack.
    pub fn type_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = BUILTIN_TYPES.iter().map(|(n, _)| *n).collect();
        names.extend(self.types.keys());
        names
    }

    fn type_parent(&self, name: &str) -> Option<&'a str> {
        self.types
            .get(name)
            .and_then(|d| d.parent.as_ref())
            .map(|p| p.text.as_str())
    }

    fn event_parent(&self, name: &str) -> Option<&'a str> {
        self.events
            .get(name)
            .and_then(|d| d.parent.as_ref())
            .map(|p| p.text.as_str())
    }

    /// `name` and its ancestors, most specific first (cycles cut).
    fn chain(&self, name: &'a str, parent: impl Fn(&str) -> Option<&'a str>) -> Vec<&'a str> {
        let mut chain = vec![name];
        while let Some(next) = parent(chain[chain.len() - 1]) {
            if chain.contains(&next) {
                break;
            }
            chain.push(next);
        }
        chain
    }

    pub fn event_chain(&self, name: &'a str) -> Vec<&'a str> {
        self.chain(name, |n| self.event_parent(n))
    }

    /// An event's fields, inherited ones first, each with the event declaring it.
    pub fn event_fields(&self, name: &'a str) -> Vec<(&'a str, &'a FieldDecl)> {
        let mut fields = Vec::new();
        for event in self.event_chain(name).into_iter().rev() {
            if let Some(decl) = self.events.get(event) {
                fields.extend(decl.fields.iter().map(|f| (event, f)));
            }
        }
        fields
    }
}

/// The hover text of a symbol.
pub fn hover(analysis: &Analysis, symbol: &Symbol) -> Option<String> {
    let decls = Decls::new(&analysis.syntax);
    match symbol {
        Symbol::Name(name) => {
            if decls.events.contains_key(name.as_str()) {
                Some(event_hover(analysis, &decls, name))
            } else {
                type_hover(analysis, &decls, name)
            }
        }
        Symbol::Class(name) => match builtin_list(name) {
            Some(list) => Some(builtin_list_hover(analysis, list)),
            None => decls
                .classes
                .get(name.as_str())
                .map(|d| class_hover(analysis, &decls, d)),
        },
        Symbol::Rule(name) => decls
            .rules
            .get(name.as_str())
            .map(|d| rule_hover(analysis, d)),
        Symbol::Slot { rule, name } => {
            let decl = decls.rules.get(rule.as_str())?;
            let types = decl
                .slots
                .iter()
                .find(|s| &s.name.text == name)
                .map_or("no type declared".to_string(), |s| union(&s.types));
            Some(format!("**slot** `{name}` of rule `{rule}`: {types}"))
        }
        Symbol::Field { owner, name } => {
            let field = decls
                .events
                .get(owner.as_str())?
                .fields
                .iter()
                .find(|f| &f.name.text == name)?;
            Some(format!(
                "**field** `{name}` of event `{owner}`: {}{}",
                union(&field.types),
                if field.optional {
                    " (optional)"
                } else {
                    " (required)"
                }
            ))
        }
    }
}

fn location(analysis: &Analysis, span: Span) -> String {
    analysis.sources.location(span)
}

fn union(types: &[Name]) -> String {
    types
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    let shown: Vec<String> = names
        .iter()
        .take(SHOWN_NAMES)
        .map(|n| format!("`{n}`"))
        .collect();
    let more = names.len().saturating_sub(SHOWN_NAMES);
    if more > 0 {
        format!("{} … and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn type_hover(analysis: &Analysis, decls: &Decls, name: &str) -> Option<String> {
    let builtin = BUILTIN_TYPES.iter().find(|(n, _)| *n == name);
    let decl = decls.types.get(name);
    if builtin.is_none() && decl.is_none() {
        return None;
    }
    let mut out = format!("**type** `{name}`");
    match (builtin, decl) {
        (Some((_, description)), _) => out.push_str(&format!(" (built in): {description}")),
        (None, Some(decl)) => out.push_str(&format!(" — {}", location(analysis, decl.name.span))),
        (None, None) => {}
    }
    let chain = decls.chain(decls.type_names().into_iter().find(|n| *n == name)?, |n| {
        decls.type_parent(n)
    });
    out.push_str(&format!("\n\nTaxonomy: {}", chain.join(" → ")));
    let children: Vec<&str> = decls
        .types
        .values()
        .filter(|d| d.parent.as_ref().is_some_and(|p| p.text == name))
        .map(|d| d.name.text.as_str())
        .collect();
    let descendants: Vec<&str> = decls
        .types
        .keys()
        .copied()
        .filter(|n| *n != name && decls.chain(n, |x| decls.type_parent(x)).contains(&name))
        .collect();
    out.push_str(&format!("\n\nSubtypes: {}", list(&children)));
    if descendants.len() > children.len() {
        out.push_str(&format!(" (all below it: {})", list(&descendants)));
    }
    let rows: Vec<&str> = analysis
        .lexicon_rows
        .iter()
        .filter(|r| r.type_name == name)
        .map(|r| r.phrase.as_str())
        .collect();
    if !rows.is_empty() {
        out.push_str(&format!(
            "\n\nLexicon: {} entr{} ({})",
            rows.len(),
            if rows.len() == 1 { "y" } else { "ies" },
            list(&rows)
        ));
    }
    let builders: Vec<&str> = decls
        .rules
        .values()
        .filter(|r| matches!(&r.emit, Emit::Entity { ty, .. } if ty.text == name))
        .map(|r| r.name.text.as_str())
        .collect();
    if !builders.is_empty() {
        out.push_str(&format!("\n\nBuilt by entity rules: {}", list(&builders)));
    }
    Some(out)
}

fn event_hover(analysis: &Analysis, decls: &Decls, name: &str) -> String {
    let decl = decls.events[name];
    let mut out = format!(
        "**event** `{name}` — {}",
        location(analysis, decl.name.span)
    );
    let chain = decls.event_chain(&decl.name.text);
    let code = chain
        .iter()
        .find_map(|e| decls.events.get(e).and_then(|d| d.code.as_ref()))
        .map(|c| c.value.as_str());
    let mut facts = Vec::new();
    if let Some(code) = code {
        facts.push(format!("code `{code}`"));
    }
    if let Some(label) = &decl.label {
        facts.push(format!("label \"{}\"", label.value));
    }
    if let Some((NegationMode::Mark, _)) = decl.negation {
        facts.push("negation mark".to_string());
    }
    match decl.modality {
        Some((NegationMode::Mark, _)) => facts.push("modality mark".to_string()),
        Some((NegationMode::Suppress, _)) if !decl.modality_except.is_empty() => {
            facts.push(format!(
                "modality suppress except {}",
                decl.modality_except.join(", ")
            ))
        }
        _ => {}
    }
    if let Some((CompoundMode::Keep, _)) = decl.compound {
        facts.push("compound keep".to_string());
    }
    if let Some((CompeteMode::Priority, _)) = decl.compete {
        facts.push("compete priority".to_string());
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}", facts.join(", ")));
    }
    out.push_str(&format!("\n\nTaxonomy: {}", chain.join(" → ")));
    let children: Vec<&str> = decls
        .events
        .values()
        .filter(|d| d.parent.as_ref().is_some_and(|p| p.text == name))
        .map(|d| d.name.text.as_str())
        .collect();
    out.push_str(&format!("\n\nSubtypes: {}", list(&children)));
    let fields = decls.event_fields(&decl.name.text);
    if fields.is_empty() {
        out.push_str("\n\nNo fields.");
    } else {
        out.push_str("\n\nFields:");
        for (owner, field) in fields {
            let inherited = if owner == name {
                String::new()
            } else {
                format!(" (from `{owner}`)")
            };
            out.push_str(&format!(
                "\n- `{}`: {}{}{inherited}",
                field.name.text,
                union(&field.types),
                if field.optional { "?" } else { "" }
            ));
        }
    }
    let emitters: Vec<&str> = decls
        .rules
        .values()
        .filter(|r| matches!(&r.emit, Emit::Event { event, .. } if event.text == name))
        .map(|r| r.name.text.as_str())
        .collect();
    out.push_str(&format!("\n\nEmitted by rules: {}", list(&emitters)));
    out
}

/// The forms one entry matches: each word's forms, `a|b|c`, words apart.
fn entry_forms(entry: &WordEntry) -> String {
    let forms = if entry.exact {
        Forms::Exact
    } else {
        Forms::Inflected
    };
    entry
        .words
        .iter()
        .map(|word| surface_forms(&fold(word), forms).join("|"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A built-in word list: what it is for, its defaults, and the pack's
/// changes to it.
fn builtin_list_hover(analysis: &Analysis, list: &BuiltinList) -> String {
    let shown: Vec<String> = list
        .default
        .iter()
        .take(SHOWN_ENTRIES)
        .map(|e| format!("`{e}`"))
        .collect();
    let more = if list.default.len() > shown.len() {
        format!(", … ({} in all)", list.default.len())
    } else {
        String::new()
    };
    let mut out = format!(
        "**built-in list** `{}` — {}

Defaults: {}{more}",
        list.name,
        list.description,
        shown.join(", ")
    );
    for item in analysis.syntax.iter().flat_map(|f| &f.items) {
        let Item::Words(decl) = item else {
            continue;
        };
        if decl.name.text != list.name {
            continue;
        }
        let op = match decl.op {
            WordsOp::Set => "=",
            WordsOp::Add => "+=",
            WordsOp::Remove => "-=",
        };
        let entries: Vec<String> = decl.entries.iter().map(|e| e.words.join(" ")).collect();
        out.push_str(&format!(
            "\n- `{op} {}` ({})",
            entries.join(", "),
            location(analysis, decl.name.span)
        ));
    }
    out
}

fn class_hover(analysis: &Analysis, decls: &Decls, decl: &WordClassDecl) -> String {
    let name = &decl.name.text;
    let mut out = format!(
        "**words** `{name}` — {} entr{}, {}",
        decl.entries.len(),
        if decl.entries.len() == 1 { "y" } else { "ies" },
        location(analysis, decl.name.span)
    );
    out.push_str("\n\nEntries and the forms they match:");
    for entry in decl.entries.iter().take(SHOWN_ENTRIES) {
        let written = format!(
            "{}{}",
            if entry.exact { "=" } else { "" },
            entry.words.join(" ")
        );
        out.push_str(&format!("\n- `{written}`: {}", entry_forms(entry)));
    }
    if decl.entries.len() > SHOWN_ENTRIES {
        out.push_str(&format!(
            "\n- … and {} more",
            decl.entries.len() - SHOWN_ENTRIES
        ));
    }
    let users: Vec<&str> = analysis
        .index
        .references(&Symbol::Class(name.clone()), false)
        .iter()
        .filter_map(|span| {
            decls
                .rules
                .values()
                .find(|r| {
                    r.span.file == span.file && r.span.start <= span.start && span.end <= r.span.end
                })
                .map(|r| r.name.text.as_str())
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    out.push_str(&format!("\n\nUsed by rules: {}", list(&users)));
    out
}

fn rule_hover(analysis: &Analysis, decl: &RuleDecl) -> String {
    let kind = match decl.kind {
        RuleKind::Event => "rule",
        RuleKind::Entity => "entity",
    };
    let text = analysis.text(decl.span.file);
    let head_end = decl.cases.first().map_or(decl.span.end, |c| c.span.start);
    let head = text[decl.span.start..head_end].trim_end();
    let examples = decl.cases.iter().filter(|c| !c.counter).count();
    let counters = decl.cases.len() - examples;
    format!(
        "**{kind}** `{}` — {}\n\n```evrule\n{head}\n```\n\n{examples} example{}, {counters} counterexample{}",
        decl.name.text,
        location(analysis, decl.name.span),
        if examples == 1 { "" } else { "s" },
        if counters == 1 { "" } else { "s" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::loader::Overrides;

    /// A built-in list hovers as itself, with the pack's changes to it.
    #[test]
    fn a_built_in_list_shows_its_purpose_defaults_and_changes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join("main.evr"),
            "type Company\nwords proper.title += chairman, chief executive\nwords proper.title -= general\n",
        )
        .expect("write");
        let analysis = Analysis::new(dir.path(), &Overrides::default());
        let text = hover(&analysis, &Symbol::Class("proper.title".into())).expect("a hover");
        assert!(
            text.starts_with("**built-in list** `proper.title` — titles before a name"),
            "{text}"
        );
        assert!(text.contains("Defaults: `admiral`, `ambassador`"), "{text}");
        assert!(
            text.contains("\n- `+= chairman, chief executive` (main.evr:2:7)"),
            "{text}"
        );
        assert!(text.contains("\n- `-= general` (main.evr:3:7)"), "{text}");
    }
}
