//! Hostile packs and corpora: whatever an attacker or a careless user
//! gives evrule, it ends (in time bounded by construction), says what it
//! refused with a location, never writes outside the pack, never destroys
//! an input, and accounts for every document. One module per kind of input;
//! each test asserts what the user sees (exit code, message, files on disk).

#[path = "support/mod.rs"]
mod support;

#[path = "hostile/harness.rs"]
mod harness;

#[path = "hostile/corpus.rs"]
mod corpus;
#[path = "hostile/language.rs"]
mod language;
#[path = "hostile/matcher.rs"]
mod matcher;
#[path = "hostile/output.rs"]
mod output;
#[path = "hostile/pack.rs"]
mod pack;
#[path = "hostile/snapshots.rs"]
mod snapshots;
