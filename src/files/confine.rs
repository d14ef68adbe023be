//! The confinement rule for paths a pack touches.
//!
//! A pack is a folder. What evrule reads from it (its rule files, the files
//! they import, the lexicons they name, its snapshots) must be a regular
//! file whose real path, links resolved, is inside the pack's real path;
//! written paths are normalised (`sub/../main.evr` is `main.evr`) so that a
//! file has one name; folders reached through links are not walked (no
//! loops, no escape to `/`); and no file is read past its cap, so a link to
//! `/dev/zero` or a FIFO can neither grow memory nor block.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};

/// Largest rule (`.evr`) file read: far above any hand-written file.
pub const MAX_RULE_FILE_BYTES: u64 = 4 << 20;
/// Largest lexicon file read: room for a few million rows.
pub const MAX_LEXICON_FILE_BYTES: u64 = 256 << 20;
/// Largest snapshot file read.
pub const MAX_SNAPSHOT_FILE_BYTES: u64 = 16 << 20;

/// Why a path of a pack is not read.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("the path leaves the pack folder")]
    Outside,
    #[error("it is a link to {}, outside the pack folder", .0.display())]
    LinkOutside(PathBuf),
    #[error("no such file")]
    Missing,
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("it is larger than {max} bytes, the most evrule reads from one such file")]
    TooLarge { max: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// The real path of a pack folder, against which every path is confined.
#[derive(Debug, Clone)]
pub struct PackRoot {
    real: PathBuf,
}

/// A file of the pack that may be read: its real path, inside the pack.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PackFile(PathBuf);

impl PackFile {
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A file that exists only as an editor's unsaved buffer (`evrule
    /// lsp`): its text comes from the editor, never from disk.
    pub fn unsaved(path: PathBuf) -> PackFile {
        PackFile(path)
    }
}

/// What a walk of the pack folder found besides its files.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: Refused,
}

impl PackRoot {
    pub fn new(folder: &Path) -> io::Result<PackRoot> {
        Ok(PackRoot {
            real: folder.canonicalize()?,
        })
    }

    pub fn real(&self) -> &Path {
        &self.real
    }

    /// A path as written in a pack file (relative to the pack root), checked.
    pub fn resolve_written(&self, written: &str) -> Result<PackFile, Refused> {
        let relative = normalise(Path::new(written)).ok_or(Refused::Outside)?;
        self.check(&self.real.join(relative))
    }

    /// Any path (absolute, or relative to the working folder), checked.
    pub fn check(&self, path: &Path) -> Result<PackFile, Refused> {
        let real = match path.canonicalize() {
            Ok(real) => real,
            // Also a link to nothing.
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(Refused::Missing),
            Err(error) => return Err(Refused::Io(error)),
        };
        if !real.starts_with(&self.real) {
            return Err(Refused::LinkOutside(real));
        }
        let kind = std::fs::metadata(&real)?.file_type();
        if !kind.is_file() {
            return Err(Refused::NotRegular(describe(kind)));
        }
        Ok(PackFile(real))
    }

    /// The path of a file relative to the pack root, with `/` separators.
    pub fn display_name(&self, file: &PackFile) -> String {
        let relative = file.0.strip_prefix(&self.real).unwrap_or(&file.0);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every file below the pack root whose name ends with `.{extension}`,
    /// in path order, hidden entries left out. Folders reached through a
    /// link are not entered; links to files are followed only inside the
    /// pack; anything else named like a wanted file is skipped with its
    /// reason.
    pub fn walk(&self, extension: &str) -> (Vec<PackFile>, Vec<Skipped>) {
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        self.walk_folder(&self.real, extension, &mut files, &mut skipped);
        files.sort();
        files.dedup();
        (files, skipped)
    }

    fn walk_folder(
        &self,
        folder: &Path,
        extension: &str,
        files: &mut Vec<PackFile>,
        skipped: &mut Vec<Skipped>,
    ) {
        let entries = match std::fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(error) => {
                skipped.push(Skipped {
                    path: folder.to_path_buf(),
                    reason: Refused::Io(error),
                });
                return;
            }
        };
        let mut paths: Vec<(PathBuf, std::fs::FileType)> = Vec::new();
        for entry in entries {
            match entry.and_then(|e| Ok((e.path(), e.file_type()?))) {
                Ok(found) => paths.push(found),
                Err(error) => skipped.push(Skipped {
                    path: folder.to_path_buf(),
                    reason: Refused::Io(error),
                }),
            }
        }
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if name.as_deref().is_none_or(|n| n.starts_with('.')) {
                continue;
            }
            if kind.is_dir() {
                self.walk_folder(&path, extension, files, skipped);
                continue;
            }
            let wanted = path.extension().is_some_and(|e| e == extension);
            if kind.is_symlink() && !wanted && path.is_dir() {
                skipped.push(Skipped {
                    path,
                    reason: Refused::NotRegular("a link to a folder (not followed)"),
                });
                continue;
            }
            if !wanted {
                continue;
            }
            match self.check(&path) {
                Ok(file) => files.push(file),
                Err(reason) => skipped.push(Skipped { path, reason }),
            }
        }
    }

    /// Reads a checked file, at most `max` bytes: a file that grew past its
    /// cap, or was swapped for a link or a FIFO since it was checked, is
    /// refused rather than read.
    pub fn read(&self, file: &PackFile, max: u64) -> Result<Vec<u8>, Refused> {
        read_regular(file.path(), max)
    }
}

/// Reads a regular file without following a final link and without
/// blocking on a FIFO, refusing anything past `max` bytes.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Refused> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Err(Refused::TooLarge { max });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(Refused::TooLarge { max });
    }
    Ok(bytes)
}

/// Opens a path for reading only if it is a regular file itself (not a
/// link, FIFO, device or folder).
pub fn open_regular(path: &Path) -> Result<File, Refused> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|error| match error.raw_os_error() {
            Some(libc::ELOOP) => Refused::NotRegular("a link"),
            _ if error.kind() == io::ErrorKind::NotFound => Refused::Missing,
            _ => Refused::Io(error),
        })?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(Refused::NotRegular(describe(kind)));
    }
    Ok(file)
}

/// What a file type is, in words.
pub fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a link"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a regular file"
    }
}

/// A relative path with `.` and `dir/..` removed; `None` if it is absolute
/// or climbs above its start.
pub fn normalise(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_paths_are_normalised_and_may_not_climb_out() {
        assert_eq!(
            normalise(Path::new("sub/../main.evr")),
            Some(PathBuf::from("main.evr"))
        );
        assert_eq!(
            normalise(Path::new("./a/./b.tsv")),
            Some(PathBuf::from("a/b.tsv"))
        );
        assert_eq!(normalise(Path::new("../x.evr")), None);
        assert_eq!(normalise(Path::new("a/../../x.evr")), None);
        assert_eq!(normalise(Path::new("/etc/passwd")), None);
    }
}
