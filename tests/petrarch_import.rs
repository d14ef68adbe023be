//! The PETRARCH importer, translation rule by translation rule: small
//! dictionaries in, the pack checked with no diagnostic, sentences coded
//! (`source target code`, null codes left out, as PETRARCH writes them).
//! And `evrule import petrarch` itself: the files it writes and its errors.

mod support;

use std::process::Command;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::import::petrarch::generate::{Generated, Input, Inputs, generate};
use evrule::matcher::Matcher;

const ACTORS: &str = "\
ARNOR_ [ARN]
GONDOR [GON]
+MINAS_TIRITH
ROHAN [ROH]
SAM_GAMGEE [HOB]
\t[HOBCIV <20080120]
\t[HOBMIL 20080120-20121109]
\t[HOBELI >20121109]
GOLLUM
\t[HOB <950601]
";

const AGENTS: &str = "\
!PERSON! = MAN, MEN
SOLDIER [~MIL]
CONGRESS!PERSON! [~LEG]
POLICE {} [~COP]
AID_AGENCY [NGO~]
";

fn input(name: &str, text: &str) -> Input {
    Input {
        name: name.into(),
        text: text.into(),
    }
}

fn import(verbs: &str) -> (tempfile::TempDir, Generated, CompiledPack) {
    let generated = generate(&Inputs {
        verbs: input("v.txt", verbs),
        actors: vec![input("a.txt", ACTORS)],
        agents: input("g.txt", AGENTS),
        discards: Some(input("d.txt", "BASEBALL\n+WORLD CUP\n")),
    });
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in &generated.files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a folder")).expect("create");
        std::fs::write(full, text).expect("write");
    }
    let loaded = evrule::lang::load_pack(dir.path());
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        evrule::lang::report::render_all(&loaded.diagnostics, &loaded.sources, false)
    );
    let pack = support::compile_pack(dir.path());
    (dir, generated, pack)
}

/// `source target code` of every event, null codes left out.
fn coded(pack: &CompiledPack, text: &str, date: Option<&str>) -> Vec<String> {
    let doc = Document {
        date: date.map(str::to_string),
        ..Document::new("d", text)
    };
    let mut out: Vec<String> = Matcher::new(pack)
        .match_document(&doc)
        .events
        .iter()
        .filter(|e| e.code.as_deref() != Some("---"))
        .map(|e| {
            let code = |f: &str| e.args[f].code.clone().unwrap_or_default();
            format!(
                "{} {} {}",
                code("source"),
                code("target"),
                e.code.clone().unwrap_or_default()
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_verbs_alone_code_the_blocks_code_with_passives() {
    let (_dir, _, pack) =
        import("--- ATTACK [190] ---\nATTACK\nSTRIKE {STRUCK STRIKES STRIKING}\n");
    assert_eq!(
        coded(&pack, "Arnor attacked Gondor.", None),
        ["ARN GON 190"]
    );
    assert_eq!(coded(&pack, "Arnor struck Gondor.", None), ["ARN GON 190"]);
    assert_eq!(
        coded(&pack, "Gondor was attacked by Arnor.", None),
        ["ARN GON 190"]
    );
    assert_eq!(
        coded(
            &pack,
            "Arnor is about to attack the old fortress of Gondor.",
            None
        ),
        ["ARN GON 190"]
    );
    assert_eq!(
        coded(&pack, "Arnor attacked.", None),
        Vec::<String>::new(),
        "no target, no event"
    );
}

#[test]
fn a_pattern_whose_target_is_the_subject_reads_passive_clauses() {
    let (_dir, generated, pack) = import(
        "\
--- FREE [066] ---
FREE
- + * FROM $ [066]
- SAID * HOSTAGES [053]
",
    );
    let text: String = generated
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("verbs"))
        .map(|(_, text)| text.as_str())
        .collect();
    assert!(
        text.contains("  \"T ... @free_verbs:v ... from ... S\"\n  S: Participant  T: Participant\n  priority 2\n  passive as written\n"),
        "{text}"
    );
    // PETRARCH reads the subject of a passive as the target and "from" as
    // the source: the pattern says so as written.
    assert_eq!(
        coded(&pack, "Gondor was freed from Arnor.", None),
        ["ARN GON 066"]
    );
    assert_eq!(
        coded(&pack, "Gondor had been freed from Arnor.", None),
        ["ARN GON 066"]
    );
    // The verbs alone keep the active reading and the derived passive.
    assert_eq!(coded(&pack, "Arnor freed Gondor.", None), ["ARN GON 066"]);
    assert_eq!(
        coded(&pack, "Gondor was freed by Arnor.", None),
        ["ARN GON 066"]
    );
}

#[test]
fn pattern_words_match_the_form_written_and_synset_members_their_plurals() {
    let (_dir, _, pack) = import(
        "\
&ARMS
+RIFLE
--- ABANDON [345] ---
ABANDON
- * EFFORT [987]
- * &ARMS [988]
",
    );
    assert_eq!(
        coded(&pack, "Arnor abandoned the effort to reach Gondor.", None),
        ["ARN GON 987"]
    );
    // PETRARCH compares a pattern's words with the text as written: "EFFORT"
    // does not read "efforts", so the verb alone codes it.
    assert_eq!(
        coded(&pack, "Arnor abandoned efforts to reach Gondor.", None),
        ["ARN GON 345"]
    );
    // A synset member also reads its plural.
    assert_eq!(
        coded(&pack, "Arnor abandoned rifles near Gondor.", None),
        ["ARN GON 988"]
    );
}

#[test]
fn of_two_verbs_alone_the_first_verb_codes_the_clause() {
    // "stop" is written first, but "abandoned" governs "to stop": PETRARCH
    // codes the upper verb.
    let (_dir, _, pack) = import(
        "\
--- STOP [190] ---
STOP
--- ABANDON [345] ---
ABANDON
",
    );
    assert_eq!(
        coded(&pack, "Arnor abandoned efforts to stop Gondor.", None),
        ["ARN GON 345"]
    );
    assert_eq!(coded(&pack, "Arnor stopped Gondor.", None), ["ARN GON 190"]);
}

#[test]
fn patterns_code_their_own_codes_over_the_verbs() {
    let (_dir, _, pack) = import(
        "\
&CURRENCY
+DOLLAR
--- GRANT [070] ---
GRANT
GIVE
- * &CURRENCY [071]
- * (TO {FOOD SUPPLIES}) + [073]
- $ * TROOPS TO + [072]
- * TROOPS_BACK_HOME [---]
",
    );
    assert_eq!(
        coded(&pack, "Arnor gave Rohan a gift.", None),
        ["ARN ROH 070"]
    );
    assert_eq!(
        coded(&pack, "Arnor gave a million dollars to Rohan.", None),
        ["ARN ROH 071"]
    );
    assert_eq!(
        coded(
            &pack,
            "Arnor gave a lot to food and water supplies for Rohan.",
            None
        ),
        ["ARN ROH 073"]
    );
    assert_eq!(
        coded(&pack, "Arnor will give fresh troops to Rohan.", None),
        ["ARN ROH 072"]
    );
    // A null-coded pattern outranks the verbs' code: no event.
    assert_eq!(
        coded(&pack, "Arnor gave troops back home to Rohan.", None),
        Vec::<String>::new()
    );
}

#[test]
fn second_codes_swap_source_and_target() {
    let (_dir, _, pack) = import("--- VISIT [042:043] ---\nVISIT\n- * SHRINE (IN +) [040]\n");
    assert_eq!(
        coded(&pack, "Arnor visited Gondor.", None),
        ["ARN GON 042", "GON ARN 043"]
    );
    // The pattern has no second code, so the verbs' second code is outranked too.
    assert_eq!(
        coded(&pack, "Arnor visited a shrine in Gondor.", None),
        ["ARN GON 040"]
    );
}

#[test]
fn multi_word_verbs_and_irregular_forms() {
    let (_dir, _, pack) =
        import("--- BLOCK [191] ---\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\nWIRE_+TAP\n");
    assert_eq!(
        coded(&pack, "Arnor cordoned off Gondor.", None),
        ["ARN GON 191"]
    );
    assert_eq!(
        coded(&pack, "Arnor wire tapped Gondor.", None),
        ["ARN GON 191"]
    );
}

#[test]
fn discards_stop_coding() {
    let (_dir, _, pack) = import("--- ATTACK [190] ---\nATTACK\n");
    assert_eq!(
        coded(&pack, "Arnor attacked Gondor.", None),
        ["ARN GON 190"]
    );
    assert_eq!(
        coded(&pack, "Arnor attacked Gondor at baseball.", None),
        Vec::<String>::new()
    );
    assert_eq!(
        coded(
            &pack,
            "Arnor attacked Gondor. Rohan watched the World Cup.",
            None
        ),
        Vec::<String>::new()
    );
}

#[test]
fn agents_compose_codes() {
    let (_dir, _, pack) = import("--- ATTACK [190] ---\nATTACK\n");
    assert_eq!(
        coded(&pack, "Arnor soldiers attacked Gondor.", None),
        ["ARNMIL GON 190"]
    );
    assert_eq!(
        coded(&pack, "Soldiers from Arnor attacked Gondor.", None),
        ["ARNMIL GON 190"]
    );
    assert_eq!(
        coded(&pack, "Arnor's congressmen attacked Gondor.", None),
        ["ARNLEG GON 190"]
    );
    assert_eq!(
        coded(&pack, "Police attacked Gondor's soldiers.", None),
        ["---COP GONMIL 190"]
    );
    assert_eq!(
        coded(&pack, "An aid agency attacked Rohan.", None),
        ["NGO--- ROH 190"]
    );
    assert_eq!(
        coded(&pack, "The Gondor aid agency attacked Rohan.", None),
        ["NGOGON ROH 190"]
    );
    // One word may stand between the actor and its agent ("Gondor border
    // police"), but not one that ends the actor's phrase: these soldiers
    // are nobody's.
    assert_eq!(
        coded(&pack, "Gondor border police attacked Rohan.", None),
        ["GONCOP ROH 190"]
    );
    assert_eq!(
        coded(&pack, "Rohan, soldiers said, attacked Gondor.", None),
        ["ROH GON 190"]
    );
    assert_eq!(
        coded(&pack, "Rohan and soldiers attacked Gondor.", None),
        ["---MIL GON 190", "ROH GON 190"]
    );
}

#[test]
fn actor_codes_follow_the_documents_date() {
    let (_dir, _, pack) = import("--- ATTACK [190] ---\nATTACK\n");
    let text = "Sam Gamgee attacked Minas Tirith.";
    assert_eq!(coded(&pack, text, Some("2005-01-01")), ["HOBCIV GON 190"]);
    // PETRARCH's limits are inclusive: 20080120 is still HOBCIV's last day.
    assert_eq!(coded(&pack, text, Some("2008-01-20")), ["HOBCIV GON 190"]);
    assert_eq!(coded(&pack, text, Some("2008-01-21")), ["HOBMIL GON 190"]);
    assert_eq!(coded(&pack, text, Some("2012-11-09")), ["HOBMIL GON 190"]);
    assert_eq!(coded(&pack, text, Some("2013-01-01")), ["HOBELI GON 190"]);
    assert_eq!(coded(&pack, text, None), ["HOB GON 190"]);
    // Gollum has no undated code: the null code outside his dates.
    assert_eq!(
        coded(&pack, "Gollum attacked Gondor.", Some("1990-01-01")),
        ["HOB GON 190"]
    );
    assert_eq!(
        coded(&pack, "Gollum attacked Gondor.", Some("2000-01-01")),
        ["--- GON 190"]
    );
}

#[test]
fn codes_that_are_not_cameo_codes_are_reported_and_code_nothing() {
    // PETRARCH's test dictionaries mark patterns that must never fire with
    // `[+++]` or `[xxy]`: the sentence is coded as if they were not there.
    let (_dir, generated, pack) = import(
        "\
--- RESTORE [064] ---
RESTORE
- * FXLL DIPLOMATIC [+++]
- * THE FULL [xxy]
--- BLAST [+++] ---
BLAST
- * STATEMENT [122]
",
    );
    let problems: Vec<String> = generated.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "v.txt:3: `+++` is not a CAMEO event code (those start with a digit); the pattern is left out (- * FXLL DIPLOMATIC [+++])",
            "v.txt:4: `xxy` is not a CAMEO event code (those start with a digit); the pattern is left out (- * THE FULL [xxy])",
            "v.txt:5: `+++` is not a CAMEO event code (those start with a digit); the verbs alone code no event, their patterns are translated (--- BLAST [+++] ---)",
        ]
    );
    assert_eq!(
        coded(
            &pack,
            "Arnor will restore fxll diplomatic ties with Gondor.",
            None
        ),
        ["ARN GON 064"]
    );
    assert_eq!(
        coded(&pack, "Arnor blasted Gondor.", None),
        Vec::<String>::new()
    );
    assert_eq!(
        coded(&pack, "Arnor blasted a statement by Gondor.", None),
        ["ARN GON 122"]
    );
}

#[test]
fn what_cannot_be_said_is_reported_with_its_line() {
    let (dir, generated, _) = import(
        "\
--- MEET [040] ---
MEET
- % $ * + [040:040]
- $ * $ [046]
- * BROKEN (PAREN [046]
",
    );
    let problems: Vec<String> = generated.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "v.txt:5: a `(` is never closed (- * BROKEN (PAREN [046])",
            "v.txt:3: `%` with both `$` and `+`: no slot is left for the compound (- % $ * + [040:040])",
            "v.txt:4: more than one source `$` (- $ * $ [046])",
        ]
    );
    let report = std::fs::read_to_string(dir.path().join("IMPORT_REPORT.md")).expect("report");
    assert!(
        report.contains("- `v.txt:3`: `- % $ * + [040:040]`"),
        "{report}"
    );
    let notice = std::fs::read_to_string(dir.path().join("NOTICE.md")).expect("notice");
    assert!(notice.contains("| a.txt | 10 |"), "{notice}");
    let discards = std::fs::read_to_string(dir.path().join("discards.evr")).expect("discards");
    assert!(
        discards.ends_with("\ndiscard document = world cup\n\ndiscard sentence = baseball\n"),
        "{discards}"
    );
}

#[test]
fn the_command_writes_a_checked_pack_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    };
    let verbs = write("v.txt", "--- ATTACK [190] ---\nATTACK\n");
    let actors = write("a.txt", ACTORS);
    let agents = write("g.txt", AGENTS);
    let out = dir.path().join("pack").display().to_string();
    let evrule = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_evrule"))
            .args(args)
            .output()
            .expect("run evrule")
    };
    let import = [
        "import", "petrarch", "--verbs", &verbs, "--actors", &actors, "--agents", &agents, "--out",
        &out,
    ];
    let first = evrule(&import);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("v.txt: 1 verbs: 1 blocks, 1 verbs, 0 of 0 patterns, 0 synsets: 1 rules; 0 not translated"), "{stderr}");
    let check = evrule(&["check", &out, "--deny-warnings"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let again = evrule(&import);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("is not empty; choose another folder or pass --overwrite")
    );
    let mut overwrite = import.to_vec();
    overwrite.push("--overwrite");
    assert!(evrule(&overwrite).status.success());
    let text = write(
        "news.xml",
        "<Sentences><Sentence id=\"s1\" date=\"20100101\"><Text>Sam Gamgee attacked Rohan.</Text></Sentence></Sentences>",
    );
    let run = evrule(&["run", &out, &text, "--format", "petrarch", "--quiet"]);
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "20100101\tHOBMIL\tROH\t190\t\ts1\tNULL\n"
    );
}

#[test]
fn compounds_skips_verb_readings_and_the_verbs_clause() {
    let (_dir, _, pack) = import(
        "\
--- RENEW [030] ---
RENEW
- % * TIES [064:064]
- * TIES WITH % [065]
--- MEET [040] ---
MEET
- $ ^ * + [041]
--- PRAISE [051] ---
PRAISE
- * THE_FINEST_PLACE [052]
",
    );
    // `%` before the verb, no `$` nor `+`: the compound's parts act on each
    // other; after the verb, the compound is the target.
    assert_eq!(
        coded(&pack, "Arnor and Gondor renewed their ties.", None),
        ["ARN GON 064", "GON ARN 064"]
    );
    assert_eq!(
        coded(&pack, "Rohan renewed ties with Arnor and Gondor.", None),
        ["ROH ARN 065", "ROH GON 065"]
    );
    // `^` skips a noun phrase between the source and the verb.
    assert_eq!(
        coded(&pack, "Arnor's weary envoys met Rohan.", None),
        ["ARN ROH 041"]
    );
    // `*` is a verb: "their meeting" is no act of meeting.
    assert_eq!(
        coded(&pack, "Arnor cancelled their meeting with Rohan.", None),
        Vec::<String>::new()
    );
    // The implicit target stays in the verb's clause, and may stand
    // between the verb and the pattern's words.
    assert_eq!(
        coded(
            &pack,
            "Arnor praised the harvest, a Gondor envoy said.",
            None
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        coded(&pack, "Arnor praised the harvest after Gondor fell.", None),
        Vec::<String>::new()
    );
    assert_eq!(
        coded(
            &pack,
            "Arnor praised Rohan as the finest place to live.",
            None
        ),
        ["ARN ROH 052"]
    );
    // An agent before an actor composes too: "Soldier Gollum".
    assert_eq!(
        coded(
            &pack,
            "Arnor praised the soldier Gollum.",
            Some("1990-01-01")
        ),
        ["ARN HOBMIL 051"]
    );
}
