//! The entity cascade: which entity rule feeds which, in what order they
//! run, cycles among them, and rules that nothing can ever feed.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::*;
use crate::lang::ast::RuleKind;

impl Checker<'_> {
    /// Entity rules ordered so that each runs after every rule whose output
    /// its slots accept. A rule never sees its own output (it runs once), so
    /// only cycles through two or more rules are errors; their rules are left out.
    ///
    /// Kahn's algorithm on types rather than on rule pairs: a rule is ready
    /// when every type its slots accept has no producer left but itself,
    /// and among ready rules the first in file order runs first. The cost
    /// is linear in rules × the types each slot accepts, however many rules
    /// feed each other (a rule-pair graph would be quadratic).
    pub(super) fn order_entity_rules(&mut self, rules: &[RuleDef]) -> Vec<RuleId> {
        let entity: Vec<usize> = (0..rules.len())
            .filter(|&i| rules[i].kind == RuleKind::Entity)
            .collect();
        let type_count = self.types.len();
        let output = |i: usize| match rules[i].output {
            RuleOutput::Entity { ty, .. } => Some(ty),
            RuleOutput::Event { .. } => None,
        };
        // How many producers of each type have not run yet.
        let mut remaining: Vec<usize> = vec![0; type_count];
        for &i in &entity {
            if let Some(ty) = output(i) {
                remaining[ty.0 as usize] += 1;
            }
        }
        // The types below each type (itself included): what a slot of that
        // type accepts.
        let mut below: Vec<Vec<TypeId>> = vec![Vec::new(); type_count];
        for t in 0..type_count {
            let mut current = Some(TypeId(t as u32));
            let mut steps = 0;
            while let Some(ancestor) = current {
                below[ancestor.0 as usize].push(TypeId(t as u32));
                steps += 1;
                if steps > type_count {
                    break;
                }
                current = self.types[ancestor.0 as usize].parent;
            }
        }
        // For each rule, the produced types it waits for; for each type,
        // the rules waiting for it.
        let mut waiting: Vec<usize> = vec![0; rules.len()];
        let mut waiters: Vec<Vec<usize>> = vec![Vec::new(); type_count];
        for &consumer in &entity {
            let mut accepted: Vec<TypeId> = rules[consumer]
                .slots
                .iter()
                .flat_map(|slot| slot.types.iter())
                .flat_map(|t| below[t.0 as usize].iter().copied())
                .collect();
            accepted.sort_unstable();
            accepted.dedup();
            for ty in accepted {
                let others = remaining[ty.0 as usize] - usize::from(output(consumer) == Some(ty));
                if others > 0 {
                    waiting[consumer] += 1;
                    waiters[ty.0 as usize].push(consumer);
                }
            }
        }
        let mut ready: BinaryHeap<Reverse<usize>> = entity
            .iter()
            .filter(|&&i| waiting[i] == 0)
            .map(|&i| Reverse(i))
            .collect();
        let mut order = Vec::new();
        let mut done = vec![false; rules.len()];
        while let Some(Reverse(rule)) = ready.pop() {
            order.push(RuleId(rule as u32));
            done[rule] = true;
            let Some(ty) = output(rule) else {
                continue;
            };
            let t = ty.0 as usize;
            remaining[t] -= 1;
            // A waiting rule that also produces the type is settled when it
            // is the last producer left; any other when none is left.
            let settles_producers = match remaining[t] {
                1 => true,
                0 => false,
                _ => continue,
            };
            for &waiter in &waiters[t] {
                if (output(waiter) == Some(ty)) == settles_producers {
                    waiting[waiter] -= 1;
                    if waiting[waiter] == 0 {
                        ready.push(Reverse(waiter));
                    }
                }
            }
        }
        if order.len() < entity.len() {
            let stuck: Vec<usize> = entity.iter().copied().filter(|&i| !done[i]).collect();
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
        // Every type a produced type is (itself and its ancestors): a slot
        // of one of these types can be filled.
        let mut fillable = vec![false; self.types.len()];
        for &p in &produced {
            let mut current = Some(p);
            let mut steps = 0;
            while let Some(t) = current
                && !fillable[t.0 as usize]
                && steps <= self.types.len()
            {
                fillable[t.0 as usize] = true;
                current = self.types[t.0 as usize].parent;
                steps += 1;
            }
        }
        let mut warnings = Vec::new();
        for rule in rules {
            for (index, slot) in rule.slots.iter().enumerate() {
                let required = rule.patterns.iter().all(|p| binds_on_every_path(p, index));
                let reachable = slot.types.iter().any(|&t| fillable[t.0 as usize]);
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
