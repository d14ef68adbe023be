//! The corpus stage: reading documents, running a pack over them in
//! parallel, and writing records. All file IO of a run happens here.

pub mod petrarch_xml;
pub mod read;
pub mod run;
pub mod write;
