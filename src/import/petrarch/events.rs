//! The event types of a generated pack: one per CAMEO code the rules emit,
//! arranged by code (0231 under 023 under 02 under `CameoEvent`), and the
//! second codes of `[a:b]` patterns in a family of their own
//! (`CameoReciprocal`), so that they do not compete with the first.

use std::collections::{BTreeMap, BTreeSet};

use super::NULL_CODE;
use super::cameo;

pub const ROOT: &str = "CameoEvent";
pub const RECIPROCAL_ROOT: &str = "CameoReciprocal";
const NO_EVENT: &str = "NoEvent";

#[derive(Debug, Default)]
pub struct EventTypes {
    /// Codes emitted by first codes, with their ancestors.
    codes: BTreeSet<String>,
    /// Codes emitted as second codes.
    reciprocal: BTreeSet<String>,
    /// The type name of every code, unique.
    names: BTreeMap<String, String>,
}

impl EventTypes {
    /// The type of a first code (registering it and its ancestors).
    pub fn first(&mut self, code: &str) -> String {
        let mut current = Some(code.to_string());
        while let Some(code) = current {
            current = if code == NULL_CODE {
                None
            } else {
                cameo::parent(&code)
            };
            self.codes.insert(code);
        }
        self.name(code)
    }

    /// The type of a second code.
    pub fn second(&mut self, code: &str) -> String {
        self.reciprocal.insert(code.to_string());
        format!("Reciprocal{}", self.name(code))
    }

    fn name(&mut self, code: &str) -> String {
        if code == NULL_CODE {
            return NO_EVENT.to_string();
        }
        if let Some(name) = self.names.get(code) {
            return name.clone();
        }
        let base = cameo::type_name(code);
        let taken: BTreeSet<&String> = self.names.values().collect();
        let mut name = base.clone();
        let mut n = 1;
        while taken.contains(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.names.insert(code.to_string(), name.clone());
        name
    }

    /// The text of `events.evr`.
    pub fn render(&mut self, participant: &str) -> String {
        let mut out = String::from(
            "# CAMEO event types, one per code the rules emit, arranged by code:\n\
             # 0231 sits under 023, which sits under 02. A record's root code is\n\
             # the first two digits of its code (the type just below `CameoEvent`\n\
             # in its `isa`). `NoEvent` (code `---`) is what null-coded patterns\n\
             # emit: they outrank the verb's own code and stand for no event.\n\
             # PETRARCH codes what a text holds back (\"is about to restore\") as\n\
             # it codes what it reports: `modality mark` keeps those matches, marked.\n\
             # It drops an actor's event with itself: `distinct source, target`.\n\
             # It tries a verb's patterns from the most specific, whatever the\n\
             # length of their matches: `compete priority`.\n\
             import \"types.evr\"\n\n",
        );
        out.push_str(&format!(
            "event {ROOT} {{ source: {participant}, target: {participant} }} modality mark distinct source, target compete priority\n"
        ));
        let codes: Vec<String> = self.codes.iter().cloned().collect();
        let mut children: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
        for code in &codes {
            let parent = if code == NULL_CODE {
                None
            } else {
                cameo::parent(code)
            };
            children.entry(parent).or_default().push(code.clone());
        }
        self.render_children(None, ROOT, &children, &mut out);
        if !self.reciprocal.is_empty() {
            out.push_str(&format!(
                "\n# Second codes of `[a:b]` patterns, coded with source and target swapped.\n\
                 event {RECIPROCAL_ROOT} {{ source: {participant}, target: {participant} }} modality mark distinct source, target compete priority\n"
            ));
            let reciprocal: Vec<String> = self.reciprocal.iter().cloned().collect();
            for code in reciprocal {
                let name = self.second(&code);
                out.push_str(&format!(
                    "event {name} : {RECIPROCAL_ROOT} code \"{code}\" label \"{}\"\n",
                    label_of(&code)
                ));
            }
        }
        out
    }

    fn render_children(
        &mut self,
        parent: Option<String>,
        parent_name: &str,
        children: &BTreeMap<Option<String>, Vec<String>>,
        out: &mut String,
    ) {
        for code in children.get(&parent).cloned().unwrap_or_default() {
            let name = self.name(&code);
            out.push_str(&format!(
                "event {name} : {parent_name} code \"{code}\" label \"{}\"\n",
                label_of(&code)
            ));
            self.render_children(Some(code), &name, children, out);
        }
    }
}

fn label_of(code: &str) -> String {
    if code == NULL_CODE {
        return "No event".to_string();
    }
    match cameo::label(code) {
        Some(label) => label.to_string(),
        None => format!("Code {code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sit_under_their_prefixes() {
        let mut types = EventTypes::default();
        assert_eq!(types.first("0231"), "AppealForEconomicAid");
        assert_eq!(types.first("042"), "MakeAVisit");
        assert_eq!(types.second("043"), "ReciprocalHostAVisit");
        assert_eq!(types.first("---"), "NoEvent");
        assert_eq!(types.first("+++"), "Code___");
        assert_eq!(types.first("###"), "Code____2");
        let text = types.render("Participant");
        let events: Vec<&str> = text.lines().filter(|l| l.starts_with("event")).collect();
        assert_eq!(
            events,
            [
                "event CameoEvent { source: Participant, target: Participant } modality mark distinct source, target compete priority",
                "event Code____2 : CameoEvent code \"###\" label \"Code ###\"",
                "event Code___ : CameoEvent code \"+++\" label \"Code +++\"",
                "event NoEvent : CameoEvent code \"---\" label \"No event\"",
                "event Appeal : CameoEvent code \"02\" label \"Appeal\"",
                "event AppealForAid : Appeal code \"023\" label \"Appeal for aid\"",
                "event AppealForEconomicAid : AppealForAid code \"0231\" label \"Appeal for economic aid\"",
                "event Consult : CameoEvent code \"04\" label \"Consult\"",
                "event MakeAVisit : Consult code \"042\" label \"Make a visit\"",
                "event CameoReciprocal { source: Participant, target: Participant } modality mark distinct source, target compete priority",
                "event ReciprocalHostAVisit : CameoReciprocal code \"043\" label \"Host a visit\"",
            ]
        );
    }
}
