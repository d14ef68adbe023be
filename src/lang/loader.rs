//! Reading a pack from disk: its rule files, their imports and the lexicons
//! they name. Paths in a pack are relative to the pack root and may not leave
//! it (see [`crate::files::confine`]).

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use super::ast::{Item, RuleFile, StringLit};
use super::diagnostic::Diagnostic;
use super::lexicon::{LexiconRow, parse_lexicon};
use super::source::{FileId, SourceMap, Span};
use super::syntax::parse_file;
use crate::files::confine::{
    MAX_LEXICON_FILE_BYTES, MAX_RULE_FILE_BYTES, PackFile, PackRoot, Refused,
};
use rayon::prelude::*;

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
    /// Each file read, by its real path: a file has one id however it is named.
    file_ids: HashMap<PackFile, FileId>,
    /// What each import of each file resolved to.
    resolved: HashMap<(FileId, String), PackFile>,
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
///
/// Every file is read under the pack's confinement rule
/// ([`crate::files::confine`]): inside the pack, a regular file, under its
/// size cap, one name per file.
pub fn read_pack(path: &Path) -> LoadedFiles {
    read_pack_with(path, &Overrides::default())
}

/// Rule text a wave of files must hold to be parsed on several threads.
const PARALLEL_PARSE_BYTES: usize = 1 << 20;

/// Reads a pack like [`read_pack`], taking the text of the files in
/// `overrides` from there instead of from disk. An unsaved file counts as
/// a file of the pack; it is never read from disk.
pub fn read_pack_with(path: &Path, overrides: &Overrides) -> LoadedFiles {
    let mut loaded = LoadedFiles {
        overrides: overrides.clone(),
        ..LoadedFiles::default()
    };
    let (root, entry) = if path.is_dir() {
        (path.to_path_buf(), None)
    } else if overrides.exists(path) {
        let root = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        (root, Some(path))
    } else {
        loaded.diagnostics.push(
            Diagnostic::error("io", format!("pack {} does not exist", path.display()))
                .with_help("give a pack folder (holding .evr files) or one .evr file"),
        );
        return loaded;
    };
    let pack_root = match PackRoot::new(&root) {
        Ok(pack_root) => pack_root,
        Err(error) => {
            loaded.diagnostics.push(Diagnostic::error(
                "io",
                format!("cannot read pack folder {}: {error}", root.display()),
            ));
            return loaded;
        }
    };
    loaded.root = root;
    let mut queue: Vec<PackFile> = Vec::new();
    match entry {
        Some(file) if !file.exists() => queue.push(PackFile::unsaved(normalize(file))),
        Some(file) => match pack_root.check(file) {
            Ok(file) => queue.push(file),
            Err(reason) => loaded.diagnostics.push(Diagnostic::error(
                "pack-file",
                format!("cannot read {}: {reason}", file.display()),
            )),
        },
        None => {
            let (files, skipped) = pack_root.walk("evr");
            for skip in skipped {
                let shown = skip
                    .path
                    .strip_prefix(pack_root.real())
                    .unwrap_or(&skip.path);
                let diagnostic = match skip.reason {
                    // A folder link is simply not part of the pack.
                    Refused::NotRegular(kind) if kind.starts_with("a link to a folder") => {
                        Diagnostic::warning(
                            "pack-link",
                            format!("{} is {kind}", shown.display()),
                        )
                        .with_help("a pack's rule files are the files inside its folder; links to folders are not walked")
                    }
                    reason => Diagnostic::error(
                        "pack-file",
                        format!("cannot read {}: {reason}", shown.display()),
                    )
                    .with_help("a pack's rule files must be regular files inside the pack folder"),
                };
                loaded.diagnostics.push(diagnostic);
            }
            let mut files = files;
            for unsaved in overrides.rule_files_below(&loaded.root) {
                if !unsaved.exists() {
                    files.push(PackFile::unsaved(unsaved));
                }
            }
            if files.is_empty() && loaded.diagnostics.is_empty() {
                loaded.diagnostics.push(Diagnostic::error(
                    "empty-pack",
                    format!("pack folder {} holds no .evr files", path.display()),
                ));
            }
            queue = files;
        }
    }
    // In waves: each wave's files are read in queue order, parsed in
    // parallel (parsing dominates loading a large pack), and their imports
    // queued in that order, so files, diagnostics and rule files come in
    // the same order as one by one.
    let mut index = 0;
    while index < queue.len() {
        let mut wave = Vec::new();
        while index < queue.len() {
            let file = queue[index].clone();
            index += 1;
            if loaded.file_ids.contains_key(&file) {
                continue;
            }
            wave.push(loaded.add_file(&pack_root, file));
        }
        let sources = &loaded.sources;
        let parse = |added: Result<FileId, Diagnostic>| {
            added.map(|id| (id, parse_file(id, &sources.get(id).text)))
        };
        let bytes: usize = wave
            .iter()
            .flatten()
            .map(|&id| sources.get(id).text.len())
            .sum();
        // Worker threads cost memory (their own allocator arenas) that a
        // small pack's parse does not win back in time.
        let parsed: Vec<_> = if bytes >= PARALLEL_PARSE_BYTES {
            // Largest file first, each to the next free thread: split in
            // halves by position, the CAMEO pack's largest file (a sixth
            // of its text) left one thread parsing alone for a while.
            let size = |added: &Result<FileId, Diagnostic>| {
                added.as_ref().map_or(0, |&id| sources.get(id).text.len())
            };
            let mut by_size: Vec<(usize, Result<FileId, Diagnostic>)> =
                wave.into_iter().enumerate().collect();
            by_size.sort_by_key(|(_, added)| std::cmp::Reverse(size(added)));
            let mut parsed: Vec<_> = by_size
                .into_iter()
                .par_bridge()
                .map(|(index, added)| (index, parse(added)))
                .collect();
            // Back in queue order.
            parsed.sort_unstable_by_key(|&(index, _)| index);
            parsed.into_iter().map(|(_, parsed)| parsed).collect()
        } else {
            wave.into_iter().map(parse).collect()
        };
        for parsed in parsed {
            let (id, (rule_file, mut diagnostics)) = match parsed {
                Ok(parsed) => parsed,
                Err(refused) => {
                    loaded.diagnostics.push(refused);
                    continue;
                }
            };
            loaded.diagnostics.append(&mut diagnostics);
            for item in &rule_file.items {
                if let Item::Import(target) = item
                    && let Some(target_file) = loaded.resolve(&pack_root, target, "import")
                {
                    loaded
                        .resolved
                        .insert((id, target.value.clone()), target_file.clone());
                    queue.push(target_file);
                }
            }
            loaded.rule_files.push(rule_file);
        }
    }
    loaded.link_imports();
    loaded.read_lexicons(&pack_root);
    loaded
}

impl LoadedFiles {
    /// Reads a rule file into the sources; the error instead when it cannot
    /// be read or is not UTF-8, so that it is not parsed.
    fn add_file(&mut self, root: &PackRoot, file: PackFile) -> Result<FileId, Diagnostic> {
        let name = self.name_of(root, &file);
        let bytes = self
            .read_file(root, &file, MAX_RULE_FILE_BYTES)
            .map_err(|reason| {
                Diagnostic::error("pack-file", format!("cannot read {name}: {reason}"))
            })?;
        let (text, bad_byte) = decode(bytes);
        let shown = self.root.join(&name);
        let id = self.sources.add(name, shown, text);
        self.file_ids.insert(file, id);
        match bad_byte {
            Some(at) => Err(Diagnostic::error("encoding", "rule file is not UTF-8")
                .with_label(Span::new(id, at, at + 3), "invalid UTF-8 byte here")
                .with_help("save the file as UTF-8")),
            None => Ok(id),
        }
    }

    /// A file's name relative to the pack root, with `/` separators.
    fn name_of(&self, root: &PackRoot, file: &PackFile) -> String {
        let relative = match file.path().strip_prefix(root.real()) {
            Ok(_) => return root.display_name(file),
            Err(_) => file
                .path()
                .strip_prefix(normalize(&self.root))
                .unwrap_or(file.path()),
        };
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// A file's bytes: the editor's text if it has one, else the file read
    /// under the confinement rule.
    fn read_file(&self, root: &PackRoot, file: &PackFile, max: u64) -> Result<Vec<u8>, Refused> {
        let shown = self.root.join(self.name_of(root, file));
        match self
            .overrides
            .get(&shown)
            .or_else(|| self.overrides.get(file.path()))
        {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => root.read(file, max),
        }
    }

    /// A path written in the pack, resolved under the confinement rule;
    /// `None` (with a diagnostic) when it may not be read.
    fn resolve(&mut self, root: &PackRoot, written: &StringLit, what: &str) -> Option<PackFile> {
        // A file the editor has and the disk has not yet.
        if let Some(relative) = crate::files::confine::normalise(Path::new(&written.value)) {
            let full = normalize(&self.root.join(relative));
            if !full.exists() && self.overrides.get(&full).is_some() {
                return Some(PackFile::unsaved(full));
            }
        }
        let diagnostic = match root.resolve_written(&written.value) {
            Ok(file) => return Some(file),
            Err(Refused::Outside) => {
                Diagnostic::error("path-outside-pack", format!("{what} path leaves the pack"))
                    .with_label(written.span, "not inside the pack folder")
                    .with_help("paths are relative to the pack folder and must stay inside it")
            }
            Err(Refused::LinkOutside(_)) => Diagnostic::error(
                "path-outside-pack",
                format!("{what} path leaves the pack"),
            )
            .with_label(written.span, "a link to a file outside the pack folder")
            .with_help(
                "paths are relative to the pack folder and must stay inside it, links resolved",
            ),
            Err(Refused::Missing) => Diagnostic::error(
                "missing-file",
                format!("{what} file `{}` not found", written.value),
            )
            .with_label(written.span, "no such file in the pack folder")
            .with_help("paths are relative to the pack folder"),
            Err(reason) => Diagnostic::error(
                "pack-file",
                format!("cannot read {what} file `{}`: {reason}", written.value),
            )
            .with_label(written.span, "named here"),
        };
        self.diagnostics.push(diagnostic);
        None
    }

    fn link_imports(&mut self) {
        let mut imports = BTreeMap::new();
        for rule_file in &self.rule_files {
            let mut targets = Vec::new();
            for item in &rule_file.items {
                if let Item::Import(target) = item
                    && let Some(file) = self.resolved.get(&(rule_file.file, target.value.clone()))
                    && let Some(&id) = self.file_ids.get(file)
                {
                    targets.push(id);
                }
            }
            imports.insert(rule_file.file, targets);
        }
        self.imports = imports;
    }

    fn read_lexicons(&mut self, root: &PackRoot) {
        let mut named: Vec<(FileId, StringLit)> = Vec::new();
        for rule_file in &self.rule_files {
            for item in &rule_file.items {
                if let Item::Lexicon(path) = item {
                    named.push((rule_file.file, path.clone()));
                }
            }
        }
        for (declared_in, written) in named {
            let Some(file) = self.resolve(root, &written, "lexicon") else {
                continue;
            };
            if self.file_ids.contains_key(&file) {
                self.diagnostics.push(
                    Diagnostic::warning("duplicate-lexicon", "lexicon is named twice")
                        .with_label(written.span, "already loaded; its rows count once"),
                );
                continue;
            }
            let bytes = match self.read_file(root, &file, MAX_LEXICON_FILE_BYTES) {
                Ok(bytes) => bytes,
                Err(reason) => {
                    self.diagnostics.push(
                        Diagnostic::error("pack-file", format!("cannot read lexicon: {reason}"))
                            .with_label(written.span, "named here"),
                    );
                    continue;
                }
            };
            let (text, bad_byte) = decode(bytes);
            let name = self.name_of(root, &file);
            let shown = self.root.join(&name);
            let id = self.sources.add(name, shown, text);
            self.file_ids.insert(file, id);
            let file = id;
            if let Some(at) = bad_byte {
                self.diagnostics.push(
                    Diagnostic::error("lexicon-encoding", "lexicon is not UTF-8")
                        .with_label(Span::new(id, at, at + 3), "invalid UTF-8 byte here")
                        .with_label(written.span, "named here")
                        .with_help("save the lexicon as UTF-8"),
                );
                continue;
            }
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

/// A file's text, and the offset of its first byte that is not UTF-8. The
/// text then has replacement characters, and keeps every byte before the
/// bad one, so a span at that offset (3 bytes: the replacement character)
/// points at it.
fn decode(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(error.as_bytes()).into_owned(),
                Some(at),
            )
        }
    }
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
