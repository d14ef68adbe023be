//! PETRARCH's unit-test records, coded by a pack imported from PETRARCH's
//! validation dictionaries: `evrule import petrarch` on
//! `PETR.Validate.{verbs,actors,agents,discards}.txt`, then `evrule run` on
//! `PETR.UnitTest.records.xml`, each record's events compared with its
//! expected `<EventCoding>` set (source code, target code, event code;
//! `noevents` and error records expect none). Prints the exact-match rate
//! per category and every failure; fails if the rate falls below today's.
//!
//! `bash bench/petrarch_conformance.sh` runs it with its report
//! (`EVRULE_CONFORMANCE_PACK=DIR` keeps the imported pack in DIR).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Exact matches today (out of 190 records); raise it as the pack and the
/// engine improve, never lower it.
const FLOOR: usize = 164;

type Coding = (String, String, String);

struct Record {
    id: String,
    category: String,
    expected: BTreeSet<Coding>,
}

/// The expected codings of every `<Sentence>`.
fn expected_records(xml: &str) -> Vec<Record> {
    let mut reader = Reader::from_str(xml);
    let mut records: Vec<Record> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .expect("the records file is well-formed");
        let (start, is_start) = match event {
            Event::Start(start) => (start, true),
            Event::Empty(start) => (start, false),
            Event::Eof => break,
            _ => continue,
        };
        let attributes: BTreeMap<String, String> = start
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                let value = a.normalized_value(XmlVersion::Implicit1_0).expect("value");
                (a.key.as_ref().to_string(), value.into_owned())
            })
            .collect();
        match start.name().as_ref() {
            "Sentence" if is_start => records.push(Record {
                id: attributes["id"].clone(),
                category: attributes.get("category").cloned().unwrap_or_default(),
                expected: BTreeSet::new(),
            }),
            "EventCoding" => {
                let record = records.last_mut().expect("codings are inside sentences");
                if let (Some(source), Some(target), Some(code)) = (
                    attributes.get("sourcecode"),
                    attributes.get("targetcode"),
                    attributes.get("eventcode"),
                ) {
                    record
                        .expected
                        .insert((source.clone(), target.clone(), code.clone()));
                }
            }
            _ => {}
        }
    }
    records
}

/// The codings evrule produced, per document id; null-coded events (`---`)
/// are no events.
fn produced(jsonl: &str) -> BTreeMap<String, BTreeSet<Coding>> {
    let mut out: BTreeMap<String, BTreeSet<Coding>> = BTreeMap::new();
    for line in jsonl.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSONL record");
        let code = record["code"].as_str().unwrap_or("---").to_string();
        if code == "---" {
            continue;
        }
        let actor = |field: &str| {
            record["args"][field]["code"]
                .as_str()
                .unwrap_or("---")
                .to_string()
        };
        out.entry(record["doc"].as_str().expect("doc").to_string())
            .or_default()
            .insert((actor("source"), actor("target"), code));
    }
    out
}

fn evrule(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(args)
        .output()
        .expect("run evrule");
    assert!(
        output.status.success(),
        "evrule {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Runs `evrule run`, which may end with exit code 1 (done, with documents
/// it could not read): its output and the errors it reported, one per
/// refused document. Any other failure fails the test.
fn evrule_with_failures(args: &[&str]) -> (String, Vec<String>) {
    let output = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(args)
        .output()
        .expect("run evrule");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let refused: Vec<String> = stderr
        .lines()
        .filter(|line| line.starts_with("error:"))
        .map(str::to_string)
        .collect();
    assert!(
        output.status.success() || (output.status.code() == Some(1) && !refused.is_empty()),
        "evrule {args:?} failed:\n{stderr}"
    );
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        refused,
    )
}

fn show(codings: &BTreeSet<Coding>) -> String {
    if codings.is_empty() {
        return "nothing".to_string();
    }
    codings
        .iter()
        .map(|(s, t, c)| format!("{s} {t} {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn petrarch_unit_test_records() {
    let Some(shared) = support::shared_dir() else {
        return;
    };
    let dir = shared.join("petrarch");
    let records_file = dir.join("PETR.UnitTest.records.xml");
    if !records_file.is_file() {
        eprintln!("skipping: {} is absent", records_file.display());
        return;
    }
    // `EVRULE_CONFORMANCE_PACK` keeps the pack there, to explain failures.
    let pack = tempfile::tempdir().expect("temporary folder");
    let out = std::env::var("EVRULE_CONFORMANCE_PACK")
        .unwrap_or_else(|_| pack.path().display().to_string());
    let file = |name: &str| dir.join(name).display().to_string();
    evrule(&[
        "import",
        "petrarch",
        "--verbs",
        &file("PETR.Validate.verbs.txt"),
        "--actors",
        &file("PETR.Validate.actors.txt"),
        "--agents",
        &file("PETR.Validate.agents.txt"),
        "--discards",
        &file("PETR.Validate.discards.txt"),
        "--out",
        &out,
        "--overwrite",
    ]);
    evrule(&["check", &out, "--deny-warnings"]);
    // A record the reader refuses (PETRARCH's `bad_input_parse`) is
    // reported and codes nothing.
    let (jsonl, refused) = evrule_with_failures(&[
        "run",
        &out,
        &records_file.display().to_string(),
        "--format",
        "jsonl",
        "--quiet",
    ]);
    let produced = produced(&jsonl);
    let records =
        expected_records(&std::fs::read_to_string(&records_file).expect("read the records"));
    let report = report(&records, &produced);
    println!("{}", report.text);
    println!("Records the reader refused (they code nothing):");
    for line in &refused {
        println!("  {line}");
    }
    assert!(
        report.matched >= FLOOR,
        "{} records coded exactly, below the floor of {FLOOR}",
        report.matched
    );
    // The target: no event on a record that expects none.
    assert_eq!(
        report.coded_without_events,
        Vec::<String>::new(),
        "records that expect no event but got one"
    );
}

struct Report {
    text: String,
    matched: usize,
    /// Records that expect no event (`noevents`, errors) but got one.
    coded_without_events: Vec<String>,
}

fn report(records: &[Record], produced: &BTreeMap<String, BTreeSet<Coding>>) -> Report {
    let empty = BTreeSet::new();
    let mut by_category: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = String::new();
    let mut matched = 0;
    let mut expect_none = 0;
    let mut coded_without_events = Vec::new();
    for record in records {
        let got = produced.get(&record.id).unwrap_or(&empty);
        let ok = *got == record.expected;
        if record.expected.is_empty() {
            expect_none += 1;
            if !got.is_empty() {
                coded_without_events.push(record.id.clone());
            }
        }
        let entry = by_category.entry(&record.category).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
            matched += 1;
        } else {
            failures.push_str(&format!(
                "  {} [{}]\n    expected: {}\n    got:      {}\n",
                record.id,
                record.category,
                show(&record.expected),
                show(got)
            ));
        }
    }
    let mut text = String::from("PETRARCH unit-test records, exact matches per category:\n");
    for (category, (ok, total)) in &by_category {
        text.push_str(&format!(
            "  {category:<10} {ok:>3} / {total:<3} {:>5.1}%\n",
            100.0 * *ok as f64 / *total as f64
        ));
    }
    text.push_str(&format!(
        "  {:<10} {matched:>3} / {:<3} {:>5.1}%\n",
        "all",
        records.len(),
        100.0 * matched as f64 / records.len().max(1) as f64
    ));
    text.push_str(&format!(
        "Records that expect no event (noevents, errors): {expect_none}, coded with one: {}\n\nFailures:\n{failures}",
        coded_without_events.len()
    ));
    Report {
        text,
        matched,
        coded_without_events,
    }
}
