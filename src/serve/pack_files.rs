//! The pack's files as the page sees them: listed, read and saved under
//! the pack's confinement rule ([`normalise`]: relative paths that never
//! climb above the pack folder), with links resolved and checked against
//! the pack's real path, and saves written by the one safe-write helper
//! ([`write_atomic`]: a new file beside the old one, then renamed over
//! it), never through a link.
//!
//! Only rule files (`.evr`) and lexicons (`.tsv`) are listed, read and
//! written; `__snapshots__` is written by the snapshot code only.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::limits::MAX_FILE_BYTES;
use crate::files::confine::normalise;
use crate::files::write::write_atomic;
use crate::testing::snapshot::snapshot_dir;

/// Why a path the page asked for is refused.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("no path given")]
    Empty,
    #[error("`{0}` leaves the pack folder: paths are relative to the pack and stay inside it")]
    Outside(String),
    #[error(
        "`{0}` is not a rule file (.evr) or a lexicon (.tsv): the page opens and saves only those"
    )]
    NotPackFile(String),
    #[error("`{0}` is a link to a place outside the pack folder")]
    LinkOutside(String),
    #[error("`{0}` is a link: evrule serve does not save through links")]
    Link(String),
    #[error("`{0}` is not a regular file")]
    NotRegular(String),
    #[error("`{0}` does not exist in the pack")]
    Missing(String),
    #[error("`{path}` is {size} bytes, more than the {} MiB the page opens or saves", MAX_FILE_BYTES >> 20)]
    TooLarge { path: String, size: u64 },
    #[error("`{0}` is not UTF-8 text")]
    NotUtf8(String),
    #[error("`{path}`: {error}")]
    Io { path: String, error: std::io::Error },
}

impl Refused {
    /// Whether the file simply is not there (404) rather than refused (403).
    pub fn is_missing(&self) -> bool {
        matches!(self, Refused::Missing(_))
    }
}

/// One file of the pack in the page's file list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileEntry {
    /// Relative to the pack folder, `/`-separated.
    pub path: String,
    /// `rules` or `lexicon`.
    pub kind: &'static str,
    pub bytes: u64,
}

/// A pack folder: the path it was given as (what the loader joins paths
/// to) and its real path (what every file must lie inside).
#[derive(Debug, Clone)]
pub struct PackFolder {
    root: PathBuf,
    real: PathBuf,
}

impl PackFolder {
    pub fn new(root: &Path) -> std::io::Result<PackFolder> {
        let real = root.canonicalize()?;
        if !real.is_dir() {
            return Err(std::io::Error::other(format!(
                "{} is not a folder: give the pack folder",
                root.display()
            )));
        }
        Ok(PackFolder {
            root: root.to_path_buf(),
            real,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path the page wrote, checked without touching the disk: relative,
    /// inside the pack, a rule file or lexicon. The result is under the
    /// root as given (the loader's paths are).
    pub fn lexical(&self, written: &str) -> Result<PathBuf, Refused> {
        if written.is_empty() {
            return Err(Refused::Empty);
        }
        let relative = Path::new(written);
        if normalise(relative).is_none() || written.contains('\0') {
            return Err(Refused::Outside(written.to_string()));
        }
        let wanted = relative
            .extension()
            .is_some_and(|e| e == "evr" || e == "tsv");
        if !wanted {
            return Err(Refused::NotPackFile(written.to_string()));
        }
        // Snapshots are not pack files, whatever they are named.
        if relative
            .components()
            .any(|c| c.as_os_str() == snapshot_dir(Path::new("")).as_os_str())
        {
            return Err(Refused::NotPackFile(written.to_string()));
        }
        Ok(self.root.join(relative))
    }

    /// A path whose unsaved text the page sends: checked lexically, and if
    /// it exists, its real path must be inside the pack.
    pub fn unsaved(&self, written: &str) -> Result<PathBuf, Refused> {
        let path = self.lexical(written)?;
        if path.symlink_metadata().is_ok() {
            self.real_inside(written, &path)?;
        }
        Ok(path)
    }

    fn real_inside(&self, written: &str, path: &Path) -> Result<PathBuf, Refused> {
        let real = path.canonicalize().map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => Refused::Missing(written.to_string()),
            _ => Refused::Io {
                path: written.to_string(),
                error,
            },
        })?;
        if !real.starts_with(&self.real) {
            return Err(Refused::LinkOutside(written.to_string()));
        }
        Ok(real)
    }

    /// The text of a pack file.
    pub fn read(&self, written: &str) -> Result<String, Refused> {
        let path = self.lexical(written)?;
        let real = self.real_inside(written, &path)?;
        let io = |error| Refused::Io {
            path: written.to_string(),
            error,
        };
        let meta = std::fs::metadata(&real).map_err(io)?;
        if !meta.is_file() {
            return Err(Refused::NotRegular(written.to_string()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(Refused::TooLarge {
                path: written.to_string(),
                size: meta.len(),
            });
        }
        let bytes = std::fs::read(&real).map_err(io)?;
        String::from_utf8(bytes).map_err(|_| Refused::NotUtf8(written.to_string()))
    }

    /// Saves a pack file atomically: the text goes to a new file in the
    /// same folder, which is then renamed over the old one, so a reader
    /// (or a crash) sees the old text or the new, never a part. The folder
    /// must exist inside the pack; an existing file must be a regular
    /// file, not a link.
    pub fn save(&self, written: &str, text: &str) -> Result<(), Refused> {
        let path = self.lexical(written)?;
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(Refused::TooLarge {
                path: written.to_string(),
                size: text.len() as u64,
            });
        }
        let io = |error| Refused::Io {
            path: written.to_string(),
            error,
        };
        let folder = path.parent().unwrap_or(&self.root);
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let real_folder = folder.canonicalize().map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => Refused::Missing(
                Path::new(written)
                    .parent()
                    .map_or_else(String::new, |p| p.display().to_string()),
            ),
            _ => io(error),
        })?;
        if !real_folder.starts_with(&self.real) {
            return Err(Refused::LinkOutside(written.to_string()));
        }
        match path.symlink_metadata() {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Refused::Link(written.to_string()));
            }
            Ok(meta) if !meta.is_file() => return Err(Refused::NotRegular(written.to_string())),
            _ => {}
        }
        let name = path
            .file_name()
            .ok_or_else(|| Refused::Outside(written.to_string()))?;
        write_atomic(&real_folder.join(name), text.as_bytes()).map_err(io)
    }

    /// Every rule file and lexicon below the pack folder, in path order:
    /// hidden entries, `__snapshots__` and links to folders left out;
    /// links to files listed only when they stay inside the pack.
    pub fn list(&self) -> Vec<FileEntry> {
        let mut files = Vec::new();
        self.walk(&self.root.clone(), &mut files);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    fn walk(&self, folder: &Path, out: &mut Vec<FileEntry>) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || (folder == self.root && name == "__snapshots__") {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                self.walk(&path, out);
                continue;
            }
            let relative = path.strip_prefix(&self.root).unwrap_or(&path);
            let written: String = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if self.lexical(&written).is_err() {
                continue;
            }
            let Ok(real) = self.real_inside(&written, &path) else {
                continue;
            };
            let Ok(meta) = std::fs::metadata(&real) else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            let kind = if written.ends_with(".evr") {
                "rules"
            } else {
                "lexicon"
            };
            out.push(FileEntry {
                path: written,
                kind,
                bytes: meta.len(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_confined_to_the_pack_and_to_its_kinds_of_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let pack = PackFolder::new(dir.path()).expect("pack folder");
        assert!(pack.lexical("rules.evr").is_ok());
        assert!(pack.lexical("sub/../lexicons/a.tsv").is_ok());
        for outside in ["../x.evr", "/etc/x.evr", "sub/../../x.evr"] {
            assert!(
                matches!(pack.lexical(outside), Err(Refused::Outside(_))),
                "{outside}"
            );
        }
        for other in ["notes.txt", "__snapshots__/a.tsv", "Cargo.toml"] {
            assert!(
                matches!(pack.lexical(other), Err(Refused::NotPackFile(_))),
                "{other}"
            );
        }
    }

    #[test]
    fn a_save_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("a.evr"), "type A\n").expect("write");
        let pack = PackFolder::new(dir.path()).expect("pack folder");
        pack.save("a.evr", "type B\n").expect("saved");
        assert_eq!(pack.read("a.evr").expect("read"), "type B\n");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.evr"]);
    }
}
