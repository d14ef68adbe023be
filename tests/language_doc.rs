//! Every example pack in docs/LANGUAGE.md loads clean (or, marked `error`,
//! fails to load) and every example and counterexample in it passes.

mod support;

use evrule::compile::CompiledPack;
use evrule::lang::report;
use evrule::testing::{examples, style::Style};

#[test]
fn every_example_in_the_language_reference_runs() {
    let markdown =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/LANGUAGE.md"))
            .expect("read docs/LANGUAGE.md");
    let blocks = support::evrule_blocks(&markdown);
    assert!(
        blocks.len() >= 12,
        "found only {} example blocks",
        blocks.len()
    );
    let mut failures = Vec::new();
    for (index, (info, fixture)) in blocks.iter().enumerate() {
        let (dir, _) = support::write_fixture(fixture);
        let loaded = evrule::lang::load_pack(dir.path());
        if info == "error" {
            if loaded.error_count() == 0 {
                failures.push(format!("block {index} should fail to load"));
            }
            continue;
        }
        let Some(pack) = loaded.pack.filter(|_| loaded.diagnostics.is_empty()) else {
            failures.push(format!(
                "block {index}:\n{}",
                report::render_all(&loaded.diagnostics, &loaded.sources, false)
            ));
            continue;
        };
        let compiled = CompiledPack::new(pack).expect("compile");
        let report = examples::run_examples(&compiled);
        if report.results.is_empty() {
            failures.push(format!("block {index} has no example"));
        }
        if report.count(examples::Outcome::Fixed) > 0 {
            failures.push(format!("block {index} has a `todo` case that passes"));
        }
        if report.failed() > 0 {
            failures.push(format!(
                "block {index}:\n{}",
                examples::render(&report, &compiled, Style::PLAIN, false)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
