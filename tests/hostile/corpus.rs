//! The reader contract: every input ends as documents or located failures,
//! in finite time and bounded memory, and a run accounts for all of them
//! (documents read = coded + failed).

use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Stdio;

use crate::harness::{evrule, evrule_with, is_root, mkfifo, with_pack, write};

const ATTACK: &str = "Russia attacked Isis.\n";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The counts of the summary line `N documents, N sentences, N events, N failures`.
fn counts(stderr: &str) -> (usize, usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.contains(" documents, "))
        .unwrap_or_else(|| panic!("no summary in\n{stderr}"));
    let number = |word: &str| -> usize {
        let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let at = words.iter().position(|w| *w == word).expect(word);
        words[at - 1].parse().expect("a count")
    };
    (number("documents"), number("events"), number("failures"))
}

#[test]
fn a_truncated_gzip_is_one_located_failure_then_the_next_input() {
    let dir = with_pack();
    let whole = gzip(ATTACK.repeat(1000).as_bytes());
    write(&dir.path().join("cut.txt.gz"), &whole[..whole.len() / 2]);
    write(&dir.path().join("next.txt"), ATTACK);
    let run = evrule(
        dir.path(),
        &["run", "pack", "cut.txt.gz", "next.txt", "--lines"],
    );
    run.assert_code(1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].starts_with("error: cut.txt.gz:"), "{}", errors[0]);
    assert!(errors[0].contains("the rest of this input is skipped"));
    let (documents, _, failures) = counts(&run.stderr);
    assert_eq!(failures, 1);
    assert!(documents > 1, "the lines before the cut are coded");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("\"doc\":\"next.txt:1\""))
    );
}

#[test]
fn trailing_junk_after_a_gzip_member_is_one_failure() {
    let dir = with_pack();
    let mut bytes = gzip(
        br#"{"id": "a", "text": "Russia attacked Isis."}
"#,
    );
    bytes.extend_from_slice(b"junk after the gzip member");
    write(&dir.path().join("docs.jsonl.gz"), bytes);
    let run = evrule(dir.path(), &["run", "pack", "docs.jsonl.gz"]);
    run.assert_code(1);
    assert_eq!(counts(&run.stderr), (1, 1, 1), "{}", run.stderr);
}

#[test]
fn a_line_past_the_cap_is_one_located_failure_and_the_rest_is_coded() {
    let dir = with_pack();
    let mut text = "word ".repeat((16 << 20) / 5 + 1).into_bytes();
    text.push(b'\n');
    text.extend_from_slice(ATTACK.as_bytes());
    write(&dir.path().join("long.txt.gz"), gzip(&text));
    let run = evrule(dir.path(), &["run", "pack", "long.txt.gz", "--lines"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error: long.txt.gz:1: line longer than 16777216 bytes"),
        "{}",
        run.stderr
    );
    assert_eq!(counts(&run.stderr), (1, 1, 1));
}

#[test]
fn a_document_past_the_cap_is_one_failure_and_other_files_are_coded() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    write(
        &dir.path().join("docs/b.txt"),
        "word ".repeat((16 << 20) / 5 + 1),
    );
    write(&dir.path().join("docs/c.txt"), ATTACK);
    let run = evrule(dir.path(), &["run", "pack", "docs"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error: docs/b.txt: document larger than 16777216 bytes"),
        "{}",
        run.stderr
    );
    assert_eq!(counts(&run.stderr), (2, 2, 1));
}

#[test]
fn link_loops_in_a_folder_are_reported_and_each_file_read_once() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    write(&dir.path().join("docs/sub/b.txt"), ATTACK);
    symlink("..", dir.path().join("docs/sub/up")).unwrap();
    symlink(".", dir.path().join("docs/sub/here")).unwrap();
    symlink("../sub", dir.path().join("docs/sub/again")).unwrap();
    symlink("a.txt", dir.path().join("docs/same.txt")).unwrap();
    let run = evrule(dir.path(), &["run", "pack", "docs"]);
    run.assert_code(0);
    assert_eq!(counts(&run.stderr), (2, 2, 0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: docs/sub/up leads back to docs: link loop not followed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("note: docs/sub/here leads back to docs/sub")
    );
}

#[test]
fn a_fifo_in_a_folder_is_skipped_with_a_note_and_read_when_named() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    let fifo = dir.path().join("docs/pipe.txt");
    mkfifo(&fifo);
    let run = evrule(dir.path(), &["run", "pack", "docs"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains(
            "note: skipped docs/pipe.txt: a FIFO (only regular files are read from folders"
        ),
        "{}",
        run.stderr
    );
    // Named, it is read: a writer feeds it while evrule reads.
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        pipe.write_all(ATTACK.as_bytes()).unwrap();
    });
    let run = evrule(dir.path(), &["run", "pack", "docs/pipe.txt"]);
    writer.join().unwrap();
    run.assert_code(0);
    assert_eq!(counts(&run.stderr), (1, 1, 0), "{}", run.stderr);
}

#[test]
fn dev_stdin_is_read_when_named() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), ATTACK);
    let input = std::fs::File::open(dir.path().join("in.txt")).unwrap();
    let run = evrule_with(dir.path(), &["run", "pack", "/dev/stdin"], |command| {
        command.stdin(Stdio::from(input));
    });
    run.assert_code(0);
    assert_eq!(counts(&run.stderr), (1, 1, 0), "{}", run.stderr);
}

#[test]
fn a_process_substitution_is_read_when_named() {
    let dir = with_pack();
    let run = evrule_with(dir.path(), &[], |command| {
        let binary = command.get_program().to_owned();
        *command = std::process::Command::new("bash");
        command
            .arg("-c")
            .arg(format!(
                "{} run pack <(printf 'Russia attacked Isis.\\n')",
                binary.to_string_lossy()
            ))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
    });
    run.assert_code(0);
    assert_eq!(counts(&run.stderr), (1, 1, 0), "{}", run.stderr);
}

#[test]
fn an_unreadable_sub_folder_is_one_failure_and_every_readable_file_is_coded() {
    let dir = with_pack();
    for i in 0..100 {
        write(&dir.path().join(format!("docs/{i:03}.txt")), ATTACK);
    }
    write(&dir.path().join("docs/050/hidden.txt"), ATTACK);
    let locked = dir.path().join("docs/050");
    set_mode(&locked, 0o000);
    // Root reads any folder: run as an unprivileged user to see the failure.
    let run = evrule_with(dir.path(), &["run", "pack", "docs"], |command| {
        if is_root() {
            set_mode(dir.path(), 0o755);
            let program = command.get_program().to_owned();
            let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
            let mut wrapped = std::process::Command::new("setpriv");
            wrapped
                .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(program)
                .args(args)
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            *command = wrapped;
        }
    });
    set_mode(&locked, 0o755);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error: docs/050: cannot list folder: Permission denied"),
        "{}",
        run.stderr
    );
    let (documents, events, failures) = counts(&run.stderr);
    assert_eq!((documents, events, failures), (100, 100, 1));
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn jsonl_ids_are_kept_exactly_as_written() {
    let dir = with_pack();
    write(
        &dir.path().join("docs.jsonl"),
        "{\"id\": 12345678901234567890123, \"text\": \"Russia attacked Isis.\"}\n\
         {\"id\": 1.50, \"text\": \"Russia attacked Isis.\"}\n",
    );
    let run = evrule(dir.path(), &["run", "pack", "docs.jsonl"]);
    run.assert_code(0);
    let docs: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let record: serde_json::Value = serde_json::from_str(l).unwrap();
            record["doc"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(docs, ["12345678901234567890123", "1.50"]);
}

#[test]
fn a_jsonl_key_given_twice_is_a_located_failure() {
    let dir = with_pack();
    write(
        &dir.path().join("docs.jsonl"),
        "{\"id\": \"a\", \"text\": \"Russia attacked Isis.\", \"text\": \"Nothing.\"}\n\
         {\"id\": \"b\", \"text\": \"Russia attacked Isis.\"}\n",
    );
    let run = evrule(dir.path(), &["run", "pack", "docs.jsonl"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: docs.jsonl:1:51: invalid JSON: duplicate key `text` at line 1 column 51"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(counts(&run.stderr), (1, 1, 1));
}

#[test]
fn an_absurd_jobs_count_is_capped_with_a_note() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), ATTACK);
    let run = evrule(dir.path(), &["run", "pack", "in.txt", "--jobs", "10000"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("note: --jobs 10000 capped to 64"),
        "{}",
        run.stderr
    );
}

#[test]
fn documents_read_are_coded_plus_failed_whatever_the_mix() {
    let dir = with_pack();
    write(&dir.path().join("docs/a.txt"), ATTACK);
    write(&dir.path().join("docs/b.txt"), b"Russia \xff attacked\n");
    write(
        &dir.path().join("docs/c.jsonl"),
        "{\"id\": 1, \"text\": \"x\"}\nnot json\n\n",
    );
    let run = evrule(dir.path(), &["run", "pack", "docs", "missing.txt"]);
    run.assert_code(1);
    let (documents, _, failures) = counts(&run.stderr);
    // a.txt and c.jsonl:1 coded; missing.txt, b.txt and c.jsonl:2 failed.
    assert_eq!((documents, failures), (2, 3), "{}", run.stderr);
}
