//! Rule checks: slots, patterns, the record a rule emits, and its examples.

use super::*;
use crate::lang::ast::{Case, CodeTerm, Emit, Node, NodeKind, PassiveMode, RuleKind};
use crate::lang::date::Date;

/// Which slots a pattern (part) binds: on every path, or on some path.
#[derive(Debug, Clone, Default)]
struct Bindings {
    definite: BTreeSet<usize>,
    /// Slot -> span of one occurrence, for diagnostics.
    maybe: BTreeMap<usize, Span>,
}

/// A pattern part after checking: its resolved form (`None` if broken), the
/// slots it binds, and whether it can match zero tokens.
struct Checked {
    pat: Option<Pat>,
    bindings: Bindings,
    nullable: bool,
}

struct SlotTable {
    slots: Vec<(Name, Option<Vec<TypeId>>)>,
    /// For each slot name the record uses, the field it fills (event
    /// name, field name), to suggest a type for an untyped slot.
    fills: Vec<(String, String, String)>,
    /// Untyped slot names already reported in a pattern, so that the
    /// record using them does not report them again.
    reported_untyped: BTreeSet<String>,
}

impl SlotTable {
    fn index(&self, name: &str) -> Option<usize> {
        self.slots.iter().position(|(n, _)| n.text == name)
    }
}

/// From this many rules on, rules are checked on two threads (the imported
/// CAMEO pack has almost eight thousand; a hand-written pack, a few hundred).
const PARALLEL_CHECK_RULES: usize = 4_000;

impl<'a> Checker<'a> {
    pub(super) fn check_rules(&mut self) -> Vec<RuleDef> {
        let decls = std::mem::take(&mut self.rule_decls);
        let rules = self.check_rules_in_parallel(&decls).unwrap_or_else(|| {
            decls
                .iter()
                .filter_map(|(decl, _)| self.check_rule(decl))
                .collect()
        });
        self.rule_decls = decls;
        rules
    }

    /// A large pack's rules, checked in two halves, each by its own copy of
    /// the checker. `None` when a copy has anything to report: the rules are
    /// then checked again on one thread, so that reports come in order and
    /// a wrong name is reported once per file.
    fn check_rules_in_parallel(&mut self, decls: &[(&RuleDecl, FileId)]) -> Option<Vec<RuleDef>> {
        if decls.len() < PARALLEL_CHECK_RULES {
            return None;
        }
        let (first, second) = decls.split_at(decls.len() / 2);
        let check_part = |mut copy: Checker<'a>, part: &[(&RuleDecl, FileId)]| {
            let rules: Vec<RuleDef> = part
                .iter()
                .filter_map(|(decl, _)| copy.check_rule(decl))
                .collect();
            let quiet = copy.diagnostics.is_empty() && copy.folded_errors == 0;
            (rules, quiet.then_some(copy))
        };
        let (first_copy, second_copy) = (self.side_copy(), self.side_copy());
        let ((mut rules, first_copy), (more, second_copy)) = rayon::join(
            || check_part(first_copy, first),
            || check_part(second_copy, second),
        );
        let (first_copy, second_copy) = (first_copy?, second_copy?);
        for (index, class) in self.classes.iter_mut().enumerate() {
            class.used |= first_copy.classes[index].used || second_copy.classes[index].used;
        }
        rules.extend(more);
        Some(rules)
    }

    fn check_rule(&mut self, decl: &RuleDecl) -> Option<RuleDef> {
        let errors_before = self.error_count();
        let mut slots = self.slot_table(decl);
        let mut patterns = Vec::new();
        let mut pattern_bindings = Vec::new();
        for pattern in &decl.patterns {
            let checked = self.pattern(&pattern.root, &mut slots);
            if checked.nullable && checked.pat.is_some() {
                let message = if matches!(&pattern.root.kind, NodeKind::Seq(e) if e.is_empty()) {
                    "empty pattern"
                } else {
                    "this pattern can match zero words"
                };
                self.error(
                    Diagnostic::error("empty-pattern", message)
                        .with_label(pattern.span, "matches nothing")
                        .with_help(
                            "a pattern needs at least one word or slot outside `[...]` and gaps",
                        ),
                );
            }
            self.warn_edge_gaps(&pattern.root);
            self.warn_unmatchable(&pattern.root);
            pattern_bindings.push((pattern.span, checked.bindings));
            if let Some(pat) = checked.pat {
                patterns.push(pat);
            }
        }
        for (index, (name, _)) in slots.slots.iter().enumerate() {
            if !pattern_bindings
                .iter()
                .any(|(_, b)| b.maybe.contains_key(&index))
            {
                self.error(
                    Diagnostic::error(
                        "unused-slot",
                        format!("slot `{}` is typed but no pattern uses it", name.text),
                    )
                    .with_label(name.span, "typed here")
                    .with_help(format!(
                        "use `{}` in a pattern, or remove its type",
                        name.text
                    )),
                );
            }
        }
        let output = self.rule_output(decl, &slots, &pattern_bindings);
        let cases = self.rule_cases(decl);
        if self.error_count() > errors_before {
            return None;
        }
        let slots = slots
            .slots
            .into_iter()
            .map(|(name, types)| SlotDef {
                name: name.text,
                types: types.expect("no errors, so every slot type resolved"),
            })
            .collect();
        Some(RuleDef {
            name: decl.name.text.clone(),
            kind: decl.kind,
            patterns,
            slots,
            priority: decl.priority.map_or(0, |(p, _)| p),
            passive: decl
                .passive
                .map_or(decl.kind == RuleKind::Event, |(mode, _)| {
                    mode == PassiveMode::Derive
                }),
            reads_passive_clauses: matches!(decl.passive, Some((PassiveMode::AsWritten, _))),
            coordination: decl
                .coordination
                .map_or(decl.kind == RuleKind::Event, |(on, _)| on),
            output: output?,
            cases,
            span: decl.name.span,
        })
    }

    /// Errors so far, counting those folded into an earlier report.
    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count() + self.folded_errors
    }

    fn slot_table(&mut self, decl: &RuleDecl) -> SlotTable {
        let fills = match &decl.emit {
            Emit::Event { event, fields, .. } => fields
                .iter()
                .map(|(field, slot)| (slot.text.clone(), event.text.clone(), field.text.clone()))
                .collect(),
            Emit::Entity { .. } => Vec::new(),
        };
        let mut table = SlotTable {
            slots: Vec::new(),
            fills,
            reported_untyped: BTreeSet::new(),
        };
        for slot in &decl.slots {
            if let Some(first) = table.index(&slot.name.text) {
                let first = table.slots[first].0.span;
                self.error(
                    Diagnostic::error(
                        "duplicate-slot",
                        format!("slot `{}` is typed twice", slot.name.text),
                    )
                    .with_label(slot.name.span, "typed again here")
                    .with_label(first, "first typed here")
                    .with_help(format!(
                        "for several types write one union: `{}: A | B`",
                        slot.name.text
                    )),
                );
                continue;
            }
            let types = self.resolve_types_union(&slot.types);
            table.slots.push((slot.name.clone(), types));
        }
        table
    }

    fn pattern(&mut self, node: &Node, slots: &mut SlotTable) -> Checked {
        let leaf = |pat: Option<PatKind>, nullable: bool| Checked {
            pat: pat.map(|kind| Pat {
                kind,
                span: node.span,
            }),
            bindings: Bindings::default(),
            nullable,
        };
        match &node.kind {
            NodeKind::Seq(elements) => {
                // Sized up front: a pack keeps its patterns for as long as
                // it runs, and pushes would leave up to half of them slack.
                let mut parts = Vec::with_capacity(elements.len());
                let mut bindings = Bindings::default();
                let mut nullable = true;
                let mut ok = true;
                for element in elements {
                    let checked = self.pattern(element, slots);
                    for (slot, span) in &checked.bindings.maybe {
                        if bindings.maybe.contains_key(slot) {
                            self.error(
                                Diagnostic::error(
                                    "slot-twice",
                                    format!("slot `{}` appears twice in one match", slots.slots[*slot].0.text),
                                )
                                .with_label(*span, "bound again here")
                                .with_label(bindings.maybe[slot], "first bound here")
                                .with_help("a slot holds one mention; use another slot name for the second one"),
                            );
                            ok = false;
                        }
                    }
                    bindings.definite.extend(checked.bindings.definite);
                    bindings.maybe.extend(checked.bindings.maybe);
                    nullable &= checked.nullable;
                    match checked.pat {
                        Some(pat) => parts.push(pat),
                        None => ok = false,
                    }
                }
                Checked {
                    pat: ok.then_some(Pat {
                        kind: PatKind::Seq(parts),
                        span: node.span,
                    }),
                    bindings,
                    nullable,
                }
            }
            NodeKind::Alt(branches) => {
                let mut parts = Vec::with_capacity(branches.len());
                let mut definite: Option<BTreeSet<usize>> = None;
                let mut maybe = BTreeMap::new();
                let mut nullable = false;
                let mut ok = true;
                for branch in branches {
                    let checked = self.pattern(branch, slots);
                    definite = Some(match definite {
                        None => checked.bindings.definite,
                        Some(d) => d
                            .intersection(&checked.bindings.definite)
                            .copied()
                            .collect(),
                    });
                    for (slot, span) in checked.bindings.maybe {
                        maybe.entry(slot).or_insert(span);
                    }
                    nullable |= checked.nullable;
                    match checked.pat {
                        Some(pat) => parts.push(pat),
                        None => ok = false,
                    }
                }
                Checked {
                    pat: ok.then_some(Pat {
                        kind: PatKind::Alt(parts),
                        span: node.span,
                    }),
                    bindings: Bindings {
                        definite: definite.unwrap_or_default(),
                        maybe,
                    },
                    nullable,
                }
            }
            NodeKind::Optional(inner) => {
                let checked = self.pattern(inner, slots);
                Checked {
                    pat: checked.pat.map(|p| Pat {
                        kind: PatKind::Optional(Box::new(p)),
                        span: node.span,
                    }),
                    bindings: Bindings {
                        definite: BTreeSet::new(),
                        maybe: checked.bindings.maybe,
                    },
                    nullable: true,
                }
            }
            NodeKind::Gap { min, max, except } => {
                let gap = self.gap_bounds(*min, *max, node.span);
                let nullable = gap.is_none_or(|(min, _)| min == 0);
                let except = match except {
                    Some(inner) => {
                        match self.one_word_elements(inner, slots, OneWordTaker::GapExcept) {
                            Some(pat) => Some(Box::new(pat)),
                            None => return leaf(None, nullable),
                        }
                    }
                    None => None,
                };
                leaf(
                    gap.map(|(min, max)| PatKind::Gap { min, max, except }),
                    nullable,
                )
            }
            NodeKind::Word { text, exact } => leaf(
                Some(PatKind::Word {
                    text: text.to_lowercase(),
                    exact: *exact,
                }),
                false,
            ),
            NodeKind::Punct(p) => leaf(Some(PatKind::Punct(p.clone())), false),
            NodeKind::Class(name) => {
                let class = self.resolve_class(name);
                leaf(class.map(PatKind::Class), false)
            }
            NodeKind::Slot(name) => match slots.index(&name.text) {
                Some(index) => Checked {
                    pat: Some(Pat {
                        kind: PatKind::Slot(index),
                        span: node.span,
                    }),
                    bindings: Bindings {
                        definite: BTreeSet::from([index]),
                        maybe: BTreeMap::from([(index, node.span)]),
                    },
                    nullable: false,
                },
                None => {
                    slots.reported_untyped.insert(name.text.clone());
                    let help =
                        did_you_mean(&name.text, slots.slots.iter().map(|(n, _)| n.text.as_str()))
                            .unwrap_or_else(|| {
                                format!(
                                    "type it after the patterns, e.g. `{}: {}`",
                                    name.text,
                                    self.suggested_type(slots, &name.text)
                                )
                            });
                    self.error(
                        Diagnostic::error(
                            "untyped-slot",
                            format!("slot `{}` has no type", name.text),
                        )
                        .with_label(name.span, "used here but never typed")
                        .with_help(help),
                    );
                    leaf(None, false)
                }
            },
            NodeKind::NotNext(inner) => {
                let negated = self.one_word_elements(inner, slots, OneWordTaker::NotNext);
                Checked {
                    pat: negated.map(|p| Pat {
                        kind: PatKind::NotNext(Box::new(p)),
                        span: node.span,
                    }),
                    bindings: Bindings::default(),
                    nullable: true,
                }
            }
            NodeKind::Category(inner, category) => {
                let is_word = matches!(inner.kind, NodeKind::Word { .. } | NodeKind::Class(_));
                let checked = self.pattern(inner, slots);
                if !is_word {
                    self.error(
                        Diagnostic::error("bad-category", "`:v` and `:n` go after a word or a word class")
                            .with_label(inner.span, "not a word")
                            .with_help("write `attack:v` or `@attack:n`; a slot, a group or punctuation has no reading"),
                    );
                    // Keep what it binds: the error is about the reading only.
                    return Checked {
                        pat: None,
                        ..checked
                    };
                }
                Checked {
                    pat: checked.pat.map(|p| Pat {
                        kind: PatKind::Category(Box::new(p), *category),
                        span: node.span,
                    }),
                    ..checked
                }
            }
            NodeKind::NounPhrase => leaf(Some(PatKind::NounPhrase), false),
            NodeKind::Stray(text) => {
                let diagnostic = if let Some(letter) = text.strip_prefix(':') {
                    Diagnostic::error("bad-category", format!("`:{letter}` is not a reading"))
                        .with_label(node.span, "not `:v` or `:n`")
                        .with_help(
                            "`:v` asks for the verb reading of a word, `:n` for its noun reading",
                        )
                } else if text.chars().next().is_some_and(char::is_uppercase) {
                    Diagnostic::error("capitalized-word", format!("capitalized word `{text}` in a pattern"))
                        .with_label(node.span, "neither a word nor a slot")
                        .with_help(format!(
                            "words are written in lowercase (`{}`; matching ignores case); names belong in a lexicon; slots are ALL-CAPS like `X`",
                            text.to_lowercase()
                        ))
                } else {
                    Diagnostic::error("bad-pattern-element", format!("`{text}` is not a pattern element"))
                        .with_label(node.span, "not understood")
                        .with_help("pattern elements: word, =exact, word:v, word:n, 's and other clitics, X (slot), @class, ^ (a noun phrase), ..., ...{m,n}, (a | b), [optional], !word, and , : ; % - / ' and currency symbols ($ £ € ¥ …)")
                };
                self.error(diagnostic);
                leaf(None, false)
            }
        }
    }

    /// A type to suggest for an untyped slot, among the pack's own: the
    /// type of the record field it fills, else the first type declared,
    /// else the built-in `Proper`.
    fn suggested_type(&self, slots: &SlotTable, slot: &str) -> String {
        let field_types = slots.fills.iter().filter(|(s, _, _)| s == slot).find_map(
            |(_, event, field)| match self.symbols.get(event) {
                Some(Symbol::Event(id)) => self.events[id.0 as usize]
                    .def
                    .fields
                    .iter()
                    .find(|f| f.name == *field && !f.types.is_empty())
                    .map(|f| f.types.clone()),
                _ => None,
            },
        );
        match field_types {
            Some(types) => types
                .iter()
                .map(|t| self.types[t.0 as usize].name.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            None => self
                .types
                .get(BUILTIN_TYPES.len())
                .map_or("Proper", |t| t.name.as_str())
                .to_string(),
        }
    }

    /// Whether every alternative of a node is one token: what `!` can test.
    fn single_tokens(&self, node: &Node) -> bool {
        let one_token = |word: &str| crate::text::tokenize_phrase(word).len() == 1;
        match &node.kind {
            NodeKind::Word { text, .. } | NodeKind::Punct(text) => one_token(text),
            NodeKind::Alt(branches) => branches.iter().all(|b| self.single_tokens(b)),
            NodeKind::Class(name) => self.class_index.get(&name.text).is_none_or(|id| {
                self.classes[id.0 as usize]
                    .def
                    .entries
                    .iter()
                    .all(|e| e.words.len() == 1 && one_token(&e.words[0]))
            }),
            _ => false,
        }
    }

    /// What `!` and a gap's `except` take: one-word elements, each
    /// checking a single token.
    fn one_word_elements(
        &mut self,
        inner: &Node,
        slots: &mut SlotTable,
        taker: OneWordTaker,
    ) -> Option<Pat> {
        if self.single_tokens(inner) {
            return self.pattern(inner, slots).pat;
        }
        if let NodeKind::Class(name) = &inner.kind {
            self.resolve_class(name);
        }
        let (message, help) = match taker {
            OneWordTaker::NotNext => (
                "`!` takes one-word elements",
                "write `!word`, `!=word`, `!@class` or `!(a | b)` with one-word entries; `!` checks only the next token",
            ),
            OneWordTaker::GapExcept => (
                "a gap's `except` takes one-word elements",
                "write `...{0,9 except word}`, `except @class` or `except (a | b)` with one-word entries; each token of the gap is checked against them",
            ),
        };
        self.error(
            Diagnostic::error("bad-negation", message)
                .with_label(inner.span, "not a one-word element")
                .with_help(help),
        );
        None
    }

    fn gap_bounds(&mut self, min: Option<i64>, max: Option<i64>, span: Span) -> Option<(u32, u32)> {
        let min = min.unwrap_or(0);
        let max = max.unwrap_or(i64::from(DEFAULT_GAP));
        let problem = if min < 0 || max < 0 {
            Some("gap bounds cannot be negative".to_string())
        } else if min > max {
            Some(format!(
                "gap bounds are reversed: at least {min} but at most {max}"
            ))
        } else if max > i64::from(MAX_GAP) {
            Some(format!(
                "gap of up to {max} tokens is longer than the limit of {MAX_GAP}"
            ))
        } else {
            None
        };
        match problem {
            Some(message) => {
                self.error(
                    Diagnostic::error("bad-gap", message)
                        .with_label(span, "this gap")
                        .with_help(format!("write `...{{min,max}}` with 0 ≤ min ≤ max ≤ {MAX_GAP}; plain `...` means `...{{0,{DEFAULT_GAP}}}`")),
                );
                None
            }
            None => Some((min as u32, max as u32)),
        }
    }

    /// A gap first or last in a pattern adds nothing: matches start at the
    /// first element and gaps are as short as possible.
    fn warn_edge_gaps(&mut self, root: &Node) {
        let NodeKind::Seq(elements) = &root.kind else {
            return;
        };
        let edges = [elements.first(), elements.last()];
        for (position, element) in ["start", "end"].iter().zip(edges) {
            if let Some(
                element @ Node {
                    kind: NodeKind::Gap { .. },
                    ..
                },
            ) = element
            {
                self.error(
                    Diagnostic::warning(
                        "edge-gap",
                        format!("a gap at the {position} of a pattern has no effect"),
                    )
                    .with_label(element.span, "matches zero tokens here")
                    .with_help("remove it; gaps only matter between two elements"),
                );
            }
        }
    }

    fn rule_output(
        &mut self,
        decl: &RuleDecl,
        slots: &SlotTable,
        patterns: &[(Span, Bindings)],
    ) -> Option<RuleOutput> {
        match &decl.emit {
            Emit::Event {
                event,
                fields,
                span,
            } => {
                if decl.kind != RuleKind::Event {
                    return None;
                }
                let event_id = self.resolve_event(event)?;
                let def = self.events[event_id.0 as usize].def.clone();
                let mut bound = Vec::new();
                let mut ok = true;
                for (field_name, slot_name) in fields {
                    let Some(field_index) =
                        def.fields.iter().position(|f| f.name == field_name.text)
                    else {
                        let help = did_you_mean(
                            &field_name.text,
                            def.fields.iter().map(|f| f.name.as_str()),
                        )
                        .unwrap_or_else(|| {
                            let names: Vec<&str> =
                                def.fields.iter().map(|f| f.name.as_str()).collect();
                            if names.is_empty() {
                                format!("`{}` has no fields", def.name)
                            } else {
                                format!("its fields are: {}", names.join(", "))
                            }
                        });
                        self.error(
                            Diagnostic::error(
                                "unknown-field",
                                format!("event `{}` has no field `{}`", def.name, field_name.text),
                            )
                            .with_label(field_name.span, "not a field of this event")
                            .with_help(help),
                        );
                        ok = false;
                        continue;
                    };
                    if bound.iter().any(|(f, _)| *f == field_index) {
                        self.error(
                            Diagnostic::error(
                                "duplicate-field",
                                format!("field `{}` is set twice", field_name.text),
                            )
                            .with_label(field_name.span, "set again here"),
                        );
                        ok = false;
                        continue;
                    }
                    let field = &def.fields[field_index];
                    let Some(slot_index) =
                        self.bound_slot(slot_name, slots, patterns, !field.optional, &field.name)
                    else {
                        ok = false;
                        continue;
                    };
                    if let (Some(slot_types), false) =
                        (&slots.slots[slot_index].1, field.types.is_empty())
                    {
                        for &slot_type in slot_types {
                            if !field.types.iter().any(|&f| self.is_subtype(slot_type, f)) {
                                let field_types: Vec<&str> = field
                                    .types
                                    .iter()
                                    .map(|t| self.types[t.0 as usize].name.as_str())
                                    .collect();
                                self.error(
                                    Diagnostic::error(
                                        "field-type",
                                        format!(
                                            "slot `{}` of type `{}` cannot fill field `{}: {}`",
                                            slot_name.text,
                                            self.types[slot_type.0 as usize].name,
                                            field.name,
                                            field_types.join(" | ")
                                        ),
                                    )
                                    .with_label(slot_name.span, format!("`{}` is neither `{}` nor a subtype", self.types[slot_type.0 as usize].name, field_types.join(" | ")))
                                    .with_help(format!("type the slot with `{}` or one of its subtypes, or widen the field's type", field_types.join(" | "))),
                                );
                                ok = false;
                            }
                        }
                    }
                    bound.push((field_index, slot_index));
                }
                for (index, field) in def.fields.iter().enumerate() {
                    if !field.optional && !bound.iter().any(|(f, _)| *f == index) && ok {
                        self.error(
                            Diagnostic::error(
                                "missing-field",
                                format!(
                                    "required field `{}` of `{}` is not set",
                                    field.name, def.name
                                ),
                            )
                            .with_label(*span, "this record")
                            .with_help(format!(
                                "bind it to a slot (`{}: X`), or declare it optional (`{}: …?`)",
                                field.name, field.name
                            )),
                        );
                        ok = false;
                    }
                }
                ok.then_some(RuleOutput::Event {
                    event: event_id,
                    fields: bound,
                })
            }
            Emit::Entity { ty, code, .. } => {
                let type_id = self.resolve_type(ty)?;
                if matches!(type_id, PROPER | NUMBER) {
                    self.error(
                        Diagnostic::error(
                            "builtin-output",
                            format!("entity rules cannot build the built-in type `{}`", ty.text),
                        )
                        .with_label(ty.span, "built-in type")
                        .with_help("declare a type of your own, e.g. `type Person : Actor`"),
                    );
                    return None;
                }
                let mut parts = Vec::new();
                let mut ok = true;
                for term in code {
                    match term {
                        CodeTerm::Literal(text) => {
                            parts.push(CodePart::Literal(text.value.clone()))
                        }
                        CodeTerm::SlotCode(slot) => {
                            match self.bound_slot(slot, slots, patterns, false, "code") {
                                Some(index) => parts.push(CodePart::Slot(index)),
                                None => ok = false,
                            }
                        }
                    }
                }
                ok.then_some(RuleOutput::Entity {
                    ty: type_id,
                    code: parts,
                })
            }
        }
    }

    /// The slot a record field or code takes: it must be typed and appear in
    /// every pattern; when `required`, on every path of every pattern.
    fn bound_slot(
        &mut self,
        slot: &Name,
        slots: &SlotTable,
        patterns: &[(Span, Bindings)],
        required: bool,
        field: &str,
    ) -> Option<usize> {
        let Some(index) = slots.index(&slot.text) else {
            if slots.reported_untyped.contains(&slot.text) {
                return None;
            }
            let help = did_you_mean(&slot.text, slots.slots.iter().map(|(n, _)| n.text.as_str()))
                .unwrap_or_else(|| {
                    format!(
                        "type it and use it in the patterns, e.g. `{}: {}`",
                        slot.text,
                        self.suggested_type(slots, &slot.text)
                    )
                });
            self.error(
                Diagnostic::error("untyped-slot", format!("slot `{}` has no type", slot.text))
                    .with_label(slot.span, "used here but never typed")
                    .with_help(help),
            );
            return None;
        };
        for (number, (pattern_span, bindings)) in patterns.iter().enumerate() {
            if !bindings.maybe.contains_key(&index) {
                self.error(
                    Diagnostic::error("unbound-slot", format!("slot `{}` is not bound by every pattern", slot.text))
                        .with_label(slot.span, "emitted here")
                        .with_label(*pattern_span, format!("pattern {} has no `{}`", number + 1, slot.text))
                        .with_help("every pattern of a rule must bind the slots its record uses; split the rule in two"),
                );
                return None;
            }
            if required && !bindings.definite.contains(&index) {
                self.error(
                    Diagnostic::error(
                        "optional-slot",
                        format!("required field `{field}` takes slot `{}`, which pattern {} may leave unbound", slot.text, number + 1),
                    )
                    .with_label(slot.span, "required field")
                    .with_label(bindings.maybe[&index], "inside `[...]` or one branch of `( | )`")
                    .with_help(format!("declare the field optional (`{field}: …?`) or bind `{}` on every path", slot.text)),
                );
                return None;
            }
        }
        Some(index)
    }

    fn rule_cases(&mut self, decl: &RuleDecl) -> Vec<CaseDef> {
        // `None` when the rule's output did not resolve: that error is
        // reported once, on the rule, not again on every example.
        let (output_name, output_fields): (&str, Option<Vec<String>>) = match &decl.emit {
            Emit::Event { event, .. } => {
                let fields = match self.symbols.get(&event.text) {
                    Some(Symbol::Event(id)) => Some(
                        self.events[id.0 as usize]
                            .def
                            .fields
                            .iter()
                            .map(|f| f.name.clone())
                            .collect(),
                    ),
                    _ => None,
                };
                (&event.text, fields)
            }
            Emit::Entity { ty, .. } => {
                (&ty.text, Some(vec!["text".to_string(), "code".to_string()]))
            }
        };
        let mut cases = Vec::new();
        for Case {
            counter,
            text,
            date,
            expected,
            todo,
            span,
        } in &decl.cases
        {
            if text.value.trim().is_empty() {
                self.error(
                    Diagnostic::error("empty-example", "example text is empty")
                        .with_label(text.span, "no text to match"),
                );
            }
            let expected = expected.as_ref().map(|e| {
                if let Some(output_fields) = &output_fields {
                    self.check_expected(decl, e, output_name, output_fields);
                }
                ExpectedDef {
                    type_name: e.ty.text.clone(),
                    fields: e
                        .fields
                        .iter()
                        .map(|(n, v)| (n.text.clone(), v.value.clone()))
                        .collect(),
                    negated: e.negated,
                    modality: e.modality.clone(),
                }
            });
            let date = date
                .as_ref()
                .and_then(|date| match Date::parse(&date.value) {
                    Ok(parsed) => Some(parsed),
                    Err(error) => {
                        self.error(
                            Diagnostic::error(
                                "bad-date",
                                format!("bad example date `{}`: {error}", date.value),
                            )
                            .with_label(date.span, "not a date")
                            .with_help("write the document's date as `date \"YYYY-MM-DD\"`"),
                        );
                        None
                    }
                });
            cases.push(CaseDef {
                counter: *counter,
                text: text.value.clone(),
                date,
                expected,
                todo: *todo,
                span: *span,
            });
        }
        cases
    }

    /// An example's expected record against what the rule emits.
    fn check_expected(
        &mut self,
        decl: &RuleDecl,
        e: &crate::lang::ast::Expected,
        output_name: &str,
        output_fields: &[String],
    ) {
        if e.ty.text != output_name {
            self.error(
                Diagnostic::error(
                    "example-type",
                    format!(
                        "example expects `{}`, but rule `{}` emits `{output_name}`",
                        e.ty.text, decl.name.text
                    ),
                )
                .with_label(e.ty.span, format!("expected `{output_name}`")),
            );
        }
        for (field, _) in &e.fields {
            if !output_fields.contains(&field.text) {
                let help = did_you_mean(&field.text, output_fields.iter().map(String::as_str))
                    .unwrap_or_else(|| {
                        if output_fields.is_empty() {
                            format!("`{output_name}` has no fields")
                        } else {
                            format!("its fields are: {}", output_fields.join(", "))
                        }
                    });
                self.error(
                    Diagnostic::error(
                        "unknown-field",
                        format!("`{output_name}` has no field `{}`", field.text),
                    )
                    .with_label(field.span, "not a field of the record")
                    .with_help(help),
                );
            }
        }
    }

    pub(super) fn is_subtype(&self, ty: TypeId, ancestor: TypeId) -> bool {
        let mut current = Some(ty);
        let mut steps = 0;
        while let Some(t) = current {
            if t == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.types.len() {
                return false;
            }
            current = self.types[t.0 as usize].parent;
        }
        false
    }
}

/// Which element asks for one-word elements, for its error message.
#[derive(Clone, Copy)]
enum OneWordTaker {
    NotNext,
    GapExcept,
}
