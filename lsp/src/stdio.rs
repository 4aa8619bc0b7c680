//! Message framing between the editor's pipes and tower-lsp-server.
//!
//! tower-lsp-server stops reading at the first frame it cannot decode (its `FramedRead` ends
//! after an error), so one malformed message from an editor would end the session. This layer
//! reads frames itself, forwards only bodies that are JSON-RPC messages, and answers anything
//! else with a JSON-RPC parse error (`-32700`, `id: null`), as the specification asks.
//!
//! The input is read where the server runs: when stdin is a pipe or a socket (an editor's), it
//! is polled by the runtime's own I/O driver, so a message wakes the thread that handles it and
//! no other. Anything else (a terminal, a file) gets a reader thread that passes good frames
//! on over a channel. Both split the stream with one [`FrameDecoder`]. The output has a writer
//! thread: it gets the server's bytes and the parse-error answers over a channel and writes
//! whole frames only, so they never interleave. tokio's stdin and stdout would hand every read,
//! write and flush to its blocking pool.
//!
//! A thread that has a whole message ready can also write it itself ([`FrameSink`]): the test
//! worker sends run results that way, since every hand-over to a sleeping thread costs the
//! user a wake-up (a tenth of a millisecond or more on a small virtual machine).

use std::{
    io::{Read, Write},
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

/// How much one read of the input asks for.
const READ_SIZE: usize = 64 << 10;

/// The biggest message accepted; a larger `Content-Length` is treated as malformed.
const MAX_BODY: usize = 256 << 20;

/// One frame of the input.
#[derive(Debug, PartialEq)]
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`: the body cannot be found.
    BadHeader,
}

/// Splits the input into frames as its bytes arrive, in whatever pieces they come.
#[derive(Default)]
struct FrameDecoder {
    buffer: Vec<u8>,
    /// Where the bytes not yet framed start in `buffer`.
    start: usize,
}

impl FrameDecoder {
    fn push(&mut self, bytes: &[u8]) {
        // What was framed goes; what is left is at most one frame's start.
        self.buffer.drain(..self.start);
        self.start = 0;
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole frame, or `None` until more bytes arrive. Blank lines before a frame's
    /// headers are skipped; a header block without a usable `Content-Length` is consumed and
    /// reported, and the stream goes on after it.
    fn next(&mut self) -> Option<Frame> {
        let mut at = self.start;
        let mut length = None;
        let mut saw_header = false;
        loop {
            let end = at + self.buffer[at..].iter().position(|&b| b == b'\n')? + 1;
            let line = String::from_utf8_lossy(&self.buffer[at..end]);
            let line = line.trim_end_matches(['\r', '\n']);
            at = end;
            if line.is_empty() {
                if saw_header {
                    break;
                }
                self.start = at;
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
            self.start = at;
            return Some(Frame::BadHeader);
        };
        let body = self.buffer.get(at..at + length)?.to_vec();
        self.start = at + length;
        Some(Frame::Body(body))
    }
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

/// A frame for the server (framed again, as it reads frames), or `None` for one it cannot
/// decode, which is answered with a parse error.
fn for_server(frame: Frame) -> Option<Vec<u8>> {
    match frame {
        Frame::Body(body) if is_message(&body) => Some(self::frame(&body)),
        Frame::Body(_) | Frame::BadHeader => None,
    }
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

/// A frame being handed to tower-lsp-server, which may read it in pieces.
#[derive(Default)]
struct Handing {
    frame: Vec<u8>,
    read: usize,
}

impl Handing {
    fn start(&mut self, frame: Vec<u8>) {
        (self.frame, self.read) = (frame, 0);
    }

    /// Copies what fits of the rest into `buf`; false when nothing is left.
    fn give(&mut self, buf: &mut ReadBuf<'_>) -> bool {
        if self.read == self.frame.len() {
            return false;
        }
        let count = buf.remaining().min(self.frame.len() - self.read);
        buf.put_slice(&self.frame[self.read..self.read + count]);
        self.read += count;
        true
    }
}

/// The input tower-lsp-server reads: the frames the reader thread passed on.
struct FromReader {
    frames: async_mpsc::UnboundedReceiver<Vec<u8>>,
    handing: Handing,
}

impl AsyncRead for FromReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        while !self.handing.give(buf) {
            match ready!(self.frames.poll_recv(cx)) {
                Some(frame) => self.handing.start(frame),
                // The reader thread is gone: the input has ended.
                None => break,
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// The reader thread: passes JSON-RPC messages to the server and has anything else answered,
/// until the input ends.
fn read_frames(
    mut input: impl Read,
    to_server: async_mpsc::UnboundedSender<Vec<u8>>,
    to_writer: mpsc::Sender<Outgoing>,
) {
    let mut decoder = FrameDecoder::default();
    let mut chunk = vec![0; READ_SIZE];
    loop {
        while let Some(frame) = decoder.next() {
            let passed = match for_server(frame) {
                Some(frame) => to_server.send(frame).is_ok(),
                None => to_writer.send(Outgoing::ParseError).is_ok(),
            };
            if !passed {
                return;
            }
        }
        match input.read(&mut chunk) {
            Ok(0) => return,
            Ok(read) => decoder.push(&chunk[..read]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // Dropping `to_server` tells the server its input has ended.
            Err(_) => return,
        }
    }
}

/// The input when stdin can be polled: read on the runtime's threads as the editor writes.
#[cfg(unix)]
struct PolledInput {
    stdin: tokio::io::unix::AsyncFd<std::fs::File>,
    decoder: FrameDecoder,
    chunk: Vec<u8>,
    handing: Handing,
    ended: bool,
    parse_errors: mpsc::Sender<Outgoing>,
}

#[cfg(unix)]
impl PolledInput {
    /// Stdin, polled, if it is a pipe or a socket. It is made non-blocking, which is a property
    /// of the pipe and not of this process: fine for the editor's pipe, which only the server
    /// reads, but not for a terminal that a shell shares, which keeps the reader thread.
    fn stdin(parse_errors: &mpsc::Sender<Outgoing>) -> Option<PolledInput> {
        use std::os::{fd::AsRawFd, unix::fs::FileTypeExt};
        let stdin = std::fs::File::from(
            std::os::fd::AsFd::as_fd(&std::io::stdin())
                .try_clone_to_owned()
                .ok()?,
        );
        let kind = stdin.metadata().ok()?.file_type();
        if !(kind.is_fifo() || kind.is_socket()) {
            return None;
        }
        let fd = stdin.as_raw_fd();
        // SAFETY: the `File` owns its descriptor, which stays open (and the same) until the
        // `AsyncFd` drops it.
        let stdin = unsafe {
            tokio::io::unix::AsyncFd::register_with_interest(stdin, tokio::io::Interest::READABLE)
        }
        .ok()?;
        // Last, so that a failure before leaves stdin as the reader thread expects it.
        // SAFETY: F_GETFL and F_SETFL only read and set the descriptor's status flags.
        let nonblocking = unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) == 0
        };
        if !nonblocking {
            return None;
        }
        Some(PolledInput {
            stdin,
            decoder: FrameDecoder::default(),
            chunk: vec![0; READ_SIZE],
            handing: Handing::default(),
            ended: false,
            parse_errors: parse_errors.clone(),
        })
    }
}

#[cfg(unix)]
impl AsyncRead for PolledInput {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.handing.give(buf) {
                return Poll::Ready(Ok(()));
            }
            if let Some(frame) = this.decoder.next() {
                match for_server(frame) {
                    Some(frame) => this.handing.start(frame),
                    None => drop(this.parse_errors.send(Outgoing::ParseError)),
                }
                continue;
            }
            if this.ended {
                return Poll::Ready(Ok(()));
            }
            let mut ready = ready!(this.stdin.poll_read_ready(cx))?;
            match ready.try_io(|stdin| (&mut stdin.get_ref()).read(&mut this.chunk)) {
                Ok(Ok(0)) => this.ended = true,
                Ok(Ok(read)) => this.decoder.push(&this.chunk[..read]),
                Ok(Err(e)) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // A broken input ends the session, as its end does.
                Ok(Err(_)) => this.ended = true,
                // Not readable after all: the readiness is cleared, wait again.
                Err(_) => {}
            }
        }
    }
}

/// What tower-lsp-server reads: stdin polled, or the reader thread's frames.
enum Input {
    #[cfg(unix)]
    Polled(Box<PolledInput>),
    Forwarded(FromReader),
}

impl AsyncRead for Input {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            #[cfg(unix)]
            Input::Polled(input) => Pin::new(&mut **input).poll_read(cx, buf),
            Input::Forwarded(input) => Pin::new(input).poll_read(cx, buf),
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

/// Wraps stdin and the editor's end of stdout (see [`Pipes`]). Called inside the runtime,
/// whose I/O driver polls stdin.
pub(crate) fn guard(
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
    #[cfg(unix)]
    let polled = PolledInput::stdin(&outgoing);
    #[cfg(not(unix))]
    let polled = None;
    let input = match polled {
        Some(polled) => Input::Polled(Box::new(polled)),
        None => {
            let (to_server, frames) = async_mpsc::unbounded_channel();
            let parse_errors = outgoing.clone();
            std::thread::Builder::new()
                .name("dx-lsp-stdin".into())
                .spawn(move || read_frames(std::io::stdin(), to_server, parse_errors))?;
            Input::Forwarded(FromReader {
                frames,
                handing: Handing::default(),
            })
        }
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
        let input =
            b"Content-Length: 2\r\n\r\n{}X-Nothing: 1\r\n\r\n\r\ncontent-length: 3\r\n\r\nabc";
        let expected = [
            Frame::Body(b"{}".to_vec()),
            Frame::BadHeader,
            Frame::Body(b"abc".to_vec()),
        ];
        // Whatever pieces the bytes arrive in, the same frames come out.
        for piece in [1, 2, 3, 7, input.len()] {
            let mut decoder = FrameDecoder::default();
            let mut frames = Vec::new();
            for bytes in input.chunks(piece) {
                decoder.push(bytes);
                frames.extend(std::iter::from_fn(|| decoder.next()));
                assert!(
                    decoder.buffer.len() <= 24 + piece,
                    "what was framed is dropped: {} bytes kept",
                    decoder.buffer.len()
                );
            }
            assert_eq!(frames, expected, "pieces of {piece} bytes");
        }
    }

    #[test]
    fn the_reader_thread_passes_messages_and_has_the_rest_answered() {
        let good = br#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = [
            frame(good),
            frame(b"{ not json"),
            b"Content-Length: 99999999999\r\n\r\n".to_vec(),
            frame(good),
        ]
        .concat();
        let (to_server, mut frames) = async_mpsc::unbounded_channel();
        let (to_writer, outgoing) = mpsc::channel();
        read_frames(&input[..], to_server, to_writer);
        assert_eq!(frames.try_recv().unwrap(), frame(good));
        assert_eq!(frames.try_recv().unwrap(), frame(good));
        assert!(frames.try_recv().is_err(), "the input ended: nothing more");
        let errors: Vec<_> = outgoing.try_iter().collect();
        assert!(matches!(
            errors[..],
            [Outgoing::ParseError, Outgoing::ParseError]
        ));
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
