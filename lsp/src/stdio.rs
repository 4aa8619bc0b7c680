//! Message framing between the editor's pipes and tower-lsp-server.
//!
//! tower-lsp-server stops reading at the first frame it cannot decode (its `FramedRead` ends
//! after an error), so one malformed message from an editor would end the session. This layer
//! reads frames itself, forwards only bodies that are JSON-RPC messages, and answers anything
//! else with a JSON-RPC parse error (`-32700`, `id: null`), as the specification asks. Because
//! the server's output and those answers share stdout, the server writes into a pipe and one task
//! copies whole frames from it and the answers to stdout, so frames never interleave.

use serde_json::Value;
use tokio::{
    io::{
        AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt,
        BufReader,
    },
    sync::mpsc,
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

async fn read_frame(input: &mut (impl AsyncBufRead + Unpin)) -> std::io::Result<Frame> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).await? == 0 {
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
    input.read_exact(&mut body).await?;
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

/// One write per frame: tokio's stdout hands every write to a blocking thread, so header and
/// body go together.
async fn write_frame(output: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    output.write_all(&frame).await?;
    output.flush().await
}

/// Wraps the editor's pipes: returns the input and output tower-lsp-server should use, and the
/// output task, which ends once the server has dropped its output and every frame is written.
pub(crate) fn guard(
    input: impl AsyncRead + Unpin + Send + 'static,
    output: impl AsyncWrite + Unpin + Send + 'static,
) -> (impl AsyncRead, impl AsyncWrite, tokio::task::JoinHandle<()>) {
    let (server_input, mut to_server) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (errors, mut error_answers) = mpsc::unbounded_channel::<()>();

    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            match read_frame(&mut input).await {
                Ok(Frame::Body(body)) if is_message(&body) => {
                    if write_frame(&mut to_server, &body).await.is_err() {
                        return;
                    }
                }
                Ok(Frame::Body(_) | Frame::BadHeader) => {
                    if errors.send(()).is_err() {
                        return;
                    }
                }
                // Dropping `to_server` tells the server its input has ended.
                Ok(Frame::End) | Err(_) => return,
            }
        }
    });

    let written = tokio::spawn(async move {
        let mut output = output;
        let mut from_server = BufReader::new(from_server);
        let parse_error =
            br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#;
        loop {
            tokio::select! {
                frame = read_frame(&mut from_server) => match frame {
                    Ok(Frame::Body(body)) => {
                        if write_frame(&mut output, &body).await.is_err() {
                            return;
                        }
                    }
                    Ok(Frame::BadHeader) => {}
                    Ok(Frame::End) | Err(_) => return,
                },
                Some(()) = error_answers.recv() => {
                    if write_frame(&mut output, parse_error).await.is_err() {
                        return;
                    }
                }
            }
        }
    });

    (server_input, server_output, written)
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

    #[tokio::test]
    async fn frames_are_read_whole_and_bad_headers_skipped() {
        let input = b"Content-Length: 2\r\n\r\n{}X-Nothing: 1\r\n\r\nContent-Length: 3\r\n\r\nabc";
        let mut reader = BufReader::new(&input[..]);
        assert!(matches!(read_frame(&mut reader).await.unwrap(), Frame::Body(b) if b == b"{}"));
        assert!(matches!(
            read_frame(&mut reader).await.unwrap(),
            Frame::BadHeader
        ));
        assert!(matches!(read_frame(&mut reader).await.unwrap(), Frame::Body(b) if b == b"abc"));
        assert!(matches!(read_frame(&mut reader).await.unwrap(), Frame::End));
    }
}
