//! The caps of `evrule serve`, in one place; docs/SERVE.md lists them.
//! Past a cap a request gets a 413 answer saying which cap, never a hang
//! or a server that grows without bound.

/// Largest request body read (a text and the unsaved files of a pack).
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// Largest text `/api/run` and `/api/explain` code. `evrule run` codes
/// larger documents; the page is for reading what the rules do.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// Largest pack file the page opens or saves.
pub const MAX_FILE_BYTES: u64 = 4 << 20;
/// Most corpus documents kept for the page (the first ones read).
pub const MAX_CORPUS_DOCUMENTS: usize = 5_000;
