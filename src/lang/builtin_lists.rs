//! The registry of built-in word lists: the word lists the engine itself
//! consults (`Proper`'s titles and stop words, `Number`'s currencies, …),
//! each a word class with a dotted name that a pack can use in patterns
//! (`@proper.title`) and change with `words` (`+=`, `-=`, `=`).
//!
//! Adding a list is one line in [`BUILTIN_LISTS`]; the code that consults
//! it reads the resolved entries with `Pack::word_list(name)`.
//! `docs/LANGUAGE.md` holds the table [`markdown_table`] renders (a test
//! checks it), so the documented defaults cannot drift.

use crate::text::{english, number, proper};

/// A built-in word list: its dotted name, what it is for, its default
/// entries (written as in a `words` item: words separated by spaces, `=`
/// for an exact entry), and whether entries must be single words.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinList {
    pub name: &'static str,
    pub description: &'static str,
    pub default: &'static [&'static str],
    pub single_words: bool,
}

const fn list(
    name: &'static str,
    description: &'static str,
    default: &'static [&'static str],
    single_words: bool,
) -> BuiltinList {
    BuiltinList {
        name,
        description,
        default,
        single_words,
    }
}

/// Every built-in list, one line each.
pub const BUILTIN_LISTS: &[BuiltinList] = &[
    list(
        "proper.title",
        "titles before a name: a `Proper` run starting with titles (\"General Kenneth McKenzie\") is also a mention without them (\"Kenneth McKenzie\")",
        proper::TITLES,
        false,
    ),
    list(
        "proper.title_modifier",
        "words that make a title only together with one (\"Deputy Foreign Minister\")",
        proper::TITLE_MODIFIERS,
        true,
    ),
    list(
        "proper.stop",
        "capitalized words that are never part of a `Proper` run (\"The\", \"However\", weekdays, months)",
        proper::STOPWORDS,
        true,
    ),
    list(
        "proper.initial",
        "common words that start no `Proper` run at the start of a sentence (\"Buyers snap up…\")",
        proper::INITIAL_COMMON_WORDS,
        true,
    ),
    list(
        "number.currency",
        "currency symbols, codes and words a `Number` mention includes, before or after the amount (\"£11m\", \"5 million dollars\")",
        number::CURRENCIES,
        false,
    ),
    list(
        "number.unit",
        "units a `Number` mention includes after the amount (\"40%\", \"5 percent\")",
        number::MEASURE_UNITS,
        false,
    ),
    list(
        "phrase.determiner",
        "determiners and quantifiers a noun phrase grows over, and after which a word reads as a noun (\"the\", \"several\", \"dozens\")",
        english::PHRASE_DETERMINERS,
        true,
    ),
    list(
        "phrase.modifier",
        "words describing an actor that a noun phrase grows over (\"suspected ISWAP fighters\", \"unidentified gunmen\")",
        english::PHRASE_MODIFIERS,
        true,
    ),
    list(
        "phrase.partitive",
        "nouns that take a group before \"of\" into the noun phrase (\"members of\", \"a group of\", \"hundreds of\")",
        english::PHRASE_PARTITIVES,
        true,
    ),
    list(
        "modality.future",
        "words that put the verb after their \"to\" in the future (\"is due to explode\", \"set to march\")",
        english::FUTURE_CUES,
        true,
    ),
    list(
        "modality.intended",
        "words that make the verb after their \"to\" an intention (\"plans to attack\", \"ready to strike\")",
        english::INTENDED_CUES,
        true,
    ),
    list(
        "modality.threatened",
        "words that make the verb after their \"to\" a threat or pledge (\"threatened to strike\", \"vowed to retaliate\")",
        english::THREAT_CUES,
        true,
    ),
    list(
        "modality.urge",
        "verbs that make someone else's act intended when \"to\" follows the subject (\"urged supporters to protest\")",
        english::URGE_VERBS,
        true,
    ),
];

/// The built-in list of this name.
pub fn builtin_list(name: &str) -> Option<&'static BuiltinList> {
    BUILTIN_LISTS.iter().find(|l| l.name == name)
}

/// The table of built-in lists that `docs/LANGUAGE.md` shows.
pub fn markdown_table() -> String {
    let mut out = String::from("| list | what it is for | default entries |\n|---|---|---|\n");
    for list in BUILTIN_LISTS {
        let entries: Vec<String> = list.default.iter().map(|e| format!("`{e}`")).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            list.name,
            list.description.replace('|', "\\|"),
            entries.join(", ").replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_dotted_and_unique() {
        for (i, list) in BUILTIN_LISTS.iter().enumerate() {
            assert!(list.name.contains('.'), "{}", list.name);
            assert!(
                BUILTIN_LISTS[..i].iter().all(|l| l.name != list.name),
                "{} twice",
                list.name
            );
            if list.single_words {
                assert!(
                    list.default.iter().all(|e| !e.contains(' ')),
                    "{}",
                    list.name
                );
            }
        }
    }

    /// The language reference shows the registry as it is.
    #[test]
    fn the_language_reference_documents_every_list() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/LANGUAGE.md");
        let docs = std::fs::read_to_string(path).expect("read docs/LANGUAGE.md");
        let table = markdown_table();
        assert!(
            docs.contains(&table),
            "docs/LANGUAGE.md must contain this table of built-in lists (section \"Built-in word lists\"):\n\n{table}"
        );
    }
}
