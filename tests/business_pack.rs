//! The shipped business pack (`rules/business/`): every example and
//! counterexample passes; sentences written for this test come out as
//! exact records (one per event type, a plan, a rumour, a bid, a negation,
//! a sector-wide figure); its events on `examples/business/` match the
//! committed corpus snapshots; and on the hand-labelled BBC business dev set
//! (`tests/data/business_dev.jsonl`, when `../shared` is there) precision
//! and recall stay above floors just below today's figures.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::lang::pack::RuleOutput;
use evrule::matcher::Matcher;
use evrule::testing::eval;
use evrule::testing::{examples, style::Style};

fn pack() -> CompiledPack {
    support::compile_pack(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/business"))
}

/// One line per record: `Event rule field=text[Type CODE] … [modality=M]`.
fn render(text: &str, events: &[EventRecord]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            assert_eq!(&text[e.start..e.end], e.text, "event offsets of {e:?}");
            let args: Vec<String> = e
                .args
                .iter()
                .map(|(name, a)| {
                    assert_eq!(&text[a.start..a.end], a.text, "argument offsets of {a:?}");
                    let code = a
                        .code
                        .as_deref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default();
                    format!("{name}={}[{}{code}]", a.text, a.ty)
                })
                .collect();
            let modality = e
                .modality
                .as_deref()
                .map(|m| format!(" modality={m}"))
                .unwrap_or_default();
            format!("{} {} {}{modality}", e.event, e.rule, args.join(" "))
        })
        .collect()
}

fn check(cases: &[(&str, &[&str])]) {
    let pack = pack();
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
fn every_example_of_the_business_pack_passes() {
    let pack = pack();
    let report = examples::run_examples(&pack);
    assert_eq!(
        report.failed(),
        0,
        "{}",
        examples::render(&report, &pack, Style::PLAIN, false)
    );
}

#[test]
fn every_event_type_of_the_taxonomy_has_rules_with_examples() {
    let pack = pack();
    let mut exemplified = BTreeSet::new();
    for rule in &pack.pack.rules {
        if let RuleOutput::Event { event, .. } = rule.output
            && rule.cases.iter().any(|c| !c.counter)
        {
            exemplified.insert(pack.pack.event(event).name.clone());
        }
    }
    let taxonomy = [
        "Acquisition",
        "EarningsAnnouncement",
        "Layoffs",
        "LeadershipChange",
        "Merger",
        "StakePurchase",
    ];
    let missing: Vec<&str> = taxonomy
        .into_iter()
        .filter(|t| !exemplified.contains(*t))
        .collect();
    assert!(
        missing.is_empty(),
        "event types without examples: {missing:?}"
    );
}

#[test]
fn deals_are_coded_with_buyer_target_and_value() {
    check(&[
        (
            "Marlow Foods has agreed to buy the Irish dairy group Kerrigan for €1.4bn.",
            &[
                "Acquisition buy_agreed acquirer=Marlow Foods[Proper] target=Kerrigan[Proper] value=€1.4bn[Number]",
            ],
        ),
        (
            "Kerrigan was bought by Marlow Foods in 2003.",
            &["Acquisition buy acquirer=Marlow Foods[Proper] target=Kerrigan[Proper]"],
        ),
        (
            "Tesco is to buy the convenience chain Quickmart for £90m.",
            &[
                "Acquisition buy acquirer=Tesco[Company TSCO] target=Quickmart[Proper] value=£90m[Number] modality=future",
            ],
        ),
        (
            "Heineken's takeover of Zubra Breweries closed on Friday.",
            &[
                "Acquisition possessive_deal acquirer=Heineken[Company HEIA] target=Zubra Breweries[Proper]",
            ],
        ),
        (
            "Pine Capital has bought a 15% stake in Kerrigan.",
            &[
                "StakePurchase buy_stake buyer=Pine Capital[Proper] target=Kerrigan[Proper] stake=15%[Number]",
            ],
        ),
        (
            "Marlow Foods and Kerrigan have agreed to merge.",
            &["Merger merge_agreed acquirer=Marlow Foods[Proper] target=Kerrigan[Proper]"],
        ),
    ]);
}

#[test]
fn jobs_posts_and_results_are_coded() {
    check(&[
        (
            "Kerrigan will cut 650 jobs at its Cork plant.",
            &["Layoffs cut_jobs company=Kerrigan[Proper] count=650[Number] modality=future"],
        ),
        (
            "As many as 300 jobs will be lost at Marlow Foods.",
            &["Layoffs jobs_lost_at company=Marlow Foods[Proper] count=As many as 300[Number]"],
        ),
        (
            "Marlow Foods has named Ruth Oduya as its new chief executive.",
            &[
                "LeadershipChange appoint company=Marlow Foods[Proper] person=Ruth Oduya[Proper] role=chief executive[Role CEO]",
            ],
        ),
        (
            "Kerrigan chairman Liam Shea is to step down.",
            &[
                "LeadershipChange role_leaves company=Kerrigan[Proper] person=Liam Shea[Proper] role=chairman[Role CHAIR] modality=future",
            ],
        ),
        (
            "Kerrigan reported a pre-tax profit of €212m for 2004.",
            &["EarningsAnnouncement report_result company=Kerrigan[Proper] value=€212m[Number]"],
        ),
        (
            "Profits at Marlow Foods fell 12% to £40m last year.",
            &[
                "EarningsAnnouncement result_changes company=Marlow Foods[Proper] value=£40m[Number]",
            ],
        ),
    ]);
}

/// What the business guide does not code: plans, rumours, bids, talks,
/// forecasts, calls by others, negations, sector-wide figures, heads of
/// state, and buying shares in the market.
#[test]
fn plans_rumours_bids_negations_and_sector_figures_are_not_coded() {
    check(&[
        ("Marlow Foods plans to buy Kerrigan.", &[]),
        ("Marlow Foods hopes to merge with Kerrigan.", &[]),
        ("Kerrigan plans to cut 650 jobs.", &[]),
        // A forecast, not a result: earnings keep no future matches.
        ("Kerrigan will report a pre-tax profit of €212m.", &[]),
        (
            "Marlow Foods is said to be considering a bid to buy Kerrigan.",
            &[],
        ),
        ("Marlow Foods tried to buy Kerrigan last year.", &[]),
        ("Marlow Foods and Kerrigan are in talks to merge.", &[]),
        ("Marlow Foods did not buy Kerrigan.", &[]),
        ("Kerrigan has ruled out cutting 650 jobs.", &[]),
        ("Kerrigan could cut 650 jobs if sales fall.", &[]),
        ("Shareholders want Liam Shea to resign as chairman.", &[]),
        ("Kerrigan expects its profits to rise this year.", &[]),
        ("UK retail sales rose 1.2% in March.", &[]),
        ("Mr Okafor became president after the election.", &[]),
        ("Investors bought shares in Kerrigan.", &[]),
    ]);
}

#[test]
fn examples_corpus_matches_its_snapshots() {
    let pack = pack();
    // Cargo runs tests in the crate root, so document ids are the paths
    // `evrule test rules/business --corpus examples/business` gives there.
    let changed = support::corpus_snapshot_changes(&pack, "examples/business", 5);
    assert!(
        changed.is_empty(),
        "corpus snapshots changed; review with `cargo run -- test rules/business --corpus examples/business --review`:\n{}",
        changed.join("\n")
    );
}

/// Floors per type (precision, recall) on business_dev, just below what the
/// pack reaches; raise them as the pack improves. Merger (no gold event)
/// and StakePurchase (one) are too few to hold a floor of their own.
const FLOORS: &[(&str, f64, f64)] = &[
    ("Acquisition", 0.90, 0.50),
    ("Layoffs", 0.90, 0.70),
    ("LeadershipChange", 0.90, 0.45),
    ("EarningsAnnouncement", 0.85, 0.65),
];
const OVERALL_PRECISION: f64 = 0.90;
const OVERALL_RECALL: f64 = 0.58;

#[test]
fn business_dev_precision_and_recall_stay_above_their_floors() {
    let Some(shared) = support::shared_dir() else {
        eprintln!("business_dev eval skipped: ../shared holds the BBC corpus it points into");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = eval::evaluate(
        &pack(),
        &[root.join("tests/data/business_dev.jsonl")],
        Some(&shared.join("corpus")),
    )
    .expect("the gold file reads");
    eprintln!("{}", report.render(60));
    assert_eq!(report.gold_events, 48, "the gold set changed");
    let below = support::below_floors(&report, FLOORS, (OVERALL_PRECISION, OVERALL_RECALL));
    assert!(below.is_empty(), "below the floor:\n{}", below.join("\n"));
}
