//! Corpus snapshots: the events of every document of a corpus, one readable
//! file per document under `PACK/__snapshots__/`, compared on every run so
//! that any change in what a pack finds is seen and reviewed.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use super::style::Style;
use crate::compile::CompiledPack;
use crate::corpus::read::Failure;
use crate::corpus::run::{Sink, run};
use crate::document::Document;
use crate::event::EventRecord;

/// The folder of a pack's corpus snapshots.
pub fn snapshot_dir(pack_root: &Path) -> PathBuf {
    pack_root.join("__snapshots__")
}

/// The snapshot file of a document: its id with every character outside
/// `[A-Za-z0-9._-]` replaced, so ids map to stable flat names.
pub fn snapshot_path(dir: &Path, doc_id: &str) -> PathBuf {
    let name: String = doc_id
        .chars()
        .map(|c| match c {
            '/' | '\\' => '~',
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') => c,
            _ => '_',
        })
        .collect();
    let name = name.trim_start_matches('.');
    dir.join(format!("{name}.snap"))
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
        out.push_str(&format!(
            "\n{}  (rule {}, sentence {}{negated})\n  text: {:?}  {}..{}\n",
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
    Unchanged,
    /// No snapshot yet.
    New,
    /// The snapshot differs; here is what it held.
    Changed {
        old: String,
    },
}

/// One document compared with its snapshot.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub doc: String,
    pub path: PathBuf,
    pub text: String,
    pub status: Status,
}

/// Compares a document's events with its snapshot on disk.
pub fn compare(dir: &Path, doc_id: &str, events: &[EventRecord]) -> Comparison {
    let path = snapshot_path(dir, doc_id);
    let text = render(doc_id, events);
    let status = match std::fs::read_to_string(&path) {
        Ok(old) if old == text => Status::Unchanged,
        Ok(old) => Status::Changed { old },
        Err(_) => Status::New,
    };
    Comparison {
        doc: doc_id.to_string(),
        path,
        text,
        status,
    }
}

/// Writes the new snapshot and removes any pending `.snap.new`.
pub fn accept(comparison: &Comparison) -> std::io::Result<()> {
    if let Some(parent) = comparison.path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&comparison.path, &comparison.text)?;
    let pending = pending_path(&comparison.path);
    if pending.exists() {
        std::fs::remove_file(pending)?;
    }
    Ok(())
}

/// Leaves the new version beside the snapshot as `.snap.new`, for review.
pub fn leave_pending(comparison: &Comparison) -> std::io::Result<()> {
    if let Some(parent) = comparison.path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(pending_path(&comparison.path), &comparison.text)
}

fn pending_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}

/// Snapshot files no document of this run produced.
pub fn stale(dir: &Path, seen: &[PathBuf]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "snap") && !seen.contains(p))
        .collect();
    stale.sort();
    stale
}

/// Runs the pack over a corpus and compares every document with its
/// snapshot; documents that could not be read come back as failures.
pub fn check_corpus(
    pack: &CompiledPack,
    documents: impl Iterator<Item = Result<Document, Failure>>,
    jobs: usize,
) -> std::io::Result<(Vec<Comparison>, Vec<Failure>)> {
    struct Collect {
        dir: PathBuf,
        comparisons: Vec<Comparison>,
        failures: Vec<Failure>,
    }
    impl Sink for Collect {
        fn events(&mut self, doc: &Document, events: &[EventRecord]) -> std::io::Result<()> {
            self.comparisons.push(compare(&self.dir, &doc.id, events));
            Ok(())
        }
        fn failure(&mut self, failure: &Failure) -> std::io::Result<()> {
            self.failures.push(failure.clone());
            Ok(())
        }
    }
    let mut sink = Collect {
        dir: snapshot_dir(&pack.pack.root),
        comparisons: Vec::new(),
        failures: Vec::new(),
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
    pub unchanged: usize,
    pub accepted: usize,
    /// New or changed and not accepted.
    pub rejected: usize,
}

/// Applies `mode` to the comparisons, reporting on `out` and, in review
/// mode, asking on `out` and reading answers from `answers`.
pub fn settle(
    comparisons: &[Comparison],
    mode: Mode,
    answers: &mut dyn BufRead,
    out: &mut dyn Write,
    style: Style,
) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut accept_rest = false;
    // After "quit" (or the end of the answers) the rest stay pending.
    let mut quit = false;
    for comparison in comparisons {
        let diff = match &comparison.status {
            Status::Unchanged => {
                outcome.unchanged += 1;
                continue;
            }
            Status::New => format!(
                "{}\n{}",
                style.green("new snapshot"),
                indent(&comparison.text)
            ),
            Status::Changed { old } => line_diff(old, &comparison.text, style),
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
            Mode::Review if quit => false,
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
            if mode == Mode::Pending || mode == Mode::Review {
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
    fn document_ids_map_to_flat_stable_names() {
        let dir = Path::new("p/__snapshots__");
        assert_eq!(
            snapshot_path(dir, "examples/01 sahel.txt"),
            PathBuf::from("p/__snapshots__/examples~01_sahel.txt.snap")
        );
        assert_eq!(
            snapshot_path(dir, "../x:3"),
            PathBuf::from("p/__snapshots__/~x_3.snap")
        );
    }
}
