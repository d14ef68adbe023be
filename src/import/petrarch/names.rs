//! Names in a generated pack: rules and word classes share one namespace
//! with types and events, so every name is claimed once, made from what it
//! names, and made unique by a number.

use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub struct Names {
    used: BTreeSet<String>,
}

impl Names {
    /// Reserves a name that must stay as it is (a type or event name).
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_lowercase());
    }

    /// A fresh lower-case identifier made from `base`: letters and digits
    /// kept, everything else `_`; `_2`, `_3`… when taken.
    pub fn claim(&mut self, base: &str) -> String {
        let mut name = String::new();
        for c in base.to_lowercase().chars() {
            if c.is_ascii_alphanumeric() {
                name.push(c);
            } else if !name.ends_with('_') {
                name.push('_');
            }
        }
        let mut name = name.trim_matches('_').to_string();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert_str(0, "v_");
        }
        let mut candidate = name.clone();
        let mut n = 1;
        while self.used.contains(&candidate) {
            n += 1;
            candidate = format!("{name}_{n}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_identifiers_and_unique() {
        let mut names = Names::default();
        names.reserve("Actor");
        assert_eq!(names.claim("GO_SOMEWHERE"), "go_somewhere");
        assert_eq!(names.claim("ARM_"), "arm");
        assert_eq!(names.claim("arm"), "arm_2");
        assert_eq!(names.claim("ACTOR"), "actor_2");
        assert_eq!(names.claim("1990 talks"), "v_1990_talks");
        assert_eq!(names.claim("---"), "v_");
    }
}
