//! The one way evrule writes a file.
//!
//! [`AtomicFile`] writes to a temporary file beside the target and renames
//! it into place on [`AtomicFile::commit`], so that a reader (or a crash, or
//! Ctrl-C) never sees a half-written file: the target holds either its old
//! content or the complete new one. Renaming replaces a link at the target
//! by a file rather than writing through it. [`Identity`] tells whether an
//! output is one of the inputs, whatever the spelling of its path, so that
//! `run corpus.txt -o corpus.txt` is refused before anything is opened for
//! writing.

use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A file's identity: device and inode, as ripgrep compares its output
/// with its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    pub device: u64,
    pub inode: u64,
}

impl Identity {
    /// The identity of what a path names (links followed); `None` if it
    /// does not exist.
    pub fn of(path: &Path) -> Option<Identity> {
        std::fs::metadata(path).ok().map(|m| Identity {
            device: m.dev(),
            inode: m.ino(),
        })
    }

    /// The identity of standard input, when it is a file.
    pub fn of_stdin() -> Option<Identity> {
        Identity::of(Path::new("/dev/stdin"))
            .filter(|_| std::fs::metadata("/dev/stdin").is_ok_and(|m| m.file_type().is_file()))
    }
}

/// Files being written, as (temporary file, target): the temporary files
/// are removed if the process is interrupted.
static IN_PROGRESS: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written; for an interrupt
/// handler, just before the process exits. Returns the targets, which were
/// left as they were.
pub fn abandon_all() -> Vec<PathBuf> {
    let mut in_progress = IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner());
    in_progress
        .drain(..)
        .map(|(temp, target)| {
            let _ = std::fs::remove_file(temp);
            target
        })
        .collect()
}

fn forget(temp: &Path) {
    let mut in_progress = IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner());
    in_progress.retain(|(p, _)| p != temp);
}

/// A file written beside its target and renamed into place when complete.
/// Dropped without [`AtomicFile::commit`], it is removed and the target is
/// left untouched.
pub struct AtomicFile {
    temp: Option<tempfile::NamedTempFile>,
    writer: Option<io::BufWriter<std::fs::File>>,
    target: PathBuf,
}

impl AtomicFile {
    /// Starts writing an output the user named: a new or regular file is
    /// written atomically; an existing FIFO, device or terminal
    /// (`/dev/null`, `>(…)`) is written into, since a rename would replace
    /// it instead of feeding it.
    pub fn for_output(target: &Path) -> io::Result<AtomicFile> {
        match std::fs::metadata(target) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(target)?;
                Ok(AtomicFile {
                    temp: None,
                    writer: Some(io::BufWriter::new(file)),
                    target: target.to_path_buf(),
                })
            }
            _ => AtomicFile::create(target),
        }
    }

    /// Starts writing `target` atomically; its folder must exist. Whatever
    /// the target is (a file, a link, a FIFO), it is replaced, never
    /// written through.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(folder)?;
        IN_PROGRESS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((temp.path().to_path_buf(), target.to_path_buf()));
        let writer = io::BufWriter::new(temp.as_file().try_clone()?);
        Ok(AtomicFile {
            temp: Some(temp),
            writer: Some(writer),
            target: target.to_path_buf(),
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        let writer = self
            .writer
            .take()
            .expect("an uncommitted file has a writer");
        writer.into_inner().map_err(|e| e.into_error())?;
        let Some(temp) = self.temp.take() else {
            // Written into a FIFO or a device: nothing to rename.
            return Ok(());
        };
        let temp_path = temp.path().to_path_buf();
        let result = temp.persist(&self.target).map(|_| ()).map_err(|e| e.error);
        forget(&temp_path);
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer
            .as_mut()
            .expect("an uncommitted file has a writer")
            .write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer
            .as_mut()
            .expect("an uncommitted file has a writer")
            .flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            forget(temp.path());
            // NamedTempFile removes itself when dropped.
        }
    }
}

/// Writes a whole file atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        std::fs::write(&target, "old\n").unwrap();
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"new\n").unwrap();
        file.flush().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
        drop(file);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&target, b"new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_link_at_the_target_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("x.snap");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomic(&target, b"snapshot").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!target.symlink_metadata().unwrap().file_type().is_symlink());
    }

    #[test]
    fn identities_ignore_the_spelling_of_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        let other = dir.path().join("sub/../a.txt");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert_eq!(Identity::of(&file), Identity::of(&other));
        assert_ne!(Identity::of(&file), Identity::of(dir.path()));
    }
}
