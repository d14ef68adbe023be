//! `evrule export spacy`: a pack as the patterns spaCy's `EntityRuler` and
//! `Matcher` load, in one JSON document.
//!
//! Patterns are lowered exactly as the compiler lowers them
//! (`compile::program::Lowering`: words become every inflected form, word
//! classes their entries, derived passives and the verb group are added),
//! so an event rule gives one `Matcher` entry per program the matcher runs.
//! Each lowered element becomes spaCy token patterns: words
//! `{"LOWER": {"IN": forms}}`, slots `{"ENT_TYPE": {"IN": types}, "OP": "+"}`
//! (subtypes included), gaps `{"OP": "{0,n}"}`, choices and optional parts
//! merged into one token when they are single words, spelled out as
//! several patterns otherwise. What token patterns cannot say is either
//! counted per program in `not_expressed.programs` (explicit `:v`/`:n`
//! readings, `^`, too many alternatives) or listed once in
//! `not_expressed.everywhere` (negation, modality, noun phrases,
//! compounds, competing matches …: behaviour of the matcher, not of a
//! pattern).
//!
//! The lexicon and the entity rules become `EntityRuler` stages: stage 0
//! is every lexicon row, then one stage per level of the entity cascade
//! (a stage's patterns read the entity types earlier stages set).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::ExportError;
use crate::compile::passive::passive_variant;
use crate::compile::program::{Elem, ElemKind, Lowering, LoweringCache, mark_trigger};
use crate::compile::vocab::{MAX_VOCABULARY, Vocabulary};
use crate::compile::words::{WordSetId, WordSets};
use crate::lang::Pack;
use crate::lang::pack::{NUMBER, PROPER, Pat, PatKind, RuleDef, RuleOutput, TypeId};
use crate::text::{english, fold, tokenize_phrase};

/// The format tag written at the top of the export.
pub const FORMAT: &str = "evrule-spacy/1";

/// A program whose choices and optional parts spell out to more token
/// patterns than this is not exported (`not_expressed`).
pub const MAX_PATTERNS_PER_PROGRAM: usize = 256;

/// Behaviour of evrule's matcher that no spaCy token pattern carries: true
/// of every exported pattern, so listed once.
pub const EVERYWHERE: &[&str] = &[
    "negation: evrule drops (or marks) a match negated in its verb group (not, never, refused to); spaCy keeps it",
    "modality: evrule drops (or marks) matches the text holds back (plans to, would, if, a question); spaCy keeps them",
    "noun phrases: an evrule event slot binds the noun phrase around a mention (determiners, numbers, modifiers, partitives, possessors, apposition); the export allows one optional determiner before the entity",
    "compounds: an evrule slot binds \"A and B\" and \"A, B and C\" (one record per part); an ENT_TYPE run stops at \"and\"",
    "coordinated verbs: evrule reads \"attacked and killed Y\" as both verbs taking Y; the export does not",
    "coordinated verb phrases: evrule reads \"X condemned Y and promised Z\" as X promising Z; the export does not",
    "parentheticals: evrule reads \"X, backed by Y, seized Z\" as X seizing Z; the export does not",
    "verb group: evrule admits any -ly adverb and chains of verbs between subject and verb; the export admits its closed list of auxiliaries, adverbs, negations and attempt verbs, up to 6",
    "readings the matcher infers: the word after a subject is read as a verb, other words as nouns in context; the export accepts every reading",
    "passive clauses: evrule refuses an active pattern over \"was attacked by\"; spaCy does not",
    "competing matches: evrule keeps the most specific of competing matches of one event family; spaCy keeps what the Matcher finds",
    "overlapping mentions: evrule keeps every mention (a lexicon phrase inside an entity rule's, several types for one phrase); spaCy's doc.ents do not overlap and have one label",
    "entity codes: entity rules compute codes from their slots; their patterns carry the rule's name as id",
    "dated lexicon rows: exported without their dates",
    "`!` tests: applied to the next token, and to the one after it when that token is optional; at the end of a pattern they are dropped; before a slot they apply to every token of the entity",
    "Proper and Number slots: written as IS_TITLE and LIKE_NUM runs, not evrule's names and numbers",
    "sentences: evrule matches within one sentence; the Matcher runs over the document",
    "discard phrases: not exported",
];

/// The whole export, as written to the JSON file.
#[derive(Debug, Serialize)]
pub struct SpacyExport {
    pub format: &'static str,
    pub requires: &'static str,
    pub counts: Counts,
    /// `EntityRuler` stages, in the order they must run.
    pub entity_ruler: Vec<RulerStage>,
    /// `Matcher` entries: one per event rule program that could be expressed.
    pub matcher: Vec<MatcherEntry>,
    pub not_expressed: NotExpressed,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub lexicon_rows: usize,
    /// Distinct (label, pattern, id) lexicon patterns.
    pub lexicon_patterns: usize,
    pub entity_rules: usize,
    /// Entity rules with every program expressed.
    pub entity_rules_expressed: usize,
    pub entity_programs: usize,
    pub entity_programs_expressed: usize,
    pub entity_rule_patterns: usize,
    pub event_rules: usize,
    /// Event rules with every program expressed.
    pub event_rules_expressed: usize,
    /// Event rules with some programs expressed and some not.
    pub event_rules_partly_expressed: usize,
    /// Programs of event rules (active patterns and derived passives), as
    /// the compiler makes them.
    pub event_programs: usize,
    pub event_programs_expressed: usize,
    /// Token patterns of all `Matcher` entries.
    pub matcher_patterns: usize,
}

/// One `EntityRuler`: stage 0 holds the lexicon, stage n the entity rules
/// of cascade level n.
#[derive(Debug, Serialize)]
pub struct RulerStage {
    pub stage: usize,
    pub source: &'static str,
    pub patterns: Vec<RulerPattern>,
}

/// An `EntityRuler` pattern (`label`, `pattern`, `id`, as spaCy reads them).
#[derive(Debug, Serialize)]
pub struct RulerPattern {
    pub label: String,
    pub pattern: Vec<Value>,
    /// The lexicon row's code, or the entity rule's name.
    pub id: String,
}

/// The token patterns of one program of an event rule.
#[derive(Debug, Serialize)]
pub struct MatcherEntry {
    pub rule: String,
    pub event: String,
    /// The program's index among the rule's programs.
    pub program: usize,
    pub voice: &'static str,
    pub patterns: Vec<Vec<Value>>,
}

#[derive(Debug, Serialize)]
pub struct NotExpressed {
    /// Programs not expressed, per reason.
    pub by_reason: BTreeMap<&'static str, usize>,
    pub programs: Vec<Unexpressed>,
    pub everywhere: Vec<&'static str>,
}

/// A program that has no token patterns in the export.
#[derive(Debug, Serialize)]
pub struct Unexpressed {
    pub rule: String,
    pub kind: &'static str,
    pub program: usize,
    pub voice: &'static str,
    pub reason: &'static str,
}

impl SpacyExport {
    /// The export as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("the export serializes");
        text.push('\n');
        text
    }
}

/// Why a program has no token patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    Reading,
    NounPhrase,
    TooMany,
}

impl Reason {
    fn text(self) -> &'static str {
        match self {
            Reason::Reading => {
                "a :v or :n reading (a blank spaCy pipeline has no tagger to tell verbs from nouns)"
            }
            Reason::NounPhrase => "^, any noun phrase (a blank spaCy pipeline has no noun chunks)",
            Reason::TooMany => {
                "its choices and optional parts spell out to more than 256 token patterns"
            }
        }
    }
}

/// One spaCy token pattern element, before it becomes JSON.
#[derive(Debug, Clone, Default, PartialEq)]
struct Spec {
    /// `LOWER` in these forms (sorted).
    lower: Option<Vec<String>>,
    /// `LOWER` not in these forms (from `!` tests).
    not_lower: Vec<String>,
    /// `ENT_TYPE` in these labels.
    ent_types: Option<Vec<String>>,
    /// A boolean attribute that must be true (`IS_TITLE`, `LIKE_NUM`).
    flag: Option<&'static str>,
    op: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Spec(Spec),
    /// `!`: the next token is not one of these forms.
    NotNext(Vec<String>),
}

type Alts = Vec<Vec<Tok>>;

/// Exports a checked pack.
pub fn export(pack: &Pack) -> Result<SpacyExport, ExportError> {
    let mut counts = Counts::default();
    let mut vocab = Vocabulary::default();
    let mut sets = WordSets::default();
    let mut cache = LoweringCache::default();
    let stages = entity_stages(pack);
    let mut ruler: Vec<RulerStage> = Vec::new();
    ruler.push(RulerStage {
        stage: 0,
        source: "lexicon",
        patterns: lexicon_patterns(pack, &mut counts),
    });
    let mut matcher = Vec::new();
    let mut unexpressed = Vec::new();

    for (rule_index, rule) in pack.rules.iter().enumerate() {
        let is_event = matches!(rule.output, RuleOutput::Event { .. });
        let mut programs = Vec::new();
        for pattern in &rule.patterns {
            let mut lowering = Lowering {
                pack,
                vocab: &mut vocab,
                sets: &mut sets,
                cache: &mut cache,
            };
            let mut active = lowering.lower(pattern);
            if !matches!(active.kind, ElemKind::Seq(_)) {
                let span = active.span;
                active = Elem {
                    kind: ElemKind::Seq(vec![active]),
                    span,
                };
            }
            let passive = if rule.passive {
                passive_variant(&active, &mut lowering)
            } else {
                None
            };
            mark_trigger(&mut active, is_event);
            let reading = asks_reading(pattern);
            programs.push((active, "active", reading));
            if let Some(passive) = passive {
                programs.push((passive, "passive", reading));
            }
        }
        if vocab.is_full() {
            return Err(ExportError::Vocabulary {
                rule: rule.name.clone(),
                limit: MAX_VOCABULARY,
            });
        }
        let expander = Expander {
            pack,
            rule,
            vocab: &vocab,
            sets: &sets,
            phrases: is_event,
        };
        let mut expressed = 0;
        let total = programs.len();
        for (index, (elem, voice, reading)) in programs.into_iter().enumerate() {
            let result = if reading {
                Err(Reason::Reading)
            } else {
                expander.patterns(&elem)
            };
            let patterns = match result {
                Ok(patterns) => patterns,
                Err(reason) => {
                    unexpressed.push(Unexpressed {
                        rule: rule.name.clone(),
                        kind: if is_event { "event" } else { "entity" },
                        program: index,
                        voice,
                        reason: reason.text(),
                    });
                    continue;
                }
            };
            expressed += 1;
            match &rule.output {
                RuleOutput::Event { event, .. } => {
                    counts.matcher_patterns += patterns.len();
                    matcher.push(MatcherEntry {
                        rule: rule.name.clone(),
                        event: pack.event(*event).name.clone(),
                        program: index,
                        voice,
                        patterns,
                    });
                }
                RuleOutput::Entity { ty, .. } => {
                    let stage = stages[rule_index];
                    while ruler.len() <= stage {
                        ruler.push(RulerStage {
                            stage: ruler.len(),
                            source: "entity rules",
                            patterns: Vec::new(),
                        });
                    }
                    counts.entity_rule_patterns += patterns.len();
                    ruler[stage]
                        .patterns
                        .extend(patterns.into_iter().map(|pattern| RulerPattern {
                            label: pack.type_name(*ty).to_string(),
                            pattern,
                            id: rule.name.clone(),
                        }));
                }
            }
        }
        if is_event {
            counts.event_rules += 1;
            counts.event_programs += total;
            counts.event_programs_expressed += expressed;
            if expressed == total {
                counts.event_rules_expressed += 1;
            } else if expressed > 0 {
                counts.event_rules_partly_expressed += 1;
            }
        } else {
            counts.entity_rules += 1;
            counts.entity_programs += total;
            counts.entity_programs_expressed += expressed;
            if expressed == total {
                counts.entity_rules_expressed += 1;
            }
        }
    }

    let mut by_reason = BTreeMap::new();
    for program in &unexpressed {
        *by_reason.entry(program.reason).or_insert(0) += 1;
    }
    Ok(SpacyExport {
        format: FORMAT,
        requires: "spaCy >= 3.5 (gaps use the {n,m} operator)",
        counts,
        entity_ruler: ruler,
        matcher,
        not_expressed: NotExpressed {
            by_reason,
            programs: unexpressed,
            everywhere: EVERYWHERE.to_vec(),
        },
    })
}

/// Stage 0: every lexicon row, `ORTH` per token for `exact` rows and
/// `LOWER` (folded) otherwise, tokenized as evrule tokenizes text.
fn lexicon_patterns(pack: &Pack, counts: &mut Counts) -> Vec<RulerPattern> {
    let mut seen = HashSet::new();
    let mut patterns = Vec::new();
    for entry in &pack.lexicon {
        counts.lexicon_rows += 1;
        let pattern: Vec<Value> = tokenize_phrase(&entry.phrase)
            .iter()
            .map(|token| {
                let text = token.text(&entry.phrase);
                let mut spec = Map::new();
                if entry.exact {
                    spec.insert("ORTH".into(), Value::String(text.to_string()));
                } else {
                    spec.insert("LOWER".into(), Value::String(fold(text)));
                }
                Value::Object(spec)
            })
            .collect();
        if pattern.is_empty() {
            continue;
        }
        let label = pack.type_name(entry.ty).to_string();
        let key = (
            label.clone(),
            Value::Array(pattern.clone()).to_string(),
            entry.code.clone(),
        );
        if seen.insert(key) {
            patterns.push(RulerPattern {
                label,
                pattern,
                id: entry.code.clone(),
            });
        }
    }
    counts.lexicon_patterns = patterns.len();
    patterns
}

/// The `EntityRuler` stage of every rule (0 for event rules): an entity
/// rule runs one stage after the latest entity rule whose output one of
/// its slots accepts (the lexicon is stage 0).
fn entity_stages(pack: &Pack) -> Vec<usize> {
    let mut stages = vec![0; pack.rules.len()];
    for (position, &id) in pack.entity_order.iter().enumerate() {
        let rule = pack.rule(id);
        let mut stage = 1;
        for &earlier in &pack.entity_order[..position] {
            if let RuleOutput::Entity { ty, .. } = pack.rule(earlier).output {
                let feeds = rule
                    .slots
                    .iter()
                    .any(|slot| slot.types.iter().any(|&t| pack.is_subtype(ty, t)));
                if feeds {
                    stage = stage.max(stages[earlier.0 as usize] + 1);
                }
            }
        }
        stages[id.0 as usize] = stage;
    }
    stages
}

/// Whether a pattern asks for a `:v` or `:n` reading anywhere.
fn asks_reading(pat: &Pat) -> bool {
    match &pat.kind {
        PatKind::Category(..) => true,
        PatKind::Seq(parts) | PatKind::Alt(parts) => parts.iter().any(asks_reading),
        PatKind::Optional(inner) | PatKind::NotNext(inner) => asks_reading(inner),
        _ => false,
    }
}

struct Expander<'a> {
    pack: &'a Pack,
    rule: &'a RuleDef,
    vocab: &'a Vocabulary,
    sets: &'a WordSets,
    /// Slots bind noun phrases (event rules): an optional determiner may
    /// come before the entity.
    phrases: bool,
}

impl Expander<'_> {
    /// The program's token patterns, as JSON.
    fn patterns(&self, elem: &Elem) -> Result<Vec<Vec<Value>>, Reason> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for alt in self.expand(elem)? {
            let Some(specs) = resolve_not_next(alt) else {
                continue;
            };
            let pattern: Vec<Value> = specs.iter().map(to_json).collect();
            if seen.insert(Value::Array(pattern.clone()).to_string()) {
                out.push(pattern);
            }
        }
        Ok(out)
    }

    fn expand(&self, elem: &Elem) -> Result<Alts, Reason> {
        Ok(match &elem.kind {
            ElemKind::Seq(parts) => {
                let mut acc: Alts = vec![Vec::new()];
                for part in parts {
                    let next = self.expand(part)?;
                    if acc.len() * next.len() > MAX_PATTERNS_PER_PROGRAM {
                        return Err(Reason::TooMany);
                    }
                    acc = acc
                        .iter()
                        .flat_map(|head| {
                            next.iter().map(move |tail| {
                                let mut joined = head.clone();
                                joined.extend(tail.iter().cloned());
                                joined
                            })
                        })
                        .collect();
                }
                acc
            }
            ElemKind::Alt(branches) => {
                let mut alts = Vec::new();
                for branch in branches {
                    alts.extend(self.expand(branch)?);
                    if alts.len() > MAX_PATTERNS_PER_PROGRAM {
                        return Err(Reason::TooMany);
                    }
                }
                compress(merge_word_branches(alts))
            }
            ElemKind::Optional(inner) => {
                let mut alts = self.expand(inner)?;
                match merge_words(&alts) {
                    Some(mut spec) => {
                        spec.op = Some("?".into());
                        vec![vec![Tok::Spec(spec)]]
                    }
                    None => {
                        alts.push(Vec::new());
                        compress(alts)
                    }
                }
            }
            ElemKind::Gap { min, max, except } => vec![vec![Tok::Spec(Spec {
                op: Some(repeat(*min, *max)),
                not_lower: except.map(|set| self.words(set)).unwrap_or_default(),
                ..Spec::default()
            })]],
            ElemKind::Tokens { sets, .. } => vec![
                sets.iter()
                    .map(|&set| {
                        Tok::Spec(Spec {
                            lower: Some(self.words(set)),
                            ..Spec::default()
                        })
                    })
                    .collect(),
            ],
            ElemKind::NounPhrase => return Err(Reason::NounPhrase),
            ElemKind::Slot(slot) => self.slot(*slot),
            ElemKind::Aux { max } => {
                let mut words: Vec<String> = english::VERB_GROUP_WORDS
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                words.sort();
                words.dedup();
                vec![vec![Tok::Spec(Spec {
                    lower: Some(words),
                    op: Some(repeat(0, *max)),
                    ..Spec::default()
                })]]
            }
            ElemKind::NotNext(set) => vec![vec![Tok::NotNext(self.words(*set))]],
            // A guard repeats what the choice after it tests.
            ElemKind::Peek(_) | ElemKind::GroupStart | ElemKind::VerbGroupStart => {
                vec![Vec::new()]
            }
            // Only the matcher derives coordinated verb phrases; the
            // export lowers the patterns as written.
            ElemKind::Verb | ElemKind::ClauseGap { .. } => return Err(Reason::Reading),
        })
    }

    /// The forms of a word set, sorted.
    fn words(&self, set: WordSetId) -> Vec<String> {
        let mut words: Vec<String> = self
            .sets
            .get(set)
            .iter()
            .map(|&id| self.vocab.word(id).to_string())
            .collect();
        words.sort();
        words.dedup();
        words
    }

    /// A slot: a run of tokens of an accepted entity type (one pattern for
    /// the lexicon and rule types, one for `Proper`, one for `Number`).
    fn slot(&self, slot: usize) -> Alts {
        let wanted = &self.rule.slots[slot].types;
        let accepted: Vec<TypeId> = (0..self.pack.types.len() as u32)
            .map(TypeId)
            .filter(|&t| wanted.iter().any(|&u| self.pack.is_subtype(t, u)))
            .collect();
        let mut runs = Vec::new();
        let labels: Vec<String> = accepted
            .iter()
            .filter(|&&t| t != PROPER && t != NUMBER)
            .map(|&t| self.pack.type_name(t).to_string())
            .collect();
        if !labels.is_empty() {
            runs.push(Spec {
                ent_types: Some(labels),
                op: Some("+".into()),
                ..Spec::default()
            });
        }
        for (builtin, flag) in [(PROPER, "IS_TITLE"), (NUMBER, "LIKE_NUM")] {
            if accepted.contains(&builtin) {
                runs.push(Spec {
                    flag: Some(flag),
                    op: Some("+".into()),
                    ..Spec::default()
                });
            }
        }
        runs.into_iter()
            .map(|run| {
                let mut tokens = Vec::new();
                if self.phrases {
                    tokens.push(Tok::Spec(Spec {
                        lower: Some(english::DETERMINERS.iter().map(|w| w.to_string()).collect()),
                        op: Some("?".into()),
                        ..Spec::default()
                    }));
                }
                tokens.push(Tok::Spec(run));
                tokens
            })
            .collect()
    }
}

/// `{n}` or `{min,max}`: the spaCy operator repeating a token.
fn repeat(min: u32, max: u32) -> String {
    if min == max {
        format!("{{{min}}}")
    } else {
        format!("{{{min},{max}}}")
    }
}

/// A choice whose every branch is one plain word token, as one token.
fn merge_words(alts: &[Vec<Tok>]) -> Option<Spec> {
    if alts.is_empty() {
        return None;
    }
    let mut words = Vec::new();
    for alt in alts {
        let [Tok::Spec(spec)] = alt.as_slice() else {
            return None;
        };
        let plain = Spec {
            lower: spec.lower.clone(),
            ..Spec::default()
        };
        if spec.lower.is_none() || *spec != plain {
            return None;
        }
        words.extend(spec.lower.iter().flatten().cloned());
    }
    words.sort();
    words.dedup();
    Some(Spec {
        lower: Some(words),
        ..Spec::default()
    })
}

/// A choice with its one-word branches merged into one token (the
/// longer branches stay patterns of their own).
fn merge_word_branches(alts: Alts) -> Alts {
    let (words, longer): (Alts, Alts) = alts
        .into_iter()
        .partition(|alt| merge_words(std::slice::from_ref(alt)).is_some());
    let mut merged = Vec::new();
    if let Some(spec) = merge_words(&words) {
        merged.push(vec![Tok::Spec(spec)]);
    }
    merged.extend(longer);
    merged
}

/// Merges alternatives that differ in one word token only ("round up",
/// "break up" → `{round, break} up`): the same matches, fewer patterns.
fn compress(mut alts: Alts) -> Alts {
    loop {
        let mut merged = false;
        'pairs: for a in 0..alts.len() {
            for b in a + 1..alts.len() {
                if let Some(joined) = merge_pair(&alts[a], &alts[b]) {
                    alts[a] = joined;
                    alts.remove(b);
                    merged = true;
                    break 'pairs;
                }
            }
        }
        if !merged {
            return alts;
        }
    }
}

/// Two token sequences equal but for one plain word token, as one.
fn merge_pair(a: &[Tok], b: &[Tok]) -> Option<Vec<Tok>> {
    if a.len() != b.len() {
        return None;
    }
    let mut differing = (0..a.len()).filter(|&i| a[i] != b[i]);
    let index = differing.next()?;
    if differing.next().is_some() {
        return None;
    }
    let (Tok::Spec(x), Tok::Spec(y)) = (&a[index], &b[index]) else {
        return None;
    };
    let plain = |spec: &Spec| {
        spec.lower.is_some()
            && spec.not_lower.is_empty()
            && spec.ent_types.is_none()
            && spec.flag.is_none()
    };
    if !plain(x) || !plain(y) || x.op != y.op {
        return None;
    }
    let mut words: Vec<String> = x.lower.iter().chain(&y.lower).flatten().cloned().collect();
    words.sort();
    words.dedup();
    let mut joined = a.to_vec();
    joined[index] = Tok::Spec(Spec {
        lower: Some(words),
        op: x.op.clone(),
        ..Spec::default()
    });
    Some(joined)
}

/// Applies `!` tests to the tokens that may come next; `None` when a test
/// leaves a required token no form (the alternative never matches).
fn resolve_not_next(alt: Vec<Tok>) -> Option<Vec<Spec>> {
    let mut out = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for tok in alt {
        match tok {
            Tok::NotNext(words) => pending.extend(words),
            Tok::Spec(mut spec) => {
                if !pending.is_empty() {
                    match &mut spec.lower {
                        Some(lower) => lower.retain(|w| !pending.contains(w)),
                        None => {
                            spec.not_lower.extend(pending.iter().cloned());
                            spec.not_lower.sort();
                            spec.not_lower.dedup();
                        }
                    }
                    let optional = spec
                        .op
                        .as_deref()
                        .is_some_and(|op| op == "?" || op == "*" || op.starts_with("{0"));
                    if !optional {
                        if spec.lower.as_ref().is_some_and(|l| l.is_empty()) {
                            return None;
                        }
                        pending.clear();
                    }
                }
                out.push(spec);
            }
        }
    }
    Some(out)
}

fn to_json(spec: &Spec) -> Value {
    let mut map = Map::new();
    let list = |words: &[String]| Value::Array(words.iter().cloned().map(Value::String).collect());
    match &spec.lower {
        Some(lower) if lower.len() == 1 && spec.not_lower.is_empty() => {
            map.insert("LOWER".into(), Value::String(lower[0].clone()));
        }
        Some(lower) => {
            let mut test = Map::new();
            test.insert("IN".into(), list(lower));
            if !spec.not_lower.is_empty() {
                test.insert("NOT_IN".into(), list(&spec.not_lower));
            }
            map.insert("LOWER".into(), Value::Object(test));
        }
        None if !spec.not_lower.is_empty() => {
            let mut test = Map::new();
            test.insert("NOT_IN".into(), list(&spec.not_lower));
            map.insert("LOWER".into(), Value::Object(test));
        }
        None => {}
    }
    if let Some(types) = &spec.ent_types {
        let value = if types.len() == 1 {
            Value::String(types[0].clone())
        } else {
            let mut test = Map::new();
            test.insert("IN".into(), list(types));
            Value::Object(test)
        };
        map.insert("ENT_TYPE".into(), value);
    }
    if let Some(flag) = spec.flag {
        map.insert(flag.into(), Value::Bool(true));
    }
    if let Some(op) = &spec.op {
        map.insert("OP".into(), Value::String(op.clone()));
    }
    Value::Object(map)
}
