//! The rule language: parse `.evr` files, load a pack, check it, report.
//!
//! Data flows `loader` (files) → `syntax` (AST) → `check` ([`Pack`]) and, at
//! the edges, `report` (miette rendering of [`Diagnostic`]s).

pub mod ast;
pub mod builtin_lists;
pub mod check;
pub mod date;
pub mod diagnostic;
pub mod json;
pub mod lexicon;
pub mod loader;
pub mod pack;
pub mod report;
pub mod source;
pub mod suggest;
pub mod syntax;

use std::path::Path;

pub use diagnostic::{Diagnostic, Position, Severity};
pub use pack::Pack;
pub use source::{FileId, SourceMap, Span};

/// The result of loading a pack: the pack if it has no errors, and every
/// diagnostic found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub pack: Option<Pack>,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// `2 errors, 1 warning`: the tally `evrule check` ends with.
    pub fn tally(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let (errors, warnings) = (self.error_count(), self.warning_count());
        format!(
            "{errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        )
    }
}

/// Loads and checks a pack folder or a single `.evr` file.
pub fn load_pack(path: &Path) -> Loaded {
    load_pack_with(path, &loader::Overrides::default())
}

/// Loads and checks a pack like [`load_pack`], reading the files in
/// `overrides` from there instead of from disk (unsaved editor text:
/// `evrule serve`).
pub fn load_pack_with(path: &Path, overrides: &loader::Overrides) -> Loaded {
    let files = loader::read_pack_with(path, overrides);
    let (pack, sources, diagnostics) = check::check(files);
    Loaded {
        pack,
        sources,
        diagnostics,
    }
}
