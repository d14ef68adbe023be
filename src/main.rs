//! The `evrule` command line: argument parsing and dispatch only. Each
//! command is its own module under `cli/` (its arguments and its `run`),
//! and does its work through the library stages.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cli::{ColorChoice, Global};

#[derive(Parser)]
#[command(
    name = "evrule",
    version,
    about = "Rules that read like English, turning news text into typed event records"
)]
struct Cli {
    /// When to color output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate a pack; report every problem at once.
    Check(cli::check::Args),
    /// Run a pack over documents and write their events.
    Run(cli::run::Args),
    /// Run the pack's examples and counterexamples, and its corpus snapshots.
    Test(cli::test::Args),
    /// Show the events a rule change adds, removes and changes on a corpus.
    Diff(cli::diff::Args),
    /// Show what the pack sees in a text: tokens, mentions, rules.
    Explain(cli::explain::Args),
    /// Score a pack on hand-labelled text: precision, recall, F1.
    Eval(cli::eval::Args),
    /// Print the JSON Schema of a pack's event records.
    Schema(cli::schema::Args),
    /// Rewrite rule files in the canonical layout (`--check`: only list them).
    Fmt(cli::fmt::Args),
    /// Create a new pack folder with a type, a lexicon, an event, a rule,
    /// its examples, an example article and its snapshot.
    Init(cli::init::Args),
    /// Serve editors over stdio (Language Server Protocol): diagnostics,
    /// hover, definitions, references, completion.
    Lsp(cli::lsp::Args),
    /// Print each sentence of the inputs as a JSON line, with its offsets.
    Sentences(cli::sentences::Args),
    /// Serve a local web page to edit a pack and see what its rules do on
    /// a text: mentions, events, diagnostics, explanations, tests.
    Serve(cli::serve::Args),
    /// Write a pack from another coder's dictionaries.
    Import(cli::import::Args),
    /// Write a pack in another tool's format (`spacy`: EntityRuler and
    /// Matcher patterns in one JSON file).
    Export(cli::export::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = Global::new(cli.color);
    match cli.command {
        Command::Check(args) => cli::check::run(args, &global),
        Command::Run(args) => cli::run::run(args, &global),
        Command::Test(args) => cli::test::run(args, &global),
        Command::Diff(args) => cli::diff::run(args, &global),
        Command::Explain(args) => cli::explain::run(args, &global),
        Command::Schema(args) => cli::schema::run(args, &global),
        Command::Fmt(args) => cli::fmt::run(args, &global),
        Command::Init(args) => cli::init::run(args, &global),
        Command::Lsp(args) => cli::lsp::run(args, &global),
        Command::Eval(args) => cli::eval::run(args, &global),
        Command::Sentences(args) => cli::sentences::run(args, &global),
        Command::Serve(args) => cli::serve::run(args, &global),
        Command::Import(args) => cli::import::run(args, &global),
        Command::Export(args) => cli::export::run(args, &global),
    }
}
