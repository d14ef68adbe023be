//! Running the `evrule` binary on hostile inputs: with a deadline, so that
//! a hang fails the test instead of blocking it, and with stdin closed.
#![allow(dead_code)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// A deadline no run of these small inputs comes near; reaching it means
/// evrule hangs.
const DEADLINE: Duration = Duration::from_secs(120);

/// Runs evrule in `dir` with `args`, stdin empty, `CI` unset.
pub fn evrule(dir: &Path, args: &[&str]) -> Run {
    evrule_with(dir, args, |_| {})
}

/// Runs evrule with a chance to change the command first.
pub fn evrule_with(dir: &Path, args: &[&str], setup: impl FnOnce(&mut Command)) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_evrule"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    setup(&mut command);
    let mut child = command.spawn().expect("run evrule");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout.read_to_end(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        // Bounded: a runaway error loop must not fill the test's memory.
        let mut text = Vec::new();
        let _ = (&mut stderr).take(1 << 20).read_to_end(&mut text);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for evrule") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("evrule {args:?} did not finish: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().expect("stdout reader")).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned(),
    }
}

/// A small valid pack: one rule, a lexicon, an example.
pub const PACK: &str = "=== pack/main.evr
type Actor
lexicon \"actors.tsv\"
event Attack { attacker: Actor, victim: Actor } code \"190\"
rule attack
  \"X attack Y\"
  X: Actor  Y: Actor
  => Attack { attacker: X, victim: Y }
  example \"Russia attacked Isis.\" => Attack { attacker: \"Russia\", victim: \"Isis\" }
=== pack/actors.tsv
Russia\tActor\tRUS
Isis\tActor\tIMGMUSISI
";

/// A folder holding [`PACK`] as `pack/`.
pub fn with_pack() -> tempfile::TempDir {
    crate::support::write_fixture(PACK).0
}

pub fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

/// Makes a FIFO (named pipe).
pub fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Whether this process can read files it has no permission for (root):
/// then permission tests cannot make a file unreadable.
pub fn is_root() -> bool {
    unsafe_free_uid() == 0
}

fn unsafe_free_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(1, |m| m.uid())
}
