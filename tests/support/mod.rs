//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Writes a multi-file fixture into a fresh temporary folder.
///
/// A fixture is text with `=== path` lines, each starting a file; lines
/// before the first `=== ` describe the case and are returned.
pub fn write_fixture(fixture: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut description = String::new();
    let mut current: Option<(PathBuf, String)> = None;
    let flush = |current: &mut Option<(PathBuf, String)>| {
        if let Some((path, text)) = current.take() {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("file in a folder"))
                .expect("create folder");
            std::fs::write(full, text).expect("write fixture file");
        }
    };
    for line in fixture.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            flush(&mut current);
            current = Some((PathBuf::from(name.trim()), String::new()));
        } else if let Some((_, text)) = &mut current {
            text.push_str(line);
        } else {
            description.push_str(line.trim_start_matches('#').trim_start());
        }
    }
    flush(&mut current);
    (dir, description.trim().to_string())
}

/// The `*.txt` fixtures of a folder under `tests/`, sorted, as (stem, text).
pub fn fixtures(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).expect("read fixture");
            (stem, text)
        })
        .collect()
}

/// The shared corpus folder, or `None` (after saying so) when it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} is absent (the shared corpus is not checked out)",
            dir.display()
        );
        None
    }
}

/// Loads and compiles a pack, failing the test with its diagnostics.
pub fn compile_pack(dir: &Path) -> evrule::compile::CompiledPack {
    let loaded = evrule::lang::load_pack(dir);
    let pack = loaded.pack.unwrap_or_else(|| {
        panic!(
            "{}",
            evrule::lang::report::render_all(&loaded.diagnostics, &loaded.sources, false)
        )
    });
    evrule::compile::CompiledPack::new(pack).expect("compile")
}

/// The ```evrule blocks of a markdown page, with their info strings
/// (`error` for an error example).
pub fn evrule_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```evrule") {
                    current = Some((info.trim().to_string(), String::new()));
                }
            }
            Some((info, text)) => {
                if line.starts_with("```") {
                    blocks.push((info.clone(), text.clone()));
                    current = None;
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    blocks
}

/// The files of a fixture, as (path, text), in order.
pub fn fixture_files(fixture: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            files.push((name.trim().to_string(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
        }
    }
    files
}

/// What an eval report falls short of: one line per event type below its
/// `(type, precision, recall)` floor, and one if the overall figures are
/// below `overall` (precision, recall).
pub fn below_floors(
    report: &evrule::testing::eval::EvalReport,
    floors: &[(&str, f64, f64)],
    overall: (f64, f64),
) -> Vec<String> {
    let mut below = Vec::new();
    let mut check = |name: &str, score: &evrule::testing::eval::Score, floor: (f64, f64)| {
        if score.precision() < floor.0 || score.recall() < floor.1 {
            below.push(format!(
                "{name}: precision {:.3} (floor {}), recall {:.3} (floor {})",
                score.precision(),
                floor.0,
                score.recall(),
                floor.1
            ));
        }
    };
    for &(ty, precision, recall) in floors {
        check(ty, &report.per_type[ty], (precision, recall));
    }
    check("overall", &report.overall, overall);
    below
}

/// Runs `pack` over the documents of `folder` (a path from the crate root,
/// as `evrule test PACK --corpus FOLDER` names them there) and returns
/// each document whose corpus snapshot changed or is missing, with its
/// diff. Asserts that no document failed and that there are at least
/// `at_least` documents.
pub fn corpus_snapshot_changes(
    pack: &evrule::compile::CompiledPack,
    folder: &str,
    at_least: usize,
) -> Vec<String> {
    use evrule::corpus::read::{TextMode, expand_inputs};
    use evrule::testing::snapshot::{self, Status};
    use evrule::testing::style::Style;

    let documents = expand_inputs(&[Path::new(folder).to_path_buf()]).documents(TextMode::File);
    let (comparisons, failures) = snapshot::check_corpus(pack, documents, 1).expect("run");
    assert!(failures.is_empty(), "{failures:?}");
    assert!(comparisons.len() >= at_least);
    comparisons
        .iter()
        .filter(|c| c.status != Status::Unchanged)
        .map(|c| match &c.status {
            Status::Changed { old } => format!(
                "{}:\n{}",
                c.doc,
                snapshot::line_diff(old, &c.text, Style::PLAIN)
            ),
            _ => format!("{}: no snapshot", c.doc),
        })
        .collect()
}
