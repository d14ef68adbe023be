//! `evrule import petrarch`: a pack from PETRARCH/TABARI dictionaries, with
//! a report of every entry not translated.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evrule::import::petrarch::generate::{Input, Inputs, generate};

use super::Global;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    format: Format,
}

#[derive(clap::Subcommand)]
enum Format {
    /// PETRARCH/TABARI dictionaries (verbs, actors, agents, discards).
    Petrarch(PetrarchArgs),
}

#[derive(clap::Args)]
struct PetrarchArgs {
    /// The verb dictionary (verb blocks, patterns, synsets).
    #[arg(long)]
    verbs: PathBuf,
    /// An actor dictionary; repeat for several.
    #[arg(long, required = true)]
    actors: Vec<PathBuf>,
    /// The agent dictionary.
    #[arg(long)]
    agents: PathBuf,
    /// The discard list.
    #[arg(long)]
    discards: Option<PathBuf>,
    /// The pack folder to write.
    #[arg(long)]
    out: PathBuf,
    /// Write into a folder that is not empty, replacing what an earlier
    /// import wrote there.
    #[arg(long)]
    overwrite: bool,
}

/// What an import writes at the top of its folder besides `verbs/` and
/// `lexicons/`: removed by `--overwrite` before writing.
const TOP_FILES: &[&str] = &[
    "types.evr",
    "events.evr",
    "synsets.evr",
    "agents.evr",
    "discards.evr",
    "discards.txt",
    "IMPORT_REPORT.md",
    "NOTICE.md",
];

pub fn run(args: Args, _global: &Global) -> ExitCode {
    let Format::Petrarch(args) = args.format;
    match import(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn import(args: &PetrarchArgs) -> Result<(), String> {
    let read = |path: &Path| -> Result<Input, String> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("{} is not a file", path.display()))?;
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // Dictionaries are mostly ASCII; a stray Latin-1 byte is read as
        // the character it stands for rather than refused.
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => error.into_bytes().iter().map(|&b| b as char).collect(),
        };
        Ok(Input { name, text })
    };
    let inputs = Inputs {
        verbs: read(&args.verbs)?,
        actors: args
            .actors
            .iter()
            .map(|p| read(p))
            .collect::<Result<_, _>>()?,
        agents: read(&args.agents)?,
        discards: args.discards.as_deref().map(read).transpose()?,
    };
    let mut names: Vec<&str> = std::iter::once(&inputs.verbs)
        .chain(&inputs.actors)
        .chain(std::iter::once(&inputs.agents))
        .chain(&inputs.discards)
        .map(|i| i.name.as_str())
        .collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!(
            "two inputs are named {}; the pack names its lexicons after them",
            pair[0]
        ));
    }
    let generated = generate(&inputs);
    prepare_folder(&args.out, args.overwrite)?;
    for (path, text) in &generated.files {
        let full = args.out.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&full, text).map_err(|e| format!("cannot write {}: {e}", full.display()))?;
    }
    for summary in &generated.summaries {
        eprintln!(
            "{}: {} {}: {}; {} not translated",
            summary.file, summary.entries, summary.kind, summary.written, summary.problems
        );
    }
    eprintln!(
        "wrote {} files to {}; every entry not translated is in {}",
        generated.files.len(),
        args.out.display(),
        args.out.join("IMPORT_REPORT.md").display()
    );
    Ok(())
}

/// The output folder: created if missing; if it holds anything, only with
/// `--overwrite`, which first removes what an import writes there.
fn prepare_folder(out: &Path, overwrite: bool) -> Result<(), String> {
    let occupied = out
        .read_dir()
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied && !overwrite {
        return Err(format!(
            "{} is not empty; choose another folder or pass --overwrite",
            out.display()
        ));
    }
    if occupied {
        for folder in ["verbs", "lexicons"] {
            let path = out.join(folder);
            if path.is_dir() {
                std::fs::remove_dir_all(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
        for file in TOP_FILES {
            let path = out.join(file);
            if path.is_file() {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))
}
