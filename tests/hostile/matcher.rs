//! Matching cost: work linear in sentence length (counted in VM steps, not
//! timed), the visited set bounded whatever the sentence, programs and
//! sentences capped with a located message.

use evrule::document::Document;
use evrule::matcher::Matcher;
use evrule::matcher::vm::MAX_VISITED_BITS;

use crate::harness::{PACK, evrule, with_pack, write};
use crate::support::{compile_pack, write_fixture};

/// The VM work for one document on a fresh matcher.
fn work(pack: &evrule::compile::CompiledPack, text: &str) -> (u64, usize, usize) {
    let mut matcher = Matcher::new(pack);
    let result = matcher.match_document(&Document::new("t", text));
    let (steps, bytes) = matcher.work();
    (steps, bytes, result.events.len())
}

#[test]
fn matching_work_grows_linearly_with_sentence_length() {
    let (dir, _) = write_fixture(PACK);
    let pack = compile_pack(&dir.path().join("pack"));
    // One sentence (no boundary) of 4 tokens a match, under the cap.
    let short = "Russia attacked Isis and ".repeat(100);
    let long = "Russia attacked Isis and ".repeat(400);
    let (short_work, _, short_events) = work(&pack, &short);
    let (long_work, _, long_events) = work(&pack, &long);
    // About two records a repeat (compounds join "Isis and Russia").
    assert!(short_events >= 100 && long_events >= 4 * short_events - 4);
    // 4 times the tokens and matches: about 4 times the work. Clearing the
    // whole visited set after each match made it about 16 times.
    assert!(
        long_work <= short_work * 9 / 2,
        "work {short_work} -> {long_work} for 4x the sentence"
    );
}

#[test]
fn a_huge_sentence_with_a_large_word_class_stays_in_bounded_memory() {
    let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    let fixture = format!(
        "{PACK}=== pack/big.evr\nimport \"main.evr\"\nwords big = {}\nrule big\n  \"X @big ... Y\"\n  X: Actor  Y: Actor\n  => Attack {{ attacker: X, victim: Y }}\n",
        words.join(", ")
    );
    let (dir, _) = write_fixture(&fixture);
    let pack = compile_pack(&dir.path().join("pack"));
    // 200,000 tokens without a sentence boundary.
    let text = "Russia w17 Isis and ".repeat(50_000);
    let (_, bytes, events) = work(&pack, &text);
    assert!(events > 0);
    assert!(
        bytes <= MAX_VISITED_BITS / 8,
        "visited set of {bytes} bytes, over its cap"
    );
    // Far below the cap, in fact: this pack's programs are small.
    assert!(bytes < 1 << 20, "{bytes}");
}

#[test]
fn sentences_cut_at_the_cap_are_noted_with_their_place() {
    let dir = with_pack();
    write(
        &dir.path().join("long.txt"),
        "Russia attacked Isis and ".repeat(1_000),
    );
    let run = evrule(dir.path(), &["run", "pack", "long.txt"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains(
            "note: 1 sentence(s) ran past 2048 tokens without a boundary and were matched in pieces (first: long.txt, sentence 0)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pattern_past_the_instruction_cap_is_a_located_error() {
    let dir = with_pack();
    let gaps = vec!["...{0,64} attack"; 200].join(" ");
    write(
        &dir.path().join("pack/huge.evr"),
        format!(
            "import \"main.evr\"\nrule huge\n  \"X {gaps} Y\"\n  X: Actor  Y: Actor\n  => Attack {{ attacker: X, victim: Y }}\n"
        ),
    );
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr
            .contains("the pattern of rule `huge` at huge.evr:3:4 compiles to"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("at most 16384 are allowed"));
}

/// [`PACK`] plus `extra` as another rule file.
fn pack_with(extra: &str) -> evrule::compile::CompiledPack {
    let fixture = format!("{PACK}=== pack/more.evr\nimport \"main.evr\"\n{extra}");
    let (dir, _) = write_fixture(&fixture);
    compile_pack(&dir.path().join("pack"))
}

#[test]
fn rules_whose_words_a_sentence_lacks_cost_it_nothing() {
    // 64 rules anchored on the verb of the pack's rule (a word class of
    // sites has more forms, so the verb is the anchor), each also needing
    // a site the sentence does not name: none is searched, so the work is
    // the same as without them.
    let mut extra = String::from(
        "words sites = convoy, base, camp, port, depot, airfield, barracks, checkpoint\n",
    );
    for gap in 0..64 {
        extra.push_str(&format!(
            "event Raid{gap} {{ attacker: Actor, victim: Actor }}\nrule raid{gap}\n  \"X attack ...{{0,{gap}}} @sites Y\"\n  X: Actor  Y: Actor\n  => Raid{gap} {{ attacker: X, victim: Y }}\n"
        ));
    }
    let text = "Russia attacked Isis on Monday.";
    let (alone, _, alone_events) = work(&pack_with(""), text);
    let (with_rules, _, events) = work(&pack_with(&extra), text);
    assert_eq!((alone_events, events), (1, 1));
    assert_eq!(
        with_rules, alone,
        "searches for rules the sentence cannot match"
    );
    // Where a site is named, its rules are searched.
    let text = "Russia attacked the convoy Isis guarded.";
    let (alone, _, _) = work(&pack_with(""), text);
    let (with_rules, _, _) = work(&pack_with(&extra), text);
    assert!(with_rules > alone, "{alone} -> {with_rules}");
}

#[test]
fn rules_with_the_same_pattern_share_one_search() {
    // A second code for the same pattern (as a CAMEO pack's reciprocal
    // rules): both records, one search.
    let twin = "event Retaliation { attacker: Actor, victim: Actor }\nrule retaliation\n  \"X attack Y\"\n  X: Actor  Y: Actor\n  => Retaliation { attacker: Y, victim: X }\n";
    let text = "Russia attacked Isis.";
    let (alone, _, alone_events) = work(&pack_with(""), text);
    let (shared, _, events) = work(&pack_with(twin), text);
    assert_eq!((alone_events, events), (1, 2));
    assert_eq!(shared, alone, "the twin rule searched again");
}

#[test]
fn a_choice_of_phrases_after_a_gap_costs_a_step_per_token_not_per_phrase() {
    // "fight" and "fight back" cannot merge into one word test (the longer
    // entry must be tried first where it fits), so the class stays a choice
    // of twelve branches; a guard of their first words refuses the tokens
    // none can start in one step, as a class of single words does.
    let phrases = "fight, fight back, clash, clash with, battle, battle against, shell, shell out, storm, storm into, raid, raid on";
    let singles =
        "fight, combat, clash, brawl, battle, duel, shell, bomb, storm, siege, raid, strike";
    let pack_of = |entries: &str| {
        pack_with(&format!(
            "words hostile = {entries}\nevent Fight {{ attacker: Actor, victim: Actor }}\nrule fight\n  \"X ... @hostile Y\"\n  X: Actor  Y: Actor\n  => Fight {{ attacker: X, victim: Y }}\n"
        ))
    };
    let text = "Russia and Isis met in a hall near the old port on Monday and talked for hours about the talks.";
    let (single_work, _, _) = work(&pack_of(singles), text);
    let (phrase_work, _, _) = work(&pack_of(phrases), text);
    assert!(
        phrase_work <= single_work + single_work / 4,
        "a choice of phrases costs {phrase_work} steps, a word class {single_work}"
    );
}

#[test]
fn a_coordinated_verb_phrase_costs_little_where_no_conjunction_follows() {
    // The derived reading ("X verb … and attack Y") needs a coordinator
    // or clause break after its first verb: where none follows, it fails
    // at its first steps, a few per actor the sentence names, however long
    // the sentence.
    let without = {
        let pack = PACK.replace(
            "  X: Actor  Y: Actor\n  => Attack",
            "  X: Actor  Y: Actor\n  coordination off\n  => Attack",
        );
        let (dir, _) = write_fixture(&pack);
        compile_pack(&dir.path().join("pack"))
    };
    let with = {
        let (dir, _) = write_fixture(PACK);
        compile_pack(&dir.path().join("pack"))
    };
    let plain = "Russia, which had long besieged the old city held by Isis troops, attacked Isis again on Monday, officials said.";
    let (on, _, on_events) = work(&with, plain);
    let (off, _, off_events) = work(&without, plain);
    // Both read Russia's attack past the parenthetical after the subject.
    assert_eq!((on_events, off_events), (1, 1));
    // Three actors (Russia, Isis twice): up to five steps each.
    assert!(
        on <= off + 3 * 5,
        "steps {off} without the derivation, {on} with it"
    );
    // Where a conjunction follows, the derivation is searched, and finds
    // Russia's second act.
    let coordinated =
        "Russia condemned the long siege of the old city on Monday and attacked Isis.";
    let (on, _, on_events) = work(&with, coordinated);
    let (off, _, off_events) = work(&without, coordinated);
    assert_eq!((on_events, off_events), (1, 0));
    assert!(on > off, "{off} -> {on}");
}

#[test]
fn no_search_starts_after_the_last_anchor_word() {
    // A match holds its anchor word ("attack"), so the rule's searches
    // start no later than the last one: the names after it cost nothing,
    // however many (and with the anchor last, every name is tried).
    let (dir, _) = write_fixture(PACK);
    let pack = compile_pack(&dir.path().join("pack"));
    let names = "Russia met Isis; ".repeat(200);
    let (anchor_first, _, first_events) = work(&pack, &format!("Russia attacked Isis; {names}."));
    let (alone, _, alone_events) = work(&pack, "Russia attacked Isis.");
    assert_eq!((first_events, alone_events), (1, 1));
    assert!(
        anchor_first <= alone + 10,
        "{alone} steps for the clause alone, {anchor_first} with 400 names after it"
    );
    let (anchor_last, _, last_events) = work(&pack, &format!("{names}Russia attacked Isis."));
    assert_eq!(last_events, 1);
    assert!(
        anchor_last > anchor_first + 400,
        "{anchor_first} steps with the anchor first, {anchor_last} with it last"
    );
}
