//! Loading, checking and compiling a pack in one call: what every front end
//! (the CLI's commands, the Python package) does before matching, with the
//! diagnostics kept for whoever reports them.

use std::path::{Path, PathBuf};

use super::CompiledPack;
use crate::lang::loader::Overrides;
use crate::lang::{self, Diagnostic, Loaded, report};

/// A pack ready for matching, and the warnings found while checking it.
#[derive(Debug)]
pub struct Ready {
    pub compiled: CompiledPack,
    pub warnings: Vec<Diagnostic>,
}

/// Why a pack cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The pack has errors. `loaded` holds every diagnostic (warnings too)
    /// and the sources to render them against.
    #[error("{}: {}", path.display(), loaded.tally())]
    Invalid { path: PathBuf, loaded: Box<Loaded> },
    /// The pack checked but did not compile (a limit of the compiler).
    #[error("cannot compile {}: {message}", path.display())]
    Compile { path: PathBuf, message: String },
}

impl LoadError {
    /// What `evrule check` prints for this pack: every diagnostic rendered,
    /// then the tally line (or the compile error).
    pub fn render(&self, color: bool) -> String {
        match self {
            LoadError::Invalid { loaded, .. } => format!(
                "{}\n{self}",
                report::render_all(&loaded.diagnostics, &loaded.sources, color)
            ),
            LoadError::Compile { .. } => format!("error: {self}"),
        }
    }
}

/// Loads, checks and compiles the pack at `path` (a folder or one `.evr`
/// file).
pub fn load(path: &Path) -> Result<Ready, LoadError> {
    load_with(path, &Overrides::default())
}

/// Like [`load`], reading the files in `overrides` from there instead of
/// from disk (the editor's unsaved files in `evrule serve`).
pub fn load_with(path: &Path, overrides: &Overrides) -> Result<Ready, LoadError> {
    let mut loaded = lang::load_pack_with(path, overrides);
    let Some(pack) = loaded.pack.take().filter(|_| loaded.error_count() == 0) else {
        return Err(LoadError::Invalid {
            path: path.to_path_buf(),
            loaded: Box::new(loaded),
        });
    };
    let warnings = loaded.diagnostics;
    match CompiledPack::new(pack) {
        Ok(compiled) => Ok(Ready { compiled, warnings }),
        Err(message) => Err(LoadError::Compile {
            path: path.to_path_buf(),
            message,
        }),
    }
}
