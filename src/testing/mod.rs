//! The testing workflow: a pack's examples, corpus snapshots, the impact of
//! a rule change on a corpus, and `explain`.

pub mod examples;
pub mod style;
pub mod trace;
