//! The files `evrule fmt` works on, and writing them safely.

use std::path::{Path, PathBuf};

/// The `.evr` files of the given paths: a file as given, a folder searched
/// recursively (hidden folders skipped), sorted and without duplicates.
pub fn rule_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "evr") {
            out.push(path);
        }
    }
    Ok(())
}

/// Replaces a file's content: writes a temporary file next to it (same
/// permissions) and renames it over the original, so that an interrupted
/// run leaves either the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.{}.fmt-tmp", std::process::id()));
    let result = std::fs::write(&temp, text)
        .and_then(|()| {
            let permissions = std::fs::metadata(path)?.permissions();
            std::fs::set_permissions(&temp, permissions)
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("evrule-fmt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.evr");
        std::fs::write(&file, "type  A\n").unwrap();
        write_atomically(&file, "type A\n").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "type A\n");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.evr"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
