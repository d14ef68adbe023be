//! Importers: dictionaries written for other event coders, read into a typed
//! form and written out as evrule packs.

pub mod petrarch;
