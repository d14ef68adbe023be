//! Corpus snapshots: never read or written through a link, written
//! atomically inside the pack, one distinct bounded name per document id
//! whatever its spelling, documents without events cost nothing, review
//! stops at once, stale snapshots can be pruned (never under CI).

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use evrule::testing::snapshot::snapshot_name;

use crate::harness::{Run, evrule, evrule_with, with_pack, write};

const ATTACK: &str = "Russia attacked Isis.";

fn snapshots(dir: &Path) -> PathBuf {
    dir.join("pack/__snapshots__")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn evrule_ci(dir: &Path, args: &[&str]) -> Run {
    evrule_with(dir, args, |command| {
        command.env("CI", "true");
    })
}

#[test]
fn a_snapshot_linked_to_a_file_outside_is_neither_read_nor_written_through() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    let victim = dir.path().join("victim.txt");
    write(&victim, "root:x:0:0:secret\n");
    let name = snapshot_name("docs/a.txt");
    std::fs::create_dir(snapshots(dir.path())).unwrap();
    symlink(&victim, snapshots(dir.path()).join(&name)).unwrap();
    symlink(&victim, snapshots(dir.path()).join(format!("{name}.new"))).unwrap();

    let run = evrule(dir.path(), &["test", "pack", "--corpus", "docs"]);
    run.assert_code(1);
    assert!(!run.stdout.contains("secret"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the snapshot is not read (it is a link, not a regular file)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "root:x:0:0:secret\n"
    );

    let run = evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--accept"],
    );
    run.assert_code(0);
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "root:x:0:0:secret\n"
    );
    let snapshot = snapshots(dir.path()).join(&name);
    assert!(snapshot.symlink_metadata().unwrap().is_file());
    assert!(
        std::fs::read_to_string(snapshot)
            .unwrap()
            .contains("document: docs/a.txt")
    );
    assert_eq!(names(&snapshots(dir.path())), [name]);
}

#[test]
fn a_snapshot_folder_that_is_a_link_is_refused() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    symlink(dir.path().join("elsewhere"), snapshots(dir.path())).unwrap();
    let run = evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--accept"],
    );
    run.assert_code(4);
    assert!(
        run.stderr.contains("__snapshots__ is a link, not a folder"),
        "{}",
        run.stderr
    );
    assert!(names(&dir.path().join("elsewhere")).is_empty());
}

#[test]
fn ids_one_slug_would_merge_get_distinct_bounded_snapshots() {
    let dir = with_pack();
    let long = "x".repeat(300);
    let lines = [
        ("a b", ATTACK),
        ("a_b", "Isis attacked Russia."),
        ("a/b", ATTACK),
        ("a~b", "Isis attacked Russia."),
        ("é", ATTACK),
        ("è", "Isis attacked Russia."),
        (long.as_str(), ATTACK),
    ];
    let jsonl: String = lines
        .iter()
        .map(|(id, text)| format!("{}\n", serde_json::json!({"id": id, "text": text})))
        .collect();
    write(&dir.path().join("docs.jsonl"), jsonl);
    let run = evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs.jsonl", "--accept"],
    );
    run.assert_code(0);
    let written = names(&snapshots(dir.path()));
    assert_eq!(written.len(), lines.len(), "{written:?}");
    assert!(written.iter().all(|n| n.len() <= 82), "{written:?}");
    for (id, _) in lines {
        let text = std::fs::read_to_string(snapshots(dir.path()).join(snapshot_name(id))).unwrap();
        assert!(text.contains(&format!("# document: {id}\n")));
    }
    evrule_ci(dir.path(), &["test", "pack", "--corpus", "docs.jsonl"]).assert_code(0);
}

#[test]
fn the_snapshot_of_a_file_does_not_depend_on_how_its_path_is_typed() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--accept"],
    )
    .assert_code(0);
    let absolute = dir.path().join("docs");
    for spelling in [
        "./docs",
        "docs/",
        "docs/../docs",
        "docs/a.txt",
        absolute.to_str().unwrap(),
    ] {
        let run = evrule_ci(dir.path(), &["test", "pack", "--corpus", spelling]);
        run.assert_code(0);
        assert!(
            run.stdout.contains("1 unchanged"),
            "{spelling}: {}",
            run.stdout
        );
    }
}

#[test]
fn duplicate_document_ids_are_an_error_naming_both_places() {
    let dir = with_pack();
    write(
        &dir.path().join("docs.jsonl"),
        format!(
            "{}\n{}\n{}\n",
            serde_json::json!({"id": "n1", "text": ATTACK}),
            serde_json::json!({"id": "n2", "text": ATTACK}),
            serde_json::json!({"id": "n1", "text": "Isis attacked Russia."}),
        ),
    );
    let run = evrule(dir.path(), &["test", "pack", "--corpus", "docs.jsonl"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: docs.jsonl:3: document id `n1` is also the id of the document at docs.jsonl:1: corpus snapshots need unique ids"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn documents_without_events_write_and_print_nothing() {
    let dir = with_pack();
    for i in 0..50 {
        write(
            &dir.path().join(format!("docs/quiet{i:02}.txt")),
            "Nothing happened.",
        );
    }
    write(&dir.path().join("docs/loud.txt"), ATTACK);
    let run = evrule(dir.path(), &["test", "pack", "--corpus", "docs"]);
    run.assert_code(1);
    assert!(!run.stdout.contains("quiet"), "{}", run.stdout);
    // Outside review, a new snapshot is one line.
    let listed: Vec<&str> = run.stdout.lines().filter(|l| l.contains("loud")).collect();
    assert_eq!(listed.len(), 1, "{}", run.stdout);
    assert!(
        listed[0].ends_with("new snapshot, 1 event"),
        "{}",
        listed[0]
    );
    assert!(
        run.stdout.contains(
            "corpus snapshots: 51 documents (50 without events), 0 unchanged, 0 accepted, 1 pending"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        names(&snapshots(dir.path())),
        [format!("{}.new", snapshot_name("docs/loud.txt"))]
    );
    evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--accept"],
    )
    .assert_code(0);
    assert_eq!(
        names(&snapshots(dir.path())),
        [snapshot_name("docs/loud.txt")]
    );
    // A document that loses its events: accepting removes its snapshot.
    write(&dir.path().join("docs/loud.txt"), "Nothing happened.");
    let run = evrule(dir.path(), &["test", "pack", "--corpus", "docs"]);
    assert!(run.stdout.contains("no events any more"), "{}", run.stdout);
    evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--accept"],
    )
    .assert_code(0);
    assert!(names(&snapshots(dir.path())).is_empty());
}

#[test]
fn quitting_a_review_stops_at_once_and_leaves_the_rest_pending() {
    let dir = with_pack();
    for name in ["a", "b", "c"] {
        write(&dir.path().join(format!("docs/{name}.txt")), ATTACK);
    }
    write(&dir.path().join("answers"), "y\nq\ny\ny\n");
    let answers = std::fs::File::open(dir.path().join("answers")).unwrap();
    let run = evrule_with(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--review"],
        |command| {
            command.stdin(Stdio::from(answers));
        },
    );
    run.assert_code(1);
    assert_eq!(
        run.stdout.matches("new snapshot").count(),
        2,
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("docs/c.txt"), "{}", run.stdout);
    assert!(
        run.stdout.contains("1 accepted, 2 pending"),
        "{}",
        run.stdout
    );
    assert_eq!(names(&snapshots(dir.path())), [snapshot_name("docs/a.txt")]);
}

#[test]
fn stale_snapshots_are_pruned_on_request_and_never_under_ci() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    write(&dir.path().join("docs/b.txt"), ATTACK);
    evrule(
        dir.path(),
        &["test", "pack", "--corpus", "docs", "--accept"],
    )
    .assert_code(0);
    std::fs::remove_file(dir.path().join("docs/b.txt")).unwrap();
    let stale = snapshot_name("docs/b.txt");
    // What a run killed while writing leaves behind.
    let leftover = format!(".{}.Ab12Cd.tmp", snapshot_name("docs/a.txt"));
    write(&snapshots(dir.path()).join(&leftover), "half a snap");

    let run = evrule_ci(dir.path(), &["test", "pack", "--corpus", "docs", "--prune"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("CI=true: nothing is pruned"),
        "{}",
        run.stdout
    );
    assert_eq!(names(&snapshots(dir.path())).len(), 3);

    let run = evrule(dir.path(), &["test", "pack", "--corpus", "docs", "--prune"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains(&format!("pruned pack/__snapshots__/{stale}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("pruned pack/__snapshots__/{leftover}"))
    );
    assert_eq!(names(&snapshots(dir.path())), [snapshot_name("docs/a.txt")]);
}
