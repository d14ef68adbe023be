//! Every name in a pack's syntax trees and lexicons, as a definition or a
//! reference of a symbol: what go to definition, find references and
//! hover look up. Built from the syntax alone, so it works on a pack with
//! errors too.

use std::collections::HashMap;

use crate::lang::FileId;
use crate::lang::ast::*;
use crate::lang::lexicon::LexiconRow;
use crate::lang::source::Span;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// An entity type or an event (they share one namespace).
    Name(String),
    Class(String),
    Rule(String),
    /// A slot of one rule.
    Slot {
        rule: String,
        name: String,
    },
    /// A field, owned by the event that declares it (a subtype's record
    /// refers to its parent's field).
    Field {
        owner: String,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub symbol: Symbol,
    pub definition: bool,
}

#[derive(Debug, Default)]
pub struct Index {
    occurrences: Vec<Occurrence>,
}

impl Index {
    pub fn build(syntax: &[RuleFile], lexicon_rows: &[LexiconRow]) -> Index {
        let events = EventFields::new(syntax);
        let mut builder = Builder {
            events: &events,
            out: Vec::new(),
        };
        for file in syntax {
            for item in &file.items {
                builder.item(item);
            }
        }
        for row in lexicon_rows {
            builder.reference(row.type_span, Symbol::Name(row.type_name.clone()));
        }
        Index {
            occurrences: builder.out,
        }
    }

    /// The occurrence under a byte offset (its end included, so a cursor
    /// just after a name finds it).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.span.file == file && o.span.start <= offset && offset <= o.span.end)
            .min_by_key(|o| o.span.len())
    }

    pub fn definitions<'a>(&'a self, symbol: &'a Symbol) -> impl Iterator<Item = Span> + 'a {
        self.occurrences
            .iter()
            .filter(move |o| o.definition && &o.symbol == symbol)
            .map(|o| o.span)
    }

    /// Every occurrence of a symbol, in file order; with or without its
    /// definitions.
    pub fn references(&self, symbol: &Symbol, with_definitions: bool) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .occurrences
            .iter()
            .filter(|o| &o.symbol == symbol && (with_definitions || !o.definition))
            .map(|o| o.span)
            .collect();
        spans.sort_by_key(|s| (s.file, s.start));
        spans
    }
}

/// Which event declares each field, through the parents.
struct EventFields<'a> {
    parents: HashMap<&'a str, &'a str>,
    fields: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> EventFields<'a> {
    fn new(syntax: &'a [RuleFile]) -> EventFields<'a> {
        let mut parents = HashMap::new();
        let mut fields = HashMap::new();
        for item in syntax.iter().flat_map(|f| &f.items) {
            if let Item::Event(decl) = item {
                if let Some(parent) = &decl.parent {
                    parents.insert(decl.name.text.as_str(), parent.text.as_str());
                }
                fields.insert(
                    decl.name.text.as_str(),
                    decl.fields.iter().map(|f| f.name.text.as_str()).collect(),
                );
            }
        }
        EventFields { parents, fields }
    }

    /// The event, `event` or an ancestor, that declares `field`; `event`
    /// itself when none does (an unknown field still finds its uses).
    fn owner(&self, event: &str, field: &str) -> String {
        let mut current = Some(event);
        for _ in 0..=self.parents.len() {
            let Some(name) = current else { break };
            if self.fields.get(name).is_some_and(|f| f.contains(&field)) {
                return name.to_string();
            }
            current = self.parents.get(name).copied();
        }
        event.to_string()
    }
}

struct Builder<'a> {
    events: &'a EventFields<'a>,
    out: Vec<Occurrence>,
}

impl Builder<'_> {
    fn definition(&mut self, span: Span, symbol: Symbol) {
        self.out.push(Occurrence {
            span,
            symbol,
            definition: true,
        });
    }

    fn reference(&mut self, span: Span, symbol: Symbol) {
        self.out.push(Occurrence {
            span,
            symbol,
            definition: false,
        });
    }

    fn name_ref(&mut self, name: &Name) {
        self.reference(name.span, Symbol::Name(name.text.clone()));
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Import(_) | Item::Lexicon(_) | Item::Discard(_) => {}
            Item::Type(decl) => {
                self.definition(decl.name.span, Symbol::Name(decl.name.text.clone()));
                if let Some(parent) = &decl.parent {
                    self.name_ref(parent);
                }
            }
            Item::Words(decl) => {
                self.definition(decl.name.span, Symbol::Class(decl.name.text.clone()));
            }
            Item::Event(decl) => {
                let event = &decl.name.text;
                self.definition(decl.name.span, Symbol::Name(event.clone()));
                if let Some(parent) = &decl.parent {
                    self.name_ref(parent);
                }
                for field in &decl.fields {
                    let symbol = Symbol::Field {
                        owner: event.clone(),
                        name: field.name.text.clone(),
                    };
                    self.definition(field.name.span, symbol);
                    for ty in &field.types {
                        self.name_ref(ty);
                    }
                }
            }
            Item::Rule(rule) => self.rule(rule),
        }
    }

    fn rule(&mut self, rule: &RuleDecl) {
        let name = &rule.name.text;
        let slot = |slot: &Name| Symbol::Slot {
            rule: name.clone(),
            name: slot.text.clone(),
        };
        self.definition(rule.name.span, Symbol::Rule(name.clone()));
        for pattern in &rule.patterns {
            self.pattern(name, &pattern.root);
        }
        for decl in &rule.slots {
            self.definition(decl.name.span, slot(&decl.name));
            for ty in &decl.types {
                self.name_ref(ty);
            }
        }
        let emitted_event = match &rule.emit {
            Emit::Event { event, fields, .. } => {
                self.name_ref(event);
                for (field, bound) in fields {
                    let owner = self.events.owner(&event.text, &field.text);
                    self.reference(
                        field.span,
                        Symbol::Field {
                            owner,
                            name: field.text.clone(),
                        },
                    );
                    self.reference(bound.span, slot(bound));
                }
                Some(event.text.as_str())
            }
            Emit::Entity { ty, code, .. } => {
                self.name_ref(ty);
                for term in code {
                    if let CodeTerm::SlotCode(bound) = term {
                        self.reference(bound.span, slot(bound));
                    }
                }
                None
            }
        };
        for case in &rule.cases {
            let Some(expected) = &case.expected else {
                continue;
            };
            self.name_ref(&expected.ty);
            let Some(event) = emitted_event else { continue };
            for (field, _) in &expected.fields {
                let owner = self.events.owner(event, &field.text);
                self.reference(
                    field.span,
                    Symbol::Field {
                        owner,
                        name: field.text.clone(),
                    },
                );
            }
        }
    }

    fn pattern(&mut self, rule: &str, node: &Node) {
        match &node.kind {
            NodeKind::Seq(nodes) | NodeKind::Alt(nodes) => {
                for node in nodes {
                    self.pattern(rule, node);
                }
            }
            NodeKind::Optional(inner) | NodeKind::NotNext(inner) | NodeKind::Category(inner, _) => {
                self.pattern(rule, inner)
            }
            NodeKind::Gap {
                except: Some(inner),
                ..
            } => self.pattern(rule, inner),
            NodeKind::Class(class) => {
                self.reference(class.span, Symbol::Class(class.text.clone()));
            }
            NodeKind::Slot(slot) => self.reference(
                slot.span,
                Symbol::Slot {
                    rule: rule.to_string(),
                    name: slot.text.clone(),
                },
            ),
            NodeKind::Gap { .. }
            | NodeKind::NounPhrase
            | NodeKind::Word { .. }
            | NodeKind::Punct(_)
            | NodeKind::Stray(_) => {}
        }
    }
}
