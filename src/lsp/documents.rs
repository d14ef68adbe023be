//! The documents the editor has open: their latest text and version. A
//! change older than the version already held is dropped, so a late
//! message never rolls a buffer back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::lang::loader::Overrides;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDocument {
    pub version: i32,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<PathBuf, OpenDocument>,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, version: i32, text: String) {
        self.open.insert(path, OpenDocument { version, text });
    }

    /// Applies a full-text change; `false` (and nothing changed) when the
    /// document is not open or `version` is not newer than what is held.
    pub fn change(&mut self, path: &Path, version: i32, text: String) -> bool {
        match self.open.get_mut(path) {
            Some(document) if version > document.version => {
                *document = OpenDocument { version, text };
                true
            }
            _ => false,
        }
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    pub fn get(&self, path: &Path) -> Option<&OpenDocument> {
        self.open.get(path)
    }

    /// Every open document's text, for loading packs as the editor shows them.
    pub fn overrides(&self) -> Overrides {
        let mut overrides = Overrides::default();
        for (path, document) in &self.open {
            overrides.insert(path, document.text.clone());
        }
        overrides
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_versions_are_dropped() {
        let mut documents = Documents::default();
        let path = PathBuf::from("/p/a.evr");
        documents.open(path.clone(), 1, "type A".into());
        assert!(documents.change(&path, 3, "type C".into()));
        assert!(!documents.change(&path, 2, "type B".into()));
        assert_eq!(
            documents.get(&path).map(|d| d.text.as_str()),
            Some("type C")
        );
        assert!(!documents.change(Path::new("/p/b.evr"), 9, "x".into()));
    }
}
