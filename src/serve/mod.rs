//! `evrule serve`: a local web page on which a pack is edited, text is
//! coded, and every mention, event and diagnostic is shown where it
//! belongs (docs/SERVE.md).
//!
//! The server binds 127.0.0.1 only and answers its own page only
//! (`origin`). The API router (`api`, JSON in and out, under `/api`) and
//! the page router (`assets`, the embedded files) are built separately and
//! merged. Every request loads the pack afresh with the editor's unsaved
//! files in place of the files on disk (`playground`); pack files are
//! listed, read and saved only inside the pack folder (`pack_files`);
//! snapshots are written by `testing::snapshot`, as `evrule test --accept`
//! writes them.

pub mod api;
pub mod assets;
pub mod error;
pub mod limits;
pub mod origin;
pub mod pack_files;
pub mod playground;
pub mod reports;
pub mod views;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

pub use playground::Playground;

/// The whole application: the API under `/api`, the page elsewhere,
/// both behind the same-origin check.
pub fn router(playground: Arc<Playground>) -> Router {
    let port = playground.port;
    let api = Router::new()
        .route("/check", post(api::check))
        .route("/run", post(api::run))
        .route("/explain", post(api::explain))
        .route("/test", post(api::test))
        .route("/test/accept", post(api::accept))
        .route("/files", get(api::files))
        .route("/file", get(api::read_file))
        .route("/save", post(api::save_file))
        .route("/corpus", get(api::corpus))
        .route("/corpus/document", get(api::corpus_document))
        .fallback(api::unknown)
        .layer(DefaultBodyLimit::max(limits::MAX_BODY_BYTES))
        .with_state(playground);
    Router::new()
        .nest("/api", api)
        .merge(assets::router())
        .layer(from_fn_with_state(port, origin::same_origin))
}

/// Binds 127.0.0.1:`port` (0: any free port), calls `ready` with the
/// address, and serves until the process ends.
pub fn serve(
    mut playground: Playground,
    port: u16,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let address = listener.local_addr()?;
        playground.port = address.port();
        let app = router(Arc::new(playground));
        ready(address);
        axum::serve(listener, app).await
    })
}
