//! The syntax tree of a rule file. Every node keeps the span it was parsed from.
//!
//! The tree is what was written, before any name is resolved; the checker
//! turns the trees of all files into one [`crate::lang::Pack`].

use super::source::{FileId, Span};

/// An identifier or a slot name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A string literal: its value after escapes, and the span of the quoted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLit {
    pub value: String,
    pub span: Span,
}

/// The items of one `.evr` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFile {
    pub file: FileId,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Import(StringLit),
    Type(TypeDecl),
    Lexicon(StringLit),
    Words(WordClassDecl),
    Discard(DiscardDecl),
    Event(EventDecl),
    Rule(RuleDecl),
}

/// `type State : Actor`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDecl {
    pub name: Name,
    pub parent: Option<Name>,
    pub span: Span,
}

/// `words force = troops, armed forces, =army`, or a change to a built-in
/// list: `words proper.title += chairman, chief executive`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordClassDecl {
    /// The class name; dotted (`proper.title`) for a built-in list.
    pub name: Name,
    pub op: WordsOp,
    pub entries: Vec<WordEntry>,
    pub span: Span,
}

/// What a `words` item does with its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordsOp {
    /// `=`: declares a class, or replaces a built-in list.
    Set,
    /// `+=`: adds entries to a built-in list.
    Add,
    /// `-=`: removes entries from a built-in list.
    Remove,
}

/// One entry of a word class: one or more words; `exact` turns inflection off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordEntry {
    pub words: Vec<String>,
    pub exact: bool,
    pub span: Span,
}

/// `discard document = premier league, box office`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardDecl {
    pub scope: DiscardScope,
    pub entries: Vec<WordEntry>,
    pub span: Span,
}

/// What a discard phrase stops: its sentence, or its whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    Sentence,
    Document,
}

/// `event Intervention : Conflict { actor: Actor, location: Place? } code "190"`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDecl {
    pub name: Name,
    pub parent: Option<Name>,
    pub fields: Vec<FieldDecl>,
    pub code: Option<StringLit>,
    pub label: Option<StringLit>,
    pub negation: Option<(NegationMode, Span)>,
    /// What a match with a modality cue does (the same choice as negation).
    pub modality: Option<(NegationMode, Span)>,
    /// `modality suppress except future, …`: the modalities kept and
    /// marked although the rest are suppressed.
    pub modality_except: Vec<String>,
    pub compound: Option<(CompoundMode, Span)>,
    /// `distinct a, b`: records whose `a` and `b` have the same code are
    /// dropped.
    pub distinct: Option<(Name, Name, Span)>,
    /// `compete longest` or `compete priority` (on a family's root).
    pub compete: Option<(CompeteMode, Span)>,
    /// `fill location from sentence Location`, in the order written.
    pub fills: Vec<FillDecl>,
    pub span: Span,
}

/// `fill location from sentence Location`: where a rule leaves the field
/// empty, a mention of one of `types` elsewhere in the sentence fills it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillDecl {
    pub field: Name,
    pub types: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDecl {
    pub name: Name,
    pub types: Vec<Name>,
    pub optional: bool,
    pub span: Span,
}

/// The reading a pattern word asks for: `:v` or `:n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordCategory {
    Noun,
    Verb,
}

/// What a negated match does: drop the event, or keep it marked `negated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NegationMode {
    #[default]
    Suppress,
    Mark,
}

/// What a compound actor in a slot makes: one record per part (CAMEO's
/// convention), or one record listing every part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompoundMode {
    #[default]
    Split,
    Keep,
}

/// How the competing matches of an event family are ranked: the longest
/// match first, then the higher `priority` (the default), or the higher
/// `priority` first, then the longest (dictionaries whose patterns are
/// tried from the most specific, as PETRARCH's are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompeteMode {
    #[default]
    Longest,
    Priority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// `rule`: emits an event record.
    Event,
    /// `entity`: builds an entity mention from other mentions.
    Entity,
}

/// `passive on | off | as written`: whether a passive is derived from an
/// active pattern, and whether the pattern as written reads passive
/// clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassiveMode {
    /// `passive on`: "X attack Y" also matches "Y was attacked by X".
    Derive,
    /// `passive off`: no derived passive.
    Off,
    /// `passive as written`: no derived passive, and the pattern matches a
    /// passive clause as it is written ("T ... free ... from ... S" reads
    /// "T was freed from S").
    AsWritten,
}

/// `rule NAME` or `entity NAME`: patterns, slot types, options, output, cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDecl {
    pub kind: RuleKind,
    pub name: Name,
    pub patterns: Vec<Pattern>,
    pub slots: Vec<SlotDecl>,
    pub priority: Option<(i64, Span)>,
    pub passive: Option<(PassiveMode, Span)>,
    pub coordination: Option<(bool, Span)>,
    pub emit: Emit,
    pub cases: Vec<Case>,
    pub span: Span,
}

/// `X: State | Place`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotDecl {
    pub name: Name,
    pub types: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Emit {
    /// `=> Intervention { actor: X, target: Y }`
    Event {
        event: Name,
        fields: Vec<(Name, Name)>,
        span: Span,
    },
    /// `=> Military code S.code + "MIL"`
    Entity {
        ty: Name,
        code: Vec<CodeTerm>,
        span: Span,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeTerm {
    SlotCode(Name),
    Literal(StringLit),
}

/// `example "text" [date "YYYY-MM-DD"] => Type { field: "text" }` or
/// `counterexample "text" [date "YYYY-MM-DD"]`, either followed by `todo`
/// for a known miss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub counter: bool,
    pub text: StringLit,
    /// `date "YYYY-MM-DD"`: the date of the example's document.
    pub date: Option<StringLit>,
    pub expected: Option<Expected>,
    pub todo: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub ty: Name,
    pub fields: Vec<(Name, StringLit)>,
    pub negated: bool,
    /// `threatened`, `future`, …: the modality the record is marked with.
    pub modality: Option<String>,
    pub span: Span,
}

/// A quoted phrase pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub root: Node,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// Elements in order.
    Seq(Vec<Node>),
    /// `a | b c`: the first branch that leads to a match wins.
    Alt(Vec<Node>),
    /// `[ ... ]`
    Optional(Box<Node>),
    /// `...` or `...{m,n}`; `None` bounds take the defaults. `except`
    /// (`...{0,12 except (, | ;)}`): one-word elements no token of the gap
    /// may be.
    Gap {
        min: Option<i64>,
        max: Option<i64>,
        except: Option<Box<Node>>,
    },
    /// A literal word; `exact` (`=word`) turns inflection off.
    Word { text: String, exact: bool },
    /// Punctuation matched literally.
    Punct(String),
    /// `@class`
    Class(Name),
    /// `!word`: the next token is not this (one-token) element; matches
    /// no token itself.
    NotNext(Box<Node>),
    /// `X`
    Slot(Name),
    /// `word:v`, `@class:n`: the word only in that reading.
    Category(Box<Node>, WordCategory),
    /// `^`: a noun phrase, whatever it names (skipped).
    NounPhrase,
    /// Something that parsed but is not a pattern element (a capitalized word,
    /// a stray character); the checker explains it.
    Stray(String),
}
