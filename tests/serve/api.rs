//! The four endpoints of the page's work, on good input: check, run,
//! explain, test (and accepting a snapshot).

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::Served;

#[test]
fn check_reports_an_unsaved_typo_where_it_is_with_its_help() {
    let served = Served::pack();
    let answer = served.post("/api/check", json!({}));
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert_eq!(body["ok"], true);
    assert_eq!(
        body["outline"]["summary"],
        "2 rule files, 1 lexicon file, 2 types, 1 events, 1 rules (0 entity), 0 word classes, 3 lexicon entries"
    );
    let rules = std::fs::read_to_string(served.path("rules.evr")).expect("rules");
    let typo = rules.replace("Z: Place", "Z: Plaec");
    let answer = served.post("/api/check", json!({"files": {"rules.evr": typo}}));
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert_eq!(
        (body["ok"].clone(), body["errors"].clone()),
        (json!(false), json!(1))
    );
    let diagnostic = &body["diagnostics"][0];
    assert_eq!(
        (
            diagnostic["file"].as_str(),
            diagnostic["line"].as_u64(),
            diagnostic["column"].as_u64(),
            diagnostic["code"].as_str(),
            diagnostic["message"].as_str(),
            diagnostic["help"].as_str(),
        ),
        (
            Some("rules.evr"),
            Some(6),
            Some(26),
            Some("unknown-type"),
            Some("unknown type `Plaec`"),
            Some("did you mean `Place`?"),
        )
    );
    let start = diagnostic["start"].as_u64().expect("start") as usize;
    assert_eq!(&typo[start..start + 5], "Plaec");
    // The file on disk is untouched.
    assert_eq!(
        std::fs::read_to_string(served.path("rules.evr")).expect("rules"),
        rules
    );
}

#[test]
fn run_gives_records_mentions_and_what_each_match_became() {
    let served = Served::pack();
    let text = "Rebels attacked soldiers in Gao. Rebels did not attack soldiers.";
    let answer = served.post("/api/run", json!({"text": text}));
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json());
    let body = answer.json();
    let events = body["events"].as_array().expect("events");
    assert_eq!(events.len(), 1);
    let record = &events[0]["record"];
    assert_eq!(
        record.to_string(),
        r#"{"doc":"text","sentence":0,"event":"Attack","isa":["Attack"],"rule":"attack","start":0,"end":31,"text":"Rebels attacked soldiers in Gao","negated":false,"args":{"attacker":{"text":"Rebels","type":"Actor","code":"REB","start":0,"end":6},"victim":{"text":"soldiers","type":"Actor","code":"MIL","start":16,"end":24},"place":{"text":"Gao","type":"Place","code":"MLI","start":28,"end":31}}}"#
    );
    assert_eq!(
        events[0]["rule_location"],
        json!({"file": "rules.evr", "line": 4, "column": 6, "offset": 88})
    );
    let sentences = body["sentences"].as_array().expect("sentences");
    assert_eq!(sentences.len(), 2);
    let mentions: Vec<String> = sentences[0]["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| format!("{} {} {}", m["text"], m["type"], m["origin"]))
        .collect();
    assert_eq!(
        mentions,
        [
            r#""Rebels" "Actor" "lexicons/names.tsv:1:1""#,
            r#""soldiers" "Actor" "lexicons/names.tsv:2:1""#,
            r#""Gao" "Place" "lexicons/names.tsv:3:1""#
        ]
    );
    assert_eq!(
        sentences[0]["readings"],
        json!([
            {"start": 7, "end": 15, "reading": "verb"},
            {"start": 16, "end": 24, "reading": "noun"},
            {"start": 28, "end": 31, "reading": "noun"}
        ]),
        "«attacked» read as a verb, «soldiers» and «Gao» as nouns"
    );
    let negated = &sentences[1]["matches"][0];
    assert_eq!(
        (
            negated["rule"].as_str(),
            negated["outcome"].as_str(),
            negated["negation"]["text"].as_str()
        ),
        (Some("attack"), Some("negated"), Some("not"))
    );
    assert_eq!(body["outline"]["types"][2]["name"], "Actor");
    assert_eq!(body["diagnostics"], json!([]));
}

#[test]
fn run_codes_a_corpus_document_by_id_and_refuses_a_pack_with_errors() {
    let served = Served::pack();
    let answer = served.post("/api/run", json!({"doc": "corpus/a.txt"}));
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["events"][0]["record"]["doc"], "corpus/a.txt");

    let answer = served.post("/api/run", json!({"doc": "corpus/nope.txt"}));
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        answer.error(),
        "no corpus document has the id `corpus/nope.txt` (GET /api/corpus lists them)"
    );

    let answer = served.post(
        "/api/run",
        json!({"text": "x", "files": {"types.evr": "type Actor\ntype Actor\n"}}),
    );
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = answer.json();
    assert!(
        body["error"]
            .as_str()
            .expect("error")
            .starts_with("the pack has "),
        "{body}"
    );
    assert!(
        body["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["code"] == "duplicate-name" && d["file"] == "types.evr"),
        "{body}"
    );

    let answer = served.post("/api/run", json!({}));
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.error(),
        "give `text` (the text to code) or `doc` (a corpus document id)"
    );
}

#[test]
fn explain_says_how_far_a_rule_got_and_names_an_unknown_rule() {
    let served = Served::pack();
    let answer = served.post(
        "/api/explain",
        json!({"text": "Rebels attacked in Gao.", "rule": "attack"}),
    );
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json());
    let body = answer.json();
    assert_eq!(body["emitted"], 0);
    assert!(
        body["explanation"]
            .as_str()
            .expect("explanation")
            .contains("rule attack did not match:"),
        "{body}"
    );
    // As `evrule explain --rule` says it.
    assert_eq!(
        body["summary"],
        "rule attack did not match:\n  sentence 0: pattern 1 (active) matched «Rebels attacked», then stopped at «in»: `Y` wants a mention of type Actor for slot Y (rules.evr:5:13)"
    );
    assert_eq!(body["matches"], json!([]));
    let active = &body["progress"][0];
    assert_eq!(
        (
            active["voice"].as_str(),
            active["reached"].as_str(),
            active["stopped_at"].as_str(),
            active["element"].as_str()
        ),
        (
            Some("active"),
            Some("Rebels attacked"),
            Some("in"),
            Some("Y")
        )
    );

    let answer = served.post(
        "/api/explain",
        json!({"text": "Rebels attacked soldiers.", "rule": "attack"}),
    );
    let body = answer.json();
    assert_eq!(body["emitted"], 1);
    assert_eq!(
        body["summary"],
        "rule attack matched in every sentence:\n  sentence 0: pattern 1 (active) matched «Rebels attacked soldiers»; emitted Attack"
    );
    let found = &body["matches"][0];
    assert_eq!(
        (
            found["sentence"].as_u64(),
            found["outcome"].as_str(),
            found["text"].as_str(),
            found["slots"].to_string()
        ),
        (
            Some(0),
            Some("emitted"),
            Some("Rebels attacked soldiers"),
            r#"[{"slot":"X","text":"Rebels","start":0,"end":6},{"slot":"Y","text":"soldiers","start":16,"end":24}]"#.to_string()
        )
    );

    let answer = served.post("/api/explain", json!({"text": "x", "rule": "atack"}));
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        answer.error(),
        "the pack has no rule `atack`; did you mean `attack`?"
    );
}

#[test]
fn test_runs_the_examples_and_lists_snapshot_changes_until_accepted() {
    let served = Served::pack();
    let answer = served.post("/api/test", json!({}));
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json());
    let body = answer.json();
    let examples = &body["examples"];
    assert_eq!(
        (&examples["passed"], &examples["failed"]),
        (&json!(2), &json!(0))
    );
    assert_eq!(
        examples["cases"][0]["location"],
        json!({"file": "rules.evr", "line": 8, "column": 3, "offset": 199})
    );
    let corpus = &body["corpus"];
    // A document without events and without a snapshot is unchanged:
    // it needs no snapshot file.
    assert_eq!(
        (&corpus["documents"], &corpus["unchanged"]),
        (&json!(2), &json!(1))
    );
    let changes = corpus["changes"].as_array().expect("changes");
    let a = changes
        .iter()
        .find(|c| c["doc"] == "corpus/a.txt")
        .expect("corpus/a.txt is new");
    assert_eq!(a["status"], "new");
    let snapshot = a["snapshot"].as_str().expect("snapshot").to_string();
    assert!(
        snapshot.starts_with("__snapshots__/corpus~a.txt"),
        "{snapshot}"
    );

    // An unsaved edit that breaks the example fails it, with how far it got.
    let rules = std::fs::read_to_string(served.path("rules.evr")).expect("rules");
    let broken = rules.replace("\"X attack Y [in Z]\"", "\"X attack Y in Z\"");
    let answer = served.post("/api/test", json!({"files": {"rules.evr": broken}}));
    let examples = &answer.json()["examples"];
    assert_eq!(
        examples["failed"], 0,
        "the example has a place: still passes"
    );
    let broken = rules.replace("\"X attack Y [in Z]\"", "\"X assault Y [in Z]\"");
    let answer = served.post("/api/test", json!({"files": {"rules.evr": broken}}));
    let body = answer.json();
    assert_eq!(body["examples"]["failed"], 1);
    let failed = &body["examples"]["cases"][0];
    assert_eq!(failed["outcome"], "failed");
    assert_eq!(failed["produced"], json!([]));
    assert!(
        failed["how_far"][0]
            .as_str()
            .expect("how far")
            .starts_with("pattern 1 (active) matched «Rebels», then stopped at «attacked»"),
        "{failed}"
    );

    let answer = served.post("/api/test/accept", json!({"doc": "corpus/a.txt"}));
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json());
    assert_eq!(
        answer.json(),
        json!({"doc": "corpus/a.txt", "snapshot": snapshot, "written": true})
    );
    let written = std::fs::read_to_string(served.path(&snapshot)).expect("snapshot written");
    assert!(
        written.contains("Attack  (rule attack, sentence 0)"),
        "{written}"
    );
    let answer = served.post("/api/test", json!({}));
    let changes = answer.json()["corpus"]["changes"].clone();
    assert!(
        !changes
            .as_array()
            .expect("changes")
            .iter()
            .any(|c| c["doc"] == "corpus/a.txt"),
        "{changes}"
    );

    let answer = served.post("/api/test/accept", json!({"doc": "../../etc/passwd"}));
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}
