//! Declarations: types, events, word classes and lexicon rows, with their
//! taxonomies (parents, inherited fields) and the cycles that break them.

use rustc_hash::FxHashMap;

use super::*;
use crate::lang::ast::{
    CompeteMode, CompoundMode, EventDecl, FillDecl, Item, NegationMode, WordClassDecl, WordEntry,
    WordsOp,
};
use crate::lang::builtin_lists::{BUILTIN_LISTS, builtin_list};
use crate::lang::date::DateRange;
use crate::lang::loader::LexiconFile;

impl<'a> Checker<'a> {
    /// Registers every named declaration; reports duplicates.
    pub(super) fn declare_all(&mut self) {
        let mut rule_spans: HashMap<String, Span> = HashMap::new();
        for rule_file in &self.loaded.rule_files {
            for item in &rule_file.items {
                match item {
                    Item::Type(decl) => {
                        if let Some(first) = self.symbol_span(&decl.name.text) {
                            self.duplicate("type", &decl.name, first);
                            continue;
                        }
                        let id = TypeId(self.types.len() as u32);
                        self.types.push(TypeDef {
                            name: decl.name.text.clone(),
                            parent: None,
                            span: Some(decl.name.span),
                        });
                        self.type_files.push(Some(rule_file.file));
                        self.type_decls.push(Some(decl));
                        self.symbols
                            .insert(decl.name.text.clone(), Symbol::Type(id));
                    }
                    Item::Event(decl) => {
                        if let Some(first) = self.symbol_span(&decl.name.text) {
                            self.duplicate("event", &decl.name, first);
                            continue;
                        }
                        let id = EventId(self.events.len() as u32);
                        self.events.push(EventEntry {
                            def: EventDef {
                                name: decl.name.text.clone(),
                                parent: None,
                                fields: Vec::new(),
                                code: decl.code.as_ref().map(|c| c.value.clone()),
                                label: decl.label.as_ref().map(|l| l.value.clone()),
                                negation: NegationMode::Suppress,
                                modality: NegationMode::Suppress,
                                modality_kept: Vec::new(),
                                compound: CompoundMode::Split,
                                distinct: None,
                                compete: CompeteMode::Longest,
                                fills: Vec::new(),
                                span: decl.name.span,
                            },
                            decl,
                            file: rule_file.file,
                        });
                        self.symbols
                            .insert(decl.name.text.clone(), Symbol::Event(id));
                    }
                    Item::Words(decl) if decl.name.text.contains('.') => {
                        self.list_edits.push(decl);
                    }
                    Item::Words(decl) => {
                        if !self.check_own_class(decl) {
                            continue;
                        }
                        if let Some(first) = self.class_index.get(&decl.name.text) {
                            let first = self.classes[first.0 as usize].decl.map(|d| d.name.span);
                            self.duplicate("word class", &decl.name, first);
                            continue;
                        }
                        let id = ClassId(self.classes.len() as u32);
                        self.class_index.insert(decl.name.text.clone(), id);
                        self.classes.push(ClassEntry {
                            def: WordClassDef {
                                name: decl.name.text.clone(),
                                entries: Vec::new(),
                                builtin: false,
                            },
                            decl: Some(decl),
                            file: Some(rule_file.file),
                            used: false,
                        });
                    }
                    Item::Rule(decl) => {
                        if let Some(first) = rule_spans.get(&decl.name.text) {
                            let first = *first;
                            self.duplicate("rule", &decl.name, Some(first));
                            continue;
                        }
                        rule_spans.insert(decl.name.text.clone(), decl.name.span);
                        self.rule_decls.push((decl, rule_file.file));
                    }
                    Item::Discard(decl) => self.discards.push((decl, rule_file.file)),
                    Item::Import(_) | Item::Lexicon(_) => {}
                }
            }
        }
    }

    /// `Some(span)` of an existing type or event of this name (`Some(None)`
    /// for a built-in), `None` when the name is free.
    fn symbol_span(&self, name: &str) -> Option<Option<Span>> {
        match self.symbols.get(name)? {
            Symbol::Type(id) => Some(self.types[id.0 as usize].span),
            Symbol::Event(id) => Some(Some(self.events[id.0 as usize].def.span)),
        }
    }

    /// Resolves type parents and breaks (and reports) taxonomy cycles.
    pub(super) fn resolve_types(&mut self) {
        for index in 0..self.types.len() {
            let Some(decl) = self.type_decls[index] else {
                continue;
            };
            if let Some(parent) = &decl.parent {
                self.types[index].parent = self.resolve_type(parent);
            }
        }
        let parents: Vec<Option<usize>> = self
            .types
            .iter()
            .map(|t| t.parent.map(|p| p.0 as usize))
            .collect();
        for cycle in find_parent_cycles(&parents) {
            let names: Vec<&str> = cycle.iter().map(|&i| self.types[i].name.as_str()).collect();
            let path = format!("{} → {}", names.join(" → "), names[0]);
            let mut diagnostic = Diagnostic::error(
                "type-cycle",
                format!("the type taxonomy has a cycle: {path}"),
            )
            .with_help("a type cannot be its own ancestor: remove one of these parents");
            for &i in &cycle {
                if let Some(decl) = self.type_decls[i] {
                    diagnostic = diagnostic.with_label(
                        decl.span,
                        format!("`{}` is declared a subtype here", decl.name.text),
                    );
                }
            }
            self.error(diagnostic);
            self.types[cycle[0]].parent = None;
        }
    }

    /// Resolves event parents, breaks cycles, then computes inherited fields,
    /// codes and negation modes parent-first.
    pub(super) fn resolve_events(&mut self) {
        for index in 0..self.events.len() {
            let decl = self.events[index].decl;
            if let Some(parent) = &decl.parent {
                self.events[index].def.parent = self.resolve_event(parent);
            }
        }
        let parents: Vec<Option<usize>> = self
            .events
            .iter()
            .map(|e| e.def.parent.map(|p| p.0 as usize))
            .collect();
        for cycle in find_parent_cycles(&parents) {
            let names: Vec<&str> = cycle
                .iter()
                .map(|&i| self.events[i].def.name.as_str())
                .collect();
            let path = format!("{} → {}", names.join(" → "), names[0]);
            let mut diagnostic = Diagnostic::error(
                "event-cycle",
                format!("the event taxonomy has a cycle: {path}"),
            )
            .with_help("an event cannot be its own ancestor: remove one of these parents");
            for &i in &cycle {
                let decl = self.events[i].decl;
                diagnostic = diagnostic.with_label(
                    decl.name.span,
                    format!("`{}` is declared a subtype here", decl.name.text),
                );
            }
            self.error(diagnostic);
            self.events[cycle[0]].def.parent = None;
        }
        let mut done = vec![false; self.events.len()];
        for index in 0..self.events.len() {
            self.inherit_event(index, &mut done);
        }
    }

    fn inherit_event(&mut self, index: usize, done: &mut [bool]) {
        if done[index] {
            return;
        }
        done[index] = true;
        let (mut fields, mut code, mut negation, mut modality, mut modality_kept, mut compound) =
            match self.events[index].def.parent {
                Some(parent) => {
                    self.inherit_event(parent.0 as usize, done);
                    let p = &self.events[parent.0 as usize].def;
                    (
                        p.fields.clone(),
                        p.code.clone(),
                        p.negation,
                        p.modality,
                        p.modality_kept.clone(),
                        p.compound,
                    )
                }
                None => (
                    Vec::new(),
                    None,
                    NegationMode::Suppress,
                    NegationMode::Suppress,
                    Vec::new(),
                    CompoundMode::Split,
                ),
            };
        let parent = self.events[index].def.parent;
        let mut distinct = parent.and_then(|parent| self.events[parent.0 as usize].def.distinct);
        let mut fills = parent.map_or_else(Vec::new, |parent| {
            self.events[parent.0 as usize].def.fills.clone()
        });
        let mut compete = parent.map_or(CompeteMode::Longest, |parent| {
            self.events[parent.0 as usize].def.compete
        });
        let decl = self.events[index].decl;
        let inherited = fields.len();
        for field in &decl.fields {
            if let Some(position) = fields.iter().position(|f| f.name == field.name.text) {
                let message = if position < inherited {
                    format!(
                        "field `{}` is already inherited from a parent event",
                        field.name.text
                    )
                } else {
                    format!("field `{}` is declared twice", field.name.text)
                };
                self.error(
                    Diagnostic::error("duplicate-field", message)
                        .with_label(field.name.span, "declared again here"),
                );
                continue;
            }
            // A field whose type did not resolve is kept with no types, so
            // that rules setting it report nothing more about it.
            let types = self.resolve_types_union(&field.types).unwrap_or_default();
            fields.push(FieldDef {
                name: field.name.text.clone(),
                types,
                optional: field.optional,
            });
        }
        if let Some(own) = &decl.code {
            code = Some(own.value.clone());
        }
        if let Some((mode, _)) = decl.negation {
            negation = mode;
        }
        if let Some((mode, span)) = decl.modality {
            modality = mode;
            modality_kept = decl.modality_except.clone();
            if mode == NegationMode::Mark && !modality_kept.is_empty() {
                self.error(
                    Diagnostic::warning(
                        "modality-except-marked",
                        "`except` has no effect with `modality mark`: every modality is kept and marked",
                    )
                    .with_label(span, "this option")
                    .with_help("write `modality suppress except …` to drop the other modalities"),
                );
            }
        }
        if let Some((mode, _)) = decl.compound {
            compound = mode;
        }
        if let Some((mode, span)) = decl.compete {
            // Matches compete within a family, so one ranking holds for
            // all of it.
            if parent.is_some() {
                self.error(
                    Diagnostic::error(
                        "compete-not-root",
                        format!(
                            "`compete` ranks a whole family's matches; `{}` has a parent event",
                            decl.name.text
                        ),
                    )
                    .with_label(span, "set on a child event")
                    .with_help("set `compete` on the family's root event"),
                );
            } else {
                compete = mode;
            }
        }
        if let Some((first, second, _)) = &decl.distinct {
            let position = |name: &Name| fields.iter().position(|f| f.name == name.text);
            match (position(first), position(second)) {
                (Some(a), Some(b)) if a != b => distinct = Some((a, b)),
                (Some(_), Some(_)) => self.error(
                    Diagnostic::error(
                        "bad-distinct",
                        format!("`distinct` names `{}` twice", first.text),
                    )
                    .with_label(second.span, "the same field")
                    .with_help("name two different fields: `distinct source, target`"),
                ),
                (a, _) => {
                    let unknown = if a.is_none() { first } else { second };
                    let names = fields.iter().map(|f| f.name.as_str());
                    let help = did_you_mean(&unknown.text, names)
                        .unwrap_or_else(|| "name two of the event's fields".to_string());
                    self.error(
                        Diagnostic::error(
                            "unknown-field",
                            format!("event `{}` has no field `{}`", decl.name.text, unknown.text),
                        )
                        .with_label(unknown.span, "not a field of this event")
                        .with_help(help),
                    );
                }
            }
        }
        for fill in &decl.fills {
            if let Some(own) = self.field_fill(decl, &fields, fill) {
                fills.retain(|inherited: &FieldFill| inherited.field != own.field);
                fills.push(own);
            }
        }
        let def = &mut self.events[index].def;
        def.fields = fields;
        def.fills = fills;
        def.code = code;
        def.negation = negation;
        def.modality = modality;
        def.modality_kept = modality_kept;
        def.compound = compound;
        def.distinct = distinct;
        def.compete = compete;
    }

    /// A `fill` option checked against the event's fields: the field must
    /// be one of them and optional (a required field is always set), and
    /// every type one the field takes.
    fn field_fill(
        &mut self,
        decl: &EventDecl,
        fields: &[FieldDef],
        fill: &FillDecl,
    ) -> Option<FieldFill> {
        let Some(field) = fields.iter().position(|f| f.name == fill.field.text) else {
            let names = fields.iter().map(|f| f.name.as_str());
            let help = did_you_mean(&fill.field.text, names)
                .unwrap_or_else(|| "name one of the event's optional fields".to_string());
            self.error(
                Diagnostic::error(
                    "unknown-field",
                    format!(
                        "event `{}` has no field `{}`",
                        decl.name.text, fill.field.text
                    ),
                )
                .with_label(fill.field.span, "not a field of this event")
                .with_help(help),
            );
            return None;
        };
        if !fields[field].optional {
            self.error(
                Diagnostic::warning(
                    "fill-required-field",
                    format!(
                        "`{}` is required: every rule sets it, so `fill` never applies",
                        fill.field.text
                    ),
                )
                .with_label(fill.span, "this option")
                .with_help(format!(
                    "make the field optional: `{}: …?`",
                    fill.field.text
                )),
            );
            return None;
        }
        let types = self.resolve_types_union(&fill.types)?;
        let accepted = &fields[field].types;
        let mut ok = true;
        for (name, &ty) in fill.types.iter().zip(&types) {
            if !accepted.iter().any(|&a| self.is_subtype(ty, a)) {
                ok = false;
                self.error(
                    Diagnostic::error(
                        "fill-type",
                        format!("field `{}` does not take `{}`", fill.field.text, name.text),
                    )
                    .with_label(name.span, "not one of the field's types")
                    .with_help("fill a field only with mentions of a type it takes"),
                );
            }
        }
        ok.then_some(FieldFill { field, types })
    }

    pub(super) fn collect_word_classes(&mut self) {
        for entry in &mut self.classes {
            if let Some(decl) = entry.decl {
                entry.def.entries = decl.entries.iter().map(class_entry).collect();
            }
        }
    }

    /// A pack's own class is declared whole, with `=` and some entries.
    /// `false` when the item does not declare a class at all.
    fn check_own_class(&mut self, decl: &WordClassDecl) -> bool {
        let name = &decl.name.text;
        if decl.op != WordsOp::Set {
            let op = if decl.op == WordsOp::Add { "+=" } else { "-=" };
            self.error(
                Diagnostic::error(
                    "words-op",
                    format!("`{op}` changes a built-in list, but `{name}` is the pack's own word class"),
                )
                .with_label(decl.name.span, "not a built-in list")
                .with_help(format!(
                    "declare the class once with all its entries: `words {name} = …`; `+=` and `-=` are for the dotted built-in lists, like `proper.title`"
                )),
            );
            return false;
        }
        if decl.entries.is_empty() {
            self.error(
                Diagnostic::error(
                    "empty-word-class",
                    format!("word class `@{name}` has no entries"),
                )
                .with_label(decl.name.span, "declared empty")
                .with_help(format!(
                    "list its words: `words {name} = word, phrase of words`"
                )),
            );
        }
        true
    }

    /// Resolves every built-in list from its defaults and the pack's
    /// changes: a `=` replaces the defaults, then every `+=` and `-=` is
    /// applied in file order. Built-in lists become word classes after the
    /// pack's own.
    pub(super) fn resolve_builtin_lists(&mut self) {
        let edits = std::mem::take(&mut self.list_edits);
        for edit in &edits {
            if builtin_list(&edit.name.text).is_none() {
                let names = BUILTIN_LISTS.iter().map(|l| l.name);
                let help = did_you_mean(&edit.name.text, names).unwrap_or_else(|| {
                    let names: Vec<&str> = BUILTIN_LISTS.iter().map(|l| l.name).collect();
                    format!(
                        "dotted names are built-in lists: {}; name a class of your own without a dot",
                        names.join(", ")
                    )
                });
                self.error(
                    Diagnostic::error(
                        "unknown-word-list",
                        format!("`{}` is not a built-in word list", edit.name.text),
                    )
                    .with_label(edit.name.span, "no built-in list of this name")
                    .with_help(help),
                );
            }
        }
        for list in BUILTIN_LISTS {
            let mut entries: Vec<WordClassEntry> = list
                .default
                .iter()
                .map(|e| WordClassEntry {
                    words: e
                        .trim_start_matches('=')
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                    exact: e.starts_with('='),
                })
                .collect();
            let ours: Vec<&WordClassDecl> = edits
                .iter()
                .copied()
                .filter(|e| e.name.text == list.name)
                .collect();
            let mut replaced: Option<&WordClassDecl> = None;
            for edit in ours.iter().filter(|e| e.op == WordsOp::Set) {
                match replaced {
                    Some(first) => self.error(
                        Diagnostic::error(
                            "duplicate-name",
                            format!("built-in list `{}` is replaced twice", list.name),
                        )
                        .with_label(edit.name.span, "replaced again here")
                        .with_label(first.name.span, "first replaced here")
                        .with_help(
                            "keep one `=`; add to it with `+=` and remove from it with `-=`",
                        ),
                    ),
                    None => {
                        replaced = Some(edit);
                        entries = edit.entries.iter().map(class_entry).collect();
                    }
                }
            }
            for edit in &ours {
                match edit.op {
                    WordsOp::Set => {}
                    WordsOp::Add => {
                        for entry in &edit.entries {
                            let entry = class_entry(entry);
                            if !entries.iter().any(|e| e.words == entry.words) {
                                entries.push(entry);
                            }
                        }
                    }
                    WordsOp::Remove => {
                        for written in &edit.entries {
                            let entry = class_entry(written);
                            let before = entries.len();
                            entries.retain(|e| e.words != entry.words);
                            if entries.len() == before {
                                self.error(
                                    Diagnostic::warning(
                                        "not-in-list",
                                        format!("`{}` is not in `{}`", entry.words.join(" "), list.name),
                                    )
                                    .with_label(written.span, "nothing to remove")
                                    .with_help(format!("the entries of `{}` are listed in docs/LANGUAGE.md (\"Built-in word lists\")", list.name)),
                                );
                            }
                        }
                    }
                }
            }
            if list.single_words {
                for edit in &ours {
                    for written in edit.entries.iter().filter(|e| e.words.len() > 1) {
                        self.error(
                            Diagnostic::error(
                                "list-entry",
                                format!("the entries of `{}` are single words", list.name),
                            )
                            .with_label(written.span, "several words")
                            .with_help("list each word on its own, separated by commas"),
                        );
                    }
                }
            }
            let id = ClassId(self.classes.len() as u32);
            self.class_index.insert(list.name.to_string(), id);
            self.classes.push(ClassEntry {
                def: WordClassDef {
                    name: list.name.to_string(),
                    entries,
                    builtin: true,
                },
                decl: None,
                file: None,
                used: false,
            });
        }
    }

    /// Every discard phrase of every file, in file order.
    pub(super) fn collect_discards(&self) -> Vec<DiscardDef> {
        self.discards
            .iter()
            .flat_map(|(decl, _)| {
                decl.entries.iter().map(|entry| DiscardDef {
                    entry: class_entry(entry),
                    scope: decl.scope,
                    span: entry.span,
                })
            })
            .collect()
    }

    /// Resolves the type of every lexicon row against the taxonomy visible
    /// from the file that names the lexicon.
    ///
    /// Linear in rows: a type name is resolved once per lexicon file, and
    /// duplicates are found with one hash lookup per row.
    pub(super) fn collect_lexicon(&mut self, lexicons: Vec<LexiconFile>) {
        // First each row's type, or `None` for a row left out; then the
        // rows move into the pack (the CAMEO pack has seventy thousand).
        let rows: usize = lexicons.iter().map(|lexicon| lexicon.rows.len()).sum();
        let mut kept: Vec<Option<TypeId>> = Vec::with_capacity(rows);
        let mut seen: FxHashMap<(std::borrow::Cow<'_, str>, &str, &str, bool, DateRange), Span> =
            FxHashMap::with_capacity_and_hasher(rows, Default::default());
        for lexicon in &lexicons {
            let mut visible_types: FxHashMap<&str, TypeId> = FxHashMap::default();
            for row in &lexicon.rows {
                kept.push(None);
                let known = visible_types.get(row.type_name.as_str()).copied();
                let resolved = match known
                    .map(Symbol::Type)
                    .or_else(|| self.symbols.get(&row.type_name).copied())
                {
                    Some(Symbol::Type(id))
                        if known.is_some()
                            || self.is_visible(
                                lexicon.declared_in,
                                self.type_files[id.0 as usize],
                            ) =>
                    {
                        visible_types.insert(row.type_name.as_str(), id);
                        Some(id)
                    }
                    Some(Symbol::Type(id)) => {
                        let declared =
                            self.type_files[id.0 as usize].expect("built-ins are visible");
                        let declared = self.sources().get(declared).name.clone();
                        let here = self.sources().get(lexicon.declared_in).name.clone();
                        self.error(
                            Diagnostic::error(
                                "not-imported",
                                format!("lexicon row of type `{}`, which `{here}` (naming this lexicon) does not import", row.type_name),
                            )
                            .with_label(row.type_span, "not visible to the file naming this lexicon")
                            .with_help(format!("add `import \"{declared}\"` to `{here}`")),
                        );
                        None
                    }
                    _ => {
                        let help = did_you_mean(
                            &row.type_name,
                            self.symbol_names(|s| matches!(s, Symbol::Type(_))),
                        )
                        .unwrap_or_else(|| {
                            format!("declare it in a rule file: `type {}`", row.type_name)
                        });
                        self.error(
                            Diagnostic::error(
                                "lexicon-type",
                                format!("lexicon row of undeclared type `{}`", row.type_name),
                            )
                            .with_label(row.type_span, "not a type of this pack")
                            .with_help(help),
                        );
                        None
                    }
                };
                let phrase: std::borrow::Cow<'_, str> = if row
                    .phrase
                    .chars()
                    .any(|c| c.is_alphabetic() && !c.is_lowercase())
                {
                    row.phrase.to_lowercase().into()
                } else {
                    row.phrase.as_str().into()
                };
                let key = (
                    phrase,
                    row.type_name.as_str(),
                    row.code.as_str(),
                    row.exact,
                    row.dates,
                );
                if let Some(first) = seen.get(&key) {
                    let first = *first;
                    self.error(
                        Diagnostic::warning(
                            "duplicate-lexicon-row",
                            format!("lexicon row `{}` is listed twice", row.phrase),
                        )
                        .with_label(row.span, "listed again here")
                        .with_label(first, "first listed here")
                        .with_help("remove one of them; matching ignores case"),
                    );
                    continue;
                }
                seen.insert(key, row.span);
                if let Some(ty) = resolved {
                    if matches!(ty, PROPER | NUMBER) {
                        self.error(
                            Diagnostic::error("lexicon-type", format!("lexicon rows cannot have the built-in type `{}`", row.type_name))
                                .with_label(row.type_span, "built-in type")
                                .with_help("built-in types are found by their shape, not listed; declare a type of your own"),
                        );
                        continue;
                    }
                    *kept.last_mut().expect("pushed for this row") = Some(ty);
                }
            }
        }
        let rows = lexicons.into_iter().flat_map(|lexicon| lexicon.rows);
        self.lexicon.reserve_exact(kept.iter().flatten().count());
        for (row, ty) in rows.zip(kept) {
            if let Some(ty) = ty {
                self.lexicon.push(LexiconEntry {
                    phrase: row.phrase,
                    ty,
                    code: row.code,
                    exact: row.exact,
                    dates: row.dates,
                    span: row.span,
                });
            }
        }
    }

    pub(super) fn warn_unused_word_classes(&mut self) {
        // An item that failed to parse may use a class: its file's text
        // is all there is to go by.
        let unparsed_files: BTreeSet<FileId> = self
            .loaded
            .diagnostics
            .iter()
            .filter(|d| matches!(d.code, "syntax" | "unclosed-quote" | "nesting-too-deep"))
            .filter_map(|d| d.primary_span().map(|s| s.file))
            .collect();
        let maybe_used = |name: &str| {
            let reference = format!("@{name}");
            unparsed_files
                .iter()
                .any(|&file| self.sources().get(file).text.contains(&reference))
        };
        let unused: Vec<Diagnostic> = self
            .classes
            .iter()
            .filter(|c| !c.used)
            .filter_map(|c| c.decl)
            .filter(|decl| !decl.entries.is_empty() && !maybe_used(&decl.name.text))
            .map(|decl| {
                Diagnostic::warning(
                    "unused-word-class",
                    format!("word class `@{}` is never used", decl.name.text),
                )
                .with_label(decl.name.span, "declared here, used by no pattern")
                .with_help(format!(
                    "use it in a pattern as `@{}`, or remove it",
                    decl.name.text
                ))
            })
            .collect();
        self.diagnostics.extend(unused);
    }
}

/// Cycles in a parent forest: each cycle once, as member indices in parent
/// order, starting at its smallest index.
fn find_parent_cycles(parents: &[Option<usize>]) -> Vec<Vec<usize>> {
    // 0 = unvisited, 1 = on the current walk, 2 = finished.
    let mut state = vec![0u8; parents.len()];
    let mut cycles = Vec::new();
    for start in 0..parents.len() {
        let mut walk = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            match state[node] {
                2 => break,
                1 => {
                    let from = walk
                        .iter()
                        .position(|&n| n == node)
                        .expect("node is on the walk");
                    let mut cycle = walk[from..].to_vec();
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, n)| **n)
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    cycles.push(cycle);
                    break;
                }
                _ => {
                    state[node] = 1;
                    walk.push(node);
                    current = parents[node];
                }
            }
        }
        for node in walk {
            state[node] = 2;
        }
    }
    cycles
}

/// A written entry of a word class or discard list, folded to lowercase.
fn class_entry(entry: &WordEntry) -> WordClassEntry {
    WordClassEntry {
        words: entry.words.iter().map(|w| w.to_lowercase()).collect(),
        exact: entry.exact,
    }
}

#[cfg(test)]
mod tests {
    use super::find_parent_cycles;

    #[test]
    fn cycles_are_found_once() {
        // 0 -> 1 -> 2 -> 0, 3 -> 1, 4 -> 4, 5 root
        let parents = [Some(1), Some(2), Some(0), Some(1), Some(4), None];
        assert_eq!(find_parent_cycles(&parents), vec![vec![0, 1, 2], vec![4]]);
    }
}
