//! The testing workflow: a pack's examples, corpus snapshots, the impact of
//! a rule change on a corpus, and `explain`.

pub mod diff;
pub mod examples;
pub mod explain;
pub mod snapshot;
pub mod style;
pub mod trace;
