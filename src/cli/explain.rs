//! `evrule explain`: everything the matcher saw in a text, and how far a
//! named rule got.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use evrule::corpus::read;
use evrule::lang;
use evrule::testing::explain;

use super::{Global, exit, load};

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// The text to explain; `-` reads it from stdin.
    #[arg(required_unless_present = "doc", conflicts_with = "doc")]
    text: Option<String>,
    /// Explain a file's text instead.
    #[arg(long)]
    doc: Option<PathBuf>,
    /// With --doc, explain only this line (from 1) of a corpus file: a
    /// document per line, JSONL or text.
    #[arg(long, requires = "doc")]
    line: Option<usize>,
    /// Also say how far this rule got where it did not fire.
    #[arg(long)]
    rule: Option<String>,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let Some(compiled) = load(&args.pack, global) else {
        return exit::code(exit::PACK);
    };
    let text = match (args.text, args.doc, args.line) {
        (Some(text), _, _) if text == "-" => {
            let mut text = String::new();
            if let Err(error) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("error: cannot read stdin: {error}");
                return ExitCode::FAILURE;
            }
            text
        }
        (Some(text), _, _) => text,
        (None, Some(path), Some(line)) => match read::document_at_line(&path, line) {
            Ok(document) => document.text,
            Err(failure) => {
                eprintln!("error: {failure}");
                return ExitCode::FAILURE;
            }
        },
        (None, Some(path), None) => match read_capped(&path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", path.display());
                return exit::code(exit::FAILURES);
            }
        },
        (None, None, _) => unreachable!("clap requires text or --doc"),
    };
    let rule_id = match args
        .rule
        .as_deref()
        .map(|name| (name, compiled.pack.rule_by_name(name)))
    {
        None => None,
        Some((_, Some(id))) => Some(id),
        Some((name, None)) => {
            let names = compiled.pack.rules.iter().map(|r| r.name.as_str());
            let hint = lang::suggest::did_you_mean(name, names)
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            eprintln!("error: the pack has no rule `{name}`{hint}");
            return exit::code(exit::USAGE);
        }
    };
    out!(
        "{}",
        explain::explain(compiled, &text, rule_id, global.style())
    );
    exit::code(exit::OK)
}

/// A file's text, refused past the corpus reader's document cap.
fn read_capped(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read;
    let max = evrule::corpus::read::MAX_DOCUMENT_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Err(std::io::Error::other(format!(
            "larger than {max} bytes, the most read as one document (see docs/LIMITS.md)"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::other(format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}
