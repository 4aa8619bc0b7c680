//! A small LSP client for tests: starts `dx lsp`, frames JSON-RPC messages with
//! `Content-Length` headers over the child's stdin/stdout, and matches responses to requests.

use std::{
    collections::VecDeque,
    io::{BufRead, BufReader, Write},
    process::{Child, ChildStdin, Command, ExitStatus, Stdio},
    sync::mpsc::{Receiver, RecvTimeoutError, channel},
    thread,
    time::{Duration, Instant},
};

use serde_json::{Value, json};

/// How long any single expected message may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else.
    backlog: VecDeque<Value>,
    next_id: i64,
}

impl LspClient {
    pub fn start() -> LspClient {
        LspClient::spawn(Command::new(env!("CARGO_BIN_EXE_dx")))
    }

    fn spawn(mut command: Command) -> LspClient {
        let mut child = command
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start dx lsp");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        LspClient {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
        }
    }

    /// Starts the server and completes the `initialize` handshake; returns the server's result.
    pub fn initialized(capabilities: Value) -> (LspClient, Value) {
        let mut client = LspClient::start();
        let result = client
            .request(
                "initialize",
                json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
            )
            .get("result")
            .cloned()
            .expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// Starts the server on a project: `root` is the workspace folder, and the runtime's caches
    /// go to the project's own `.dx-cache`.
    pub fn initialized_in(root: &std::path::Path, capabilities: Value) -> (LspClient, Value) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dx"));
        command.env("DX_CACHE_DIR", root.join(".dx-cache"));
        let mut client = LspClient::spawn(command);
        let uri = file_uri(root);
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri,
                    "workspaceFolders": [{ "uri": uri, "name": "project" }],
                    "capabilities": capabilities,
                }),
            )
            .get("result")
            .cloned()
            .expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn send_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&message.to_string());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request without waiting; [`LspClient::response`] collects its answer.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The response to request `id` (`result` or `error`).
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(|message| message["id"] == json!(id) && message.get("method").is_none())
    }

    /// Whether a message `accept` takes has arrived by now (nothing is waited for).
    pub fn has_received(&mut self, accept: impl Fn(&Value) -> bool) -> bool {
        while let Ok(message) = self.incoming.try_recv() {
            self.backlog.push_back(message);
        }
        self.backlog.iter().any(accept)
    }

    /// The next `method` notification whose params satisfy `accept`; others are kept.
    pub fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(|message| message["method"] == method && accept(&message["params"]))["params"]
            .clone()
    }

    /// The next request the server sends to the client (`workspace/applyEdit`, …); answer it
    /// with [`LspClient::respond`].
    pub fn server_request(&mut self, method: &str) -> Value {
        self.wait_for(|message| message["method"] == method && message.get("id").is_some())
    }

    /// Answers a server → client request.
    pub fn respond(&mut self, request: &Value, result: Value) {
        self.send(json!({ "jsonrpc": "2.0", "id": request["id"], "result": result }));
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(index).expect("index in range");
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.backlog.push_back(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "no matching message in {PATIENCE:?}; got {:#?}",
                        self.backlog
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; got {:#?}", self.backlog)
                }
            }
        }
    }

    /// Closes stdin and waits for the process to end.
    pub fn wait(mut self) -> ExitStatus {
        self.stdin.take();
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("dx lsp did not exit");
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        // A failing test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    std::io::Read::read_exact(reader, &mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Applies LSP text edits (UTF-16 positions) to `text`, as an editor would.
pub fn apply_text_edits(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().expect("line") as usize;
        let character = position["character"].as_u64().expect("character") as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = line_start;
        for ch in text[line_start..].chars() {
            if units >= character || ch == '\n' {
                break;
            }
            units += ch.len_utf16();
            at += ch.len_utf8();
        }
        at
    };
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().expect("newText"),
            )
        })
        .collect();
    // From the end, so earlier offsets stay valid (LSP edits never overlap).
    ranges.sort_by_key(|(start, end, _)| std::cmp::Reverse((*start, *end)));
    let mut out = text.to_string();
    for (start, end, new_text) in ranges {
        out.replace_range(start..end, new_text);
    }
    out
}

/// A `file://` URI for a path (tests use ASCII temporary paths).
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}
