//! Actor and agent dictionaries as lexicons, and the entity rules that
//! compose an actor's code with an agent's.
//!
//! Every phrase of an actor entry (the primary and its `+` synonyms) gets a
//! row for the entry's undated code and one per dated code, with
//! `from=`/`until=`. PETRARCH uses the first undated code and, when none
//! applies, the null code `---`; so an entry has exactly one undated row,
//! `---` when it gives none.

use std::collections::BTreeSet;

use super::Problem;
use super::actors::{ActorEntry, Restriction};
use super::agents::{AgentPhrase, Placement};
use crate::lang::date::DateRange;

pub const PARTICIPANT: &str = "Participant";
pub const ACTOR: &str = "Actor";
pub const AGENT: &str = "Agent";
pub const AGENT_FIRST: &str = "AgentFirst";

/// Rows already written: `(lower-case phrase, type, code, dates)`; the
/// same row twice is a warning in evrule.
#[derive(Debug, Default)]
pub struct Rows {
    seen: BTreeSet<(String, &'static str, String, String)>,
    pub duplicates: usize,
}

impl Rows {
    /// The TSV line of a row, or `None` when it was written already.
    fn row(
        &mut self,
        words: &[String],
        ty: &'static str,
        code: &str,
        dates: DateRange,
    ) -> Option<String> {
        let phrase = words.join(" ");
        let key = (
            phrase.to_lowercase(),
            ty,
            code.to_string(),
            dates.to_string(),
        );
        if !self.seen.insert(key) {
            self.duplicates += 1;
            return None;
        }
        Some(if dates.is_dated() {
            format!("{phrase}\t{ty}\t{code}\t{dates}\n")
        } else {
            format!("{phrase}\t{ty}\t{code}\n")
        })
    }
}

/// The lexicon of one actor dictionary, and what could not be kept as is.
pub fn actor_lexicon(
    file: &str,
    entries: &[ActorEntry],
    rows: &mut Rows,
) -> (String, usize, Vec<Problem>) {
    let mut text = format!(
        "# Actors of {file}: phrase, type, code, and the dates a code applies to.\n\
         # A phrase's dated row wins over its undated one for documents dated in its range.\n"
    );
    let mut problems = Vec::new();
    let mut count = 0;
    for entry in entries {
        let mut undated = entry
            .codes
            .iter()
            .filter(|c| c.restriction == Restriction::Always);
        let default = undated.next().map_or(super::NULL_CODE, |c| c.code.as_str());
        for extra in undated {
            problems.push(Problem::new(
                extra.origin.clone(),
                format!("[{}]", extra.code),
                format!(
                    "a second undated code for `{}`; PETRARCH uses the first, `{default}`",
                    entry.phrases[0].words.join(" ")
                ),
            ));
        }
        for code in entry.codes.iter().filter(|c| c.code.contains('/')) {
            problems.push(Problem::new(
                code.origin.clone(),
                format!("[{}]", code.code),
                "a code naming several actors (`/`) is kept as one code",
            ));
        }
        for phrase in &entry.phrases {
            let mut push = |code: &str, dates: DateRange| {
                if let Some(row) = rows.row(&phrase.words, ACTOR, code, dates) {
                    text.push_str(&row);
                    count += 1;
                }
            };
            push(default, DateRange::default());
            for code in &entry.codes {
                if code.restriction != Restriction::Always {
                    push(&code.code, code.restriction.range());
                }
            }
        }
    }
    (text, count, problems)
}

/// The agents lexicon and the entity rules that use it.
pub struct AgentOutput {
    pub lexicon: String,
    pub rows: usize,
    pub rules: String,
}

pub fn agents(file: &str, phrases: &[AgentPhrase], rows: &mut Rows) -> AgentOutput {
    let mut lexicon = format!(
        "# Agents of {file}. `{AGENT}` codes go after the actor's (SYR + MIL = SYRMIL),\n\
         # `{AGENT_FIRST}` codes before it (NGO + SYR = NGOSYR).\n"
    );
    let mut count = 0;
    let mut after = false;
    let mut before = false;
    for phrase in phrases {
        let ty = match phrase.placement {
            Placement::After => AGENT,
            Placement::Before => AGENT_FIRST,
        };
        if let Some(row) = rows.row(&phrase.words, ty, &phrase.code, DateRange::default()) {
            lexicon.push_str(&row);
            count += 1;
            after |= phrase.placement == Placement::After;
            before |= phrase.placement == Placement::Before;
        }
    }
    AgentOutput {
        lexicon,
        rows: count,
        rules: entity_rules(after, before),
    }
}

/// The entity rules composing codes; only those whose agent type has rows
/// (a rule nothing can feed is a warning).
fn entity_rules(after: bool, before: bool) -> String {
    const CLAUSE: &str = super::translate::CLAUSE_CLASS;
    const BREAK: &str = PHRASE_BREAK_CLASS;
    // At most one word between an actor and its agent, and not one that
    // ends the actor's noun phrase.
    let within_phrase = format!("...{{0,1 except (, | ; | : | @{CLAUSE} | @{BREAK})}}");
    let mut out = String::from(
        "# Agents composed with actors, as PETRARCH composes their codes.\n\
         import \"types.evr\"\n",
    );
    if after {
        out.push_str(&format!(
            "
# \"Syrian soldiers\", \"Gondor's government\", \"French finance minister\": the
# actor's code, then the agent's. One word may stand between them, but not
# one that ends the noun phrase: \"Osgiliath with the parliament\" is none.
entity actor_agent
  \"A {within_phrase} G\"
  A: {ACTOR}  G: {AGENT}
  passive off
  => ActorAgent code A.code + G.code

# \"soldiers from Gondor\", \"lawmakers in Fornost\".
entity agent_of_actor
  \"G (of | in | from) A\"
  A: {ACTOR}  G: {AGENT}
  passive off
  => ActorAgent code A.code + G.code

# A title before a name: \"Prime Minister Romendacil\" is the name's actor
# with the title's agent, anywhere in a noun phrase (\"Bree Prime Minister X\").
entity agent_actor
  \"G A\"
  A: {ACTOR}  G: {AGENT}
  passive off
  => ActorAgent code A.code + G.code

# An agent without an actor: \"police\" is ---COP.
entity agent_alone
  \"G\"
  G: {AGENT}
  passive off
  => AgentAlone code \"---\" + G.code
"
        ));
    }
    if before {
        let actors = if after {
            format!("{ACTOR} | ActorAgent")
        } else {
            ACTOR.to_string()
        };
        out.push_str(&format!(
            "
# \"MSF Arnor\": the agent's code, then the actor's (NGO + ARN = NGOARN).
entity agent_first_actor
  \"P A\"
  P: {AGENT_FIRST}  A: {actors}
  passive off
  => PrefixedActor code P.code + A.code

# \"Arnor's human rights body\": the agent's code still goes first.
entity actor_agent_first
  \"A {within_phrase} P\"
  A: {actors}  P: {AGENT_FIRST}
  passive off
  => PrefixedActor code P.code + A.code

# An agent without an actor: \"human rights body\" is NGO---.
entity agent_first_alone
  \"P\"
  P: {AGENT_FIRST}
  passive off
  => AgentAlone code P.code + \"---\"
"
        ));
    }
    out
}

/// `types.evr`: the types, and the lexicons they are filled from.
pub fn types_file(lexicons: &[String]) -> String {
    let mut out = format!(
        "# Types of the imported pack. Event slots take any `{PARTICIPANT}`.\n\
         type {PARTICIPANT}\n\
         type {ACTOR} : {PARTICIPANT}           # a phrase of an actor dictionary\n\
         type ActorAgent : {PARTICIPANT}      # an actor with an agent: \"Syrian soldiers\" (SYRMIL)\n\
         type PrefixedActor : {PARTICIPANT}   # with an agent whose code goes first: \"MSF Arnor\" (NGOARN)\n\
         type AgentAlone : {PARTICIPANT}      # an agent without its actor: \"police\" (---COP)\n\
         type {AGENT}                           # an agent whose code follows the actor's (~MIL)\n\
         type {AGENT_FIRST}                      # an agent whose code goes before the actor's (NGO~)\n\n"
    );
    for lexicon in lexicons {
        out.push_str(&format!("lexicon \"{lexicon}\"\n"));
    }
    out.push_str(&format!(
        "\n# Words that end a verb's clause, with `,` and `;`: a target the pattern\n\
         # does not place is looked for up to them.\nwords {} = {}\n",
        super::translate::CLAUSE_CLASS,
        super::translate::CLAUSE_WORDS
            .iter()
            .map(|w| format!("={w}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str(&format!(
        "\n# Words that end a noun phrase: none stands between an actor and its agent.\n\
         words {PHRASE_BREAK_CLASS} = {}\n",
        PHRASE_BREAK_WORDS
            .iter()
            .map(|w| format!("={w}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}

/// The word class of [`PHRASE_BREAK_WORDS`], declared in `types.evr`.
const PHRASE_BREAK_CLASS: &str = "phrase_break";

/// Prepositions, conjunctions and determiners: between an actor and an
/// agent they end the actor's phrase ("Osgiliath with the parliament",
/// "Gondor and soldiers", "Arnor the army").
const PHRASE_BREAK_WORDS: &[&str] = &[
    "of", "in", "on", "at", "by", "for", "from", "with", "to", "into", "against", "over",
    "between", "among", "under", "near", "and", "or", "but", "nor", "the", "a", "an", "that",
    "this", "these", "those",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::petrarch::{actors, agents as agent_dictionary};

    #[test]
    fn actor_rows_with_dates_synonyms_and_null_defaults() {
        let dictionary = actors::parse(
            "a.txt",
            "GOLLUM\n+SMEAGOL\n\t[HOB <950601]\n\t[HOBREB >990816]\nZIMBABWE [RHO <790606] [ZBW] [ZIM]\nLORIEN [ELR/GAL]\nZIMBABWE [ZBW]\n",
        );
        assert_eq!(dictionary.problems, []);
        let mut rows = Rows::default();
        let (text, count, problems) = actor_lexicon("a.txt", &dictionary.entries, &mut rows);
        assert_eq!(
            text.lines().skip(2).collect::<Vec<_>>(),
            [
                "GOLLUM\tActor\t---",
                "GOLLUM\tActor\tHOB\tuntil=1995-06-02",
                "GOLLUM\tActor\tHOBREB\tfrom=1999-08-16",
                "SMEAGOL\tActor\t---",
                "SMEAGOL\tActor\tHOB\tuntil=1995-06-02",
                "SMEAGOL\tActor\tHOBREB\tfrom=1999-08-16",
                "ZIMBABWE\tActor\tZBW",
                "ZIMBABWE\tActor\tRHO\tuntil=1979-06-07",
                "LORIEN\tActor\tELR/GAL",
            ]
        );
        assert_eq!(count, 9);
        assert_eq!(rows.duplicates, 1, "ZIMBABWE ZBW again");
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "a.txt:5: a second undated code for `ZIMBABWE`; PETRARCH uses the first, `ZBW` ([ZIM])",
                "a.txt:6: a code naming several actors (`/`) is kept as one code ([ELR/GAL])",
            ]
        );
    }

    #[test]
    fn agent_rows_and_the_rules_they_need() {
        let dictionary = agent_dictionary::parse("g.txt", "SOLDIER [~MIL]\nPOLICE {} [~COP]\n");
        let (phrases, _) = agent_dictionary::expand(&dictionary);
        let output = agents("g.txt", &phrases, &mut Rows::default());
        assert_eq!(
            output.lexicon.lines().skip(2).collect::<Vec<_>>(),
            [
                "SOLDIER\tAgent\tMIL",
                "SOLDIERS\tAgent\tMIL",
                "POLICE\tAgent\tCOP"
            ]
        );
        assert!(output.rules.contains("entity actor_agent"));
        assert!(
            !output.rules.contains("entity agent_first_actor"),
            "no NGO~ agents"
        );
    }
}
