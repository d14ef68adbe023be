//! Static checks: resolve every name of every file and validate the pack.
//!
//! All problems are collected in one run, errors and warnings alike; a
//! [`Pack`] is produced only when there is no error. Checks that depend on a
//! broken declaration skip it rather than report a second, derived error.

mod cascade;
mod declarations;
mod rules;
mod tokens;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::ast::{Name, RuleDecl};
use super::diagnostic::{Diagnostic, Label};
use super::loader::LoadedFiles;
use super::pack::*;
use super::source::{FileId, SourceMap, Span};
use super::suggest::did_you_mean;

/// Checks what the loader read. Returns the pack when there is no error.
pub fn check(mut loaded: LoadedFiles) -> (Option<Pack>, SourceMap, Vec<Diagnostic>) {
    // The rows move into the pack: the CAMEO pack has seventy thousand.
    let lexicons = std::mem::take(&mut loaded.lexicons);
    let lexicon_file_count = lexicons.len();
    let mut checker = Checker::new(&loaded);
    checker.declare_all();
    checker.resolve_types();
    checker.resolve_events();
    checker.collect_word_classes();
    checker.resolve_builtin_lists();
    let rows: usize = lexicons.iter().map(|lexicon| lexicon.rows.len()).sum();
    let rules = if rows >= PARALLEL_LEXICON_ROWS {
        // Side by side: neither reads what the other writes, and the
        // diagnostics are sorted by place at the end.
        let mut lexicon_side = checker.side_copy();
        let (rules, ()) = rayon::join(
            || checker.check_rules(),
            || lexicon_side.collect_lexicon(lexicons),
        );
        checker.lexicon = lexicon_side.lexicon;
        checker.diagnostics.append(&mut lexicon_side.diagnostics);
        rules
    } else {
        checker.collect_lexicon(lexicons);
        checker.check_rules()
    };
    let entity_order = checker.order_entity_rules(&rules);
    checker.warn_unreachable_rules(&rules);
    checker.warn_unused_word_classes();

    let discards = checker.collect_discards();
    let Checker {
        diagnostics,
        types,
        events,
        classes,
        lexicon,
        ..
    } = checker;
    let events: Vec<EventDef> = events.into_iter().map(|e| e.def).collect();
    let word_classes: Vec<WordClassDef> = classes.into_iter().map(|c| c.def).collect();
    let mut diagnostics: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .cloned()
        .chain(diagnostics)
        .collect();
    super::diagnostic::sort_diagnostics(&mut diagnostics);
    let rule_file_count = loaded.rule_files.len();
    let LoadedFiles {
        root,
        sources,
        rule_files,
        ..
    } = loaded;
    let bytes = sources.iter().map(|(_, file)| file.text.len()).sum();
    free_in_background(rule_files, bytes);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, sources, diagnostics);
    }
    let pack = Pack {
        root,
        sources: sources.clone(),
        types,
        events,
        word_classes,
        lexicon,
        discards,
        rules,
        entity_order,
        rule_file_count,
        lexicon_file_count,
    };
    (Some(pack), sources, diagnostics)
}

/// From this many lexicon rows on, the rows are checked beside the rules
/// (the CAMEO pack has seventy thousand).
const PARALLEL_LEXICON_ROWS: usize = 10_000;

/// Above this many bytes of pack text, the syntax trees are freed on
/// another thread: piece by piece, a CAMEO-sized pack's take 20 ms that
/// compiling need not wait for.
const BACKGROUND_FREE_BYTES: usize = 1 << 20;

/// Frees the syntax trees: on another thread for a large pack, here for a
/// small one or when no thread can be started (the closure, and the trees
/// with it, are then dropped here).
fn free_in_background(rule_files: Vec<super::ast::RuleFile>, bytes: usize) {
    if bytes >= BACKGROUND_FREE_BYTES {
        let _ = std::thread::Builder::new().spawn(move || drop(rule_files));
    }
}

/// What a name in the type/event namespace refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol {
    Type(TypeId),
    Event(EventId),
}

#[derive(Clone)]
struct EventEntry<'a> {
    def: EventDef,
    decl: &'a super::ast::EventDecl,
    file: FileId,
}

#[derive(Clone)]
struct ClassEntry<'a> {
    def: WordClassDef,
    /// The declaration; `None` for a built-in list.
    decl: Option<&'a super::ast::WordClassDecl>,
    /// The declaring file; `None` for a built-in list (visible everywhere).
    file: Option<FileId>,
    used: bool,
}

#[derive(Clone)]
struct Checker<'a> {
    loaded: &'a LoadedFiles,
    diagnostics: Vec<Diagnostic>,
    /// For each rule file, the files whose names it may use: itself and
    /// everything it imports, directly or not.
    visible: BTreeMap<FileId, BTreeSet<FileId>>,
    symbols: HashMap<String, Symbol>,
    types: Vec<TypeDef>,
    /// Declaring file of each type (`None` for built-ins).
    type_files: Vec<Option<FileId>>,
    type_decls: Vec<Option<&'a super::ast::TypeDecl>>,
    events: Vec<EventEntry<'a>>,
    classes: Vec<ClassEntry<'a>>,
    class_index: HashMap<String, ClassId>,
    /// `words` items with a dotted name: changes to built-in lists.
    list_edits: Vec<&'a super::ast::WordClassDecl>,
    rule_decls: Vec<(&'a RuleDecl, FileId)>,
    lexicon: Vec<LexiconEntry>,
    /// Name errors already reported, by (code, name, file): a name that is
    /// wrong once is wrong everywhere in its file, so later uses only add
    /// a label to the first report (index into `diagnostics`).
    reported_names: HashMap<(&'static str, String, FileId), usize>,
    /// Errors folded into an earlier report by `name_error`: they still
    /// make the item that has them fail.
    folded_errors: usize,
    discards: Vec<(&'a super::ast::DiscardDecl, FileId)>,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a LoadedFiles) -> Checker<'a> {
        let mut visible = BTreeMap::new();
        for rule_file in &loaded.rule_files {
            let mut seen = BTreeSet::from([rule_file.file]);
            let mut stack = vec![rule_file.file];
            while let Some(file) = stack.pop() {
                for target in loaded.imports.get(&file).into_iter().flatten() {
                    if seen.insert(*target) {
                        stack.push(*target);
                    }
                }
            }
            visible.insert(rule_file.file, seen);
        }
        let mut checker = Checker {
            loaded,
            diagnostics: Vec::new(),
            visible,
            symbols: HashMap::new(),
            types: Vec::new(),
            type_files: Vec::new(),
            type_decls: Vec::new(),
            events: Vec::new(),
            classes: Vec::new(),
            class_index: HashMap::new(),
            list_edits: Vec::new(),
            rule_decls: Vec::new(),
            lexicon: Vec::new(),
            reported_names: HashMap::new(),
            folded_errors: 0,
            discards: Vec::new(),
        };
        for (name, _) in BUILTIN_TYPES {
            let id = TypeId(checker.types.len() as u32);
            checker.types.push(TypeDef {
                name: name.to_string(),
                parent: None,
                span: None,
            });
            checker.type_files.push(None);
            checker.type_decls.push(None);
            checker.symbols.insert(name.to_string(), Symbol::Type(id));
        }
        checker
    }

    /// A copy to check part of the pack on another thread: it starts with
    /// nothing reported and no lexicon rows (the largest part to copy, and
    /// one no other check reads).
    fn side_copy(&mut self) -> Checker<'a> {
        let diagnostics = std::mem::take(&mut self.diagnostics);
        let reported_names = std::mem::take(&mut self.reported_names);
        let lexicon = std::mem::take(&mut self.lexicon);
        let folded_errors = std::mem::replace(&mut self.folded_errors, 0);
        let copy = self.clone();
        self.diagnostics = diagnostics;
        self.reported_names = reported_names;
        self.lexicon = lexicon;
        self.folded_errors = folded_errors;
        copy
    }

    fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports a wrong name once per file: the first use gets `diagnostic`,
    /// later uses a label on it.
    fn name_error(&mut self, name: &Name, diagnostic: Diagnostic) {
        let key = (diagnostic.code, name.text.clone(), name.span.file);
        match self.reported_names.get(&key) {
            Some(&index) => {
                self.diagnostics[index].labels.push(Label {
                    span: name.span,
                    message: "and here".to_string(),
                });
                self.folded_errors += 1;
            }
            None => {
                self.reported_names.insert(key, self.diagnostics.len());
                self.error(diagnostic);
            }
        }
    }

    fn is_visible(&self, from: FileId, declared_in: Option<FileId>) -> bool {
        match declared_in {
            None => true,
            Some(file) => self.visible.get(&from).is_none_or(|v| v.contains(&file)),
        }
    }

    /// An error for a name that exists but lives in a file `from` does not import.
    fn not_imported(&self, what: &str, name: &Name, declared_in: FileId) -> Diagnostic {
        let declared = &self.sources().get(declared_in).name;
        let here = &self.sources().get(name.span.file).name;
        Diagnostic::error(
            "not-imported",
            format!(
                "{what} `{}` is declared in `{declared}`, which `{here}` does not import",
                name.text
            ),
        )
        .with_label(name.span, "not visible here")
        .with_help(format!("add `import \"{declared}\"` to `{here}`"))
    }

    fn symbol_names(&self, wanted: impl Fn(Symbol) -> bool) -> Vec<&str> {
        self.symbols
            .iter()
            .filter(|(_, s)| wanted(**s))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Resolves an entity type name used in file `name.span.file`.
    fn resolve_type(&mut self, name: &Name) -> Option<TypeId> {
        match self.symbols.get(&name.text).copied() {
            Some(Symbol::Type(id)) => {
                let declared_in = self.type_files[id.0 as usize];
                if self.is_visible(name.span.file, declared_in) {
                    Some(id)
                } else {
                    let diagnostic = self.not_imported(
                        "type",
                        name,
                        declared_in.expect("built-ins are visible"),
                    );
                    self.name_error(name, diagnostic);
                    None
                }
            }
            Some(Symbol::Event(_)) => {
                self.error(
                    Diagnostic::error(
                        "wrong-kind",
                        format!("`{}` is an event, not an entity type", name.text),
                    )
                    .with_label(name.span, "an entity type is needed here")
                    .with_help("slots, fields and lexicon rows take entity types (`type Name`); events are what rules emit"),
                );
                None
            }
            None => {
                let help = did_you_mean(
                    &name.text,
                    self.symbol_names(|s| matches!(s, Symbol::Type(_))),
                )
                .unwrap_or_else(|| format!("declare it: `type {}`", name.text));
                self.name_error(
                    name,
                    Diagnostic::error("unknown-type", format!("unknown type `{}`", name.text))
                        .with_label(name.span, "no type of this name in the pack")
                        .with_help(help),
                );
                None
            }
        }
    }

    fn resolve_types_union(&mut self, names: &[Name]) -> Option<Vec<TypeId>> {
        let mut ids = Vec::new();
        let mut ok = true;
        for name in names {
            match self.resolve_type(name) {
                Some(id) if ids.contains(&id) => {
                    self.error(
                        Diagnostic::warning(
                            "duplicate-type",
                            format!("`{}` is listed twice", name.text),
                        )
                        .with_label(name.span, "listed again"),
                    );
                }
                Some(id) => ids.push(id),
                None => ok = false,
            }
        }
        ok.then_some(ids)
    }

    fn resolve_event(&mut self, name: &Name) -> Option<EventId> {
        match self.symbols.get(&name.text).copied() {
            Some(Symbol::Event(id)) => {
                let declared_in = self.events[id.0 as usize].file;
                if self.is_visible(name.span.file, Some(declared_in)) {
                    Some(id)
                } else {
                    let diagnostic = self.not_imported("event", name, declared_in);
                    self.name_error(name, diagnostic);
                    None
                }
            }
            Some(Symbol::Type(_)) => {
                self.error(
                    Diagnostic::error(
                        "wrong-kind",
                        format!("`{}` is an entity type, not an event", name.text),
                    )
                    .with_label(name.span, "an event is needed here")
                    .with_help(
                        "`rule` emits events; to build entities of a type, write an `entity` rule",
                    ),
                );
                None
            }
            None => {
                let help = did_you_mean(
                    &name.text,
                    self.symbol_names(|s| matches!(s, Symbol::Event(_))),
                )
                .unwrap_or_else(|| format!("declare it: `event {} {{ … }}`", name.text));
                self.name_error(
                    name,
                    Diagnostic::error("unknown-event", format!("unknown event `{}`", name.text))
                        .with_label(name.span, "no event of this name in the pack")
                        .with_help(help),
                );
                None
            }
        }
    }

    fn resolve_class(&mut self, name: &Name) -> Option<ClassId> {
        match self.class_index.get(&name.text).copied() {
            Some(id) => {
                let entry = &self.classes[id.0 as usize];
                if self.is_visible(name.span.file, entry.file) {
                    self.classes[id.0 as usize].used = true;
                    Some(id)
                } else {
                    let file = entry.file.expect("built-in lists are visible");
                    let diagnostic = self.not_imported("word class", name, file);
                    self.name_error(name, diagnostic);
                    None
                }
            }
            None => {
                let help = did_you_mean(&name.text, self.class_index.keys().map(String::as_str))
                    .unwrap_or_else(|| format!("declare it: `words {} = …`", name.text));
                self.name_error(
                    name,
                    Diagnostic::error(
                        "unknown-word-class",
                        format!("unknown word class `@{}`", name.text),
                    )
                    .with_label(name.span, "no word class of this name")
                    .with_help(help),
                );
                None
            }
        }
    }

    /// A duplicate declaration: where it is, and where the first one is.
    fn duplicate(&mut self, what: &str, name: &Name, first: Option<Span>) {
        let mut diagnostic = Diagnostic::error(
            "duplicate-name",
            format!("{what} `{}` is declared twice", name.text),
        )
        .with_label(name.span, "declared again here");
        match first {
            Some(span) => diagnostic = diagnostic.with_label(span, "first declared here"),
            None => {
                diagnostic = diagnostic.with_help(format!("`{}` is a built-in type", name.text))
            }
        }
        self.error(diagnostic);
    }
}
