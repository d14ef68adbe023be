//! The binary: `evrule serve` prints its URL, listens on 127.0.0.1 and
//! answers the API there.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_prints_its_loopback_url_and_answers_there() {
    // PACK/corpus is the corpus when none is given.
    let fixture = format!(
        "{}=== corpus/a.txt\nRebels attacked soldiers.\n",
        crate::harness::PACK
    );
    let (dir, _) = crate::support::write_fixture(&fixture);
    let child = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(["serve", "--port", "0"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evrule serve starts");
    let mut child = Killed(child);
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    let address = line
        .strip_prefix("evrule serve: http://")
        .and_then(|rest| rest.split_once('/'))
        .map(|(address, _)| address.to_string())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    assert!(address.starts_with("127.0.0.1:"), "{line}");
    assert_eq!(
        line,
        format!(
            "evrule serve: http://{address}/  (pack {}, 1 corpus document; Ctrl-C stops)\n",
            dir.path().display()
        )
    );
    let mut stream = TcpStream::connect(&address).expect("connects");
    write!(
        stream,
        "GET /api/files HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains("\"path\":\"rules.evr\""), "{answer}");
}

#[test]
fn serve_refuses_a_pack_that_is_not_a_folder() {
    let output = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(["serve", "no/such/pack"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: cannot serve pack no/such/pack: No such file or directory"),
        "{stderr}"
    );
}
