//! The testing workflow: a pack's examples, corpus snapshots, the impact of
//! a rule change on a corpus, `explain`, and `eval` on labelled text.

pub mod diff;
pub mod eval;
pub mod examples;
pub mod explain;
pub mod snapshot;
pub mod style;
pub mod trace;
