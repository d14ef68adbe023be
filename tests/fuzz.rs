//! Fuzzing on the stable toolchain: proptest generators drive the pack
//! parser and checker, the text pipeline and the matcher, and check that
//! nothing panics and that the outputs keep their invariants.
//!
//! `cargo test --test fuzz` runs a fixed number of cases per target with a
//! fixed seed (the short run CI does). A longer run:
//!
//! ```sh
//! EVRULE_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --nocapture
//! EVRULE_FUZZ_CASES=100000 EVRULE_FUZZ_SEED=random cargo test --release --test fuzz
//! ```
//!
//! Every crash found becomes a named test in `fuzz/regressions.rs`.

#[path = "support/mod.rs"]
mod support;

#[path = "fuzz/harness.rs"]
mod harness;

#[path = "fuzz/matcher.rs"]
mod matcher;
#[path = "fuzz/pack.rs"]
mod pack;
#[path = "fuzz/regressions.rs"]
mod regressions;
#[path = "fuzz/text.rs"]
mod text;
