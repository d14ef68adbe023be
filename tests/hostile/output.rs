//! Writing: an output is never one of the inputs, appears only complete,
//! and an interrupted run leaves no partial file; exit codes tell failures,
//! usage, pack and output errors apart.

use std::os::unix::fs::symlink;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{evrule, mkfifo, with_pack, write};

const ATTACK: &str = "Russia attacked Isis.\n";

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_is_written() {
    let dir = with_pack();
    let corpus = dir.path().join("corpus.txt");
    write(&corpus, ATTACK.repeat(3));
    write(&dir.path().join("docs/a.txt"), ATTACK);
    symlink(&corpus, dir.path().join("alias.txt")).unwrap();
    std::fs::hard_link(&corpus, dir.path().join("hard.txt")).unwrap();
    let spellings = [
        "corpus.txt",
        "./corpus.txt",
        "docs/../corpus.txt",
        "alias.txt",
        "hard.txt",
    ];
    for output in spellings {
        let run = evrule(
            dir.path(),
            &["run", "pack", "corpus.txt", "--lines", "-o", output],
        );
        run.assert_code(2);
        assert!(
            run.stderr.contains(&format!(
                "error: refusing to write events to {output}: it is also an input of this run (corpus.txt)"
            )),
            "{}",
            run.stderr
        );
    }
    // Inside a folder input too.
    let run = evrule(dir.path(), &["run", "pack", "docs", "-o", "docs/a.txt"]);
    run.assert_code(2);
    assert_eq!(std::fs::read_to_string(&corpus).unwrap(), ATTACK.repeat(3));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/a.txt")).unwrap(),
        ATTACK
    );
}

#[test]
fn an_output_file_appears_whole_and_leaves_no_temporary_file() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), ATTACK.repeat(5));
    let run = evrule(
        dir.path(),
        &["run", "pack", "in.txt", "--lines", "-o", "out/events.jsonl"],
    );
    // The folder does not exist: an output error, and nothing left behind.
    run.assert_code(4);
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let run = evrule(
        dir.path(),
        &["run", "pack", "in.txt", "--lines", "-o", "out/events.jsonl"],
    );
    run.assert_code(0);
    let written = std::fs::read_to_string(dir.path().join("out/events.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 5);
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["events.jsonl"]);
}

#[test]
fn ctrl_c_during_run_leaves_no_partial_file_and_says_so() {
    let dir = with_pack();
    write(&dir.path().join("events.jsonl"), "old content\n");
    let fifo = dir.path().join("feed.txt");
    mkfifo(&fifo);
    let child = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(["run", "pack", "feed.txt", "--lines", "-o", "events.jsonl"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Feed some lines and keep the FIFO open: evrule blocks reading it,
    // with its temporary output open, until interrupted.
    let mut feed = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    std::io::Write::write_all(&mut feed, ATTACK.repeat(600).as_bytes()).unwrap();
    let started = Instant::now();
    while temporary_files(dir.path()).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary output"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    drop(feed);
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("interrupted: events.jsonl was not written (it holds what it held before)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("events.jsonl")).unwrap(),
        "old content\n"
    );
    assert!(temporary_files(dir.path()).is_empty());
}

fn temporary_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn exit_codes_tell_outcomes_apart() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), ATTACK);
    // 0: done, nothing failed.
    evrule(dir.path(), &["run", "pack", "in.txt"]).assert_code(0);
    evrule(dir.path(), &["test", "pack"]).assert_code(0);
    // 1: some documents failed; some examples failed.
    evrule(dir.path(), &["run", "pack", "in.txt", "absent.txt"]).assert_code(1);
    write(
        &dir.path().join("pack/failing.evr"),
        "import \"main.evr\"\nrule strike\n  \"X strike Y\"\n  X: Actor  Y: Actor\n  => Attack { attacker: X, victim: Y }\n  example \"Nothing here.\" => Attack\n",
    );
    evrule(dir.path(), &["test", "pack"]).assert_code(1);
    std::fs::remove_file(dir.path().join("pack/failing.evr")).unwrap();
    // 2: usage.
    evrule(dir.path(), &["run", "pack"]).assert_code(2);
    evrule(dir.path(), &["run", "pack", "in.txt", "--jobs", "many"]).assert_code(2);
    // 3: the pack does not load.
    evrule(dir.path(), &["run", "nopack", "in.txt"]).assert_code(3);
    evrule(dir.path(), &["test", "nopack"]).assert_code(3);
    evrule(dir.path(), &["check", "nopack"]).assert_code(3);
    // 4: the output cannot be written.
    evrule(
        dir.path(),
        &["run", "pack", "in.txt", "-o", "no/such/folder.jsonl"],
    )
    .assert_code(4);
}

#[test]
fn an_output_that_is_a_fifo_is_fed_not_replaced() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), ATTACK.repeat(2));
    let fifo = dir.path().join("events.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = evrule(
        dir.path(),
        &["run", "pack", "in.txt", "--lines", "-o", "events.fifo"],
    );
    run.assert_code(0);
    assert_eq!(reader.join().unwrap().lines().count(), 2);
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &std::fs::symlink_metadata(&fifo).unwrap().file_type()
    ));
}
