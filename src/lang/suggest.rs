//! "Did you mean …?" for misspelled names.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| {
            let distance = if c.to_lowercase() == lower {
                0
            } else {
                strsim::damerau_levenshtein(&lower, &c.to_lowercase())
            };
            (distance, c)
        })
        // Short names (slots like `X`) are all one edit apart: only a case
        // difference counts as a likely typo there.
        .filter(|(distance, c)| *distance <= name.chars().count().max(c.chars().count()) / 3)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// `Some("did you mean `X`?")` when a close candidate exists.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_case_find_their_name() {
        let names = ["State", "Actor", "ArmedGroup", "Place"];
        assert_eq!(closest("Stat", names), Some("State"));
        assert_eq!(closest("armedgroup", names), Some("ArmedGroup"));
        assert_eq!(closest("Plaec", names), Some("Place"));
        assert_eq!(closest("Weapon", names), None);
        assert_eq!(closest("Y", ["X", "Z"]), None);
    }
}
