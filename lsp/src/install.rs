//! `dx.install`: the package manager in-process on the workspace root, the same library call
//! `dx install` makes (`dx_pm::install`), on its own thread so no editor request waits for it.
//! Progress goes to the editor's progress UI when the client offers `window.workDoneProgress`;
//! the summary (or the error) goes to `window/showMessage`.

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use dx_pm::{Event, InstallOptions, InstallSummary, Reporter};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::{
    jsonrpc,
    ls_types::{MessageType, NumberOrString},
};

use crate::server::Backend;

pub const INSTALL: &str = "dx.install";

/// Forwards the installer's events (sent from its worker threads) to the async side.
struct Forward(mpsc::UnboundedSender<Event>);

impl Reporter for Forward {
    fn event(&self, event: Event) {
        let _ = self.0.send(event);
    }
}

/// Counts events into the line the progress UI shows.
#[derive(Default)]
struct Tally {
    resolved: usize,
    downloaded: u64,
    unpacked: usize,
}

impl Tally {
    fn add(&mut self, event: &Event) -> String {
        match event {
            Event::Resolved { total } => self.resolved = *total,
            Event::Downloaded { bytes } => self.downloaded += bytes,
            Event::Unpacked => self.unpacked += 1,
            Event::Linking { packages } => return format!("linking {packages} packages"),
        }
        format!(
            "resolved {} · downloaded {:.1} MB · unpacked {}",
            self.resolved,
            self.downloaded as f64 / 1e6,
            self.unpacked
        )
    }
}

fn summary_line(summary: &InstallSummary) -> String {
    let ms = summary.elapsed.as_millis();
    if summary.unchanged {
        format!(
            "dx install: {} packages, no changes ({ms} ms)",
            summary.packages
        )
    } else {
        format!(
            "dx install: {} packages, {} linked, {} removed ({ms} ms)",
            summary.packages, summary.linked, summary.removed
        )
    }
}

/// `dx.install` with `{ "root"?: "/abs/folder" }` (default: the workspace folder).
pub async fn install(backend: &Backend, arguments: &[Value]) -> jsonrpc::Result<Option<Value>> {
    let root = arguments
        .first()
        .and_then(|options| options.get("root"))
        .and_then(Value::as_str)
        .map(PathBuf::from)
        .or_else(|| backend.state.root());
    let Some(root) = root else {
        return Err(jsonrpc::Error::invalid_params(format!(
            "{INSTALL} needs {{ \"root\": \"/absolute/folder\" }} when the editor opened no folder"
        )));
    };
    let (events, mut received) = mpsc::unbounded_channel();
    let (finished, outcome) = oneshot::channel();
    let project = root.clone();
    // A plain thread: the installer runs its own I/O runtime, which must not nest in tokio's.
    std::thread::Builder::new()
        .name("dx-lsp-install".into())
        .spawn(move || {
            let reporter: Arc<dyn Reporter> = Arc::new(Forward(events));
            let _ = finished.send(dx_pm::install(
                &project,
                &InstallOptions::default(),
                reporter,
            ));
        })
        .map_err(|error| jsonrpc::Error {
            code: jsonrpc::ErrorCode::InternalError,
            message: format!("cannot start the install: {error}").into(),
            data: None,
        })?;
    let client = &backend.client;
    let progress = if backend.state.supports_work_done_progress() {
        static RUNS: AtomicU64 = AtomicU64::new(0);
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        let token = NumberOrString::String(format!("dx-install-{run}"));
        match client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(client.progress(token, "dx install").begin().await),
            Err(_) => None,
        }
    } else {
        None
    };
    let mut tally = Tally::default();
    while let Some(event) = received.recv().await {
        let line = tally.add(&event);
        if let Some(progress) = &progress {
            progress.report(line).await;
        }
    }
    // The sender is dropped when the install returns, so the loop above has ended.
    let result = outcome.await.unwrap_or_else(|_| {
        Err(dx_pm::Error::Io(std::io::Error::other(
            "the install thread stopped without an answer",
        )))
    });
    // Whatever the outcome, node_modules may differ now.
    crate::server::runs::files_changed(&backend.state, true);
    let (kind, message, answer) = match result {
        Ok(summary) => {
            let line = summary_line(&summary);
            let answer = json!({
                "ok": true,
                "packages": summary.packages,
                "added": summary.added,
                "unchanged": summary.unchanged,
                "message": line,
            });
            (MessageType::INFO, line, answer)
        }
        Err(error) => {
            let line = format!("dx install failed in `{}`: {error}", root.display());
            (
                MessageType::ERROR,
                line.clone(),
                json!({ "ok": false, "message": line }),
            )
        }
    };
    if let Some(progress) = progress {
        progress.finish_with_message(message.clone()).await;
    }
    client.show_message(kind, message).await;
    Ok(Some(answer))
}
