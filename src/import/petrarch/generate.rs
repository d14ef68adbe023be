//! A pack from PETRARCH dictionaries: every file of it, as text, in a fixed
//! order, so that importing the same dictionaries twice gives the same
//! bytes. No IO: the caller reads the dictionaries and writes the files.
//!
//! The pack:
//!
//! | file | from |
//! |---|---|
//! | `types.evr` | entity types, and the lexicons |
//! | `events.evr` | one event type per CAMEO code emitted, in the code taxonomy |
//! | `synsets.evr` | synsets (`&NAME`) as word classes |
//! | `verbs/NN_family.evr` | verb blocks and patterns, one file per CAMEO family |
//! | `agents.evr` | entity rules composing actor and agent codes |
//! | `lexicons/*.tsv` | actors (dated codes as `from=`/`until=`), agents |
//! | `discards.evr`, `discards.txt` | the discards as `discard` items, and as PETRARCH listed them |
//! | `IMPORT_REPORT.md`, `NOTICE.md` | what was not translated; license and provenance |

use super::emit_actors::{self, PARTICIPANT, Rows};
use super::emit_verbs;
use super::events::EventTypes;
use super::names::Names;
use super::report::{self, FileSummary};
use super::translate::is_class_word;
use super::{Problem, actors, agents, discards, verbs};

/// A dictionary file: its name (as reports show it) and its text.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Inputs {
    pub verbs: Input,
    pub actors: Vec<Input>,
    pub agents: Input,
    pub discards: Option<Input>,
}

/// The pack: `(relative path, text)` for every file, and what it holds.
#[derive(Debug)]
pub struct Generated {
    pub files: Vec<(String, String)>,
    pub summaries: Vec<FileSummary>,
    pub problems: Vec<Problem>,
}

pub fn generate(inputs: &Inputs) -> Generated {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut summaries = Vec::new();
    let mut problems = Vec::new();
    let mut names = Names::default();
    let mut events = EventTypes::default();
    let mut notes = Vec::new();

    // Verbs.
    let dictionary = verbs::parse(&inputs.verbs.name, &inputs.verbs.text);
    let verb_files = emit_verbs::emit(
        &inputs.verbs.name,
        &dictionary.synsets,
        &dictionary.blocks,
        &mut names,
        &mut events,
        PARTICIPANT,
    );
    let patterns: usize = dictionary.blocks.iter().map(|b| b.patterns.len()).sum();
    let verb_count: usize = dictionary.blocks.iter().map(|b| b.verbs.len()).sum();
    let verb_problems: Vec<Problem> = dictionary
        .problems
        .iter()
        .chain(&verb_files.problems)
        .cloned()
        .collect();
    summaries.push(FileSummary {
        file: inputs.verbs.name.clone(),
        kind: "verbs",
        entries: patterns + verb_count + dictionary.synsets.len(),
        written: format!(
            "{} blocks, {verb_count} verbs, {} of {patterns} patterns, {} synsets: {} rules",
            dictionary.blocks.len(),
            verb_files.patterns_translated,
            dictionary.synsets.len(),
            verb_files.rules
        ),
        problems: verb_problems.len(),
    });
    problems.extend(verb_problems);
    files.extend(verb_files.files);

    // Actors and agents.
    let mut rows = Rows::default();
    let mut lexicons = Vec::new();
    for input in &inputs.actors {
        let dictionary = actors::parse(&input.name, &input.text);
        let (text, count, mut more) =
            emit_actors::actor_lexicon(&input.name, &dictionary.entries, &mut rows);
        let path = format!("lexicons/{}.tsv", stem(&input.name));
        lexicons.push(path.clone());
        files.push((path, text));
        more.splice(0..0, dictionary.problems);
        summaries.push(FileSummary {
            file: input.name.clone(),
            kind: "actors",
            entries: dictionary.entries.len(),
            written: format!("{count} lexicon rows"),
            problems: more.len(),
        });
        problems.extend(more);
    }
    let dictionary = agents::parse(&inputs.agents.name, &inputs.agents.text);
    let (phrases, expand_problems) = agents::expand(&dictionary);
    let agent_output = emit_actors::agents(&inputs.agents.name, &phrases, &mut rows);
    let agent_problems: Vec<Problem> = dictionary
        .problems
        .iter()
        .chain(&expand_problems)
        .cloned()
        .collect();
    summaries.push(FileSummary {
        file: inputs.agents.name.clone(),
        kind: "agents",
        entries: dictionary.entries.len(),
        written: format!("{} lexicon rows", agent_output.rows),
        problems: agent_problems.len(),
    });
    problems.extend(agent_problems);
    let agents_path = "lexicons/agents.tsv".to_string();
    lexicons.push(agents_path.clone());
    files.push((agents_path, agent_output.lexicon));
    files.push(("agents.evr".to_string(), agent_output.rules));
    if rows.duplicates > 0 {
        notes.push(format!(
            "{} lexicon rows repeated a row already written (same phrase, type, code and dates) and were written once.",
            rows.duplicates
        ));
    }

    // Discards.
    if let Some(input) = &inputs.discards {
        let list = discards::parse(&input.name, &input.text);
        let (items, plain, mut more) = discard_files(&input.name, &list.discards);
        more.splice(0..0, list.problems);
        summaries.push(FileSummary {
            file: input.name.clone(),
            kind: "discards",
            entries: list.discards.len(),
            written: format!("{} `discard` entries", list.discards.len() - more.len()),
            problems: more.len(),
        });
        problems.extend(more);
        files.push(("discards.evr".to_string(), items));
        files.push(("discards.txt".to_string(), plain));
    }

    files.push(("types.evr".to_string(), emit_actors::types_file(&lexicons)));
    files.push(("events.evr".to_string(), events.render(PARTICIPANT)));
    let all_inputs: Vec<(String, String)> = std::iter::once(&inputs.verbs)
        .chain(&inputs.actors)
        .chain(std::iter::once(&inputs.agents))
        .chain(&inputs.discards)
        .map(|i| (i.name.clone(), i.text.clone()))
        .collect();
    files.push(("NOTICE.md".to_string(), report::notice(&all_inputs)));
    files.push((
        "IMPORT_REPORT.md".to_string(),
        report::import_report(&summaries, &problems, &notes),
    ));
    // In `evrule fmt`'s layout, so that formatting the pack changes nothing.
    for (path, text) in &mut files {
        if path.ends_with(".evr")
            && let Ok(formatted) = crate::fmt::format_source(text)
        {
            *text = formatted;
        }
    }
    files.sort();
    Generated {
        files,
        summaries,
        problems,
    }
}

/// `Phoenix.Countries.actors.txt` → `Phoenix.Countries.actors`.
fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".txt").unwrap_or(base).to_string()
}

/// `discards.evr` (`discard sentence = …`, `discard document = …`), the
/// list as PETRARCH wrote it (`+` for stories), and the phrases a `discard`
/// entry cannot hold.
fn discard_files(file: &str, list: &[discards::Discard]) -> (String, String, Vec<Problem>) {
    let mut plain = format!(
        "# Discards of {file}: a sentence holding a phrase is not coded; with `+`, the whole story.\n"
    );
    let mut sentence = Vec::new();
    let mut story = Vec::new();
    let mut problems = Vec::new();
    for discard in list {
        let words = discard.words.join(" ");
        let (prefix, entries) = match discard.scope {
            discards::Scope::Sentence => ("", &mut sentence),
            discards::Scope::Story => ("+", &mut story),
        };
        plain.push_str(&format!("{prefix}{words}\n"));
        let lower = words.to_lowercase();
        if lower.split(' ').all(is_class_word) {
            if !entries.contains(&lower) {
                entries.push(lower);
            }
        } else {
            problems.push(Problem::new(
                discard.origin.clone(),
                format!("{prefix}{words}"),
                "a discard phrase with characters a `discard` entry cannot hold",
            ));
        }
    }
    let mut items = format!(
        "# Discards of {file}: a document holding a `discard document` phrase is\n\
         # not coded, nor a sentence holding a `discard sentence` one.\n"
    );
    for (scope, phrases) in [("document", story), ("sentence", sentence)] {
        if !phrases.is_empty() {
            items.push_str(&format!(
                "\ndiscard {scope} =\n  {}\n",
                phrases.join(",\n  ")
            ));
        }
    }
    (items, plain, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str) -> Input {
        Input {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn discards_become_items_and_stay_listed() {
        let list = discards::parse(
            "d.txt",
            "MONTHS LATER\n+World Golf Championships\nST. LOUIS CARDINALS\n",
        );
        let (items, plain, problems) = discard_files("d.txt", &list.discards);
        assert!(items.ends_with(
            "\ndiscard document =\n  world golf championships\n\ndiscard sentence =\n  months later\n"
        ));
        assert!(plain.ends_with("MONTHS LATER\n+World Golf Championships\nST. LOUIS CARDINALS\n"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin.line, 3);
    }

    #[test]
    fn the_same_dictionaries_give_the_same_files() {
        let inputs = Inputs {
            verbs: input(
                "v.txt",
                "--- MEET [040] ---\nMEET\n- * (WITH +) [042:043]\n",
            ),
            actors: vec![input("a.txt", "GONDOR [GON]\n")],
            agents: input("g.txt", "SOLDIER [~MIL]\n"),
            discards: None,
        };
        let first = generate(&inputs);
        let second = generate(&inputs);
        assert_eq!(first.files, second.files);
        let paths: Vec<&str> = first.files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "IMPORT_REPORT.md",
                "NOTICE.md",
                "agents.evr",
                "events.evr",
                "lexicons/a.tsv",
                "lexicons/agents.tsv",
                "types.evr",
                "verbs/04_consult.evr",
            ]
        );
    }
}
