//! The pack's files: listed, read and saved inside the pack folder only,
//! whatever path, link or kind of file a request names.

use std::os::unix::fs::symlink;

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::Served;

#[test]
fn the_file_list_holds_the_pack_s_rule_files_and_lexicons_only() {
    let served = Served::pack();
    let outside = tempfile::tempdir().expect("outside folder");
    std::fs::write(outside.path().join("secret.evr"), "type Secret\n").expect("write");
    symlink(
        outside.path().join("secret.evr"),
        served.path("linked_out.evr"),
    )
    .expect("link");
    symlink(served.path("types.evr"), served.path("linked_in.evr")).expect("link");
    symlink(outside.path(), served.path("folder_link")).expect("link");
    std::fs::create_dir(served.path("__snapshots__")).expect("mkdir");
    std::fs::write(served.path("__snapshots__/x.evr"), "").expect("write");
    std::fs::write(served.path(".hidden.evr"), "").expect("write");
    std::fs::write(served.path("notes.txt"), "").expect("write");
    let answer = served.get("/api/files");
    assert_eq!(answer.status, StatusCode::OK);
    let files: Vec<String> = answer.json()["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| format!("{} {}", f["path"], f["kind"]))
        .collect();
    assert_eq!(
        files,
        [
            r#""lexicons/names.tsv" "lexicon""#,
            r#""linked_in.evr" "rules""#,
            r#""rules.evr" "rules""#,
            r#""types.evr" "rules""#
        ]
    );
}

#[test]
fn reading_a_path_outside_the_pack_is_refused() {
    let served = Served::pack();
    let answer = served.get("/api/file?path=types.evr");
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.json()["text"],
        "type Actor\ntype Place\nlexicon \"lexicons/names.tsv\"\n"
    );

    let outside = tempfile::tempdir().expect("outside folder");
    std::fs::write(outside.path().join("secret.evr"), "type Secret\n").expect("write");
    symlink(outside.path().join("secret.evr"), served.path("link.evr")).expect("link");
    let cases = [
        (
            "../x.evr",
            "`../x.evr` leaves the pack folder: paths are relative to the pack and stay inside it",
        ),
        (
            "/etc/passwd.evr",
            "`/etc/passwd.evr` leaves the pack folder: paths are relative to the pack and stay inside it",
        ),
        (
            "lexicons/../../x.tsv",
            "`lexicons/../../x.tsv` leaves the pack folder: paths are relative to the pack and stay inside it",
        ),
        (
            "link.evr",
            "`link.evr` is a link to a place outside the pack folder",
        ),
        (
            "Cargo.toml",
            "`Cargo.toml` is not a rule file (.evr) or a lexicon (.tsv): the page opens and saves only those",
        ),
        ("", "no path given"),
    ];
    for (path, message) in cases {
        let answer = served.get(&format!("/api/file?path={}", urlencode(path)));
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(answer.error(), message, "{path}");
    }
    let answer = served.get("/api/file?path=missing.evr");
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.error(), "`missing.evr` does not exist in the pack");
    let answer = served.get("/api/file");
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.error(), "give the `path` query parameter");
}

#[test]
fn saving_writes_inside_the_pack_only_and_never_through_a_link() {
    let served = Served::pack();
    let answer = served.post(
        "/api/save",
        json!({"path": "types.evr", "text": "type Actor\ntype Place\ntype Area\nlexicon \"lexicons/names.tsv\"\n"}),
    );
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json());
    assert_eq!(answer.json(), json!({"saved": "types.evr", "bytes": 61}));
    assert!(
        std::fs::read_to_string(served.path("types.evr"))
            .expect("saved")
            .contains("type Area")
    );
    let answer = served.post(
        "/api/save",
        json!({"path": "more.evr", "text": "type More\n"}),
    );
    assert_eq!(answer.status, StatusCode::OK, "a new file in the pack");
    let leftovers: Vec<String> = std::fs::read_dir(served.dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "no temporary file left");

    let outside = tempfile::tempdir().expect("outside folder");
    let target = outside.path().join("target.evr");
    std::fs::write(&target, "type Untouched\n").expect("write");
    symlink(&target, served.path("link.evr")).expect("link");
    symlink(outside.path(), served.path("out")).expect("link");
    symlink(served.path("types.evr"), served.path("inner_link.evr")).expect("link");
    let cases = [
        ("../escape.evr", 403),
        ("/tmp/escape.evr", 403),
        ("link.evr", 403),
        ("inner_link.evr", 403),
        ("out/new.evr", 403),
        ("run.sh", 403),
        ("__snapshots__/x.evr", 403),
        ("nowhere/new.evr", 404),
    ];
    for (path, status) in cases {
        let answer = served.post("/api/save", json!({"path": path, "text": "type X\n"}));
        assert_eq!(answer.status.as_u16(), status, "{path}: {}", answer.json());
    }
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "type Untouched\n"
    );
    assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 1);
    assert!(
        !served
            .dir
            .path()
            .parent()
            .expect("parent")
            .join("escape.evr")
            .exists()
    );
    let answer = served.post("/api/save", json!({"path": "link.evr", "text": "x"}));
    assert_eq!(
        answer.error(),
        "`link.evr` is a link: evrule serve does not save through links"
    );
}

#[test]
fn unsaved_files_outside_the_pack_are_refused() {
    let served = Served::pack();
    for path in ["../x.evr", "/abs/x.evr", "x.txt"] {
        let answer = served.post("/api/check", json!({"files": {path: "type X\n"}}));
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
