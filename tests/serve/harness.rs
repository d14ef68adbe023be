//! A pack in a temporary folder served by the `evrule serve` router,
//! called without a socket (`tower::ServiceExt::oneshot`).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use evrule::document::Document;
use evrule::serve::pack_files::PackFolder;
use evrule::serve::{Playground, router};
use serde_json::Value;
use tower::ServiceExt;

pub const PORT: u16 = 4000;
pub const HOST: &str = "127.0.0.1:4000";

/// A small pack: two types, a lexicon, an event, a rule with an example
/// and a counterexample.
pub const PACK: &str = "\
=== types.evr
type Actor
type Place
lexicon \"lexicons/names.tsv\"
=== rules.evr
import \"types.evr\"
event Attack { attacker: Actor, victim: Actor, place: Place? }

rule attack
  \"X attack Y [in Z]\"
  X: Actor  Y: Actor  Z: Place
  => Attack { attacker: X, victim: Y, place: Z }
  example \"Rebels attacked soldiers in Gao.\" => Attack { attacker: \"Rebels\", victim: \"soldiers\", place: \"Gao\" }
  counterexample \"Rebels did not attack soldiers.\"
=== lexicons/names.tsv
rebels\tActor\tREB
soldiers\tActor\tMIL
Gao\tPlace\tMLI
";

pub struct Served {
    pub dir: tempfile::TempDir,
    app: Router,
    runtime: tokio::runtime::Runtime,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "answer is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error in {}", self.json()))
            .to_string()
    }
}

impl Served {
    /// The fixture pack, with these corpus documents (id, text).
    pub fn new(fixture: &str, corpus: &[(&str, &str)]) -> Served {
        let (dir, _) = crate::support::write_fixture(fixture);
        let playground = Playground {
            folder: PackFolder::new(dir.path()).expect("pack folder"),
            corpus: corpus
                .iter()
                .map(|(id, text)| Document::new(*id, *text))
                .collect(),
            corpus_failures: Vec::new(),
            port: PORT,
        };
        Served {
            dir,
            app: router(Arc::new(playground)),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
        }
    }

    pub fn pack() -> Served {
        Served::new(
            PACK,
            &[
                ("corpus/a.txt", "Rebels attacked soldiers in Gao."),
                ("corpus/b.txt", "Nothing happened."),
            ],
        )
    }

    pub fn request(
        &self,
        method: Method,
        uri: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        let mut has_host = false;
        for (name, value) in headers {
            has_host |= name.eq_ignore_ascii_case("host");
            request = request.header(*name, *value);
        }
        if !has_host {
            request = request.header("host", HOST);
        }
        let request = request
            .body(body.map_or_else(Body::empty, Body::from))
            .expect("request");
        self.runtime.block_on(async {
            let response = self.app.clone().oneshot(request).await.expect("answer");
            let status = response.status();
            let headers = response.headers().clone();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body")
                .to_vec();
            Answer {
                status,
                headers,
                body,
            }
        })
    }

    pub fn post(&self, uri: &str, json: Value) -> Answer {
        self.request(
            Method::POST,
            uri,
            Some(json.to_string().into_bytes()),
            &[("content-type", "application/json")],
        )
    }

    pub fn get(&self, uri: &str) -> Answer {
        self.request(Method::GET, uri, None, &[])
    }

    pub fn path(&self, relative: &str) -> std::path::PathBuf {
        self.dir.path().join(relative)
    }
}
