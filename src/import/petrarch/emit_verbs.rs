//! Verb blocks as rule files: each block's verbs become a word class, the
//! verbs alone a rule coding the block's code (or a verb's own), and each
//! pattern a rule coding its own, more specific ones first by priority. A
//! pattern's second code (`[a:b]`) is a second rule with source and target
//! swapped; in a block that has second codes, patterns without one get a
//! second rule coding nothing, so that they still outrank the verbs'.
//! Blocks are grouped into one file per CAMEO family (the code's first two
//! digits).

use std::collections::{BTreeMap, BTreeSet};

use super::events::EventTypes;
use super::names::Names;
use super::translate::{self, SOURCE, SUBJECT_GAP, TARGET, Translation, clause_object};
use super::verbs::{Elem, Part, Pattern, Synset, SynsetMember, Verb, VerbBlock};
use super::{Code, NULL_CODE, Problem, cameo};
use crate::text::word_forms;

/// The rule files written from a verb dictionary.
#[derive(Debug, Default)]
pub struct VerbFiles {
    /// `(path, text)`: `synsets.evr` and `verbs/NN_family.evr`.
    pub files: Vec<(String, String)>,
    pub problems: Vec<Problem>,
    pub rules: usize,
    pub patterns_translated: usize,
}

/// The word classes synsets become: their members' words, plurals left to
/// evrule's inflection unless the synset or member says none (`_`).
struct SynsetClasses {
    /// Synset name → (class name, entries).
    classes: BTreeMap<String, (String, Vec<String>)>,
}

impl SynsetClasses {
    fn new(synsets: &[Synset], names: &mut Names, problems: &mut Vec<Problem>) -> SynsetClasses {
        let by_name: BTreeMap<&str, &Synset> =
            synsets.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut classes = BTreeMap::new();
        for synset in synsets {
            if classes.contains_key(&synset.name) {
                problems.push(Problem::new(
                    synset.origin.clone(),
                    format!("&{}", synset.name),
                    "a second synset of this name; the first is used",
                ));
                continue;
            }
            let mut entries: Vec<String> = Vec::new();
            let mut seen = BTreeSet::new();
            collect_members(
                synset,
                synset.plurals,
                &by_name,
                &mut seen,
                &mut entries,
                problems,
            );
            let class = names.claim(&synset.name);
            classes.insert(synset.name.clone(), (class, entries));
        }
        SynsetClasses { classes }
    }

    fn class_of(&self, synset: &str) -> Option<String> {
        self.classes
            .get(synset)
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(class, _)| class.clone())
    }
}

fn collect_members(
    synset: &Synset,
    plurals: bool,
    by_name: &BTreeMap<&str, &Synset>,
    visiting: &mut BTreeSet<String>,
    entries: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    if !visiting.insert(synset.name.clone()) {
        return;
    }
    for member in &synset.members {
        match member {
            SynsetMember::Phrase {
                words,
                plural,
                origin,
            } => {
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                if let Some(bad) = lower.iter().find(|w| !translate::is_class_word(w)) {
                    problems.push(Problem::new(
                        origin.clone(),
                        format!("+{}", words.join("_")),
                        format!(
                            "synset member word `{bad}` has characters word classes cannot hold"
                        ),
                    ));
                    continue;
                }
                let exact = if plurals && *plural { "" } else { "=" };
                let entry = format!("{exact}{}", lower.join(" "));
                if !entries.contains(&entry) {
                    entries.push(entry);
                }
            }
            SynsetMember::Synset { name, origin } => match by_name.get(name.as_str()) {
                Some(inner) => collect_members(
                    inner,
                    plurals && inner.plurals,
                    by_name,
                    visiting,
                    entries,
                    problems,
                ),
                None => problems.push(Problem::new(
                    origin.clone(),
                    format!("+&{name}"),
                    format!("synset `&{name}` is not defined"),
                )),
            },
        }
    }
}

/// A rule to write.
struct RuleOut {
    comment: String,
    name: String,
    patterns: Vec<String>,
    priority: usize,
    /// `passive as written` (see [`translate::Translation::subject_is_target`]).
    passive_as_written: bool,
    event: String,
    swapped: bool,
}

impl RuleOut {
    fn render(&self, participant: &str) -> String {
        let mut out = format!("# {}\nrule {}\n", self.comment, self.name);
        for pattern in &self.patterns {
            out.push_str(&format!("  \"{pattern}\"\n"));
        }
        out.push_str(&format!(
            "  {SOURCE}: {participant}  {TARGET}: {participant}\n"
        ));
        if self.priority > 0 {
            out.push_str(&format!("  priority {}\n", self.priority));
        }
        if self.passive_as_written {
            out.push_str("  passive as written\n");
        }
        let (source, target) = if self.swapped {
            (TARGET, SOURCE)
        } else {
            (SOURCE, TARGET)
        };
        out.push_str(&format!(
            "  => {} {{ source: {source}, target: {target} }}\n",
            self.event
        ));
        out
    }
}

/// Writes every block of a verb dictionary.
pub fn emit(
    file: &str,
    synsets: &[Synset],
    blocks: &[VerbBlock],
    names: &mut Names,
    events: &mut EventTypes,
    participant: &str,
) -> VerbFiles {
    let mut out = VerbFiles::default();
    let classes = SynsetClasses::new(synsets, names, &mut out.problems);
    let mut used_synsets: BTreeSet<String> = BTreeSet::new();
    let mut families: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut family_uses_synsets: BTreeSet<String> = BTreeSet::new();
    let listed = listed_forms(blocks);
    for (index, block) in blocks.iter().enumerate() {
        // The forms other blocks write out.
        let elsewhere: BTreeSet<String> = listed
            .iter()
            .filter(|(_, listers)| listers.iter().any(|&b| b != index))
            .map(|(form, _)| form.clone())
            .collect();
        let (text, synsets_used, rules, translated) = emit_block(
            block,
            &elsewhere,
            &classes,
            names,
            events,
            participant,
            &mut out.problems,
        );
        out.rules += rules;
        out.patterns_translated += translated;
        if text.is_empty() {
            continue;
        }
        let family = family_of(block);
        if !synsets_used.is_empty() {
            family_uses_synsets.insert(family.clone());
        }
        used_synsets.extend(synsets_used);
        families.entry(family).or_default().push(text);
    }
    if !used_synsets.is_empty() {
        let mut text = format!(
            "# Synsets of {file} as word classes (those the rules use).\n\
             # `=` entries do not inflect: the synset or member ended in `_`.\n\n"
        );
        for synset in synsets {
            if !used_synsets.contains(&synset.name) {
                continue;
            }
            let Some((class, entries)) = classes.classes.get(&synset.name) else {
                continue;
            };
            text.push_str(&format!(
                "# {}\nwords {class} =\n  {}\n\n",
                synset.origin,
                entries.join(",\n  ")
            ));
        }
        out.files.push((
            "synsets.evr".to_string(),
            text.trim_end().to_string() + "\n",
        ));
    }
    for (family, blocks) in families {
        let title = match cameo::label(&family) {
            Some(label) => format!("CAMEO family {family} ({label})"),
            None if family == "other" => "Verb blocks of no CAMEO family".to_string(),
            None => format!("Codes starting {family}"),
        };
        let mut text = format!(
            "# {title}: verb blocks of {file}.\n\
             # Written by `evrule import petrarch`; IMPORT_REPORT.md lists what was not translated.\n\
             import \"types.evr\"\nimport \"events.evr\"\n"
        );
        if family_uses_synsets.contains(&family) {
            text.push_str("import \"synsets.evr\"\n");
        }
        for block in blocks {
            text.push('\n');
            text.push_str(&block);
        }
        let path = match cameo::label(&family) {
            Some(label) => format!("verbs/{family}_{}.evr", snake(label)),
            None => format!("verbs/{family}.evr"),
        };
        out.files.push((path, text));
    }
    out
}

fn snake(label: &str) -> String {
    let mut out = String::new();
    for word in label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// The CAMEO family of a block: its code's root, or else the root most of
/// its patterns code, or `other`.
fn family_of(block: &VerbBlock) -> String {
    if let Some(root) = cameo::root(&block.code.first) {
        return root.to_string();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for pattern in &block.patterns {
        if let Some(root) = cameo::root(&pattern.code.first) {
            *counts.entry(root).or_default() += 1;
        }
    }
    let best = counts.values().copied().max();
    counts
        .into_iter()
        .find(|(_, n)| Some(*n) == best)
        .map_or_else(|| "other".to_string(), |(root, _)| root.to_string())
}

/// One block's text, the synsets it uses, its rule count and how many of
/// its patterns were translated.
fn emit_block(
    block: &VerbBlock,
    listed: &BTreeSet<String>,
    classes: &SynsetClasses,
    names: &mut Names,
    events: &mut EventTypes,
    participant: &str,
    problems: &mut Vec<Problem>,
) -> (String, BTreeSet<String>, usize, usize) {
    let verbs: Vec<(&Verb, Vec<String>)> = block
        .verbs
        .iter()
        .filter_map(|verb| match verb_entries(verb, listed) {
            Ok(entries) => Some((verb, entries)),
            Err(reason) => {
                problems.push(Problem::new(
                    verb.origin.clone(),
                    verb.words.join("_"),
                    reason,
                ));
                None
            }
        })
        .collect();
    let class_name = names.claim(&format!("{}_verbs", block.name));
    // PETRARCH's `*` is the verb of a parsed clause: only the verb reading
    // of a word matches ("their meeting" is no act of meeting).
    let class_ref = format!("@{class_name}:v");
    let mut rules: Vec<RuleOut> = Vec::new();
    let mut synsets_used = BTreeSet::new();
    let mut translated = 0;
    let header = format!("{}: {}", block.origin, header_text(block));

    // The verbs alone, one rule per code.
    let mut by_code: BTreeMap<String, (Code, Vec<&Vec<String>>)> = BTreeMap::new();
    for (verb, entries) in &verbs {
        let code = verb.code.clone().unwrap_or_else(|| block.code.clone());
        by_code
            .entry(code.to_string())
            .or_insert_with(|| (code, Vec::new()))
            .1
            .push(entries);
    }
    let all_verbs = by_code.len() == 1;
    let mut class_used = false;
    for (code, verb_entries) in by_code.values() {
        if code.first == NULL_CODE && code.second.is_none() {
            continue;
        }
        let verb_ref = if all_verbs {
            class_used = true;
            class_ref.clone()
        } else {
            let alternatives: Vec<String> = verb_entries
                .iter()
                .flat_map(|e| e.iter())
                .map(|e| verb_reading(e.trim_start_matches('=')))
                .collect();
            match &alternatives[..] {
                [one] => one.clone(),
                _ => format!("({})", alternatives.join(" | ")),
            }
        };
        let name = if all_verbs {
            names.claim(&block.name)
        } else {
            names.claim(&format!("{}_{}", block.name, code.first))
        };
        // The derived passive leaves the object's gap out: "T was
        // attacked by S".
        let patterns = vec![format!(
            "{SOURCE} {SUBJECT_GAP} {verb_ref} {}",
            clause_object()
        )];
        rules.push(RuleOut {
            comment: format!("{header} (the verbs alone, {code})"),
            name,
            patterns,
            priority: 0,
            passive_as_written: false,
            event: events.first(&code.first),
            swapped: false,
        });
        if let Some(second) = &code.second {
            let name = format!("{}_reciprocal", rules.last().expect("just pushed").name);
            let name = names.claim(&name);
            let last = rules.last().expect("just pushed");
            rules.push(RuleOut {
                comment: format!("{header} (second code {second}: the target acts on the source)"),
                name,
                patterns: last.patterns.clone(),
                priority: 0,
                passive_as_written: false,
                event: events.second(second),
                swapped: true,
            });
        }
    }

    // The patterns.
    let block_has_second = block.code.second.is_some()
        || block
            .verbs
            .iter()
            .any(|v| v.code.as_ref().is_some_and(|c| c.second.is_some()))
        || block.patterns.iter().any(|p| p.code.second.is_some());
    for pattern in &block.patterns {
        if verbs.is_empty() {
            problems.push(Problem::new(
                pattern.origin.clone(),
                pattern.raw.clone(),
                "its verb block has no verb patterns can match",
            ));
            continue;
        }
        let lookup = |name: &str| classes.class_of(name);
        let translation: Translation = match translate::translate(pattern, &class_ref, &lookup) {
            Ok(translation) => translation,
            Err(reason) => {
                problems.push(Problem::new(
                    pattern.origin.clone(),
                    pattern.raw.clone(),
                    reason,
                ));
                continue;
            }
        };
        translated += 1;
        class_used = true;
        synsets_used.extend(translation.synsets.iter().cloned());
        let name = names.claim(&pattern_name(&block.name, pattern));
        let comment = format!("{}: {}", pattern.origin, pattern.raw.trim());
        let priority = 1 + translation.specificity;
        rules.push(RuleOut {
            comment: comment.clone(),
            name: name.clone(),
            patterns: vec![translation.pattern.clone()],
            priority,
            passive_as_written: translation.subject_is_target,
            event: events.first(&pattern.code.first),
            swapped: false,
        });
        let second = match &pattern.code.second {
            Some(second) => Some(events.second(second)),
            // `S and T`: each part of the compound acts on the other.
            None if translation.pair => Some(events.second(&pattern.code.first)),
            None if block_has_second => Some(events.second(NULL_CODE)),
            None => None,
        };
        if let Some(event) = second {
            rules.push(RuleOut {
                comment: format!("{comment} (second code)"),
                name: names.claim(&format!("{name}_reciprocal")),
                patterns: vec![translation.pattern],
                priority,
                passive_as_written: translation.subject_is_target,
                event,
                swapped: true,
            });
        }
    }
    if rules.is_empty() {
        return (String::new(), synsets_used, 0, translated);
    }
    let mut text = String::new();
    if class_used {
        let entries: Vec<String> =
            verbs
                .iter()
                .flat_map(|(_, e)| e.iter().cloned())
                .fold(Vec::new(), |mut all, e| {
                    if !all.contains(&e) {
                        all.push(e);
                    }
                    all
                });
        text.push_str(&format!(
            "# {header}\nwords {class_name} = {}\n\n",
            entries.join(", ")
        ));
    }
    let count = rules.len();
    let rendered: Vec<String> = rules.iter().map(|r| r.render(participant)).collect();
    text.push_str(&rendered.join("\n"));
    (text, synsets_used, count, translated)
}

/// A verb entry read only as a verb: `:v` on its first word.
fn verb_reading(entry: &str) -> String {
    match entry.split_once(' ') {
        Some((first, rest)) => format!("{first}:v {rest}"),
        None => format!("{entry}:v"),
    }
}

fn header_text(block: &VerbBlock) -> String {
    format!("--- {} {} ---", block.name, block.code)
}

/// A rule name from the block and the pattern's first words.
fn pattern_name(block: &str, pattern: &Pattern) -> String {
    fn words(parts: &[Part], out: &mut Vec<String>) {
        for part in parts {
            match &part.elem {
                Elem::Word(w) => out.push(w.clone()),
                Elem::Synset(s) => out.push(s.clone()),
                Elem::NounPhrase(inner) | Elem::Prep(inner) => words(inner, out),
                _ => {}
            }
        }
    }
    let mut all = Vec::new();
    words(&pattern.pre, &mut all);
    words(&pattern.post, &mut all);
    all.truncate(3);
    if all.is_empty() {
        format!("{block}_pattern")
    } else {
        format!("{block}_{}", all.join("_"))
    }
}

/// Every one-word verb form a dictionary writes out (the verbs and their
/// `{…}` forms, lowercased), with the blocks that write it.
fn listed_forms(blocks: &[VerbBlock]) -> BTreeMap<String, BTreeSet<usize>> {
    let mut listed: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (index, block) in blocks.iter().enumerate() {
        for verb in &block.verbs {
            let written = std::iter::once(&verb.words).chain(verb.forms.iter().flatten());
            for words in written {
                if let [word] = words.as_slice() {
                    listed.entry(word.to_lowercase()).or_default().insert(index);
                }
            }
        }
    }
    listed
}

/// A verb's word class entries: the verb (evrule inflects it) and the
/// forms in `{…}` that inflection does not give. PETRARCH looks a verb up
/// by its form, so a form another entry writes out is that entry's ("left"
/// is the verb LEFT, not a form of LEAVE): a one-word verb one of whose
/// inflected forms another block lists (`listed`) is written as its other
/// forms, each exact (`=leave, =leaves, =leaving`).
fn verb_entries(verb: &Verb, listed: &BTreeSet<String>) -> Result<Vec<String>, String> {
    let phrase = |words: &[String]| -> Result<String, String> {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        match lower.iter().find(|w| !translate::is_class_word(w)) {
            Some(bad) => Err(format!(
                "verb word `{bad}` has characters word classes cannot hold"
            )),
            None => Ok(lower.join(" ")),
        }
    };
    let base = phrase(&verb.words)?;
    let generated = word_forms(&base).all();
    let own: Vec<String> = verb
        .forms
        .iter()
        .flatten()
        .map(|form| form.join(" ").to_lowercase())
        .collect();
    let claimed = |form: &String| *form != base && !own.contains(form) && listed.contains(form);
    if verb.words.len() == 1 && generated.iter().any(claimed) {
        let mut entries: Vec<String> = generated
            .iter()
            .filter(|form| !claimed(form))
            .map(|form| format!("={form}"))
            .collect();
        for form in own {
            let form = format!("={form}");
            if !entries.contains(&form) {
                entries.push(form);
            }
        }
        return Ok(entries);
    }
    let mut entries = vec![base.clone()];
    let mut add = |entry: String| {
        if !generated.contains(&entry) && !entries.contains(&entry) {
            entries.push(entry);
        }
    };
    match &verb.forms {
        Some(forms) => {
            for form in forms {
                add(phrase(form)?);
            }
        }
        // Regular forms of a multi-word verb whose verb is not its first
        // word: inflection only changes the first.
        None if verb.head > 0 => {
            let head = verb.words[verb.head].to_lowercase();
            for form in word_forms(&head).all() {
                let mut words: Vec<String> = verb.words.iter().map(|w| w.to_lowercase()).collect();
                words[verb.head] = form;
                add(words.join(" "));
            }
        }
        None => {}
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::petrarch::verbs;

    fn emitted(text: &str) -> (String, Vec<String>) {
        let dictionary = verbs::parse("v.txt", text);
        assert_eq!(dictionary.problems, []);
        let mut names = Names::default();
        let mut events = EventTypes::default();
        let files = emit(
            "v.txt",
            &dictionary.synsets,
            &dictionary.blocks,
            &mut names,
            &mut events,
            "Participant",
        );
        let text = files
            .files
            .iter()
            .map(|(path, text)| format!("=== {path}\n{text}"))
            .collect::<String>();
        let problems = files.problems.iter().map(ToString::to_string).collect();
        (text, problems)
    }

    #[test]
    fn a_block_its_verbs_patterns_and_synsets() {
        let (text, problems) = emitted(
            "\
&CURRENCY
+DOLLAR
+KRONER_
--- GRANT [070] ---
GRANT
GIVE {GAVE GIVEN GIVING}
CONTRIBUTE [071:071]
- * &CURRENCY [903]
- * OFF (FROM ^) [072]
",
        );
        assert_eq!(problems, Vec::<String>::new());
        insta::assert_snapshot!(text);
    }

    #[test]
    fn a_form_another_block_writes_out_is_that_blocks() {
        // PETRARCH looks verbs up by form: "left" is LEFT's, not LEAVE's,
        // and "met" is MET's; a block's own forms stay its own.
        let (text, problems) = emitted(
            "\
--- LEAVE [012] ---
LEAVE
--- LEFT [032:033] ---
LEFT
--- MEET [031] ---
MEET
MET
",
        );
        assert_eq!(problems, Vec::<String>::new());
        let classes: Vec<&str> = text.lines().filter(|l| l.starts_with("words ")).collect();
        assert_eq!(
            classes,
            [
                "words leave_verbs = =leave, =leaves, =leaving",
                "words left_verbs = left",
                "words meet_verbs = meet, met",
            ]
        );
    }

    #[test]
    fn null_codes_and_families() {
        let (text, problems) = emitted(
            "\
--- ABANDON [---] ---
ABANDON
WIRE_+TAP
- CREW * SHIP [---]
- * ATTEMPT [080]
- * HEADQUARTERS [0874]
- * OUTPOST [0874]
",
        );
        assert_eq!(problems, Vec::<String>::new());
        insta::assert_snapshot!(text);
    }
}
