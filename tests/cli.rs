//! The `evrule` binary end to end: exit codes, inputs and outputs, every
//! document accounted for, and the snapshot workflow on disk.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use evrule::testing::snapshot::snapshot_path;

fn evrule(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(args)
        .env_remove("CI")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run evrule");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("evrule finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const PACK: &str = "=== main.evr
type Actor
type Place
lexicon \"actors.tsv\"
event Attack { attacker: Actor, victim: Actor, location: Place? } code \"190\" label \"Attack\"
rule attack
  \"X attack Y [in Z]\"
  X: Actor  Y: Actor  Z: Place
  => Attack { attacker: X, victim: Y, location: Z }
  example \"Russia attacked Isis.\" => Attack { attacker: \"Russia\", victim: \"Isis\" }
=== actors.tsv
Russia\tActor\tRUS
Isis\tActor\tIMGMUSISI
Palmyra\tPlace\tSYR
";

#[test]
fn check_exits_zero_on_a_clean_pack_and_three_on_errors() {
    let (dir, _) = support::write_fixture(PACK);
    let pack = dir.path().to_str().expect("utf-8 path");
    let output = evrule(&["check", pack], None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout)
            .contains("ok: 1 rule file, 1 lexicon file, 2 types, 1 events, 1 rules")
    );

    std::fs::write(
        dir.path().join("broken.evr"),
        "rule r\n  \"X go\"\n  => Nope\n",
    )
    .expect("write");
    let output = evrule(&["check", pack], None);
    assert_eq!(output.status.code(), Some(3), "a pack error");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("broken.evr:2:4"), "{stderr}");
    assert!(stderr.contains("2 errors"), "{stderr}");
}

#[test]
fn check_format_json_prints_one_object_per_diagnostic_on_stdout() {
    let (dir, _) = support::write_fixture(PACK);
    let pack = dir.path().to_str().expect("utf-8 path");
    let output = evrule(&["check", pack, "--format", "json"], None);
    assert!(output.status.success());
    assert_eq!(text(&output.stdout), "", "a clean pack prints no JSON");
    assert!(text(&output.stderr).contains("ok: 1 rule file"));

    std::fs::write(
        dir.path().join("broken.evr"),
        "rule r\n  \"X go\"\n  => Nope\n",
    )
    .expect("write");
    let output = evrule(&["check", pack, "--format", "json"], None);
    assert_eq!(output.status.code(), Some(3), "a pack error");
    let stdout = text(&output.stdout);
    let diagnostics: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let places: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}:{}:{} {}", d["file"], d["line"], d["column"], d["code"]))
        .collect();
    assert_eq!(
        places,
        [
            "\"broken.evr\":2:4 \"untyped-slot\"",
            "\"broken.evr\":3:6 \"unknown-event\""
        ]
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let fixture = PACK.replace(
        "lexicon \"actors.tsv\"",
        "lexicon \"actors.tsv\"\nwords unused = x",
    );
    let (dir, _) = support::write_fixture(&fixture);
    let pack = dir.path().to_str().expect("utf-8 path");
    assert!(evrule(&["check", pack], None).status.success());
    assert_eq!(
        evrule(&["check", pack, "--deny-warnings"], None)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn run_reads_jsonl_and_accounts_for_every_document() {
    let (dir, _) = support::write_fixture(PACK);
    let pack = dir.path().to_str().expect("utf-8 path");
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Russia attacked Isis in Palmyra.\", \"date\": \"2015-09-30\", \"url\": \"http://x\"}\n",
        "{\"id\": \"b\", \"text\": \n",
        "\n",
        "{\"id\": \"c\", \"text\": \"Nothing happened.\"}\n",
        "{\"id\": \"d\"}\n",
    );
    let output = evrule(&["run", pack, "-"], Some(input));
    assert_eq!(output.status.code(), Some(1), "failures make the run fail");
    let stdout = text(&output.stdout);
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["doc"], "a");
    assert_eq!(records[0]["date"], "2015-09-30");
    assert_eq!(records[0]["meta"]["url"], "http://x");
    assert_eq!(records[0]["args"]["location"]["code"], "SYR");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("error: -:2:"), "{stderr}");
    assert!(
        stderr.contains("error: -:5: document `d` has no `text` field"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 documents, 2 sentences, 1 events, 2 failures"),
        "{stderr}"
    );
}

#[test]
fn run_writes_csv_and_tables_and_reads_folders_in_order() {
    let (dir, _) = support::write_fixture(PACK);
    let pack = dir.path().to_str().expect("utf-8 path");
    let corpus = tempfile::tempdir().expect("temporary folder");
    std::fs::write(corpus.path().join("2.txt"), "Isis attacked Russia.").expect("write");
    std::fs::write(
        corpus.path().join("1.txt"),
        "Russia attacked Isis in Palmyra.",
    )
    .expect("write");
    std::fs::write(corpus.path().join("notes.md"), "Russia attacked Isis.").expect("write");
    let folder = corpus.path().to_str().expect("utf-8 path");
    let output = evrule(&["run", pack, folder, "--format", "csv"], None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "doc,sentence,event,label,isa,code,rule,start,end,start_char,end_char,text,negated,modality,date,meta,\
         attacker,attacker_type,attacker_code,attacker_value,\
         victim,victim_type,victim_code,victim_value,\
         location,location_type,location_code,location_value"
    );
    assert!(
        lines[1].contains(
            "1.txt,0,Attack,Attack,Attack,\"190\",attack,0,31,0,31,Russia attacked Isis in Palmyra,false,,,,\
             Russia,Actor,\"RUS\",,Isis,Actor,\"IMGMUSISI\",,Palmyra,Place,\"SYR\","
        ),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("2.txt,0,Attack"), "{}", lines[2]);
    assert!(
        text(&output.stderr).contains("skipped"),
        "the .md file is reported, not silently dropped"
    );

    let output = evrule(&["run", pack, folder, "--format", "table", "--quiet"], None);
    let table = text(&output.stdout);
    let rows: Vec<&str> = table.lines().collect();
    // Cells are separated by at least two spaces; every column starts at
    // the same character in every row.
    let cells = |row: &str| -> Vec<String> {
        row.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    let file = |name: &str| corpus.path().join(name).display().to_string();
    assert_eq!(
        rows.iter().map(|r| cells(r)).collect::<Vec<_>>(),
        [
            vec!["doc", "sent", "event", "rule", "arguments", "text"]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
            vec![
                file("1.txt"),
                "0".into(),
                "Attack".into(),
                "attack".into(),
                "attacker=Russia (RUS)".into(),
                "victim=Isis (IMGMUSISI)".into(),
                "location=Palmyra (SYR)".into(),
                "«Russia attacked Isis in Palmyra»".into()
            ],
            vec![
                file("2.txt"),
                "0".into(),
                "Attack".into(),
                "attack".into(),
                "attacker=Isis (IMGMUSISI)".into(),
                "victim=Russia (RUS)".into(),
                "«Isis attacked Russia»".into()
            ],
        ]
    );
    let column = |row: &str, cell: &str| row[..row.find(cell).expect("cell")].chars().count();
    for (header, cell_1, cell_2) in [
        ("sent", "0", "0"),
        ("rule", "attack", "attack"),
        ("arguments", "attacker=", "attacker="),
        ("text", "«", "«"),
    ] {
        let at = column(rows[0], header);
        assert_eq!(column(rows[1], &format!("  {cell_1}")) + 2, at, "{table}");
        assert_eq!(column(rows[2], &format!("  {cell_2}")) + 2, at, "{table}");
    }
}

/// CSV read back with a CSV parser: one typed column per thing a record
/// holds, codes as written, character offsets next to byte offsets.
#[test]
fn csv_keeps_metadata_types_codes_values_and_character_offsets() {
    let pack = "=== main.evr
type Company
lexicon \"companies.tsv\"
event Deal { buyer: Company, target: Company, price: Number? } code \"010\"
rule buy
  \"X buy Y [for N]\"
  X: Company  Y: Company  N: Number
  => Deal { buyer: X, target: Y, price: N }
=== companies.tsv
Société Générale\tCompany\tNA
Zürich Re\tCompany\t007
";
    let (dir, _) = support::write_fixture(pack);
    let input = concat!(
        r#"{"id": "d1", "text": "Société Générale bought Zürich Re for £11m.", "date": "2024-03-06", "source": "wire", "tags": ["m&a"]}"#,
        "\n"
    );
    let output = evrule(
        &[
            "run",
            dir.path().to_str().expect("utf-8 path"),
            "-",
            "--format",
            "csv",
            "--quiet",
        ],
        Some(input),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 1);
    let cell = |name: &str| -> &str {
        let at = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        &rows[0][at]
    };
    let text_of_doc = "Société Générale bought Zürich Re for £11m.";
    let (start, end): (usize, usize) = (
        cell("start").parse().expect("a byte offset"),
        cell("end").parse().expect("a byte offset"),
    );
    let (start_char, end_char): (usize, usize) = (
        cell("start_char").parse().expect("a character offset"),
        cell("end_char").parse().expect("a character offset"),
    );
    assert_eq!(&text_of_doc[start..end], cell("text"));
    let by_chars: String = text_of_doc
        .chars()
        .skip(start_char)
        .take(end_char - start_char)
        .collect();
    assert_eq!(by_chars, cell("text"));
    assert_eq!((start, end, start_char, end_char), (0, 48, 0, 42));
    assert_eq!(cell("code"), "010");
    assert_eq!(cell("isa"), "Deal");
    assert_eq!(cell("negated"), "false");
    assert_eq!(cell("modality"), "");
    assert_eq!(cell("date"), "2024-03-06");
    let meta: serde_json::Value = serde_json::from_str(cell("meta")).expect("meta is JSON");
    assert_eq!(meta, serde_json::json!({"source": "wire", "tags": ["m&a"]}));
    assert_eq!(
        (cell("buyer"), cell("buyer_type"), cell("buyer_code")),
        ("Société Générale", "Company", "NA")
    );
    assert_eq!(cell("target_code"), "007");
    assert_eq!((cell("price"), cell("price_type")), ("£11m", "Number"));
    assert_eq!(cell("price_value").parse::<f64>().expect("a number"), 11e6);
    assert_eq!(cell("buyer_value"), "");
    // Code columns are quoted in the file itself, whatever they hold.
    let raw = text(&output.stdout);
    assert!(raw.contains(",\"010\","), "{raw}");
    assert!(raw.contains(",\"NA\","), "{raw}");
}

#[test]
fn run_reads_gzipped_jsonl() {
    use flate2::{Compression, write::GzEncoder};
    let (dir, _) = support::write_fixture(PACK);
    let corpus = tempfile::tempdir().expect("temporary folder");
    let path = corpus.path().join("news.jsonl.gz");
    let mut encoder = GzEncoder::new(
        std::fs::File::create(&path).expect("create"),
        Compression::default(),
    );
    encoder
        .write_all(b"{\"id\": \"g1\", \"text\": \"Isis attacked Russia.\"}\n")
        .expect("write");
    encoder.finish().expect("finish gzip");
    let output = evrule(
        &[
            "run",
            dir.path().to_str().expect("utf-8"),
            path.to_str().expect("utf-8"),
        ],
        None,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("\"doc\":\"g1\""));
}

#[test]
fn schema_describes_each_event() {
    let (dir, _) = support::write_fixture(PACK);
    let output = evrule(&["schema", dir.path().to_str().expect("utf-8 path")], None);
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON schema");
    let attack = &schema["oneOf"][0];
    assert_eq!(attack["properties"]["event"]["const"], "Attack");
    assert_eq!(
        attack["properties"]["args"]["required"],
        serde_json::json!(["attacker", "victim"])
    );
}

#[test]
fn corpus_snapshots_fail_on_change_and_are_accepted_or_reviewed() {
    let (dir, _) = support::write_fixture(PACK);
    let pack = dir.path().to_str().expect("utf-8 path");
    let corpus = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        corpus.path().join("a.txt"),
        "Russia attacked Isis in Palmyra.",
    )
    .expect("write");
    std::fs::write(corpus.path().join("b.txt"), "Isis attacked Russia.").expect("write");
    let folder = corpus.path().to_str().expect("utf-8 path");
    let snapshots = dir.path().join("__snapshots__");

    // New snapshots: pending, the test fails.
    let output = evrule(&["test", pack, "--corpus", folder], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains("0 accepted, 2 pending"),
        "{}",
        text(&output.stdout)
    );
    assert_eq!(count_files(&snapshots, ".snap.new"), 2);

    let output = evrule(&["test", pack, "--corpus", folder, "--accept"], None);
    assert!(output.status.success(), "{}", text(&output.stdout));
    assert_eq!(count_files(&snapshots, ".snap"), 2);
    assert_eq!(count_files(&snapshots, ".snap.new"), 0);
    assert!(
        evrule(&["test", pack, "--corpus", folder], None)
            .status
            .success()
    );

    // A rule change: reject one document, accept the other.
    let evr = dir.path().join("main.evr");
    let changed = std::fs::read_to_string(&evr)
        .expect("read")
        .replace("[in Z]", "[near Z]");
    std::fs::write(&evr, changed).expect("write");
    std::fs::write(
        corpus.path().join("b.txt"),
        "Isis attacked Russia near Palmyra.",
    )
    .expect("write");
    let output = evrule(
        &["test", pack, "--corpus", folder, "--review"],
        Some("n\ny\n"),
    );
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("- ") && stdout.contains("+ "),
        "a line diff is shown: {stdout}"
    );
    assert!(stdout.contains("1 accepted, 1 pending"), "{stdout}");

    // Under CI nothing is written and a change fails.
    let before =
        std::fs::read_to_string(snapshot_path(&snapshots, &format!("{folder}/a.txt"))).ok();
    assert!(before.is_some(), "the snapshot of a.txt exists");
    let output = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(["test", pack, "--corpus", folder, "--accept"])
        .env("CI", "true")
        .output()
        .expect("run evrule");
    assert_eq!(output.status.code(), Some(1));
    let after = std::fs::read_to_string(snapshot_path(&snapshots, &format!("{folder}/a.txt"))).ok();
    assert_eq!(before, after);
}

fn count_files(dir: &Path, suffix: &str) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn explain_names_unknown_rules_with_a_suggestion() {
    let (dir, _) = support::write_fixture(PACK);
    let output = evrule(
        &[
            "explain",
            dir.path().to_str().expect("utf-8 path"),
            "Russia attacked Isis.",
            "--rule",
            "atack",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(text(&output.stderr).contains("the pack has no rule `atack`; did you mean `attack`?"));
}

#[test]
fn explain_reads_stdin_and_one_line_of_a_corpus_file() {
    let (dir, _) = support::write_fixture(PACK);
    let pack = dir.path().to_str().expect("utf-8 path");
    let rule_lines = |output: &Output| -> Vec<String> {
        assert!(output.status.success(), "{}", text(&output.stderr));
        let stdout = text(&output.stdout);
        let from = stdout.find("\nrule ").expect("a rule section");
        stdout[from + 1..].lines().map(str::to_string).collect()
    };
    let from_stdin = evrule(
        &["explain", pack, "-", "--rule", "attack"],
        Some("Russia attacked Isis in Palmyra.\n"),
    );
    assert_eq!(
        rule_lines(&from_stdin),
        [
            "rule attack matched in every sentence:",
            "  sentence 0: pattern 1 (active) matched «Russia attacked Isis in Palmyra»; emitted Attack"
        ]
    );
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\": \"a\", \"text\": \"Nothing here.\"}\n{\"id\": \"b\", \"text\": \"Isis attacked Russia.\"}\n",
    )
    .expect("write corpus");
    let corpus = corpus.to_str().expect("utf-8 path");
    let second_line = evrule(
        &[
            "explain", pack, "--doc", corpus, "--line", "2", "--rule", "attack",
        ],
        None,
    );
    assert_eq!(
        rule_lines(&second_line),
        [
            "rule attack matched in every sentence:",
            "  sentence 0: pattern 1 (active) matched «Isis attacked Russia»; emitted Attack"
        ]
    );
    let past_the_end = evrule(&["explain", pack, "--doc", corpus, "--line", "3"], None);
    assert_eq!(past_the_end.status.code(), Some(1));
    assert!(text(&past_the_end.stderr).contains("corpus.jsonl: has 2 line(s), so no line 3"));
    let text_lines = dir.path().join("corpus.txt");
    std::fs::write(
        &text_lines,
        "Isis attacked Russia.\nRussia attacked Isis.\n",
    )
    .expect("write");
    let output = evrule(
        &[
            "explain",
            pack,
            "--doc",
            text_lines.to_str().expect("utf-8 path"),
            "--line",
            "2",
        ],
        None,
    );
    assert!(text(&output.stdout).starts_with("sentence 0 0..21  Russia attacked Isis."));
}

#[test]
fn test_runs_only_the_rules_asked_for() {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/workflow/pack.txt"
    ))
    .expect("read fixture");
    let (dir, _) = support::write_fixture(&fixture);
    let pack = dir.path().to_str().expect("utf-8 path");

    let output = evrule(&["test", pack, "--rule", "attack"], None);
    assert!(output.status.success(), "the broken rule is not run");
    assert!(text(&output.stdout).contains("1 rules with cases, 3 cases: 3 passed, 0 failed"));

    let output = evrule(&["test", pack, "--filter", "draw"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("1 rules with cases, 3 cases: 1 passed, 2 failed"));

    let output = evrule(&["test", pack, "--rule", "atack"], None);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert_eq!(
        text(&output.stderr),
        "error: no rule is named `atack`; did you mean `attack`?\n"
    );
    let output = evrule(&["test", pack, "--filter", "zzz"], None);
    assert_eq!(text(&output.stderr), "error: no rule name contains `zzz`\n");
}

#[test]
fn fmt_check_lists_what_would_change_and_fmt_rewrites_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let messy = dir.path().join("messy.evr");
    let tidy = dir.path().join("sub/tidy.evr");
    let broken = dir.path().join("broken.evr");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    std::fs::write(&messy, "type  A:B # note\ntype B\n").expect("write");
    std::fs::write(&tidy, "type A\n").expect("write");
    std::fs::write(&broken, "rule r\n  \"X (go\"\n").expect("write");
    let folder = dir.path().to_str().expect("utf-8 path");

    let output = evrule(&["fmt", "--check", folder], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), format!("{}\n", messy.display()));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("broken.evr: not formatted (syntax errors)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 files, 1 would change, 1 with errors"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        "type  A:B # note\ntype B\n",
        "--check writes nothing"
    );

    std::fs::remove_file(&broken).expect("remove");
    let output = evrule(&["fmt", folder], None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!("formatted {}\n", messy.display())
    );
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        "type A : B  # note\ntype B\n"
    );
    let output = evrule(&["fmt", "--check", folder], None);
    assert!(output.status.success());
    assert_eq!(text(&output.stdout), "");
}

#[test]
fn init_creates_a_pack_that_checks_tests_and_snapshots_clean() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let run_in = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_evrule"))
            .args(args)
            .current_dir(dir.path())
            .env("CI", "true")
            .env("NO_COLOR", "1")
            .output()
            .expect("run evrule")
    };
    let output = run_in(&["init", "deals"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    for args in [
        &["check", "deals", "--deny-warnings"][..],
        &["test", "deals"],
        &["test", "deals", "--corpus", "deals/corpus"],
        &["fmt", "--check", "deals"],
    ] {
        let output = run_in(args);
        assert!(
            output.status.success(),
            "evrule {}:\n{}{}",
            args.join(" "),
            text(&output.stdout),
            text(&output.stderr)
        );
    }
    let output = run_in(&["test", "deals", "--corpus", "deals/corpus"]);
    assert!(
        text(&output.stdout).contains("1 documents (0 without events), 1 unchanged"),
        "{}",
        text(&output.stdout)
    );
    let snapshot = std::fs::read_to_string(snapshot_path(
        &dir.path().join("deals/__snapshots__"),
        "example-1",
    ))
    .expect("the example article's snapshot");
    assert!(
        snapshot.contains("Acquisition  (rule acquire, sentence 0)"),
        "{snapshot}"
    );

    let output = run_in(&["init", "deals"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "error: deals exists and is not empty; give a new folder\n"
    );
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    assert!(run_in(&["init", "empty"]).status.success());
}

#[test]
fn sentences_prints_each_sentence_with_its_document_and_offsets() {
    let corpus = tempfile::tempdir().expect("temporary folder");
    let path = corpus.path().join("wire.txt");
    let mut bytes = "Rebels shelled the port of Sétif. Gen. Amar Lakhdar said two guards died.\n\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"Broken \xff line.\n");
    bytes.extend_from_slice("Police dispersed the marchers\n".as_bytes());
    std::fs::write(&path, bytes).expect("write");
    let file = path.to_str().expect("utf-8 path");

    let output = evrule(&["sentences", "--lines", file, "missing.txt"], None);
    assert_eq!(output.status.code(), Some(1), "failures make it fail");
    let expected = [
        format!(
            r#"{{"doc":"{file}:1","sentence":0,"start":0,"end":34,"text":"Rebels shelled the port of Sétif."}}"#
        ),
        format!(
            r#"{{"doc":"{file}:1","sentence":1,"start":35,"end":74,"text":"Gen. Amar Lakhdar said two guards died."}}"#
        ),
        format!(
            r#"{{"doc":"{file}:4","sentence":0,"start":0,"end":29,"text":"Police dispersed the marchers"}}"#
        ),
    ];
    assert_eq!(text(&output.stdout).lines().collect::<Vec<_>>(), expected);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error: missing.txt: no such file or folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "error: {file}:3:8: not UTF-8 (invalid byte at offset 7)"
        )),
        "{stderr}"
    );

    // Without --lines the file is one document and offsets run through it.
    std::fs::write(&path, "A first line.\nA second one.\n").expect("write");
    let output = evrule(&["sentences", file], None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let last = text(&output.stdout).lines().last().map(str::to_string);
    assert_eq!(
        last,
        Some(format!(
            r#"{{"doc":"{file}","sentence":1,"start":14,"end":27,"text":"A second one."}}"#
        ))
    );
}
