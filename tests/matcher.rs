//! The matcher, construct by construct: real sentences in, exact records out.
//!
//! Every case runs the pack in `tests/matcher/pack.txt` over one text and
//! compares the events, one line each:
//! `Event rule field=text[Type CODE] …`; offsets are checked separately
//! against the text.

mod support;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::matcher::Matcher;

fn compiled() -> CompiledPack {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/matcher/pack.txt"
    ))
    .expect("read the matcher pack");
    let (dir, _) = support::write_fixture(&fixture);
    support::compile_pack(dir.path())
}

/// One line per event; also checks that every offset points at its text.
fn render(text: &str, events: &[EventRecord]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            assert_eq!(&text[e.start..e.end], e.text, "event offsets of {e:?}");
            let args: Vec<String> = e
                .args
                .iter()
                .map(|(name, a)| {
                    assert_eq!(
                        &text[a.start..a.end],
                        a.text,
                        "argument offsets of {name} in {e:?}"
                    );
                    let code = a
                        .code
                        .as_deref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default();
                    format!("{name}={}[{}{code}]", a.text, a.ty)
                })
                .collect();
            let negated = if e.negated { " negated" } else { "" };
            format!("{} {}{negated} {}", e.event, e.rule, args.join(" "))
        })
        .collect()
}

fn events(pack: &CompiledPack, text: &str) -> Vec<String> {
    let mut matcher = Matcher::new(pack);
    let result = matcher.match_document(&Document::new("t", text));
    render(text, &result.events)
}

/// Runs each (text, expected lines) case and reports every mismatch at once.
fn check(cases: &[(&str, &[&str])]) {
    let pack = compiled();
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let got = events(&pack, text);
        if got != *expected {
            failures.push(format!(
                "text: {text}\n  expected: {expected:#?}\n  got: {got:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn inflection_regular_and_irregular() {
    check(&[
        (
            "Russia attacks Isis.",
            &["Attack attack attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Russia attacked Isis.",
            &["Attack attack attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Russia is attacking Isis.",
            &["Attack attack attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Russia struck Isis.",
            &["Attack strike attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Russia fought Isis.",
            &["Fight fight side=Russia[State RUS] other=Isis[Group IMGMUSISI]"],
        ),
        (
            "Russia seized Palmyra.",
            &["Seizure seize actor=Russia[State RUS] place=Palmyra[Place SYR]"],
        ),
        (
            "Isis led control of Palmyra.",
            &["Seizure seize actor=Isis[Group IMGMUSISI] place=Palmyra[Place SYR]"],
        ),
        (
            "Isis took control of Palmyra.",
            &["Seizure seize actor=Isis[Group IMGMUSISI] place=Palmyra[Place SYR]"],
        ),
        // Word classes inflect too: "air strikes" from the lemma "air strike".
        (
            "Russia carried out air strikes on Isis.",
            &["AirStrike air_raid attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
    ]);
}

#[test]
fn exact_words_match_only_their_form() {
    check(&[
        (
            "Russia met with Syria.",
            &["Meeting meet_exact host=Russia[State RUS] guest=Syria[State SYR]"],
        ),
        // `=met` does not match "meets"; the inflecting rule needs no "with".
        ("Russia meets with Syria.", &[]),
        (
            "Russia lost 40 men.",
            &["Losses losses count=40[Number] victim=Russia[State RUS]"],
        ),
        ("Russia loses 40 men.", &[]),
        ("Russia losing 40 men.", &[]),
    ]);
}

#[test]
fn gaps_are_bounded_and_stop_at_the_sentence_end() {
    check(&[
        ("Russia fought hard for weeks near Palmyra.", &[]),
        (
            "Russia fought for a week near Isis.",
            &["Fight fight_near side=Russia[State RUS]"],
        ),
        // Seven tokens between `fight` and `near`: beyond the default gap of 6.
        (
            "Russia fought for a very long and hard week near Isis.",
            &[],
        ),
        (
            "Russia carried out three air strikes on Isis.",
            &["AirStrike air_raid attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Russia carried out many more very big air strikes on Isis.",
            &[],
        ),
        // The sentence ends after "fought": no gap reaches the next one.
        ("Russia fought. Near Isis, nothing moved.", &[]),
    ]);
}

#[test]
fn alternation_optional_parts_and_numbers() {
    check(&[
        (
            "Russia attacked Isis in Palmyra.",
            &[
                "Attack attack attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI] location=Palmyra[Place SYR]",
            ],
        ),
        (
            "Russia carried out a bombing against Isis.",
            &["AirStrike air_raid attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Isis lost over 40 soldiers.",
            &["Losses losses count=over 40[Number] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "Isis lost 10,000 fighters.",
            &["Losses losses count=10,000[Number] victim=Isis[Group IMGMUSISI]"],
        ),
    ]);
}

#[test]
fn slots_skip_determiners_and_take_the_longest_mention() {
    check(&[
        (
            "Russia attacked the Syrian soldiers.",
            &["Attack attack attacker=Russia[State RUS] victim=Syrian soldiers[Military SYRMIL]"],
        ),
        (
            "Isis attacked Russia in the Sokhna desert.",
            &[
                "Attack attack attacker=Isis[Group IMGMUSISI] victim=Russia[State RUS] location=Sokhna desert[Area SYR]",
            ],
        ),
        // Unknown names are Proper mentions.
        (
            "Russia attacked Isis in Faydat Ibn Muwaina.",
            &[
                "Attack attack attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI] location=Faydat Ibn Muwaina[Proper]",
            ],
        ),
    ]);
}

#[test]
fn exact_case_lexicon_entries() {
    check(&[
        (
            "IS attacked Russia.",
            &["Attack attack attacker=IS[Group IMGMUSISI] victim=Russia[State RUS]"],
        ),
        // "is" is not the group.
        ("It is attacking Russia.", &[]),
    ]);
}

#[test]
fn passive_voice_is_derived() {
    check(&[
        (
            "Syrian troops were attacked by IS fighters in the Sokhna desert.",
            &[
                "Attack attack attacker=IS fighters[Group IMGMUSISI] victim=Syrian troops[Military SYRMIL] location=Sokhna desert[Area SYR]",
            ],
        ),
        (
            "Syrian troops had reportedly been attacked by Isis.",
            &["Attack attack attacker=Isis[Group IMGMUSISI] victim=Syrian troops[Military SYRMIL]"],
        ),
        // Adverbs may stand between the participle and "by".
        (
            "Syrian troops were attacked earlier by Isis.",
            &["Attack attack attacker=Isis[Group IMGMUSISI] victim=Syrian troops[Military SYRMIL]"],
        ),
        (
            "Palmyra was seized by Isis.",
            &["Seizure seize actor=Isis[Group IMGMUSISI] place=Palmyra[Place SYR]"],
        ),
        // `passive off`: "said by" is not a statement.
        ("It was said by Russia.", &[]),
    ]);
}

#[test]
fn the_verb_group_opens_after_the_subject_past_optional_parts() {
    check(&[
        (
            "Russia has merged with Syria.",
            &["Merger merge party=Russia[State RUS] other=Syria[State SYR]"],
        ),
        (
            "Russia has now formally merged with Syria.",
            &["Merger merge party=Russia[State RUS] other=Syria[State SYR]"],
        ),
        (
            "Russia formally merged with Syria.",
            &["Merger merge party=Russia[State RUS] other=Syria[State SYR]"],
        ),
        // A negation between the subject and the verb still negates.
        ("Russia has not formally merged with Syria.", &[]),
        ("Russia has not merged with Syria.", &[]),
    ]);
}

#[test]
fn possessives_and_currency_symbols_in_patterns() {
    check(&[
        (
            "Russia's chief Igor Sechin resigned.",
            &["Leadership chief org=Russia[State RUS] leader=Igor Sechin[Proper]"],
        ),
        (
            "Russia’s chief Igor Sechin resigned.",
            &["Leadership chief org=Russia[State RUS] leader=Igor Sechin[Proper]"],
        ),
        ("Russia chief Igor Sechin resigned.", &[]),
        (
            "Syria paid £11m and Russia paid €3.5bn.",
            &[
                "Payment pay payer=Syria[State SYR] amount=11m[Number]",
                "Payment pay payer=Russia[State RUS] amount=3.5bn[Number]",
            ],
        ),
        ("Syria paid $11m.", &[]),
        // Without the symbol in the pattern, the amount keeps its currency.
        (
            "Syria spent £11m and Russia spent 5 million dollars.",
            &[
                "Payment spend payer=Syria[State SYR] amount=£11m[Number]",
                "Payment spend payer=Russia[State RUS] amount=5 million dollars[Number]",
            ],
        ),
    ]);
}

#[test]
fn a_phrase_the_lexicon_knows_is_no_proper_mention() {
    check(&[
        // `Z: Place | Proper`: "Isis" is a known group, not an unknown name.
        ("Russia seized Isis.", &[]),
        (
            "Russia seized Faydat Ibn Muwaina.",
            &["Seizure seize actor=Russia[State RUS] place=Faydat Ibn Muwaina[Proper]"],
        ),
    ]);
}

#[test]
fn negation_suppresses_or_marks() {
    check(&[
        ("Russia did not attack Isis.", &[]),
        ("Russia didn't attack Isis.", &[]),
        ("Russia has never attacked Isis.", &[]),
        ("Russia refused to attack Isis.", &[]),
        ("Syrian soldiers were not attacked by Isis.", &[]),
        // Statement asks for `negation mark`.
        (
            "Russia did not say much.",
            &["Statement said negated speaker=Russia[State RUS]"],
        ),
        (
            "Russia said nothing.",
            &["Statement said speaker=Russia[State RUS]"],
        ),
    ]);
}

#[test]
fn the_most_specific_match_wins() {
    check(&[
        // `fight` and `fight_near` share the trigger "fought": the longer wins.
        (
            "Russia fought Isis near Syria.",
            &["Fight fight_near side=Russia[State RUS]"],
        ),
        (
            "Russia fought Isis.",
            &["Fight fight side=Russia[State RUS] other=Isis[Group IMGMUSISI]"],
        ),
        // `meet` (priority 5) and `meet_exact` match the same words; equal
        // length, so priority decides.
        (
            "Russia met Syria.",
            &["Meeting meet host=Russia[State RUS] guest=Syria[State SYR]"],
        ),
    ]);
}

#[test]
fn entity_cascade_builds_codes() {
    check(&[
        (
            "Syrian troops attacked Isis.",
            &["Attack attack attacker=Syrian troops[Military SYRMIL] victim=Isis[Group IMGMUSISI]"],
        ),
        (
            "IS fighters attacked Russia.",
            &["Attack attack attacker=IS fighters[Group IMGMUSISI] victim=Russia[State RUS]"],
        ),
    ]);
}

#[test]
fn offsets_on_non_ascii_text() {
    let text = "Le 3 mai — Russia attacked Isis in Deir ez-Zor — Dayr az Zawr, «sources» said.";
    let pack = compiled();
    let got = events(&pack, text);
    assert_eq!(
        got,
        [
            "Attack attack attacker=Russia[State RUS] victim=Isis[Group IMGMUSISI] location=Deir ez-Zor[Place SYR]"
        ]
    );
    let mut matcher = Matcher::new(&pack);
    let result = matcher.match_document(&Document::new("t", text));
    let location = &result.events[0].args["location"];
    assert_eq!(
        (location.start, location.end),
        (text.find("Deir").unwrap(), text.find(" — Dayr").unwrap())
    );
    let text = "Zürich: Syrian troops attacked Isis in Dayr az Zawr.";
    assert_eq!(
        events(&pack, text),
        [
            "Attack attack attacker=Syrian troops[Military SYRMIL] victim=Isis[Group IMGMUSISI] location=Dayr az Zawr[Place SYR]"
        ]
    );
}

#[test]
fn pathological_pattern_on_a_5000_token_sentence_completes() {
    // Nested optional gaps could blow up a backtracking matcher; the
    // visited set bounds the work by instructions × tokens.
    let pack = compiled();
    let mut text = String::from("Russia");
    for _ in 0..5_000 {
        text.push_str(" and");
    }
    text.push_str(" zzyzx Isis");
    let started = std::time::Instant::now();
    assert_eq!(events(&pack, &text), Vec::<String>::new());
    let near = "Russia and and zzyzx Isis.";
    assert_eq!(
        events(&pack, near),
        ["Meeting pathological host=Russia[State RUS] guest=Isis[Group IMGMUSISI]"]
    );
    // Not a timing assertion: a bound this loose only catches an
    // exponential blow-up, which would take hours.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn a_sentence_with_many_matches_resolves_them_all() {
    // Competition is resolved by a sweep over overlapping matches, so many
    // matches in one sentence cost linear time, not quadratic.
    let pack = compiled();
    let mut matcher = Matcher::new(&pack);
    // 2,046 tokens: one sentence, just under the sentence cap.
    let text = "Russia said and ".repeat(682);
    let result = matcher.match_document(&Document::new("t", text.as_str()));
    assert_eq!(result.sentences, 1);
    assert_eq!(result.events.len(), 682);
    assert!(result.events.iter().all(|e| e.rule == "said"));
}

#[test]
fn a_run_past_the_sentence_cap_is_matched_in_pieces() {
    // 60,000 tokens without a boundary: cut every 2,048 tokens into 30
    // sentences. A cut at token 2,048k falls between "Russia" and "said"
    // when k = 2 mod 3 (10 of the 29 cuts): those matches are lost, the
    // other 19,990 found.
    let pack = compiled();
    let text = "Russia said and ".repeat(20_000);
    let mut matcher = Matcher::new(&pack);
    let result = matcher.match_document(&Document::new("t", text.as_str()));
    assert_eq!(result.sentences, 30);
    assert_eq!(result.cut_sentences, (0..29).collect::<Vec<_>>());
    assert_eq!(result.events.len(), 19_990);
}

#[test]
fn negated_next_word_blocks_a_match() {
    check(&[
        (
            "Russia shot Isis.",
            &["Shooting shoot shooter=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
        ("Russia shot down Isis.", &[]),
        ("Russia shot at Isis.", &[]),
        // The passive derived from the pattern keeps the condition.
        (
            "Isis was shot by Russia.",
            &["Shooting shoot shooter=Russia[State RUS] victim=Isis[Group IMGMUSISI]"],
        ),
    ]);
}

#[test]
fn an_active_pattern_does_not_read_a_passive_clause() {
    check(&[
        (
            "Russia captured two Isis fighters.",
            &["Capture capture captor=Russia[State RUS] captive=Isis fighters[Group IMGMUSISI]"],
        ),
        (
            "Russia has captured Isis.",
            &["Capture capture captor=Russia[State RUS] captive=Isis[Group IMGMUSISI]"],
        ),
        // "was captured by": Russia is the captive here, not the captor.
        ("Russia was captured by Isis.", &[]),
        ("Russia had been captured by Isis.", &[]),
    ]);
}

#[test]
fn a_verb_after_and_has_the_subject_of_the_verb_phrase_before_it() {
    check(&[
        // The subject of "said" is Russia, not the troops in the first
        // verb's phrase; the first verb's own event is kept too.
        (
            "Russia attacked Syrian troops near Palmyra on Sunday and said it would go on.",
            &[
                "Attack attack attacker=Russia[State RUS] victim=Syrian troops[Military SYRMIL]",
                "Statement said speaker=Russia[State RUS]",
            ],
        ),
        // A negation of the first verb does not carry over.
        (
            "Russia did not attack Palmyra but said it would.",
            &["Statement said speaker=Russia[State RUS]"],
        ),
        // Not Russia's act: the first clause is passive.
        (
            "Russia was attacked by Isis in Palmyra and said nothing.",
            &[
                "Attack attack attacker=Isis[Group IMGMUSISI] victim=Russia[State RUS] location=Palmyra[Place SYR]",
            ],
        ),
        // A list of verb phrases that an "and" closes: the verb after the
        // comma has the subject too, and so has the verb after "and", two
        // phrases from the subject; without the "and", no list.
        (
            "Russia seized Palmyra, attacked Syrian troops and said nothing.",
            &[
                "Seizure seize actor=Russia[State RUS] place=Palmyra[Place SYR]",
                "Attack attack attacker=Russia[State RUS] victim=Syrian troops[Military SYRMIL]",
                "Statement said speaker=Russia[State RUS]",
            ],
        ),
        (
            "Russia seized Palmyra, attacked Syrian troops, said nothing.",
            &["Seizure seize actor=Russia[State RUS] place=Palmyra[Place SYR]"],
        ),
        (
            "Russia seized Palmyra, attacked Syrian troops.",
            &["Seizure seize actor=Russia[State RUS] place=Palmyra[Place SYR]"],
        ),
        // A noun after a modifier is no first verb: "Syrian oil workers
        // and said" has no verb before "and".
        ("He praised Syrian oil workers and said nothing.", &[]),
        // Isis's phrase ends at "attacked", another verb: Russia seized
        // Palmyra.
        (
            "Isis said Russia attacked Syrian troops and seized Palmyra.",
            &[
                "Statement said speaker=Isis[Group IMGMUSISI]",
                "Attack attack attacker=Russia[State RUS] victim=Syrian troops[Military SYRMIL]",
                "Seizure seize actor=Russia[State RUS] place=Palmyra[Place SYR]",
            ],
        ),
    ]);
}

#[test]
fn a_noun_naming_the_kind_joins_the_phrase_after_what_opens_one() {
    check(&[
        // "oil" names which workers: "the oil workers" is one phrase, so
        // the victim is found past the article.
        (
            "Isis attacked the oil workers in Palmyra.",
            &[
                "Attack attack attacker=Isis[Group IMGMUSISI] victim=workers[Group LAB] location=Palmyra[Place SYR]",
            ],
        ),
        (
            "Isis attacked two oil workers in Palmyra.",
            &[
                "Attack attack attacker=Isis[Group IMGMUSISI] victim=workers[Group LAB] location=Palmyra[Place SYR]",
            ],
        ),
        // A word a rule inflects joins after a determiner, where it is no
        // verb ("strike" is a rule's verb in this pack).
        (
            "Isis attacked the strike workers in Palmyra.",
            &[
                "Attack attack attacker=Isis[Group IMGMUSISI] victim=workers[Group LAB] location=Palmyra[Place SYR]",
            ],
        ),
        // An inflected verb form never joins: "the attacked workers"
        // names no victim of Isis's.
        ("Isis saw the attacked workers.", &[]),
    ]);
}
