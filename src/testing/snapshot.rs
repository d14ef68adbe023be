//! Corpus snapshots: the events of every document of a corpus, one readable
//! file per document with events under `PACK/__snapshots__/`, compared on
//! every run so that any change in what a pack finds is seen and reviewed.
//!
//! A document without events has no file and costs nothing but a count. A
//! snapshot's name is a readable slug of the document id plus a hash of the
//! exact id ([`snapshot_name`]): distinct ids get distinct names, whatever
//! their characters or length. Snapshots are read and written under the
//! pack's confinement rule: never through a link, only in a real
//! `__snapshots__` folder of the pack, and written atomically.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use super::style::Style;
use crate::compile::CompiledPack;
use crate::corpus::read::Failure;
use crate::corpus::run::{Sink, run};
use crate::document::Document;
use crate::event::EventRecord;
use crate::files::confine::{MAX_SNAPSHOT_FILE_BYTES, Refused, read_regular};
use crate::files::write::write_atomic;

/// The folder of a pack's corpus snapshots.
pub fn snapshot_dir(pack_root: &Path) -> PathBuf {
    pack_root.join("__snapshots__")
}

/// The snapshot folder, if it may be used: absent (it is created when a
/// snapshot is written) or a real folder, not a link.
pub fn checked_dir(pack_root: &Path) -> std::io::Result<PathBuf> {
    let dir = snapshot_dir(pack_root);
    match dir.symlink_metadata() {
        Ok(meta) if !meta.is_dir() => Err(std::io::Error::other(format!(
            "{} is {}, not a folder: snapshots are only read from and written to a real folder inside the pack",
            dir.display(),
            crate::files::confine::describe(meta.file_type())
        ))),
        _ => Ok(dir),
    }
}

/// Longest readable part of a snapshot name, in bytes.
pub const MAX_SLUG: usize = 60;

/// The snapshot file name of a document id: `slug-hash.snap`, where the
/// slug keeps `[A-Za-z0-9._-]`, writes `/` as `~` and anything else as `_`,
/// cut to [`MAX_SLUG`] bytes, and the hash is 64 bits of FNV-1a over the
/// exact id. At most 82 bytes, whatever the id.
pub fn snapshot_name(doc_id: &str) -> String {
    let mut slug: String = doc_id
        .chars()
        .map(|c| match c {
            '/' | '\\' => '~',
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') => c,
            _ => '_',
        })
        .collect();
    slug = slug.trim_start_matches(['.', '~']).to_string();
    if slug.len() > MAX_SLUG {
        // Keep the end, where file names and line numbers are.
        slug = slug[slug.len() - MAX_SLUG..]
            .trim_start_matches('.')
            .to_string();
    }
    format!("{slug}-{:016x}.snap", fnv1a(doc_id.as_bytes()))
}

/// The snapshot file of a document.
pub fn snapshot_path(dir: &Path, doc_id: &str) -> PathBuf {
    dir.join(snapshot_name(doc_id))
}

/// 64-bit FNV-1a: stable across versions and platforms, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A document's events as snapshot text: one block per event, fields in
/// declaration order, offsets last so that text changes read first.
pub fn render(doc_id: &str, events: &[EventRecord]) -> String {
    let mut out = format!(
        "# evrule corpus snapshot\n# document: {doc_id}\n# events: {}\n",
        events.len()
    );
    for event in events {
        let negated = if event.negated { ", negated" } else { "" };
        let modality = event
            .modality
            .as_deref()
            .map(|m| format!(", {m}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{}  (rule {}, sentence {}{negated}{modality})\n  text: {:?}  {}..{}\n",
            event.event, event.rule, event.sentence, event.text, event.start, event.end
        ));
        for (name, arg) in &event.args {
            let code = arg
                .code
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {name}: {:?}  {}{code}  {}..{}\n",
                arg.text, arg.ty, arg.start, arg.end
            ));
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// As before (also: no events and no snapshot).
    Unchanged,
    /// Events, and no snapshot yet.
    New,
    /// The snapshot differs (or the document has no events any more); here
    /// is what it held.
    Changed { old: String },
    /// The snapshot is not a regular file (a link, a FIFO) or is too large:
    /// it is not read; accepting replaces it.
    Unreadable { reason: String },
}

/// One document compared with its snapshot.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub doc: String,
    pub path: PathBuf,
    pub text: String,
    pub events: usize,
    pub status: Status,
}

impl Comparison {
    /// Whether this document has no events and no snapshot: nothing to
    /// show or write.
    pub fn is_empty(&self) -> bool {
        self.events == 0 && self.status == Status::Unchanged
    }
}

/// Compares a document's events with its snapshot on disk.
pub fn compare(dir: &Path, doc_id: &str, events: &[EventRecord]) -> Comparison {
    let path = snapshot_path(dir, doc_id);
    let text = render(doc_id, events);
    let status = match read_regular(&path, MAX_SNAPSHOT_FILE_BYTES) {
        Ok(old) => {
            let old = String::from_utf8_lossy(&old).into_owned();
            if events.is_empty() || old != text {
                Status::Changed { old }
            } else {
                Status::Unchanged
            }
        }
        Err(Refused::Missing) if events.is_empty() => Status::Unchanged,
        Err(Refused::Missing) => Status::New,
        Err(reason) => Status::Unreadable {
            reason: reason.to_string(),
        },
    };
    Comparison {
        doc: doc_id.to_string(),
        path,
        text,
        events: events.len(),
        status,
    }
}

/// Writes the new snapshot (or removes it, when the document has no events
/// any more) and removes any pending `.snap.new`.
pub fn accept(comparison: &Comparison) -> std::io::Result<()> {
    if comparison.events == 0 {
        remove_if_present(&comparison.path)?;
    } else {
        ensure_dir(&comparison.path)?;
        write_atomic(&comparison.path, comparison.text.as_bytes())?;
    }
    remove_if_present(&pending_path(&comparison.path))
}

/// Leaves the new version beside the snapshot as `.snap.new`, for review.
pub fn leave_pending(comparison: &Comparison) -> std::io::Result<()> {
    ensure_dir(&comparison.path)?;
    write_atomic(&pending_path(&comparison.path), comparison.text.as_bytes())
}

/// Creates the snapshot folder (not its parents: the pack folder exists).
fn ensure_dir(snapshot: &Path) -> std::io::Result<()> {
    match snapshot.parent() {
        Some(dir) if !dir.exists() => std::fs::create_dir(dir),
        _ => Ok(()),
    }
}

/// Removes a file or link (never what a link points to).
fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn pending_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}

/// Snapshot files (`.snap`, and `.snap.new`) that no document of this run
/// maps to, and temporary files a killed run left, in name order.
pub fn stale(dir: &Path, comparisons: &[Comparison]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let seen: BTreeSet<PathBuf> = comparisons.iter().map(|c| c.path.clone()).collect();
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let snapshot = match name.strip_suffix(".new") {
                Some(base) => p.with_file_name(base),
                None => p.clone(),
            };
            // A temporary file left by a killed run (`.NAME.snap.XXXX.tmp`).
            let leftover =
                name.starts_with('.') && name.ends_with(".tmp") && name.contains(".snap");
            leftover
                || (!name.starts_with('.')
                    && snapshot.extension().is_some_and(|e| e == "snap")
                    && !seen.contains(&snapshot))
        })
        .collect();
    stale.sort();
    stale
}

/// Removes stale snapshot files (links themselves, never their targets).
pub fn prune(stale: &[PathBuf]) -> std::io::Result<()> {
    stale.iter().try_for_each(|path| remove_if_present(path))
}

/// Runs the pack over a corpus and compares every document with its
/// snapshot; documents that could not be read come back as failures, and
/// so does a document whose id another document already has (its
/// snapshot would be ambiguous).
pub fn check_corpus(
    pack: &CompiledPack,
    documents: impl Iterator<Item = Result<Document, Failure>>,
    jobs: usize,
) -> std::io::Result<(Vec<Comparison>, Vec<Failure>)> {
    struct Collect {
        dir: PathBuf,
        comparisons: Vec<Comparison>,
        failures: Vec<Failure>,
        /// Each snapshot name, with the document id and place it came from.
        names: HashMap<String, (String, String)>,
    }
    impl Sink for Collect {
        fn events(&mut self, doc: &Document, events: &[EventRecord]) -> std::io::Result<()> {
            let place = doc.origin.clone().unwrap_or_else(|| doc.id.clone());
            let name = snapshot_name(&doc.id);
            if let Some((first_id, first_place)) = self.names.get(&name) {
                let message = if *first_id == doc.id {
                    format!(
                        "document id `{}` is also the id of the document at {first_place}: corpus snapshots need unique ids",
                        doc.id
                    )
                } else {
                    format!(
                        "document `{}` has the snapshot name of `{first_id}` (at {first_place}): rename one",
                        doc.id
                    )
                };
                self.failures.push(Failure {
                    location: place,
                    message,
                });
                return Ok(());
            }
            self.names.insert(name, (doc.id.clone(), place));
            self.comparisons.push(compare(&self.dir, &doc.id, events));
            Ok(())
        }
        fn failure(&mut self, failure: &Failure) -> std::io::Result<()> {
            self.failures.push(failure.clone());
            Ok(())
        }
    }
    let mut sink = Collect {
        dir: checked_dir(&pack.pack.root)?,
        comparisons: Vec::new(),
        failures: Vec::new(),
        names: HashMap::new(),
    };
    run(pack, documents, jobs, &mut sink)?;
    Ok((sink.comparisons, sink.failures))
}

/// What to do with snapshot changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write nothing (CI): any change fails.
    Check,
    /// Leave `.snap.new` files beside changed snapshots; changes fail.
    Pending,
    /// Accept every change.
    Accept,
    /// Ask, document by document.
    Review,
}

/// The outcome of a snapshot run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Documents with events whose snapshot is unchanged.
    pub unchanged: usize,
    /// Documents without events and without a snapshot: nothing to do.
    pub empty: usize,
    pub accepted: usize,
    /// New or changed and not accepted.
    pub rejected: usize,
}

/// Applies `mode` to the comparisons, reporting on `out` and, in review
/// mode, asking on `out` and reading answers from `answers`. Documents
/// without events and without a snapshot are only counted. After "quit"
/// (or the end of the answers) review stops at once: the rest stay
/// pending, unshown.
pub fn settle(
    comparisons: &[Comparison],
    mode: Mode,
    answers: &mut dyn BufRead,
    out: &mut dyn Write,
    style: Style,
) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut accept_rest = false;
    let mut quit = false;
    for comparison in comparisons {
        // Outside review a new snapshot is one line: a first run over a
        // large corpus lists its documents, not all their events.
        if comparison.status == Status::New && mode != Mode::Review && !quit {
            writeln!(
                out,
                "{} {}  {}",
                style.bold(&comparison.doc),
                style.dim(&comparison.path.display().to_string()),
                style.green(&format!(
                    "new snapshot, {} event{}",
                    comparison.events,
                    if comparison.events == 1 { "" } else { "s" }
                ))
            )?;
            if mode == Mode::Accept {
                self::accept(comparison)?;
                outcome.accepted += 1;
            } else {
                if mode == Mode::Pending {
                    leave_pending(comparison)?;
                }
                outcome.rejected += 1;
            }
            continue;
        }
        let diff = match &comparison.status {
            Status::Unchanged if comparison.events == 0 => {
                outcome.empty += 1;
                continue;
            }
            Status::Unchanged => {
                outcome.unchanged += 1;
                continue;
            }
            _ if quit => {
                outcome.rejected += 1;
                continue;
            }
            Status::New => format!(
                "{}\n{}",
                style.green("new snapshot"),
                indent(&comparison.text)
            ),
            Status::Changed { old } if comparison.events == 0 => format!(
                "{}\n{}",
                style.red("no events any more: accepting removes the snapshot"),
                line_diff(old, &comparison.text, style)
            ),
            Status::Changed { old } => line_diff(old, &comparison.text, style),
            Status::Unreadable { reason } => format!(
                "{}\n{}",
                style.red(&format!(
                    "the snapshot is not read ({reason}); accepting replaces it"
                )),
                indent(&comparison.text)
            ),
        };
        writeln!(
            out,
            "{} {}",
            style.bold(&comparison.doc),
            style.dim(&comparison.path.display().to_string())
        )?;
        write!(out, "{diff}")?;
        let accept = match mode {
            Mode::Check | Mode::Pending => false,
            Mode::Accept => true,
            Mode::Review if accept_rest => true,
            Mode::Review => loop {
                write!(
                    out,
                    "accept this snapshot? [y]es, [n]o, [a]ll remaining, [q]uit: "
                )?;
                out.flush()?;
                let mut line = String::new();
                if answers.read_line(&mut line)? == 0 {
                    quit = true;
                    break false;
                }
                match line.trim() {
                    "y" | "yes" => break true,
                    "n" | "no" => break false,
                    "a" | "all" => {
                        accept_rest = true;
                        break true;
                    }
                    "q" | "quit" => {
                        quit = true;
                        break false;
                    }
                    _ => writeln!(out, "please answer y, n, a or q")?,
                }
            },
        };
        if accept {
            self::accept(comparison)?;
            outcome.accepted += 1;
            writeln!(out, "{}\n", style.green("accepted"))?;
        } else {
            if (mode == Mode::Pending || mode == Mode::Review) && !quit {
                leave_pending(comparison)?;
            }
            outcome.rejected += 1;
            writeln!(out)?;
        }
    }
    Ok(outcome)
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// A line diff of two snapshot texts, `-`/`+` prefixed, with two lines of
/// context around changes.
pub fn line_diff(old: &str, new: &str, style: super::style::Style) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = String::new();
    for group in diff.grouped_ops(2) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let line = change.value().trim_end_matches('\n');
                match change.tag() {
                    similar::ChangeTag::Delete => out.push_str(&style.red(&format!("- {line}"))),
                    similar::ChangeTag::Insert => out.push_str(&style.green(&format!("+ {line}"))),
                    similar::ChangeTag::Equal => out.push_str(&style.dim(&format!("  {line}"))),
                }
                out.push('\n');
            }
        }
        out.push_str(&style.dim("  ⋯"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_names_are_readable_distinct_and_bounded() {
        assert_eq!(
            snapshot_name("examples/01 sahel.txt"),
            format!(
                "examples~01_sahel.txt-{:016x}.snap",
                fnv1a(b"examples/01 sahel.txt")
            )
        );
        // Ids that one slug would merge keep distinct names.
        for (a, b) in [("a b", "a_b"), ("a/b", "a~b"), ("é", "è"), ("x", "X ")] {
            assert_ne!(snapshot_name(a), snapshot_name(b), "{a} / {b}");
        }
        let long = "x".repeat(300);
        assert!(snapshot_name(&long).len() <= MAX_SLUG + 22);
        assert!(!snapshot_name("../../etc/passwd").contains('/'));
        assert!(!snapshot_name("..").starts_with('.'));
    }
}
