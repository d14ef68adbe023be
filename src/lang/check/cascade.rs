//! The entity cascade: which entity rule feeds which, in what order they
//! run, cycles among them, and rules that nothing can ever feed.

use super::*;
use crate::lang::ast::RuleKind;

impl Checker<'_> {
    /// Entity rules ordered so that each runs after every rule whose output
    /// its slots accept. A rule never sees its own output (it runs once), so
    /// only cycles through two or more rules are errors; their rules are left out.
    pub(super) fn order_entity_rules(&mut self, rules: &[RuleDef]) -> Vec<RuleId> {
        let entity: Vec<usize> = (0..rules.len())
            .filter(|&i| rules[i].kind == RuleKind::Entity)
            .collect();
        // feeds[a] holds b when a's output can fill one of b's slots.
        let mut feeds: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut indegree: BTreeMap<usize, usize> = entity.iter().map(|&i| (i, 0)).collect();
        for &producer in &entity {
            let RuleOutput::Entity { ty, .. } = rules[producer].output else {
                continue;
            };
            for &consumer in entity.iter().filter(|&&c| c != producer) {
                let accepts = rules[consumer]
                    .slots
                    .iter()
                    .any(|slot| slot.types.iter().any(|&t| self.is_subtype(ty, t)));
                if accepts {
                    feeds.entry(producer).or_default().push(consumer);
                    *indegree.get_mut(&consumer).expect("entity rule") += 1;
                }
            }
        }
        let mut order = Vec::new();
        let mut ready: Vec<usize> = indegree
            .iter()
            .filter(|(_, d)| **d == 0)
            .map(|(i, _)| *i)
            .rev()
            .collect();
        while let Some(rule) = ready.pop() {
            order.push(RuleId(rule as u32));
            for &next in feeds.get(&rule).into_iter().flatten() {
                let degree = indegree.get_mut(&next).expect("entity rule");
                *degree -= 1;
                if *degree == 0 {
                    // Keep file order among rules that become ready together.
                    let at = ready.iter().position(|&r| r < next).unwrap_or(ready.len());
                    ready.insert(at, next);
                }
            }
        }
        if order.len() < entity.len() {
            let stuck: Vec<usize> = entity
                .iter()
                .copied()
                .filter(|i| !order.contains(&RuleId(*i as u32)))
                .collect();
            let names: Vec<String> = stuck
                .iter()
                .map(|&i| format!("`{}`", rules[i].name))
                .collect();
            let mut diagnostic = Diagnostic::error(
                "entity-cycle",
                format!("entity rules feed each other in a cycle: {}", names.join(", ")),
            )
            .with_help("a slot also takes the subtypes of its type; type the slots narrowly enough that no rule consumes, through the others, what it builds");
            for &i in &stuck {
                if let RuleOutput::Entity { ty, .. } = rules[i].output {
                    diagnostic = diagnostic.with_label(
                        rules[i].span,
                        format!(
                            "builds `{}`, which a slot in this cycle accepts",
                            self.types[ty.0 as usize].name
                        ),
                    );
                }
            }
            self.error(diagnostic);
        }
        order
    }

    /// A rule whose required slot takes a type that no lexicon row, entity
    /// rule or built-in ever produces can never fire.
    pub(super) fn warn_unreachable_rules(&mut self, rules: &[RuleDef]) {
        let mut produced: BTreeSet<TypeId> = BTreeSet::from([PROPER, NUMBER]);
        produced.extend(self.lexicon.iter().map(|e| e.ty));
        produced.extend(rules.iter().filter_map(|r| match r.output {
            RuleOutput::Entity { ty, .. } => Some(ty),
            RuleOutput::Event { .. } => None,
        }));
        let mut warnings = Vec::new();
        for rule in rules {
            for (index, slot) in rule.slots.iter().enumerate() {
                let required = rule.patterns.iter().all(|p| binds_on_every_path(p, index));
                let reachable = slot
                    .types
                    .iter()
                    .any(|&t| produced.iter().any(|&p| self.is_subtype(p, t)));
                if required && !reachable {
                    let names: Vec<&str> = slot
                        .types
                        .iter()
                        .map(|t| self.types[t.0 as usize].name.as_str())
                        .collect();
                    warnings.push(
                        Diagnostic::warning(
                            "unreachable-rule",
                            format!(
                                "rule `{}` can never match: nothing produces `{}` for slot `{}`",
                                rule.name,
                                names.join(" | "),
                                slot.name
                            ),
                        )
                        .with_label(rule.span, "never fires")
                        .with_help(format!(
                            "add lexicon rows of type `{}` or an entity rule that builds it",
                            names[0]
                        )),
                    );
                }
            }
        }
        self.diagnostics.extend(warnings);
    }
}

fn binds_on_every_path(pat: &Pat, slot: usize) -> bool {
    match &pat.kind {
        PatKind::Slot(s) => *s == slot,
        PatKind::Seq(parts) => parts.iter().any(|p| binds_on_every_path(p, slot)),
        PatKind::Alt(branches) => branches.iter().all(|b| binds_on_every_path(b, slot)),
        _ => false,
    }
}
