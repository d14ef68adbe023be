//! `evrule export spacy`: a small pack exported exactly (snapshot), and the
//! conflict pack exported with its counts of what spaCy can and cannot
//! express.

use std::path::Path;

use evrule::compile::load::load;
use evrule::export::spacy::export;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write a pack file");
}

#[test]
fn small_pack_exports_every_row_rule_and_program() {
    let dir = tempfile::tempdir().expect("temporary folder");
    write(
        dir.path(),
        "main.evr",
        r#"type Actor
type State : Actor
type Agent
type Place
lexicon "lexicon.tsv"

words force = troops, armed forces

event Attack { attacker: Actor?, victim: Actor, place: Place? }
event Statement { speaker: Actor | Proper }

entity state_forces
  "S @force"
  S: State
  => Actor code S.code + "MIL"

rule attack
  "X attack !at Y [in Z]"
  X: Actor  Y: Actor  Z: Place
  => Attack { attacker: X, victim: Y, place: Z }

rule said
  "S (say | claim) [that]"
  S: Actor | Proper
  passive off
  => Statement { speaker: S }

rule raid_noun
  "raid:n on Y"
  Y: Actor
  => Attack { victim: Y }
"#,
    );
    write(
        dir.path(),
        "lexicon.tsv",
        "Ruritania\tState\tRUR\nIS\tActor\tISI\texact\nblue helmets\tAgent\tUNO\nNorth Port\tPlace\tRUR\n",
    );
    let ready = load(dir.path()).expect("the pack loads");
    let exported = export(&ready.compiled.pack).expect("the pack exports");
    // Every event program the compiler makes is either exported or listed.
    let compiled_event_programs = event_programs(&ready.compiled);
    assert_eq!(exported.counts.event_programs, compiled_event_programs);
    insta::assert_snapshot!(exported.to_json());
}

#[test]
fn conflict_pack_counts() {
    let ready = load(Path::new("rules/conflict")).expect("the conflict pack loads");
    let exported = export(&ready.compiled.pack).expect("the conflict pack exports");
    let c = &exported.counts;
    let compiled_event_programs = event_programs(&ready.compiled);
    assert_eq!(c.event_programs, compiled_event_programs);
    assert_eq!(
        c.event_programs,
        c.event_programs_expressed
            + exported
                .not_expressed
                .programs
                .iter()
                .filter(|p| p.kind == "event")
                .count()
    );
    assert_eq!(c.lexicon_rows, ready.compiled.pack.lexicon.len());
    assert_eq!(
        (c.lexicon_rows, c.lexicon_patterns),
        (5753, 5748),
        "every lexicon row is a pattern (5 rows repeat a phrase, type and code)"
    );
    assert_eq!((c.entity_rules, c.entity_rules_expressed), (45, 45));
    assert_eq!((c.entity_programs, c.entity_programs_expressed), (85, 85));
    assert_eq!(c.event_rules, 283);
    assert_eq!((c.event_programs, c.event_programs_expressed), (604, 405));
    assert_eq!(c.matcher_patterns, 18321);
    let by_reason: Vec<(&str, usize)> = exported
        .not_expressed
        .by_reason
        .iter()
        .map(|(reason, n)| (*reason, *n))
        .collect();
    insta::assert_debug_snapshot!(by_reason);
    // The cascade is staged: the lexicon, then entity rules by level.
    assert!(exported.entity_ruler.len() >= 2);
    assert_eq!(exported.entity_ruler[0].source, "lexicon");
}

/// The event programs the compiler made: each is either exported or listed.
fn event_programs(compiled: &evrule::compile::CompiledPack) -> usize {
    compiled
        .programs
        .iter()
        .filter(|(rule, _)| compiled.pack.rule(*rule).kind == evrule::lang::ast::RuleKind::Event)
        .count()
}
