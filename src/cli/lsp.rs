//! `evrule lsp`: the language server on stdin and stdout, for editors.

use std::process::ExitCode;

use super::Global;

#[derive(clap::Args)]
pub struct Args {
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

pub fn run(_args: Args, _global: &Global) -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    match evrule::lsp::serve(&mut stdin.lock(), &mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: evrule lsp: {error}");
            ExitCode::FAILURE
        }
    }
}
