//! evrule: a rule language and engine that turns news text into typed event records.
//!
//! The crate is organised by pipeline stage; data flows one way:
//! [`lang`] (rule files → checked [`lang::Pack`]) → [`compile`] (pack →
//! [`compile::CompiledPack`]); [`corpus`] reads [`document::Document`]s,
//! [`text`] cuts them into tokens and sentences, [`matcher`] turns them into
//! [`event::EventRecord`]s, and [`corpus`] writes those. [`testing`] runs a
//! pack's examples and corpus snapshots; [`import`] writes packs from other
//! coders' dictionaries; [`export`] writes packs in other tools' formats
//! (spaCy patterns).

pub mod compile;
pub mod corpus;
pub mod document;
pub mod event;
pub mod export;
pub mod files;
pub mod fmt;
pub mod import;
pub mod lang;
pub mod lsp;
pub mod matcher;
pub mod serve;
pub mod testing;
pub mod text;
