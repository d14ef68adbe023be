//! `evrule fmt`: the layout of a file with comments in every place, and on
//! every shipped rule file and every pack of docs/LANGUAGE.md, that the
//! output parses to the same syntax tree and that formatting it again
//! changes nothing.

mod support;

use std::path::{Path, PathBuf};

use evrule::fmt::format_source;
use evrule::lang::FileId;
use evrule::lang::syntax::parse_file;

/// The syntax tree of a file, printed without its spans.
fn tree_without_spans(source: &str) -> String {
    let (file, diagnostics) = parse_file(FileId(0), source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let printed = format!("{:#?}", file.items);
    let mut out = String::new();
    let mut rest = printed.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let close = rest[at..].find('}').expect("a span closes");
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Checks that formatting keeps the tree and is idempotent; returns the output.
fn assert_formats_soundly(name: &str, source: &str) -> String {
    let once = format_source(source).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(
        tree_without_spans(source),
        tree_without_spans(&once),
        "{name}: formatting changed the syntax tree"
    );
    let twice = format_source(&once).expect("formatted text parses");
    assert_eq!(once, twice, "{name}: formatting twice changed the output");
    once
}

#[test]
fn a_messy_file_gets_the_canonical_layout_with_every_comment() {
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fmt/messy.evr"))
            .expect("read fixture");
    let formatted = assert_formats_soundly("messy.evr", &source);
    let comments = |text: &str| text.matches('#').count();
    assert_eq!(comments(&formatted), comments(&source));
    insta::assert_snapshot!("messy", formatted);
}

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "evr") {
            out.push(path);
        }
    }
}

#[test]
fn every_shipped_rule_file_formats_to_the_same_tree_and_is_stable() {
    // The hand-written packs. rules/cameo is generated (8 MB): `evrule fmt
    // --check rules/` in .ci/run holds it to the layout, and comparing its
    // debug-printed trees here would take minutes.
    let mut files = Vec::new();
    for pack in ["conflict", "business"] {
        rule_files(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("rules")
                .join(pack),
            &mut files,
        );
    }
    assert!(files.len() >= 10, "found only {} rule files", files.len());
    for path in files {
        let source = std::fs::read_to_string(&path).expect("read rule file");
        assert_formats_soundly(&path.display().to_string(), &source);
    }
}

#[test]
fn every_pack_of_the_language_reference_formats_to_the_same_tree_and_is_stable() {
    let markdown =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/LANGUAGE.md"))
            .expect("read docs/LANGUAGE.md");
    let mut count = 0;
    for (index, block) in support::evrule_blocks(&markdown).iter().enumerate() {
        for (name, text) in support::fixture_files(&block.1) {
            if name.ends_with(".evr") {
                assert_formats_soundly(&format!("block {index}, {name}"), &text);
                count += 1;
            }
        }
    }
    assert!(
        count >= 12,
        "found only {count} rule files in the reference"
    );
}

#[test]
fn a_file_that_does_not_parse_is_not_formatted() {
    let errors = format_source("type A\nrule r\n  \"X (go\"\n  => E\n").unwrap_err();
    assert_eq!(errors[0].code, "syntax");
    let errors =
        format_source("rule r\n  \"x\"\n  priority 1\n  priority 2\n  => E\n").unwrap_err();
    assert_eq!(
        errors[0].code, "duplicate-option",
        "the second would be lost"
    );
    assert_eq!(
        format_source("import  \"a\\q.evr\"\n").expect("a bad escape is kept as written"),
        "import \"a\\q.evr\"\n"
    );
}

#[test]
fn comments_and_blank_lines_between_items() {
    let source = "\n\n# lone comment\n\n\n# about A\ntype A\ntype B\n\n\ntype C\nrule r\n  \"x\"\n  => E\n  # commented out\n# next\nrule s\n  \"y\"\n  => E\n\n\n# end\n";
    assert_eq!(
        assert_formats_soundly("inline", source),
        "# lone comment\n\n# about A\ntype A\ntype B\n\ntype C\n\nrule r\n  \"x\"\n  => E\n  # commented out\n\n# next\nrule s\n  \"y\"\n  => E\n\n# end\n"
    );
}

/// The text with every space between tokens doubled (not in strings,
/// patterns or comments, not in the indent).
fn loosened(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        out.push_str(&line[..indent]);
        let (mut quoted, mut comment) = (false, false);
        for c in line[indent..].chars() {
            match c {
                '"' if !comment => quoted = !quoted,
                '#' if !quoted => comment = true,
                ' ' if !quoted && !comment => out.push(' '),
                _ => {}
            }
            out.push(c);
        }
    }
    out
}

#[test]
fn extra_spaces_and_crlf_line_ends_give_the_same_layout() {
    let mut files = Vec::new();
    rule_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &mut files,
    );
    for path in files {
        let source = std::fs::read_to_string(&path).expect("read rule file");
        let name = path.display();
        let formatted = format_source(&source).expect("formats");
        let loose = format_source(&loosened(&source)).expect("loosened text formats");
        assert!(
            loose == formatted,
            "{name}: extra spaces changed the layout"
        );
        let crlf = format_source(&source.replace('\n', "\r\n")).expect("CRLF text formats");
        assert!(
            crlf == formatted,
            "{name}: CRLF line ends changed the layout"
        );
    }
}
