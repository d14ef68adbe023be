//! The constructs real news syntax needs, one sentence each: noun phrases
//! around mentions, compound actors, coordinated verbs, noun and verb
//! readings, modality and discards. Each case runs the pack in
//! `tests/news_syntax/pack.txt` over one text and compares the events, one
//! line each: `Event rule [modality] field=mention[Type CODE]{phrase} …`.

mod support;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::event::{Argument, EventRecord};
use evrule::matcher::Matcher;

fn compiled() -> CompiledPack {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/news_syntax/pack.txt"
    ))
    .expect("read the pack");
    let (dir, _) = support::write_fixture(&fixture);
    support::compile_pack(dir.path())
}

fn argument(text: &str, a: &Argument) -> String {
    assert_eq!(&text[a.start..a.end], a.text, "argument offsets of {a:?}");
    let code = a
        .code
        .as_deref()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    let phrase = match &a.phrase {
        Some(p) => {
            assert_eq!(&text[p.start..p.end], p.text, "phrase offsets of {a:?}");
            format!("{{{}}}", p.text)
        }
        None => String::new(),
    };
    let parties = match &a.parties {
        Some(parts) => {
            let parts: Vec<String> = parts.iter().map(|p| argument(text, p)).collect();
            format!("<{}>", parts.join(" + "))
        }
        None => String::new(),
    };
    format!("{}[{}{code}]{phrase}{parties}", a.text, a.ty)
}

fn render(text: &str, events: &[EventRecord]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            assert_eq!(&text[e.start..e.end], e.text, "event offsets of {e:?}");
            let args: Vec<String> = e
                .args
                .iter()
                .map(|(name, a)| format!("{name}={}", argument(text, a)))
                .collect();
            let modality = e
                .modality
                .as_deref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default();
            format!("{} {}{modality} {}", e.event, e.rule, args.join(" "))
        })
        .collect()
}

fn check(cases: &[(&str, &[&str])]) {
    let pack = compiled();
    let mut matcher = Matcher::new(&pack);
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let result = matcher.match_document(&Document::new("t", *text));
        let got = render(text, &result.events);
        if got != *expected {
            failures.push(format!(
                "text: {text}\n  expected: {expected:#?}\n  got: {got:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_slot_binds_the_noun_phrase_around_its_mention() {
    check(&[
        (
            "More than 100 suspected ISWAP fighters attacked the villagers.",
            &[
                "Attack attack attacker=ISWAP fighters[Group IMGMUSISWAP]{More than 100 suspected ISWAP fighters} victim=villagers[Civilians CVL]{the villagers}",
            ],
        ),
        (
            "Soldiers attacked members of JNIM in Idlib.",
            &[
                "Attack attack attacker=Soldiers[Military MIL] victim=JNIM[Group IMGMUSJNIM]{members of JNIM} location=Idlib[Place SYR]",
            ],
        ),
        (
            "A group of unidentified gunmen attacked the Syrian army's soldiers.",
            &[
                "Attack attack attacker=gunmen[Group REB]{A group of unidentified gunmen} victim=soldiers[Military MIL]{the Syrian army's soldiers}",
            ],
        ),
        (
            "JNIM (Group for Support of Islam and Muslims) attacked villagers.",
            &[
                "Attack attack attacker=JNIM[Group IMGMUSJNIM]{JNIM (Group for Support of Islam and Muslims)} victim=villagers[Civilians CVL]",
            ],
        ),
    ]);
}

#[test]
fn a_compound_subject_gives_one_event_per_part_with_its_code() {
    check(&[
        (
            "Russian and Syrian jets attacked rebels in Idlib.",
            &[
                "Attack attack attacker=Russian and Syrian jets[Military RUSMIL] victim=rebels[Group REB] location=Idlib[Place SYR]",
                "Attack attack attacker=Russian and Syrian jets[Military SYRMIL] victim=rebels[Group REB] location=Idlib[Place SYR]",
            ],
        ),
        (
            "Gunmen attacked farmers, herders and villagers.",
            &[
                "Attack attack attacker=Gunmen[Group REB] victim=farmers[Civilians CVLFRM]",
                "Attack attack attacker=Gunmen[Group REB] victim=herders[Civilians CVLHRD]",
                "Attack attack attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]",
            ],
        ),
        (
            "ISWAP as well as JNIM attacked soldiers.",
            &[
                "Attack attack attacker=ISWAP[Group IMGMUSISWAP] victim=soldiers[Military MIL]",
                "Attack attack attacker=JNIM[Group IMGMUSJNIM] victim=soldiers[Military MIL]",
            ],
        ),
        // Words the chunker does not list, between the separator and the
        // next part's mention, describe that part (a parser's adjectives).
        (
            "Gunmen attacked farmers and the poor hungry villagers.",
            &[
                "Attack attack attacker=Gunmen[Group REB] victim=farmers[Civilians CVLFRM]",
                "Attack attack attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]",
            ],
        ),
        // A word before a part's mention after "and" joins its phrase as
        // a noun adjunct would ("hungry herders").
        (
            "Poor farmers and hungry herders attacked soldiers.",
            &[
                "Attack attack attacker=farmers[Civilians CVLFRM]{Poor farmers} victim=soldiers[Military MIL]",
                "Attack attack attacker=herders[Civilians CVLHRD]{hungry herders} victim=soldiers[Military MIL]",
            ],
        ),
        // A list of commas without a final "and" is not a compound.
        (
            "Rebels attacked soldiers in Aleppo, Idlib.",
            &[
                "Attack attack attacker=Rebels[Group REB] victim=soldiers[Military MIL] location=Aleppo[Place SYR]",
            ],
        ),
    ]);
}

#[test]
fn a_pair_is_one_event() {
    check(&[
        (
            "Farmers and herders clashed in Maiduguri.",
            &[
                "Clash clash_pair side=Farmers[Civilians CVLFRM] other=herders[Civilians CVLHRD] location=Maiduguri[Place NGA]",
            ],
        ),
        (
            "Fighting broke out as clashes between police and students spread.",
            &["Clash clash_pair side=police[Military COP] other=students[Civilians EDU]"],
        ),
        // The parts of an elliptical compound still make a pair.
        (
            "Russian and Syrian troops clashed in Aleppo.",
            &[
                "Clash clash_pair side=Russian[Military RUSMIL] other=Syrian troops[Military SYRMIL] location=Aleppo[Place SYR]",
            ],
        ),
    ]);
}

#[test]
fn coordinated_verbs_share_subject_and_object() {
    check(&[
        (
            "Gunmen attacked and killed three villagers.",
            &[
                "Attack attack attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]{three villagers}",
                "Killing kill attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]{three villagers}",
            ],
        ),
        (
            "Rebels shelled, attacked and killed soldiers.",
            &[
                "Attack attack attacker=Rebels[Group REB] victim=soldiers[Military MIL]",
                "Killing kill attacker=Rebels[Group REB] victim=soldiers[Military MIL]",
                "Shelling shell attacker=Rebels[Group REB] target=soldiers[Military MIL]",
            ],
        ),
    ]);
}

#[test]
fn a_parenthetical_may_stand_between_the_subject_and_its_verb() {
    check(&[
        (
            "Russian troops, backed by Syrian jets, attacked rebels in Idlib.",
            &[
                "Attack attack attacker=Russian troops[Military RUSMIL] victim=rebels[Group REB] location=Idlib[Place SYR]",
            ],
        ),
        // Its "were" does not make the clause passive, its "not" does not
        // negate the verb after it.
        (
            "Russian troops, who were not paid for months, attacked rebels.",
            &["Attack attack attacker=Russian troops[Military RUSMIL] victim=rebels[Group REB]"],
        ),
        // A negation after it still does.
        (
            "Russian troops, backed by Syrian jets, did not attack rebels.",
            &[],
        ),
        // A list is no parenthetical: it is a compound subject.
        (
            "ISWAP fighters, police and soldiers attacked rebels.",
            &[
                "Attack attack attacker=ISWAP fighters[Group IMGMUSISWAP] victim=rebels[Group REB]",
                "Attack attack attacker=police[Military COP] victim=rebels[Group REB]",
                "Attack attack attacker=soldiers[Military MIL] victim=rebels[Group REB]",
            ],
        ),
        // Nor is a participle after the comma the verb.
        ("Russian troops, advancing slowly, attacking rebels.", &[]),
    ]);
}

#[test]
fn a_modifier_may_stand_between_the_subject_and_its_verb() {
    check(&[
        (
            "Russian troops from the north attacked rebels in Idlib.",
            &[
                "Attack attack attacker=Russian troops[Military RUSMIL] victim=rebels[Group REB] location=Idlib[Place SYR]",
            ],
        ),
        // Two modifiers, an aside inside, a modifier and a parenthetical.
        (
            "Gunmen in Maiduguri (Borno) armed with rifles attacked villagers.",
            &["Attack attack attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]"],
        ),
        (
            "Gunmen from the bush, backed by JNIM fighters, attacked villagers.",
            &["Attack attack attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]"],
        ),
        // A verb inside: the modifier's subject is not the attacker.
        (
            "Police in Maiduguri said gunmen attacked villagers.",
            &["Attack attack attacker=gunmen[Group REB] victim=villagers[Civilians CVL]"],
        ),
        // A base form right after it is the modifier's noun.
        ("Gunmen in house attack villagers.", &[]),
    ]);
}

#[test]
fn a_pronoun_after_a_speech_verb_stands_for_the_speaker() {
    check(&[
        // The record names the speaker; the pronoun is the phrase.
        (
            "Russian troops said they attacked rebels in Idlib.",
            &[
                "Attack attack attacker=Russian troops[Military RUSMIL]{they} victim=rebels[Group REB] location=Idlib[Place SYR]",
            ],
        ),
        // Auxiliaries before the speech verb, "that" and when it was said
        // after it.
        (
            "JNIM has said on Monday that it attacked soldiers.",
            &["Attack attack attacker=JNIM[Group IMGMUSJNIM]{it} victim=soldiers[Military MIL]"],
        ),
        // Another noun between the verb and the pronoun: the pronoun may
        // be that noun's, so it stays unbound.
        ("Police said the raid showed they attacked rebels.", &[]),
        // A pronoun after a verb that does not report speech.
        ("Police feared they attacked rebels.", &[]),
    ]);
}

#[test]
fn the_noun_reading_does_not_match_a_verb_rule() {
    check(&[
        // "attacks" after a determiner is a noun: no Attack by "Russian".
        (
            "The Russian attacks on rebels in Idlib continued.",
            &["Attack attack_noun victim=rebels[Group REB] location=Idlib[Place SYR]"],
        ),
        // A present-tense headline keeps its verb.
        (
            "Rebels attack soldiers in Aleppo",
            &[
                "Attack attack attacker=Rebels[Group REB] victim=soldiers[Military MIL] location=Aleppo[Place SYR]",
            ],
        ),
        // The noun rule does not take the verb.
        ("Soldiers raid rebels.", &[]),
    ]);
}

#[test]
fn modality_suppresses_or_marks() {
    check(&[
        ("Rebels threatened to attack soldiers.", &[]),
        ("Rebels plan to attack soldiers.", &[]),
        ("Rebels would attack soldiers.", &[]),
        ("If rebels attack soldiers, the army will respond.", &[]),
        ("Did rebels attack soldiers?", &[]),
        (
            "Students threatened to protest in Aleppo.",
            &[
                "Protest protest (threatened) protesters=Students[Civilians EDU] location=Aleppo[Place SYR]",
            ],
        ),
        (
            "Rebels urged students to protest.",
            &["Protest protest (intended) protesters=students[Civilians EDU]"],
        ),
        (
            "Students will protest in Aleppo.",
            &[
                "Protest protest (future) protesters=Students[Civilians EDU] location=Aleppo[Place SYR]",
            ],
        ),
        (
            "Students protested in Aleppo.",
            &["Protest protest protesters=Students[Civilians EDU] location=Aleppo[Place SYR]"],
        ),
    ]);
}

#[test]
fn a_pack_extends_the_phrase_and_modality_word_lists() {
    check(&[
        (
            "Bearded gunmen attacked villagers.",
            &[
                "Attack attack attacker=gunmen[Group REB]{Bearded gunmen} victim=villagers[Civilians CVL]",
            ],
        ),
        ("Rebels schemed to attack soldiers.", &[]),
    ]);
}

#[test]
fn compound_keep_lists_the_parties_in_one_record() {
    check(&[(
        "Rebels shelled Aleppo and Idlib.",
        &[
            "Shelling shell attacker=Rebels[Group REB] target=Aleppo and Idlib[Place SYR]<Aleppo[Place SYR] + Idlib[Place SYR]>",
        ],
    )]);
}

#[test]
fn a_noun_phrase_element_skips_one_phrase() {
    check(&[
        (
            "Rebels artillery shells hit Aleppo.",
            &["Attack strike_through attacker=Rebels[Group REB] location=Aleppo[Place SYR]"],
        ),
        ("Rebels with two heavy guns hit Aleppo.", &[]),
        // A phrase ends before a verb.
        ("Rebels fired shells and hit Aleppo.", &[]),
    ]);
}

#[test]
fn discards_stop_a_sentence_or_a_document() {
    let pack = compiled();
    let mut matcher = Matcher::new(&pack);
    let story = "Rebels attacked soldiers in Aleppo. The Premier League club lost.";
    let result = matcher.match_document(&Document::new("sport", story));
    assert!(result.events.is_empty(), "{:?}", result.events);
    let hit = result.discarded.expect("a document discard");
    assert_eq!((hit.sentence, hit.token), (1, 1));

    let history = "Rebels attacked soldiers years ago. Rebels attacked soldiers.";
    let result = matcher.match_document(&Document::new("history", history));
    assert_eq!(result.discarded_sentences, 1);
    assert_eq!(
        render(history, &result.events),
        ["Attack attack attacker=Rebels[Group REB] victim=soldiers[Military MIL]"]
    );
}

#[test]
fn news_details_of_phrases_readings_and_modality() {
    check(&[
        // A hyphenated modifier joins the phrase.
        (
            "Gunmen attacked two 15-year-old villagers.",
            &[
                "Attack attack attacker=Gunmen[Group REB] victim=villagers[Civilians CVL]{two 15-year-old villagers}",
            ],
        ),
        // So does one that ends in a participle.
        (
            "Then stone-pelting gunmen attacked villagers.",
            &[
                "Attack attack attacker=gunmen[Group REB]{stone-pelting gunmen} victim=villagers[Civilians CVL]",
            ],
        ),
        // Also at the start of the sentence.
        (
            "Well-armed gunmen attacked villagers.",
            &[
                "Attack attack attacker=gunmen[Group REB]{Well-armed gunmen} victim=villagers[Civilians CVL]",
            ],
        ),
        // A dash with a space on each side is no hyphen: the phrase stops
        // at it.
        (
            "Then Aleppo - unidentified gunmen attacked villagers.",
            &[
                "Attack attack attacker=gunmen[Group REB]{unidentified gunmen} victim=villagers[Civilians CVL]",
            ],
        ),
        // A past form after an event adjective that is also a noun is a verb.
        (
            "A bomb rocked Aleppo.",
            &["Attack bomb_rocked location=Aleppo[Place SYR]"],
        ),
        // An attempt is coded; a vote to act is an intention.
        (
            "Rebels tried to attack soldiers.",
            &["Attack attack attacker=Rebels[Group REB] victim=soldiers[Military MIL]"],
        ),
        ("Students voted on Monday to go on strike.", &[]),
        // ", and" after one part joins clauses, not a compound.
        (
            "Gunmen attacked farmers, and herders fled.",
            &["Attack attack attacker=Gunmen[Group REB] victim=farmers[Civilians CVLFRM]"],
        ),
        ("Students voted to go on strike.", &[]),
        (
            "Students went on strike.",
            &["Strike on_strike workers=Students[Civilians EDU]"],
        ),
    ]);
}

/// An entity rule runs before the noun phrases are built: its `^` takes a
/// run of words, and never the previous sentence's phrases (which once
/// indexed past the end of a shorter sentence and panicked).
#[test]
fn a_noun_phrase_element_in_an_entity_rule_takes_words() {
    let fixture = "=== main.evr
type Actor
type Group : Actor
lexicon \"lexicon.tsv\"
event Attack { attacker: Actor, victim: Actor? }

entity wing
  \"^ wing of G\"
  G: Group
  => Group code G.code

rule attack
  \"X attacked Y\"
  X: Actor  Y: Actor
  => Attack { attacker: X, victim: Y }
=== lexicon.tsv
Hamas\tGroup\tHAM
Fatah\tGroup\tFAT
";
    let (dir, _) = support::write_fixture(fixture);
    let pack = support::compile_pack(dir.path());
    let mut matcher = Matcher::new(&pack);
    // A short sentence before the rule's: the phrases left over from it
    // covered fewer tokens than the next sentence has.
    let text = "Nothing happened. The armed wing of Hamas attacked Fatah.";
    let result = matcher.match_document(&Document::new("t", text));
    assert_eq!(
        render(text, &result.events),
        ["Attack attack attacker=The armed wing of Hamas[Group HAM] victim=Fatah[Group FAT]"]
    );
}

/// An entity rule's code does not repeat a part it already ends with: an
/// agent composed onto an actor whose code carries it (PETRARCH's rule).
#[test]
fn a_composed_code_does_not_repeat_its_last_part() {
    let fixture = "=== main.evr
type Actor
type Agent
lexicon \"lexicon.tsv\"
event Meet { host: Actor, guest: Actor }

entity actor_agent
  \"S A\"
  S: Actor  A: Agent
  => Actor code S.code + A.code

rule meet
  \"X met Y\"
  X: Actor  Y: Actor
  => Meet { host: X, guest: Y }
=== lexicon.tsv
Washington\tActor\tUSAGOV
Syria\tActor\tSYR
officials\tAgent\tGOV
";
    let (dir, _) = support::write_fixture(fixture);
    let pack = support::compile_pack(dir.path());
    let mut matcher = Matcher::new(&pack);
    let text = "Washington officials met Syria officials.";
    let result = matcher.match_document(&Document::new("t", text));
    assert_eq!(
        render(text, &result.events),
        ["Meet meet host=Washington officials[Actor USAGOV] guest=Syria officials[Actor SYRGOV]"]
    );
}
