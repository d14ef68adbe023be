//! Bad input gets a clear JSON error: malformed JSON, the wrong content
//! type, unknown fields, texts and bodies over their caps, requests from
//! another origin, unknown endpoints.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::Served;

#[test]
fn malformed_or_unexpected_json_is_a_clear_error() {
    let served = Served::pack();
    let json_body = [("content-type", "application/json")];
    let answer = served.request(
        Method::POST,
        "/api/run",
        Some(b"{\"text\": \"Rebels".to_vec()),
        &json_body,
    );
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.error(),
        "malformed JSON in `text`: EOF while parsing a string at line 1 column 16"
    );
    let answer = served.request(
        Method::POST,
        "/api/run",
        Some(b"{\"text\": 3}".to_vec()),
        &json_body,
    );
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.error(),
        "unexpected JSON in `text`: invalid type: integer `3`, expected a string at line 1 column 10"
    );
    let answer = served.post("/api/check", json!({"file": {}}));
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .error()
            .starts_with("unexpected JSON in `file`: unknown field `file`, expected `files`"),
        "{}",
        answer.error()
    );
    let answer = served.request(Method::POST, "/api/check", Some(b"{}".to_vec()), &[]);
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        answer.error(),
        "the request body must be JSON, sent with `Content-Type: application/json`"
    );
    let answer = served.get("/api/run");
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    let answer = served.get("/api/nothing");
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.error().starts_with("no such API endpoint"));
}

#[test]
fn a_ten_megabyte_text_is_refused_with_the_cap_it_passes() {
    let served = Served::pack();
    let sentence = "Rebels attacked soldiers in Gao. ";
    let huge = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    let answer = served.post("/api/run", json!({"text": huge}));
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        answer.error(),
        "the request body is larger than 8 MiB, the most evrule serve reads (see docs/SERVE.md, Limits)"
    );
    let large = sentence.repeat(2 * 1024 * 1024 / sentence.len());
    let answer = served.post("/api/explain", json!({"text": large, "rule": "attack"}));
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        answer.error(),
        format!(
            "the text is {} bytes, more than the 1 MiB the page codes at once; use `evrule run` for larger documents",
            large.len()
        )
    );
}

#[test]
fn requests_from_another_origin_or_for_another_host_are_refused() {
    let served = Served::pack();
    let body = Some(b"{\"text\": \"Rebels attacked soldiers.\"}".to_vec());
    let json_type = ("content-type", "application/json");
    let refused = [
        vec![json_type, ("origin", "http://evil.example")],
        vec![json_type, ("origin", "http://127.0.0.1:4001")],
        vec![json_type, ("origin", "null")],
        vec![json_type, ("sec-fetch-site", "cross-site")],
        vec![json_type, ("host", "evil.example:4000")],
    ];
    for headers in &refused {
        let answer = served.request(Method::POST, "/api/run", body.clone(), headers);
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(
            answer.error().contains("refused"),
            "{headers:?}: {}",
            answer.error()
        );
        assert!(answer.headers.get("access-control-allow-origin").is_none());
    }
    assert_eq!(
        served
            .request(Method::GET, "/", None, &[("host", "rebound.example:4000")])
            .status,
        StatusCode::FORBIDDEN,
        "the page too, against DNS rebinding"
    );
    let own = served.request(
        Method::POST,
        "/api/run",
        body,
        &[
            json_type,
            ("origin", "http://127.0.0.1:4000"),
            ("sec-fetch-site", "same-origin"),
        ],
    );
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.headers.get("access-control-allow-origin").is_none());
}

#[test]
fn the_page_is_served_from_the_binary_with_the_editor_s_own_grammar() {
    let served = Served::pack();
    let page = served.get("/");
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers["content-type"], "text/html; charset=utf-8");
    assert!(
        page.headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .starts_with("default-src 'self'")
    );
    assert!(String::from_utf8_lossy(&page.body).contains("<script src=\"/assets/app.js\">"));
    let grammar = served.get("/assets/evrule.tmLanguage.json");
    assert_eq!(
        grammar.body,
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/editors/vscode/syntaxes/evrule.tmLanguage.json"
        ))
        .expect("grammar")
    );
    let wasm = served.get("/assets/onig.wasm");
    assert_eq!(wasm.headers["content-type"], "application/wasm");
    assert_eq!(&wasm.body[..4], b"\0asm");
    assert_eq!(served.get("/etc/passwd").status, StatusCode::NOT_FOUND);
}
