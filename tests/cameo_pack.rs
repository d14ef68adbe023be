//! `rules/cameo`, the CAMEO pack generated from PETRARCH2's Phoenix
//! dictionaries by `tools/gen_cameo.sh`: importing `../shared/petrarch`
//! again gives the committed bytes, file for file (`README.md`, written by
//! hand, aside), and the pack checks with no diagnostic. Skipped, with a
//! message, when `../shared/petrarch` is absent.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The files below `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("below root").to_path_buf();
                out.insert(relative, std::fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn evrule(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run evrule")
}

#[test]
fn regenerating_rules_cameo_gives_the_committed_bytes() {
    let Some(shared) = support::shared_dir() else {
        return;
    };
    let dir = shared.join("petrarch");
    let names = [
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
    ];
    if let Some(missing) = names.iter().find(|n| !dir.join(n).is_file()) {
        eprintln!("skipping: {} is absent", dir.join(missing).display());
        return;
    }
    let file = |name: &str| dir.join(name).display().to_string();
    let out = tempfile::tempdir().expect("temporary folder");
    let out_path = out.path().display().to_string();
    let output = evrule(&[
        "import",
        "petrarch",
        "--verbs",
        &file(names[0]),
        "--actors",
        &file(names[1]),
        "--actors",
        &file(names[2]),
        "--actors",
        &file(names[3]),
        "--agents",
        &file(names[4]),
        "--discards",
        &file(names[5]),
        "--out",
        &out_path,
    ]);
    assert!(
        output.status.success(),
        "import failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/cameo");
    let mut committed = files(&committed_dir);
    assert!(
        committed.remove(Path::new("README.md")).is_some(),
        "rules/cameo/README.md (provenance and license) is missing"
    );
    let generated = files(out.path());
    let differing: Vec<String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|path| generated.get(*path) != committed.get(*path))
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        differing.is_empty(),
        "rules/cameo differs from a fresh import in {differing:?}; run `bash tools/gen_cameo.sh` and commit"
    );

    let check = evrule(&["check", "rules/cameo", "--deny-warnings"]);
    assert!(
        check.status.success(),
        "evrule check rules/cameo:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}
