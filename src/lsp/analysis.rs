//! One pack as the editor shows it: loaded with the open documents' text,
//! checked by the same checker as `evrule check`, and indexed for hover,
//! definitions, references and completion.

use std::path::{Path, PathBuf};

use crate::lang::ast::RuleFile;
use crate::lang::check::check;
use crate::lang::diagnostic::Diagnostic;
use crate::lang::lexicon::LexiconRow;
use crate::lang::loader::{Overrides, read_pack_with};
use crate::lang::source::{FileId, SourceMap};

use super::symbols::Index;

pub struct Analysis {
    pub root: PathBuf,
    pub sources: SourceMap,
    pub syntax: Vec<RuleFile>,
    /// Every lexicon row, with the file it is in.
    pub lexicon_rows: Vec<LexiconRow>,
    pub diagnostics: Vec<Diagnostic>,
    pub index: Index,
}

impl Analysis {
    /// Loads and checks the pack at `root`, reading open documents from `overrides`.
    pub fn new(root: &Path, overrides: &Overrides) -> Analysis {
        let files = read_pack_with(root, overrides);
        let syntax = files.rule_files.clone();
        let lexicon_rows: Vec<LexiconRow> = files
            .lexicons
            .iter()
            .flat_map(|l| l.rows.iter().cloned())
            .collect();
        let (_, sources, diagnostics) = check(files);
        let index = Index::build(&syntax, &lexicon_rows);
        Analysis {
            root: root.to_path_buf(),
            sources,
            syntax,
            lexicon_rows,
            diagnostics,
            index,
        }
    }

    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.sources
            .iter()
            .find(|(_, f)| f.path == path)
            .map(|(id, _)| id)
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.sources.get(file).text
    }
}

/// The pack a rule file belongs to: its folder, and the folders above it
/// as long as each directly holds `.evr` files too (a pack may keep rule
/// files in subfolders), never above `ceiling` (the workspace).
pub fn pack_root(file: &Path, ceiling: Option<&Path>) -> PathBuf {
    let mut root = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    while let Some(parent) = root.parent() {
        if ceiling.is_some_and(|c| !parent.starts_with(c)) || !holds_rule_files(parent) {
            break;
        }
        root = parent.to_path_buf();
    }
    root
}

fn holds_rule_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "evr"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_root_is_the_highest_folder_of_rule_files() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let pack = dir.path().join("rules/deals");
        std::fs::create_dir_all(pack.join("more")).expect("mkdir");
        std::fs::write(pack.join("main.evr"), "type A\n").expect("write");
        std::fs::write(pack.join("more/b.evr"), "type B\n").expect("write");
        assert_eq!(pack_root(&pack.join("more/b.evr"), None), pack);
        assert_eq!(pack_root(&pack.join("main.evr"), None), pack);
        assert_eq!(
            pack_root(&pack.join("more/b.evr"), Some(&pack.join("more"))),
            pack.join("more")
        );
    }
}
