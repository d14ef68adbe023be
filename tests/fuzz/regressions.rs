//! Every crash the fuzz targets found, as a named test with its input.
//! (Crashes found before the fuzz targets existed are in tests/hostile.)

use crate::pack::exercise;

/// Found by `pack` (seed 1796591300528020302: a line swap in
/// rules/conflict/civilians.evr): a file with a line over 400 characters,
/// shown cut, and a diagnostic at the very end of the file. The label's
/// offset was left in the uncut text's coordinates, past the end of the
/// shown text, and miette panicked slicing it.
#[test]
fn a_diagnostic_at_the_end_of_a_file_with_a_long_line() {
    let text = format!(
        "type Actor\n# {}\nevent Attack {{ attacker: Actor }}\nrule r\n  \"X attack\"\n  X: Actor\n  =>",
        "long comment ".repeat(40)
    );
    exercise(&[("main.evr".to_string(), text.into_bytes())]).expect("no panic");
}
