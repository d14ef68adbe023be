//! `evrule serve`: the local web page for a pack (docs/SERVE.md). Reads
//! the corpus named on the command line once, then serves on 127.0.0.1.

use std::path::PathBuf;
use std::process::ExitCode;

use evrule::corpus::read::expand_inputs;
use evrule::serve::limits::MAX_CORPUS_DOCUMENTS;
use evrule::serve::pack_files::PackFolder;
use evrule::serve::{Playground, serve};

use super::{Global, text_mode};

#[derive(clap::Args)]
pub struct Args {
    /// The pack folder.
    pack: PathBuf,
    /// The port on 127.0.0.1 (0: any free port; the URL is printed).
    #[arg(long, default_value_t = 7433)]
    port: u16,
    /// Documents to pick from on the page and to compare with the pack's
    /// snapshots in its test tab (text files, folders, JSONL, gzip);
    /// PACK/corpus when it exists and none is given.
    #[arg(long, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// Treat each line of a corpus text file as one document.
    #[arg(long)]
    lines: bool,
}

pub fn run(args: Args, _global: &Global) -> ExitCode {
    let folder = match PackFolder::new(&args.pack) {
        Ok(folder) => folder,
        Err(error) => {
            eprintln!("error: cannot serve pack {}: {error}", args.pack.display());
            return ExitCode::FAILURE;
        }
    };
    let mut inputs = args.corpus.clone();
    let default_corpus = args.pack.join("corpus");
    if inputs.is_empty() && default_corpus.is_dir() {
        inputs.push(default_corpus);
    }
    if inputs.iter().any(|input| input.as_os_str() == "-") {
        eprintln!("error: the corpus of `evrule serve` is read from files, not standard input");
        return ExitCode::FAILURE;
    }
    let mut corpus = Vec::new();
    let mut failures = Vec::new();
    for document in expand_inputs(&inputs).documents(text_mode(args.lines)) {
        match document {
            Ok(_) if corpus.len() == MAX_CORPUS_DOCUMENTS => {
                failures.push(format!(
                    "the corpus holds more than {MAX_CORPUS_DOCUMENTS} documents: the page keeps the first {MAX_CORPUS_DOCUMENTS} (use `evrule test --corpus` for all)"
                ));
                break;
            }
            Ok(document) => corpus.push(document),
            Err(failure) => failures.push(failure.to_string()),
        }
    }
    for failure in &failures {
        eprintln!("warning: {failure}");
    }
    let documents = corpus.len();
    let playground = Playground {
        folder,
        corpus,
        corpus_failures: failures,
        port: args.port,
    };
    let pack = args.pack.display().to_string();
    let served = serve(playground, args.port, |address| {
        outln!(
            "evrule serve: http://{address}/  (pack {pack}, {documents} corpus document{}; Ctrl-C stops)",
            if documents == 1 { "" } else { "s" }
        );
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: cannot serve on 127.0.0.1:{}: {error}{}",
                args.port,
                if error.kind() == std::io::ErrorKind::AddrInUse {
                    " (another program uses this port: give --port N, or --port 0 for any free one)"
                } else {
                    ""
                }
            );
            ExitCode::FAILURE
        }
    }
}
