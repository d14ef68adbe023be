//! Target: the pack loader, parser and checker (and the compiler and the
//! examples when a mutated pack still checks). Seeds: the packs of
//! docs/LANGUAGE.md and the rule files of rules/, mutated byte-wise with
//! the characters that matter to the grammar.

use std::path::Path;

use evrule::compile::CompiledPack;
use evrule::lang::{self, report};
use evrule::testing::examples;
use proptest::prelude::*;

use crate::ensure;
use crate::harness::fuzz;

/// A seed pack: its files, as (relative path, bytes).
type Seed = Vec<(String, Vec<u8>)>;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `=== path` fixtures of the ```evrule blocks of docs/LANGUAGE.md,
/// and the conflict pack's rule files (without its large lexicons, which
/// make each case slow; their absence is one more error to report).
fn seeds() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let markdown = std::fs::read_to_string(root().join("docs/LANGUAGE.md")).expect("LANGUAGE.md");
    let mut block: Option<String> = None;
    for line in markdown.lines() {
        match &mut block {
            None if line.starts_with("```evrule") => block = Some(String::new()),
            None => {}
            Some(text) if line.starts_with("```") => {
                seeds.push(parse_fixture(text));
                block = None;
            }
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    let mut conflict: Seed = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root().join("rules/conflict"))
        .expect("rules/conflict")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "evr"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read(&path).expect("rule file");
        // Each file alone, and all of them.
        seeds.push(vec![(name.clone(), text.clone())]);
        conflict.push((name, text));
    }
    seeds.push(conflict);
    seeds
}

fn parse_fixture(text: &str) -> Seed {
    let mut files: Seed = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            files.push((name.trim().to_string(), Vec::new()));
        } else if let Some((_, bytes)) = files.last_mut() {
            bytes.extend_from_slice(line.as_bytes());
        }
    }
    files
}

/// Fragments that matter to the grammar and the checker.
const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "\"",
    "\\",
    "\\\"",
    "\r",
    "\n",
    "\r\n",
    "#",
    "# \"",
    "...",
    "...{0,64}",
    "...{3,1}",
    "...{99999999999}",
    "@",
    "=>",
    "X",
    "Y",
    "|",
    "!",
    "=",
    " ",
    "\t",
    "é",
    "Ü",
    "\u{FEFF}",
    "\u{202E}",
    "{",
    "}",
    ":",
    ",",
    "?",
    "rule ",
    "entity ",
    "import \"",
    "words ",
    "type ",
    "event ",
    "lexicon \"",
    "example \"",
    "counterexample \"",
    "priority 99999999999999999999",
    "passive off",
    "coordination off",
    "distinct a, b",
    "negation mark",
    "code \"",
    "X.code +",
    "\"X attack Y\"",
    "((((((((",
    "))))))))",
    "[[[[[[[[",
    "\\u{",
    "\\u{110000}",
    "'s",
    "£",
    "-",
    "negated",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, fragment: usize },
    InsertByte { at: usize, byte: u8 },
    Repeat { at: usize, len: usize, times: usize },
    SwapLines { a: usize, b: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1..20usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 0..FRAGMENTS.len())
            .prop_map(|(at, fragment)| Edit::Insert { at, fragment }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::InsertByte { at, byte }),
        (any::<usize>(), 1..8usize, 2..60usize).prop_map(|(at, len, times)| Edit::Repeat {
            at,
            len,
            times
        }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let n = bytes.len();
    match *edit {
        Edit::Delete { at, len } if n > 0 => {
            let at = at % n;
            bytes.drain(at..(at + len).min(n));
        }
        Edit::Delete { .. } => {}
        Edit::Insert { at, fragment } => {
            let at = at % (n + 1);
            bytes.splice(at..at, FRAGMENTS[fragment].bytes());
        }
        Edit::InsertByte { at, byte } => bytes.insert(at % (n + 1), byte),
        Edit::Repeat { at, len, times } if n > 0 => {
            let at = at % n;
            let piece: Vec<u8> = bytes[at..(at + len).min(n)].to_vec();
            let repeated: Vec<u8> = piece.repeat(times);
            bytes.splice(at..at, repeated);
        }
        Edit::Repeat { .. } => {}
        Edit::SwapLines { a, b } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
            let count = lines.len();
            lines.swap(a % count, b % count);
            *bytes = lines.join(&b'\n');
        }
    }
}

/// Loads a pack from files; checks, renders, compiles and runs its examples.
pub fn exercise(files: &[(String, Vec<u8>)]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, bytes).expect("write");
    }
    let loaded = lang::load_pack(dir.path());
    let rendered = report::render_all(&loaded.diagnostics, &loaded.sources, false);
    ensure!(
        loaded.error_count() == 0 || !rendered.is_empty(),
        "errors rendered as nothing"
    );
    for diagnostic in &loaded.diagnostics {
        let _ = diagnostic.one_line(&loaded.sources);
    }
    ensure!(
        loaded.pack.is_some() == (loaded.error_count() == 0),
        "a pack must exist exactly when there is no error"
    );
    if let Some(pack) = loaded.pack
        && let Ok(compiled) = CompiledPack::new(pack)
    {
        let report = examples::run_examples(&compiled);
        let _ = examples::render(
            &report,
            &compiled,
            evrule::testing::style::Style::PLAIN,
            true,
        );
    }
    Ok(())
}

#[test]
fn fuzz_pack_parser_and_checker() {
    let seeds = seeds();
    assert!(seeds.len() >= 20, "{} seeds", seeds.len());
    let strategy = (
        0..seeds.len(),
        any::<usize>(),
        proptest::collection::vec(edit(), 1..8),
    );
    fuzz("pack", 96, strategy, |(seed, file, edits)| {
        let mut files = seeds[seed].clone();
        if files.is_empty() {
            return Ok(());
        }
        let index = file % files.len();
        for edit in &edits {
            apply(&mut files[index].1, edit);
        }
        exercise(&files)
    });
}
