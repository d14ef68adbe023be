//! What the API answers, as JSON: the matcher's view of a text (events,
//! mentions, rule matches, discards, with byte offsets into the text),
//! the pack's outline (types for the legend, rules and where they are),
//! and the test reports. Offsets are bytes, as in event records.

use serde::Serialize;

use crate::compile::CompiledPack;
use crate::compile::program::Voice;
use crate::document::Document;
use crate::event::EventRecord;
use crate::lang::ast::{DiscardScope, RuleKind};
use crate::lang::pack::{Pack, RuleOutput};
use crate::lang::source::Span;
use crate::matcher::category::Reading;
use crate::matcher::mentions::MentionSource;
use crate::matcher::{DiscardHit, Matcher, Outcome, RuleMatch, SentenceAnalysis};
use crate::text::Token;

/// A place in a pack file: the file (relative to the pack), 1-based line
/// and column (characters), and the byte offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl Location {
    pub fn of(pack: &Pack, span: Span) -> Location {
        let source = pack.sources.get(span.file);
        let (line, column) = source.line_col(span.start);
        Location {
            file: source.name.clone(),
            line,
            column,
            offset: span.start,
        }
    }
}

/// `/api/run`: everything the page draws over a text.
#[derive(Debug, Serialize)]
pub struct RunView {
    pub doc: String,
    pub text: String,
    pub events: Vec<EventView>,
    pub sentences: Vec<SentenceView>,
    /// The document discard phrase that dropped every event, if any.
    pub discarded: Option<DiscardView>,
}

/// One event: its record exactly as `evrule run` writes it, where its
/// rule is, and the matches it outranked.
#[derive(Debug, Serialize)]
pub struct EventView {
    pub record: EventRecord,
    pub rule_location: Location,
    pub outranked: Vec<MatchView>,
}

#[derive(Debug, Serialize)]
pub struct SentenceView {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub discard: Option<DiscardView>,
    /// Words the matcher read as a noun or a verb (for `:n` / `:v` and
    /// the verb group); the others are open.
    pub readings: Vec<ReadingView>,
    pub mentions: Vec<MentionView>,
    /// Every rule match and what became of it (entity rules included).
    pub matches: Vec<MatchView>,
}

#[derive(Debug, Serialize)]
pub struct ReadingView {
    pub start: usize,
    pub end: usize,
    /// `noun` or `verb`.
    pub reading: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MentionView {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub code: Option<String>,
    pub value: Option<f64>,
    /// Where it comes from: `lexicon`, `entity`, `number` or `proper`.
    pub source: &'static str,
    /// The lexicon row or entity rule that made it.
    pub origin: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchView {
    pub rule: String,
    /// `event` or `entity`.
    pub kind: &'static str,
    /// The event type, or the entity type an entity rule builds.
    pub output: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub voice: &'static str,
    /// `emitted`, `negated`, `held back`, `outranked` or `built mention`.
    pub outcome: &'static str,
    /// The rule that outranked it.
    pub outranked_by: Option<String>,
    /// The word that negated it.
    pub negation: Option<Cue>,
    /// The word that holds it back, and how.
    pub modality: Option<Cue>,
    pub slots: Vec<SlotView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub modality: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    pub slot: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiscardView {
    pub phrase: String,
    /// `document` or `sentence`.
    pub scope: &'static str,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub location: Location,
}

/// The pack as the page lists it: types (the mention legend), events,
/// rules and where each is written.
#[derive(Debug, Serialize)]
pub struct OutlineView {
    pub summary: String,
    pub types: Vec<TypeView>,
    pub rules: Vec<RuleView>,
}

#[derive(Debug, Serialize)]
pub struct TypeView {
    pub name: String,
    pub parent: Option<String>,
    /// The top of its taxonomy (colours follow it).
    pub root: String,
    pub builtin: bool,
}

#[derive(Debug, Serialize)]
pub struct RuleView {
    pub name: String,
    pub kind: &'static str,
    pub output: String,
    pub cases: usize,
    pub location: Location,
}

pub fn outline(pack: &Pack) -> OutlineView {
    let types = pack
        .types
        .iter()
        .map(|t| {
            let mut root = t;
            while let Some(parent) = root.parent {
                root = &pack.types[parent.0 as usize];
            }
            TypeView {
                name: t.name.clone(),
                parent: t.parent.map(|p| pack.type_name(p).to_string()),
                root: root.name.clone(),
                builtin: t.span.is_none(),
            }
        })
        .collect();
    let rules = pack
        .rules
        .iter()
        .map(|r| RuleView {
            name: r.name.clone(),
            kind: match r.kind {
                RuleKind::Event => "event",
                RuleKind::Entity => "entity",
            },
            output: output_name(pack, &r.output),
            cases: r.cases.len(),
            location: Location::of(pack, r.span),
        })
        .collect();
    OutlineView {
        summary: pack.summary(),
        types,
        rules,
    }
}

fn output_name(pack: &Pack, output: &RuleOutput) -> String {
    match output {
        RuleOutput::Event { event, .. } => pack.event(*event).name.clone(),
        RuleOutput::Entity { ty, .. } => pack.type_name(*ty).to_string(),
    }
}

/// Runs the pack over a document and gathers what the page shows.
pub fn run(compiled: &CompiledPack, doc: &Document) -> RunView {
    let pack = &compiled.pack;
    let mut matcher = Matcher::new(compiled);
    let (result, tokens, analyses) = matcher.analyze(doc);
    let sentences: Vec<SentenceView> = analyses
        .iter()
        .map(|a| sentence_view(pack, &doc.text, &tokens, a))
        .collect();
    let events = result
        .events
        .into_iter()
        .map(|record| {
            let rule = pack.rule_by_name(&record.rule);
            let rule_location = rule
                .map(|r| Location::of(pack, pack.rule(r).span))
                .unwrap_or_else(|| Location {
                    file: String::new(),
                    line: 0,
                    column: 0,
                    offset: 0,
                });
            let outranked = sentences
                .iter()
                .find(|s| s.index == record.sentence)
                .map(|s| {
                    s.matches
                        .iter()
                        .filter(|m| {
                            m.outranked_by.as_deref() == Some(record.rule.as_str())
                                && m.start < record.end
                                && record.start < m.end
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            EventView {
                record,
                rule_location,
                outranked,
            }
        })
        .collect();
    let discarded = result.discarded.map(|hit| {
        let analysis = analyses.iter().find(|a| a.index == hit.sentence);
        discard_view(pack, &tokens, analysis, hit)
    });
    RunView {
        doc: doc.id.clone(),
        text: doc.text.clone(),
        events,
        sentences,
        discarded,
    }
}

fn sentence_view(
    pack: &Pack,
    text: &str,
    tokens: &[Token],
    analysis: &SentenceAnalysis,
) -> SentenceView {
    let sentence_tokens = &tokens[analysis.sentence.tokens.clone()];
    let bytes = |start: usize, end: usize| {
        (
            sentence_tokens[start].start,
            sentence_tokens[end.max(start + 1) - 1].end,
        )
    };
    let mentions = analysis
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = bytes(m.start, m.end);
            let (source, origin) = match m.source {
                MentionSource::Lexicon(entry) => (
                    "lexicon",
                    Some(
                        pack.sources
                            .location(pack.lexicon[entry as usize].span)
                            .to_string(),
                    ),
                ),
                MentionSource::Entity { rule, .. } => {
                    ("entity", Some(format!("entity {}", pack.rule(rule).name)))
                }
                MentionSource::Number => ("number", None),
                MentionSource::Proper => ("proper", None),
                MentionSource::Pronoun { speaker } => {
                    let speaker = &analysis.mentions[speaker as usize];
                    let (start, end) = bytes(speaker.start, speaker.end);
                    (
                        "pronoun",
                        Some(format!("the speaker «{}»", &text[start..end])),
                    )
                }
            };
            MentionView {
                start,
                end,
                text: text[start..end].to_string(),
                ty: pack.type_name(m.ty).to_string(),
                code: m.code.as_deref().map(str::to_owned),
                value: m.value,
                source,
                origin,
            }
        })
        .collect();
    let cue = |token: usize, modality: Option<&'static str>| {
        let t = &sentence_tokens[token];
        Cue {
            start: t.start,
            end: t.end,
            text: t.text(text).to_string(),
            modality,
        }
    };
    let matches = analysis
        .matches
        .iter()
        .map(|m: &RuleMatch| {
            let def = pack.rule(m.rule);
            let (start, end) = bytes(m.start, m.end);
            let (outcome, outranked_by) = match m.outcome {
                Outcome::BuiltMention => ("built mention", None),
                Outcome::Emitted => ("emitted", None),
                Outcome::Negated => ("negated", None),
                Outcome::HeldBack => ("held back", None),
                Outcome::Outranked { by } => ("outranked", Some(pack.rule(by).name.clone())),
            };
            let slots = def
                .slots
                .iter()
                .zip(&m.slots)
                .filter_map(|(slot, bound)| {
                    let bound = bound.as_ref()?;
                    let (start, end) = bytes(bound.start, bound.end);
                    Some(SlotView {
                        slot: slot.name.clone(),
                        text: text[start..end].to_string(),
                        start,
                        end,
                    })
                })
                .collect();
            MatchView {
                rule: def.name.clone(),
                kind: match def.kind {
                    RuleKind::Event => "event",
                    RuleKind::Entity => "entity",
                },
                output: output_name(pack, &def.output),
                start,
                end,
                text: text[start..end].to_string(),
                voice: match m.voice {
                    Voice::Active => "active",
                    Voice::Passive => "passive",
                },
                outcome,
                outranked_by,
                negation: m.negation_cue.map(|t| cue(t, None)),
                modality: m.modality.map(|(t, kind)| cue(t, Some(kind.as_str()))),
                slots,
            }
        })
        .collect();
    let readings = sentence_tokens
        .iter()
        .zip(&analysis.readings)
        .filter_map(|(token, reading)| {
            let reading = match reading {
                Reading::Noun => "noun",
                Reading::Verb => "verb",
                Reading::Open => return None,
            };
            Some(ReadingView {
                start: token.start,
                end: token.end,
                reading,
            })
        })
        .collect();
    SentenceView {
        index: analysis.index,
        start: analysis.sentence.start,
        end: analysis.sentence.end,
        readings,
        discard: analysis
            .discard
            .map(|hit| discard_view(pack, tokens, Some(analysis), hit)),
        mentions,
        matches,
    }
}

fn discard_view(
    pack: &Pack,
    tokens: &[Token],
    analysis: Option<&SentenceAnalysis>,
    hit: DiscardHit,
) -> DiscardView {
    let def = &pack.discards[hit.discard as usize];
    let (start, end) = analysis
        .and_then(|a| tokens.get(a.sentence.tokens.start + hit.token))
        .map_or((0, 0), |t| (t.start, t.end));
    DiscardView {
        phrase: def.entry.words.join(" "),
        scope: match def.scope {
            DiscardScope::Document => "document",
            DiscardScope::Sentence => "sentence",
        },
        sentence: hit.sentence,
        start,
        end,
        location: Location::of(pack, def.span),
    }
}
