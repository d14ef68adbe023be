//! `evrule export`: a pack in another tool's format (today spaCy's
//! `EntityRuler` and `Matcher` patterns, see `evrule::export::spacy`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use evrule::files::write::AtomicFile;

use super::{Global, exit, load, on_interrupt};

#[derive(Clone, Copy, ValueEnum)]
pub enum Target {
    /// One JSON file: EntityRuler stages (lexicon, entity rules) and
    /// Matcher patterns (event rule programs), and what was not expressed.
    Spacy,
}

#[derive(clap::Args)]
pub struct Args {
    /// The format to write.
    #[arg(value_enum)]
    target: Target,
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Write here instead of stdout (replaced atomically).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let Some(compiled) = load(&args.pack, global) else {
        return exit::code(exit::PACK);
    };
    let export = match args.target {
        Target::Spacy => evrule::export::spacy::export(&compiled.pack),
    };
    let export = match export {
        Ok(export) => export,
        Err(error) => {
            eprintln!("error: {error}");
            return exit::code(exit::PACK);
        }
    };
    let json = export.to_json();
    let counts = &export.counts;
    let summary = format!(
        "{} lexicon patterns, {} of {} entity rule programs, {} of {} event rule programs ({} Matcher patterns); {} programs not expressed",
        counts.lexicon_patterns,
        counts.entity_programs_expressed,
        counts.entity_programs,
        counts.event_programs_expressed,
        counts.event_programs,
        counts.matcher_patterns,
        export.not_expressed.programs.len()
    );
    match &args.output {
        None => out!("{json}"),
        Some(path) => {
            on_interrupt();
            let written = AtomicFile::for_output(path).and_then(|mut file| {
                file.write_all(json.as_bytes())?;
                file.commit()
            });
            if let Err(error) = written {
                eprintln!("error: cannot write {}: {error}", path.display());
                return exit::code(exit::OUTPUT);
            }
        }
    }
    eprintln!("{summary}");
    exit::code(exit::OK)
}
