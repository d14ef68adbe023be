//! `evrule lsp` driven as an editor drives it: framed JSON-RPC messages
//! over an in-memory stream (and once over the binary's stdio). A broken
//! unsaved buffer gets its diagnostics with the right range, fixing it
//! clears them, a stale change is dropped; hover, definition, references
//! and completion answer from the pack.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// One end of an in-memory byte stream.
struct ChannelReader {
    rx: Receiver<Vec<u8>>,
    buffer: Vec<u8>,
    at: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.buffer.len() {
            match self.rx.recv_timeout(Duration::from_secs(20)) {
                Ok(bytes) => {
                    self.buffer = bytes;
                    self.at = 0;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    return Err(std::io::Error::other("no message within 20 s"));
                }
            }
        }
        let n = out.len().min(self.buffer.len() - self.at);
        out[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

struct ChannelWriter(Sender<Vec<u8>>);

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .send(bytes.to_vec())
            .map_err(|_| std::io::Error::other("closed"))?;
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn stream() -> (ChannelWriter, BufReader<ChannelReader>) {
    let (tx, rx) = channel();
    let reader = ChannelReader {
        rx,
        buffer: Vec::new(),
        at: 0,
    };
    (ChannelWriter(tx), BufReader::new(reader))
}

/// The editor's side: writes framed requests, reads framed answers.
struct Client<W: Write, R: BufRead> {
    to_server: W,
    from_server: R,
    next_id: i64,
    /// Notifications read while waiting for a response.
    notifications: Vec<Value>,
}

impl<W: Write, R: BufRead> Client<W, R> {
    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(
            self.to_server,
            "Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        self.to_server.flush().expect("flush");
    }

    fn read(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            self.from_server.read_line(&mut line).expect("read header");
            assert!(!line.is_empty(), "the server closed the stream");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = Some(n.parse::<usize>().expect("length"));
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.from_server.read_exact(&mut body).expect("read body");
        serde_json::from_slice(&body).expect("a JSON body")
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the response; notifications that come
    /// before it are kept in `notifications`.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.read();
            if message["id"] == json!(id) {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// Sends a request and returns its result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let message = self.call(method, params);
        assert!(message.get("error").is_none(), "{message}");
        message["result"].clone()
    }

    /// The diagnostics published for a file since the last call. The
    /// server handles messages in order, so once it has answered a request
    /// sent after a change, every publication for that change has come.
    fn published(&mut self, file: &str) -> Vec<Vec<Value>> {
        let unknown = self.call("evrule/barrier", json!(null));
        assert_eq!(
            unknown["error"]["code"], -32601,
            "an unknown method is an error"
        );
        let found = self
            .notifications
            .iter()
            .filter(|n| n["method"] == "textDocument/publishDiagnostics")
            .filter(|n| {
                n["params"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(file))
            })
            .map(|n| {
                n["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        self.notifications.clear();
        found
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn labels(items: &Value) -> Vec<String> {
    let mut labels: Vec<String> = items
        .as_array()
        .expect("a list")
        .iter()
        .map(|i| i["label"].as_str().expect("label").to_string())
        .collect();
    labels.sort();
    labels
}

#[test]
fn the_server_answers_an_editor_over_a_framed_stream() {
    let fixture =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lsp/pack.txt"))
            .expect("read fixture");
    let (dir, _) = support::write_fixture(&fixture);
    let root = dir.path().canonicalize().expect("canonical path");
    let rules = uri(&root.join("rules.evr"));
    let types = uri(&root.join("types.evr"));
    let good = std::fs::read_to_string(root.join("rules.evr")).expect("read");

    let (client_out, server_in) = stream();
    let (server_out, client_in) = stream();
    let server = std::thread::spawn(move || {
        let mut input = server_in;
        let mut output = server_out;
        evrule::lsp::serve(&mut input, &mut output)
    });
    let mut client = Client {
        to_server: client_out,
        from_server: client_in,
        next_id: 0,
        notifications: Vec::new(),
    };

    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], json!(true));
    assert_eq!(init["capabilities"]["textDocumentSync"], json!(1));
    client.notify("initialized", json!({}));

    // An unsaved buffer with a misspelled type: the file on disk is fine.
    let broken = good.replace("X: State", "X: Stat");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": rules, "languageId": "evrule", "version": 1, "text": broken}}),
    );
    let published = client.published("rules.evr");
    assert_eq!(published.len(), 1, "{published:?}");
    let diagnostic = &published[0][0];
    assert_eq!(published[0].len(), 1);
    assert_eq!(diagnostic["code"], "unknown-type");
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": 7, "character": 5}, "end": {"line": 7, "character": 9}})
    );
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(
        diagnostic["message"],
        "unknown type `Stat`: no type of this name in the pack\nhelp: did you mean `State`?"
    );

    // Fixing the buffer clears them; a late change with an older version is dropped.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rules, "version": 3}, "contentChanges": [{"text": good}]}),
    );
    assert_eq!(client.published("rules.evr"), [Vec::<Value>::new()]);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rules, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    assert!(
        client.published("rules.evr").is_empty(),
        "the stale change is dropped"
    );

    // A lexicon changed on disk: the pack is checked again.
    let lexicon = root.join("actors.tsv");
    let rows = std::fs::read_to_string(&lexicon).expect("read");
    let changed = json!({"changes": [{"uri": uri(&lexicon), "type": 2}]});
    std::fs::write(&lexicon, rows.replace("Iran\tState", "Iran\tStat")).expect("write");
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let published = client.published("actors.tsv");
    assert_eq!(published[0][0]["code"], "lexicon-type", "{published:?}");
    assert_eq!(
        published[0][0]["range"]["start"],
        json!({"line": 1, "character": 5})
    );
    std::fs::write(&lexicon, rows).expect("write");
    client.notify("workspace/didChangeWatchedFiles", changed);
    assert_eq!(client.published("actors.tsv"), [Vec::<Value>::new()]);

    // Hover: a type's place in the taxonomy, an event's fields, a class's forms.
    let hover_state = client.request("textDocument/hover", at(&rules, 7, 6));
    assert_eq!(
        hover_state["range"],
        json!({"start": {"line": 7, "character": 5}, "end": {"line": 7, "character": 10}})
    );
    let hover_event = client.request("textDocument/hover", at(&rules, 8, 6));
    let hover_class = client.request("textDocument/hover", at(&rules, 6, 6));
    let hover_rule = client.request("textDocument/hover", at(&rules, 5, 6));
    let hover_slot = client.request("textDocument/hover", at(&rules, 8, 21));
    let hovers = [
        hover_state,
        hover_event,
        hover_class,
        hover_rule,
        hover_slot,
    ]
    .iter()
    .map(|h| {
        h["contents"]["value"]
            .as_str()
            .expect("markdown")
            .to_string()
    })
    .collect::<Vec<_>>()
    .join("\n\n----------------\n\n")
    .replace(&root.display().to_string(), "[PACK]");
    insta::assert_snapshot!("hovers", hovers);

    // Definition of `State` (in a slot type) is in types.evr.
    let definition = client.request("textDocument/definition", at(&rules, 7, 6));
    assert_eq!(
        definition,
        json!([{"uri": types, "range": {"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 10}}}])
    );
    // Definition of the field `first` in a record is the field of `Contact`.
    let definition = client.request("textDocument/definition", at(&rules, 8, 15));
    assert_eq!(definition[0]["uri"], json!(uri(&root.join("events.evr"))));
    assert_eq!(
        definition[0]["range"]["start"],
        json!({"line": 1, "character": 16})
    );

    // Definition of the word class `@travel` in a pattern, and of a rule.
    let definition = client.request("textDocument/definition", at(&rules, 6, 6));
    assert_eq!(
        definition,
        json!([{"uri": rules, "range": {"start": {"line": 3, "character": 6}, "end": {"line": 3, "character": 12}}}])
    );
    let definition = client.request("textDocument/definition", at(&rules, 5, 7));
    assert_eq!(
        definition[0]["range"]["start"],
        json!({"line": 5, "character": 5})
    );

    // References of `State`: its declaration, the slot type, two lexicon rows.
    let mut params = at(&rules, 7, 6);
    params["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", params);
    let places: Vec<String> = references
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| {
            let file = l["uri"]
                .as_str()
                .expect("uri")
                .rsplit('/')
                .next()
                .expect("name");
            format!(
                "{file}:{}:{}",
                l["range"]["start"]["line"], l["range"]["start"]["character"]
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            "rules.evr:7:5",
            "types.evr:1:5",
            "actors.tsv:0:7",
            "actors.tsv:1:5"
        ]
    );
    // References of the slot `Z`: the pattern, its type, the record.
    let mut params = at(&rules, 7, 22);
    params["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", params);
    assert_eq!(references.as_array().map(Vec::len), Some(3), "{references}");

    // Completion, on an edited buffer: types after `:`, classes after `@`,
    // events after `=>`, fields in a record.
    let editing = good
        .replace("X: State", "X: St")
        .replace("\"X @travel", "\"X @tr")
        .replace("=> Visit { first: X,", "=> Visit { first: X, ");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rules, "version": 4}, "contentChanges": [{"text": editing}]}),
    );
    let types_here = client.request("textDocument/completion", at(&rules, 7, 7));
    assert_eq!(
        labels(&types_here),
        ["Actor", "Group", "Number", "Place", "Proper", "State"]
    );
    let classes = client.request("textDocument/completion", at(&rules, 6, 7));
    // The pack's classes and the built-in lists.
    assert_eq!(
        labels(&classes),
        [
            "modality.future",
            "modality.intended",
            "modality.threatened",
            "modality.urge",
            "number.currency",
            "number.unit",
            "phrase.determiner",
            "phrase.modifier",
            "phrase.partitive",
            "proper.initial",
            "proper.stop",
            "proper.title",
            "proper.title_modifier",
            "travel"
        ]
    );
    let fields = client.request("textDocument/completion", at(&rules, 8, 23));
    assert_eq!(labels(&fields), ["first", "place", "second"]);
    let events_line = editing
        .lines()
        .nth(8)
        .expect("line 9")
        .find("Visit")
        .expect("=>");
    let events = client.request("textDocument/completion", at(&rules, 8, events_line as u32));
    assert_eq!(labels(&events), ["Contact", "Visit"]);

    assert_eq!(client.request("shutdown", json!(null)), json!(null));
    client.notify("exit", json!(null));
    server.join().expect("server thread").expect("served");
}

#[test]
fn the_binary_speaks_lsp_on_stdio() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_evrule"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run evrule lsp");
    let mut client = Client {
        to_server: child.stdin.take().expect("stdin"),
        from_server: BufReader::new(child.stdout.take().expect("stdout")),
        next_id: 0,
        notifications: Vec::new(),
    };
    let init = client.request("initialize", json!({"processId": null, "capabilities": {}}));
    assert_eq!(init["serverInfo"]["name"], "evrule");
    assert_eq!(client.request("shutdown", json!(null)), json!(null));
    client.notify("exit", json!(null));
    assert!(child.wait().expect("exit").success());
}
