//! The page: its files are built into the binary (`include_bytes!`; the
//! built bundle in `serve/web/dist/` is committed, so `cargo build` needs
//! no Node), and the TextMate grammar is the VS Code extension's own file,
//! so the page and the editor highlight alike from one grammar.

use axum::Router;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// Path, media type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("web/dist/index.html"),
    ),
    (
        "/index.html",
        "text/html; charset=utf-8",
        include_bytes!("web/dist/index.html"),
    ),
    (
        "/assets/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("web/dist/app.js"),
    ),
    (
        "/assets/app.css",
        "text/css; charset=utf-8",
        include_bytes!("web/dist/app.css"),
    ),
    (
        "/assets/onig.wasm",
        "application/wasm",
        include_bytes!("web/dist/onig.wasm"),
    ),
    (
        "/assets/evrule.tmLanguage.json",
        "application/json",
        include_bytes!("../../editors/vscode/syntaxes/evrule.tmLanguage.json"),
    ),
];

/// Scripts and styles from this server only; the regex engine of the
/// highlighter is WebAssembly (`wasm-unsafe-eval`); CodeMirror sets
/// styles inline.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub fn router() -> Router {
    Router::new().fallback(asset)
}

async fn asset(uri: Uri) -> Response {
    let Some(&(_, media_type, bytes)) = ASSETS.iter().find(|(path, _, _)| *path == uri.path())
    else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{} is not part of the evrule page\n", uri.path()),
        )
            .into_response();
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
        ],
        bytes,
    )
        .into_response();
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
