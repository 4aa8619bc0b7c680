//! Message framing between the editor's pipes and tower-lsp-server.
//!
//! tower-lsp-server stops reading at the first frame it cannot decode (its `FramedRead` ends
//! after an error), so one malformed message from an editor would end the session. This layer
//! reads frames itself, forwards only bodies that are JSON-RPC messages, and answers anything
//! else with a JSON-RPC parse error (`-32700`, `id: null`), as the specification asks.
//!
//! Both pipes have a thread of their own. The reader thread parses frames as they arrive and
//! passes the good ones to the server over a channel; the writer thread gets the server's
//! bytes and those answers over another, and writes whole frames only, so they never
//! interleave. tokio's stdin and stdout would hand every read, write and flush to its blocking
//! pool: with threads of their own, a message crosses one thread boundary each way.
//!
//! A thread that has a whole message ready can also write it itself ([`FrameSink`]): the test
//! worker sends run results that way, since every hand-over to a sleeping thread costs the
//! user a wake-up (a tenth of a millisecond or more on a small virtual machine).

use std::{
    io::{BufRead, BufReader, Read, Write},
    pin::Pin,
    sync::{Arc, Mutex, PoisonError, mpsc},
    task::{Context, Poll, ready},
    time::Duration,
};

use serde_json::Value;
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    sync::mpsc as async_mpsc,
};

/// The biggest message accepted; a larger `Content-Length` is treated as malformed.
const MAX_BODY: usize = 256 << 20;

/// One read from a framed stream.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`: the body cannot be found.
    BadHeader,
    End,
}

fn read_frame(input: &mut impl BufRead) -> std::io::Result<Frame> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(Frame::End);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length.filter(|&length| length <= MAX_BODY) else {
        return Ok(Frame::BadHeader);
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Frame::Body(body))
}

/// Is this body something tower-lsp-server can decode: a request, notification or response?
fn is_message(body: &[u8]) -> bool {
    let Ok(Value::Object(message)) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let method = message.get("method").is_some_and(Value::is_string);
    let response = message.contains_key("id")
        && (message.contains_key("result") || message.contains_key("error"));
    message.get("jsonrpc") == Some(&Value::from("2.0")) && (method || response)
}

const PARSE_ERROR: &[u8] =
    br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// What the writer thread is sent.
enum Outgoing {
    /// Bytes the server wrote: frames, perhaps cut anywhere.
    Server(Vec<u8>),
    /// Answer a message that could not be decoded.
    ParseError,
    /// The server is done: write what is whole and stop.
    End,
}

/// The input tower-lsp-server reads: the frames the reader thread passed on.
struct FromReader {
    frames: async_mpsc::UnboundedReceiver<Vec<u8>>,
    frame: Vec<u8>,
    read: usize,
}

impl AsyncRead for FromReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        while self.read == self.frame.len() {
            match ready!(self.frames.poll_recv(cx)) {
                Some(frame) => (self.frame, self.read) = (frame, 0),
                // The reader thread is gone: the input has ended.
                None => return Poll::Ready(Ok(())),
            }
        }
        let count = buf.remaining().min(self.frame.len() - self.read);
        buf.put_slice(&self.frame[self.read..self.read + count]);
        self.read += count;
        Poll::Ready(Ok(()))
    }
}

/// The reader thread: passes JSON-RPC messages to the server and has anything else answered,
/// until the input ends.
fn read_frames(
    input: impl Read,
    to_server: async_mpsc::UnboundedSender<Vec<u8>>,
    to_writer: mpsc::Sender<Outgoing>,
) {
    let mut input = BufReader::new(input);
    loop {
        let passed = match read_frame(&mut input) {
            Ok(Frame::Body(body)) if is_message(&body) => to_server.send(frame(&body)).is_ok(),
            Ok(Frame::Body(_) | Frame::BadHeader) => to_writer.send(Outgoing::ParseError).is_ok(),
            // Dropping `to_server` tells the server its input has ended.
            Ok(Frame::End) | Err(_) => false,
        };
        if !passed {
            return;
        }
    }
}

/// The output tower-lsp-server writes into: every write is handed to the writer thread.
struct ToWriter(mpsc::Sender<Outgoing>);

impl AsyncWrite for ToWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Poll::Ready(match self.0.send(Outgoing::Server(buf.to_vec())) {
            Ok(()) => Ok(buf.len()),
            Err(_) => Err(std::io::ErrorKind::BrokenPipe.into()),
        })
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl Drop for ToWriter {
    fn drop(&mut self) {
        let _ = self.0.send(Outgoing::End);
    }
}

/// The length of the whole frames at the start of `bytes`. Headers without a `Content-Length`
/// cannot be framed (tower-lsp-server never writes them): they pass through as they are.
fn whole_frames(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(headers) = bytes[at..].windows(4).position(|w| w == b"\r\n\r\n") {
        let body = at + headers + 4;
        let length = std::str::from_utf8(&bytes[at..at + headers])
            .ok()
            .and_then(|text| {
                text.lines().find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
            });
        match length {
            Some(length) if body + length <= bytes.len() => at = body + length,
            Some(_) => break,
            None => return bytes.len(),
        }
    }
    at
}

/// The editor's end of the output, shared by the writer thread and any thread with a whole
/// message to send. Each write is one or more whole frames under the lock, so frames never
/// interleave.
#[derive(Clone)]
pub(crate) struct FrameSink(Arc<Mutex<dyn Write + Send>>);

impl FrameSink {
    fn new(output: impl Write + Send + 'static) -> Self {
        FrameSink(Arc::new(Mutex::new(output)))
    }

    /// Writes `frames` (whole frames) and flushes.
    fn write(&self, frames: &[u8]) -> std::io::Result<()> {
        // A panic mid-write leaves at worst a cut frame, which the lock cannot undo anyway.
        let mut output = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        output.write_all(frames)?;
        output.flush()
    }

    /// Sends one JSON-RPC message, framed.
    pub(crate) fn send(&self, body: &[u8]) -> std::io::Result<()> {
        self.write(&frame(body))
    }
}

/// The writer thread: writes whole frames as they arrive, until the server is done or the
/// editor's end of the pipe is gone.
fn write_frames(output: &FrameSink, outgoing: mpsc::Receiver<Outgoing>) {
    let mut pending = Vec::new();
    while let Ok(message) = outgoing.recv() {
        let written = match message {
            Outgoing::Server(bytes) => {
                pending.extend_from_slice(&bytes);
                match whole_frames(&pending) {
                    0 => Ok(()),
                    whole => {
                        let result = output.write(&pending[..whole]);
                        pending.drain(..whole);
                        result
                    }
                }
            }
            // Only whole frames were written, so this one cannot land inside another.
            Outgoing::ParseError => output.write(&frame(PARSE_ERROR)),
            Outgoing::End => return,
        };
        if written.is_err() {
            return;
        }
    }
}

/// The output side once the server is done: waits (a bounded time) until the writer thread
/// has written everything the server wrote.
pub(crate) struct Written(mpsc::Receiver<()>);

impl Written {
    pub(crate) fn wait(self, limit: Duration) {
        let _ = self.0.recv_timeout(limit);
    }
}

/// The editor's pipes, wrapped: what tower-lsp-server reads and writes, the sink for messages
/// sent around it, and a handle to wait for the output to be written.
pub(crate) struct Pipes<R, W> {
    pub(crate) input: R,
    pub(crate) output: W,
    pub(crate) sink: FrameSink,
    pub(crate) written: Written,
}

/// Wraps the editor's pipes (see [`Pipes`]).
pub(crate) fn guard(
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> std::io::Result<Pipes<impl AsyncRead, impl AsyncWrite>> {
    let (outgoing, to_write) = mpsc::channel();
    let (done, written) = mpsc::channel();
    let sink = FrameSink::new(output);
    let shared = sink.clone();
    std::thread::Builder::new()
        .name("dx-lsp-stdout".into())
        .spawn(move || {
            write_frames(&shared, to_write);
            let _ = done.send(());
        })?;
    let (to_server, frames) = async_mpsc::unbounded_channel();
    let parse_errors = outgoing.clone();
    std::thread::Builder::new()
        .name("dx-lsp-stdin".into())
        .spawn(move || read_frames(input, to_server, parse_errors))?;
    let input = FromReader {
        frames,
        frame: Vec::new(),
        read: 0,
    };
    Ok(Pipes {
        input,
        output: ToWriter(outgoing),
        sink,
        written: Written(written),
    })
}

/// The process's stdout without the line buffering `std::io::stdout()` adds, which would split
/// each frame into two writes (headers end in a line break, the body usually does not).
pub(crate) fn unbuffered_stdout() -> std::io::Result<impl Write + Send + 'static> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        Ok(std::fs::File::from(
            std::io::stdout().as_fd().try_clone_to_owned()?,
        ))
    }
    #[cfg(not(unix))]
    {
        Ok(std::io::stdout())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_rpc_messages_pass() {
        assert!(is_message(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#));
        assert!(is_message(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(is_message(br#"{"jsonrpc":"2.0","id":1,"result":null}"#));
        assert!(!is_message(br#"{ this is not json"#));
        assert!(!is_message(br#"[{"jsonrpc":"2.0","method":"exit"}]"#));
        assert!(!is_message(br#"{"jsonrpc":"2.0","id":1}"#));
        assert!(!is_message(br#"{"id":1,"method":"x"}"#));
    }

    #[test]
    fn frames_are_read_whole_and_bad_headers_skipped() {
        let input = b"Content-Length: 2\r\n\r\n{}X-Nothing: 1\r\n\r\nContent-Length: 3\r\n\r\nabc";
        let mut reader = BufReader::new(&input[..]);
        assert!(matches!(read_frame(&mut reader).unwrap(), Frame::Body(b) if b == b"{}"));
        assert!(matches!(read_frame(&mut reader).unwrap(), Frame::BadHeader));
        assert!(matches!(read_frame(&mut reader).unwrap(), Frame::Body(b) if b == b"abc"));
        assert!(matches!(read_frame(&mut reader).unwrap(), Frame::End));
    }

    #[test]
    fn only_whole_frames_are_written_and_errors_land_between_them() {
        let one = frame(br#"{"a":1}"#);
        let two = frame(br#"{"b":2}"#);
        assert_eq!(whole_frames(&one), one.len());
        assert_eq!(whole_frames(&one[..one.len() - 1]), 0);
        let both = [one.clone(), two.clone()].concat();
        assert_eq!(whole_frames(&both[..one.len() + 5]), one.len());
        assert_eq!(
            whole_frames(b"no header\r\n\r\n"),
            13,
            "unframeable bytes pass through"
        );

        // The server's second frame arrives in two writes with a parse error between them.
        let (outgoing, to_write) = mpsc::channel();
        let cut = one.len() + 10;
        outgoing
            .send(Outgoing::Server(both[..cut].to_vec()))
            .unwrap();
        outgoing.send(Outgoing::ParseError).unwrap();
        outgoing
            .send(Outgoing::Server(both[cut..].to_vec()))
            .unwrap();
        outgoing.send(Outgoing::End).unwrap();
        let written = Arc::new(Mutex::new(Vec::new()));
        let sink = FrameSink::new(Shared(written.clone()));
        // A message sent around the writer thread is a whole frame of its own.
        sink.send(br#"{"c":3}"#).unwrap();
        write_frames(&sink, to_write);
        assert_eq!(
            *written.lock().unwrap(),
            [frame(br#"{"c":3}"#), one, frame(PARSE_ERROR), two].concat()
        );
    }

    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().write(bytes)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
