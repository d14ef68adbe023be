//! Exporting a checked pack to other tools' formats. Today one target:
//! spaCy ([`spacy`]), whose `EntityRuler` and `Matcher` take the pack's
//! lexicon, entity rules and event rule programs as token patterns, so that
//! the benchmark's spaCy peer does the pack's work and not a hand-written
//! subset of it.
//!
//! An export never fails on what the pack says: what the target cannot
//! express is counted and named in the output (`not_expressed`), not an
//! error. The errors are limits of the compiler the export shares.

pub mod spacy;

/// Why a pack could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The pack's words and their inflected forms do not fit the
    /// vocabulary the export lowers patterns with (the compiler's limit).
    #[error(
        "rule `{rule}` brings the vocabulary past {limit} word forms, the most it holds (see docs/LIMITS.md)"
    )]
    Vocabulary { rule: String, limit: usize },
}
