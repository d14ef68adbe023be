//! Files on disk, read from a pack or written anywhere, under two rules that
//! every stage shares.
//!
//! - [`confine`]: every path a pack touches (rule files, imports, lexicons,
//!   snapshots) stays inside the pack folder, is a regular file, is not
//!   reached through a link that leaves the pack, and is read up to a cap.
//! - [`write`]: every file evrule writes is written to a temporary file in
//!   the same folder and renamed into place when complete, is never one of
//!   the run's inputs (compared by device and inode, not by name), and is
//!   removed, not left half-written, when the run is interrupted.

pub mod confine;
pub mod write;
