//! `evrule schema`: the JSON Schema of a pack's event records.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Global, exit, load};

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let Some(compiled) = load(&args.pack, global) else {
        return exit::code(exit::PACK);
    };
    let schema = evrule::event::schema(&compiled.pack);
    outln!(
        "{}",
        serde_json::to_string_pretty(&schema).expect("a JSON value serializes")
    );
    exit::code(exit::OK)
}
