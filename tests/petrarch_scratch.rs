use evrule::import::petrarch::verbs;
#[test]
fn scratch() {
    for f in ["CAMEO.2.0.txt", "CAMEO.verbpatterns.150430.txt", "PETR.Validate.verbs.txt"] {
        let text = std::fs::read_to_string(format!("../shared/petrarch/{f}")).unwrap();
        let d = verbs::parse(f, &text);
        let pats: usize = d.blocks.iter().map(|b| b.patterns.len()).sum();
        let vs: usize = d.blocks.iter().map(|b| b.verbs.len()).sum();
        println!("{f}: {} synsets, {} blocks, {} verbs, {} patterns, {} problems", d.synsets.len(), d.blocks.len(), vs, pats, d.problems.len());
        let mut reasons = std::collections::BTreeMap::new();
        for p in &d.problems { *reasons.entry(p.reason.clone()).or_insert(0) += 1; }
        for (r, n) in reasons.iter().take(40) { println!("   {n} {r}"); }
        for p in d.problems.iter().take(15) { println!("      {p}"); }
    }
}
