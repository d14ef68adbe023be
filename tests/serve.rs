//! `evrule serve`: its JSON API driven in-process through the router (as
//! the page and a notebook call it), with good and bad input; and the
//! binary itself on a loopback port. The page in a real browser is tested
//! by `src/serve/web/test/` (Playwright, run by `.ci/run`).

mod support;

#[path = "serve/harness.rs"]
mod harness;

#[path = "serve/api.rs"]
mod api;
#[path = "serve/binary.rs"]
mod binary;
#[path = "serve/files.rs"]
mod files;
#[path = "serve/refusals.rs"]
mod refusals;
