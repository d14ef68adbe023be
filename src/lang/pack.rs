//! The checked pack: every name resolved to an index, every rule validated.
//!
//! This is the contract between the language stage and the compiler: a
//! `Pack` only exists when the checker found no errors.

use std::path::PathBuf;

use super::ast::{CompeteMode, CompoundMode, DiscardScope, NegationMode, RuleKind, WordCategory};
use super::date::{Date, DateRange};
use super::source::{SourceMap, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub u32);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u32);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub u32);

/// Types every pack has without declaring them.
pub const BUILTIN_TYPES: [(&str, &str); 2] = [
    (
        "Proper",
        "a run of capitalized words no lexicon knows (\"Faydat Ibn Muwaina\")",
    ),
    (
        "Number",
        "a number, with approximators (\"over 40\", \"10,000\", \"a dozen\")",
    ),
];
pub const PROPER: TypeId = TypeId(0);
pub const NUMBER: TypeId = TypeId(1);

#[derive(Debug, Clone)]
pub struct Pack {
    pub root: PathBuf,
    pub sources: SourceMap,
    /// Entity types; the built-ins come first.
    pub types: Vec<TypeDef>,
    pub events: Vec<EventDef>,
    /// The pack's word classes, then every built-in list.
    pub word_classes: Vec<WordClassDef>,
    pub lexicon: Vec<LexiconEntry>,
    /// Phrases that stop coding a sentence or a document.
    pub discards: Vec<DiscardDef>,
    /// Entity and event rules in file order.
    pub rules: Vec<RuleDef>,
    /// Entity rules in cascade order: a rule comes after every rule whose
    /// output one of its slots can take.
    pub entity_order: Vec<RuleId>,
    pub rule_file_count: usize,
    pub lexicon_file_count: usize,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub parent: Option<TypeId>,
    /// `None` for built-in types.
    pub span: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct EventDef {
    pub name: String,
    pub parent: Option<EventId>,
    /// Inherited fields first, then the event's own.
    pub fields: Vec<FieldDef>,
    /// The event's own code, or the nearest ancestor's.
    pub code: Option<String>,
    pub label: Option<String>,
    pub negation: NegationMode,
    /// What a match with a modality cue ("plans to attack") does.
    pub modality: NegationMode,
    /// The modalities (`future`, …) whose matches are emitted and marked
    /// although `modality` is `Suppress`.
    pub modality_kept: Vec<String>,
    pub compound: CompoundMode,
    /// Indices into `fields` of two fields whose codes must differ: a
    /// record where they are equal is dropped.
    pub distinct: Option<(usize, usize)>,
    /// How its family's competing matches are ranked (the root's option).
    pub compete: CompeteMode,
    /// Fields a record takes from the sentence when its rule left them
    /// empty (`fill`), inherited and then the event's own.
    pub fills: Vec<FieldFill>,
    pub span: Span,
}

/// `fill location from sentence Location`: the field (index into
/// `fields`) and the types of the mentions that may fill it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFill {
    pub field: usize,
    pub types: Vec<TypeId>,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub types: Vec<TypeId>,
    pub optional: bool,
}

#[derive(Debug, Clone)]
pub struct WordClassDef {
    /// The class name; dotted for a built-in list (`proper.title`).
    pub name: String,
    pub entries: Vec<WordClassEntry>,
    /// A built-in list (see `lang::builtin_lists`), as the pack changed it.
    pub builtin: bool,
}

#[derive(Debug, Clone)]
pub struct WordClassEntry {
    pub words: Vec<String>,
    pub exact: bool,
}

/// A discard phrase: where it is written and what it stops.
#[derive(Debug, Clone)]
pub struct DiscardDef {
    pub entry: WordClassEntry,
    pub scope: DiscardScope,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct LexiconEntry {
    pub phrase: String,
    pub ty: TypeId,
    pub code: String,
    pub exact: bool,
    /// The document dates this row applies to; a dated row whose range holds
    /// the document's date wins over the undated rows of its phrase and type.
    pub dates: DateRange,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct RuleDef {
    pub name: String,
    pub kind: RuleKind,
    pub patterns: Vec<Pat>,
    pub slots: Vec<SlotDef>,
    pub priority: i64,
    /// Whether passive variants are derived from active verb patterns.
    pub passive: bool,
    /// `passive as written`: the pattern as written also matches a passive
    /// clause, which an active pattern otherwise does not read.
    pub reads_passive_clauses: bool,
    /// Whether coordinated verb phrases are derived from active verb
    /// patterns ("X condemned Y and promised Z").
    pub coordination: bool,
    pub output: RuleOutput,
    pub cases: Vec<CaseDef>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct SlotDef {
    pub name: String,
    pub types: Vec<TypeId>,
}

#[derive(Debug, Clone)]
pub enum RuleOutput {
    /// `(field index in the event's fields, slot index)` pairs.
    Event {
        event: EventId,
        fields: Vec<(usize, usize)>,
    },
    Entity {
        ty: TypeId,
        code: Vec<CodePart>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodePart {
    Slot(usize),
    Literal(String),
}

/// A resolved pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pat {
    pub kind: PatKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatKind {
    Seq(Vec<Pat>),
    Alt(Vec<Pat>),
    Optional(Box<Pat>),
    /// `except`: no token of the gap is one of these words.
    Gap {
        min: u32,
        max: u32,
        except: Option<Box<Pat>>,
    },
    Word {
        text: String,
        exact: bool,
    },
    Punct(String),
    Class(ClassId),
    Slot(usize),
    /// The next token is not one of these words (zero-width).
    NotNext(Box<Pat>),
    /// Words in one reading only (`attack:v`).
    Category(Box<Pat>, WordCategory),
    /// `^`: any noun phrase.
    NounPhrase,
}

#[derive(Debug, Clone)]
pub struct CaseDef {
    pub counter: bool,
    pub text: String,
    /// The date of the example's document (`date "YYYY-MM-DD"`).
    pub date: Option<Date>,
    pub expected: Option<ExpectedDef>,
    /// A known miss: its failure is reported as "todo" and does not fail
    /// the run; its success is reported so that the marker gets removed.
    pub todo: bool,
    pub span: Span,
}

/// An example's expected record: its type, and for each named field the text
/// the argument must have (for entity rules: `text` and `code`).
#[derive(Debug, Clone)]
pub struct ExpectedDef {
    pub type_name: String,
    pub fields: Vec<(String, String)>,
    pub negated: bool,
    pub modality: Option<String>,
}

/// Default and largest bound of a `...` gap, in tokens.
pub const DEFAULT_GAP: u32 = 6;
pub const MAX_GAP: u32 = 64;

impl Pack {
    pub fn type_name(&self, id: TypeId) -> &str {
        &self.types[id.0 as usize].name
    }

    /// The entries of a built-in list (`proper.title`), as the pack left
    /// them; empty for a name the registry does not have.
    pub fn word_list(&self, name: &str) -> &[WordClassEntry] {
        self.word_classes
            .iter()
            .find(|c| c.builtin && c.name == name)
            .map_or(&[], |c| &c.entries)
    }

    pub fn rule_by_name(&self, name: &str) -> Option<RuleId> {
        self.rules
            .iter()
            .position(|r| r.name == name)
            .map(|i| RuleId(i as u32))
    }

    pub fn rule(&self, id: RuleId) -> &RuleDef {
        &self.rules[id.0 as usize]
    }

    pub fn event(&self, id: EventId) -> &EventDef {
        &self.events[id.0 as usize]
    }

    /// Whether `ty` is `ancestor` or one of its subtypes.
    pub fn is_subtype(&self, ty: TypeId, ancestor: TypeId) -> bool {
        let mut current = Some(ty);
        while let Some(t) = current {
            if t == ancestor {
                return true;
            }
            current = self.types[t.0 as usize].parent;
        }
        false
    }

    /// The event and its ancestors, most specific first.
    pub fn event_chain(&self, id: EventId) -> Vec<EventId> {
        let mut chain = vec![id];
        while let Some(parent) = self
            .event(*chain.last().expect("chain is never empty"))
            .parent
        {
            chain.push(parent);
        }
        chain
    }

    /// The event family: the root of the event's taxonomy.
    pub fn event_family(&self, id: EventId) -> EventId {
        *self.event_chain(id).last().expect("chain is never empty")
    }

    /// `files, types, events, rules, lexicon entries` in one line.
    pub fn summary(&self) -> String {
        let entity_rules = self
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::Entity)
            .count();
        format!(
            "{} rule file{}, {} lexicon file{}, {} types, {} events, {} rules ({} entity), {} word classes, {} lexicon entries",
            self.rule_file_count,
            plural(self.rule_file_count),
            self.lexicon_file_count,
            plural(self.lexicon_file_count),
            self.types.len() - BUILTIN_TYPES.len(),
            self.events.len(),
            self.rules.len(),
            entity_rules,
            self.word_classes.iter().filter(|c| !c.builtin).count(),
            self.lexicon.len()
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
