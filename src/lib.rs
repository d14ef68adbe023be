//! evrule: a rule language and engine that turns news text into typed event records.
//!
//! The crate is organised by pipeline stage; data flows one way:
//! [`lang`] (rule files → checked pack).

pub mod lang;
