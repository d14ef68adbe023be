//! Reading a pack from disk: its rule files, their imports and the lexicons
//! they name. Paths in a pack are relative to the pack root and may not leave it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use super::ast::{Item, RuleFile, StringLit};
use super::diagnostic::Diagnostic;
use super::lexicon::{LexiconRow, parse_lexicon};
use super::source::{FileId, SourceMap};
use super::syntax::parse_file;

/// Everything read from disk, parsed but not yet checked.
#[derive(Debug, Default)]
pub struct LoadedFiles {
    pub root: PathBuf,
    pub sources: SourceMap,
    pub rule_files: Vec<RuleFile>,
    /// Files each rule file imports (directly).
    pub imports: BTreeMap<FileId, Vec<FileId>>,
    /// Lexicons: the rule file that names it, the lexicon file, its rows.
    pub lexicons: Vec<LexiconFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Unsaved texts read instead of the files on disk.
    pub overrides: Overrides,
}

/// Texts to use instead of what is on disk, by path: an editor's unsaved
/// buffers (`evrule lsp`). A path here counts as an existing file, so a
/// new rule file that was never saved is part of its pack. Paths are
/// compared after lexical normalisation (`a/./b/../c` is `a/c`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    texts: HashMap<PathBuf, String>,
}

impl Overrides {
    pub fn insert(&mut self, path: &Path, text: String) {
        self.texts.insert(normalize(path), text);
    }

    fn get(&self, path: &Path) -> Option<&str> {
        if self.texts.is_empty() {
            return None;
        }
        self.texts.get(&normalize(path)).map(String::as_str)
    }

    fn exists(&self, path: &Path) -> bool {
        self.get(path).is_some() || path.is_file()
    }

    /// The rule files given here that lie below `root`.
    fn rule_files_below(&self, root: &Path) -> Vec<PathBuf> {
        let root = normalize(root);
        self.texts
            .keys()
            .filter(|p| p.starts_with(&root) && p.extension().is_some_and(|e| e == "evr"))
            .cloned()
            .collect()
    }

    fn read_to_string(&self, path: &Path) -> std::io::Result<String> {
        match self.get(path) {
            Some(text) => Ok(text.to_string()),
            None => std::fs::read_to_string(path),
        }
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.get(path) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => std::fs::read(path),
        }
    }
}

/// Whether a path written in a pack (relative to its root) stays inside
/// the pack folder: not absolute, and never above the root on the way
/// (`a/../b` stays, `../b` and `a/../../b` leave). Links are checked
/// separately, against the real path. `evrule serve` confines the paths
/// its page asks for by this same rule.
pub fn stays_inside(relative: &Path) -> bool {
    !relative.is_absolute()
        && relative
            .components()
            .try_fold(0i32, |depth, c| match c {
                Component::ParentDir if depth == 0 => None,
                Component::ParentDir => Some(depth - 1),
                Component::Normal(_) => Some(depth + 1),
                Component::Prefix(_) | Component::RootDir => None,
                Component::CurDir => Some(depth),
            })
            .is_some()
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[derive(Debug)]
pub struct LexiconFile {
    pub declared_in: FileId,
    pub file: FileId,
    pub rows: Vec<LexiconRow>,
}

/// Reads a pack: a folder (every `.evr` file below it) or a single `.evr`
/// file (that file and what it imports, with its folder as the pack root).
pub fn read_pack(path: &Path) -> LoadedFiles {
    read_pack_with(path, &Overrides::default())
}

/// Reads a pack like [`read_pack`], taking the text of the files in
/// `overrides` from there instead of from disk.
pub fn read_pack_with(path: &Path, overrides: &Overrides) -> LoadedFiles {
    let mut loaded = LoadedFiles {
        overrides: overrides.clone(),
        ..LoadedFiles::default()
    };
    let (root, entry_files) = if path.is_dir() {
        let mut files = Vec::new();
        if let Err(error) = collect_rule_files(path, &mut files) {
            loaded.diagnostics.push(Diagnostic::error(
                "io",
                format!("cannot read pack folder {}: {error}", path.display()),
            ));
        }
        for unsaved in overrides.rule_files_below(path) {
            if !files.iter().any(|f| normalize(f) == unsaved) {
                files.push(unsaved);
            }
        }
        files.sort();
        (path.to_path_buf(), files)
    } else if overrides.exists(path) {
        let root = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        (root, vec![path.to_path_buf()])
    } else {
        loaded.diagnostics.push(
            Diagnostic::error("io", format!("pack {} does not exist", path.display()))
                .with_help("give a pack folder (holding .evr files) or one .evr file"),
        );
        return loaded;
    };
    loaded.root = root;
    if entry_files.is_empty() && loaded.diagnostics.is_empty() {
        loaded.diagnostics.push(Diagnostic::error(
            "empty-pack",
            format!("pack folder {} holds no .evr files", path.display()),
        ));
    }
    let mut queue: Vec<PathBuf> = entry_files;
    let mut index = 0;
    while index < queue.len() {
        let file_path = queue[index].clone();
        index += 1;
        if loaded.sources.find_by_path(&file_path).is_some() {
            continue;
        }
        let text = match loaded.overrides.read_to_string(&file_path) {
            Ok(text) => text,
            Err(error) => {
                loaded.diagnostics.push(Diagnostic::error(
                    "io",
                    format!("cannot read {}: {error}", file_path.display()),
                ));
                continue;
            }
        };
        let name = display_name(&loaded.root, &file_path);
        let id = loaded.sources.add(name, file_path, text);
        let (rule_file, mut diagnostics) = parse_file(id, &loaded.sources.get(id).text);
        loaded.diagnostics.append(&mut diagnostics);
        for item in &rule_file.items {
            if let Item::Import(target) = item
                && let Some(target_path) = loaded.resolve(target, "import")
            {
                queue.push(target_path);
            }
        }
        loaded.rule_files.push(rule_file);
    }
    loaded.link_imports();
    loaded.read_lexicons();
    loaded
}

impl LoadedFiles {
    /// A path written in the pack, resolved against the root; `None` (with a
    /// diagnostic) when it leaves the pack or does not exist.
    fn resolve(&mut self, written: &StringLit, what: &str) -> Option<PathBuf> {
        let relative = Path::new(&written.value);
        if !stays_inside(relative) {
            self.diagnostics.push(
                Diagnostic::error("path-outside-pack", format!("{what} path leaves the pack"))
                    .with_label(written.span, "not inside the pack folder")
                    .with_help("paths are relative to the pack folder and must stay inside it"),
            );
            return None;
        }
        let full = self.root.join(relative);
        if !self.overrides.exists(&full) {
            self.diagnostics.push(
                Diagnostic::error(
                    "missing-file",
                    format!("{what} file `{}` not found", written.value),
                )
                .with_label(written.span, "no such file in the pack folder")
                .with_help("paths are relative to the pack folder"),
            );
            return None;
        }
        // A symlink inside the pack could still point outside it.
        if let (Ok(canonical), Ok(root)) = (full.canonicalize(), self.root.canonicalize())
            && !canonical.starts_with(&root)
        {
            self.diagnostics.push(
                Diagnostic::error("path-outside-pack", format!("{what} path leaves the pack"))
                    .with_label(written.span, "resolves outside the pack folder"),
            );
            return None;
        }
        Some(full)
    }

    fn link_imports(&mut self) {
        let mut imports = BTreeMap::new();
        for rule_file in &self.rule_files {
            let mut targets = Vec::new();
            for item in &rule_file.items {
                if let Item::Import(target) = item {
                    let full = self.root.join(&target.value);
                    if let Some(id) = self.sources.find_by_path(&full) {
                        targets.push(id);
                    }
                }
            }
            imports.insert(rule_file.file, targets);
        }
        self.imports = imports;
    }

    fn read_lexicons(&mut self) {
        let mut named: Vec<(FileId, StringLit)> = Vec::new();
        for rule_file in &self.rule_files {
            for item in &rule_file.items {
                if let Item::Lexicon(path) = item {
                    named.push((rule_file.file, path.clone()));
                }
            }
        }
        for (declared_in, written) in named {
            let Some(full) = self.resolve(&written, "lexicon") else {
                continue;
            };
            if self.sources.find_by_path(&full).is_some() {
                self.diagnostics.push(
                    Diagnostic::warning("duplicate-lexicon", "lexicon is named twice")
                        .with_label(written.span, "already loaded; its rows count once"),
                );
                continue;
            }
            let text = match self.overrides.read(&full) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(error) => {
                        self.diagnostics.push(
                            Diagnostic::error(
                                "lexicon-encoding",
                                format!(
                                    "lexicon `{}` is not UTF-8 (bad byte at offset {})",
                                    written.value,
                                    error.utf8_error().valid_up_to()
                                ),
                            )
                            .with_label(written.span, "named here"),
                        );
                        continue;
                    }
                },
                Err(error) => {
                    self.diagnostics.push(
                        Diagnostic::error("io", format!("cannot read lexicon: {error}"))
                            .with_label(written.span, "named here"),
                    );
                    continue;
                }
            };
            let name = display_name(&self.root, &full);
            let file = self.sources.add(name, full, text);
            let (rows, mut diagnostics) = parse_lexicon(file, &self.sources.get(file).text);
            self.diagnostics.append(&mut diagnostics);
            self.lexicons.push(LexiconFile {
                declared_in,
                file,
                rows,
            });
        }
    }
}

fn collect_rule_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_rule_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "evr") {
            out.push(path);
        }
    }
    Ok(())
}

fn display_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overridden_texts_replace_the_files_and_add_unsaved_ones() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("main.evr"), "type A :\n").expect("write");
        let (on_disk, _, diagnostics) = crate::lang::check::check(read_pack(dir.path()));
        assert!(on_disk.is_none() && !diagnostics.is_empty());

        let mut overrides = Overrides::default();
        overrides.insert(&dir.path().join("main.evr"), "type A\n".into());
        overrides.insert(
            &dir.path().join("sub/../new.evr"),
            "import \"main.evr\"\ntype B : A\n".into(),
        );
        let files = read_pack_with(dir.path(), &overrides);
        let names: Vec<&str> = files.sources.iter().map(|(_, f)| f.name.as_str()).collect();
        assert_eq!(names, ["main.evr", "new.evr"]);
        let (pack, _, diagnostics) = crate::lang::check::check(files);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(pack.expect("a pack").types.len(), 4);
    }
}
