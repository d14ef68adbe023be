//! PETRARCH discard lists: a phrase on a line drops the sentence that holds
//! it (`AFRICAN NATIONS CUP`); with `+` in front, the whole story
//! (`+World Golf Championships`).

use super::lines::read_lines;
use super::{Origin, Problem};

#[derive(Debug, Clone, Default)]
pub struct DiscardList {
    pub discards: Vec<Discard>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Consecutive words, as written (`_` and spaces both separate them).
    pub words: Vec<String>,
    pub scope: Scope,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Sentence,
    /// `+`: the whole story (document).
    Story,
}

/// Reads a discard list; every line that cannot be read is a problem.
pub fn parse(file: &str, text: &str) -> DiscardList {
    let (lines, mut problems) = read_lines(file, text);
    let mut discards = Vec::new();
    for line in &lines {
        let text = line.text.trim();
        let (scope, phrase) = match text.strip_prefix('+') {
            Some(rest) => (Scope::Story, rest),
            None => (Scope::Sentence, text),
        };
        let words: Vec<String> = phrase
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            problems.push(Problem::new(
                line.origin.clone(),
                line.raw.clone(),
                "a discard with no words",
            ));
            continue;
        }
        discards.push(Discard {
            words,
            scope,
            origin: line.origin.clone(),
        });
    }
    DiscardList { discards, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_story_discards() {
        let list = parse(
            "d.txt",
            "# sports\nMONTHS LATER\n+ World Golf Championships   # pas\nBASEBALL_\n+\n",
        );
        let shown: Vec<String> = list
            .discards
            .iter()
            .map(|d| format!("{:?} {} @{}", d.scope, d.words.join(" "), d.origin.line))
            .collect();
        assert_eq!(
            shown,
            [
                "Sentence MONTHS LATER @2",
                "Story World Golf Championships @3",
                "Sentence BASEBALL @4",
            ]
        );
        assert_eq!(list.problems.len(), 1);
        assert_eq!(list.problems[0].origin.line, 5);
    }
}
