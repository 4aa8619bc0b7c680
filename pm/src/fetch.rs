//! Getting packages into the store: download (many in flight), verify, and unpack on the blocking
//! pool, with at most one unpack per core because inflating and creating files is the real cost
//! of an install on a fast network.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::graph::{FILE_PREFIX, Package, Source};
use crate::integrity::Integrity;
use crate::registry::{MAX_IN_FLIGHT, RegistryClient, TarballBody};
use crate::report::{Event, Reporter};
use crate::store::Store;

/// Tarballs at least this large are unpacked while they download (Next.js' is ~44 MB and takes
/// as long to unpack as to download); smaller ones are verified whole first, then inflated in
/// one call by libdeflate, 1.5x zlib-rs' speed, which wins over overlapping a download of a few
/// milliseconds (1 MiB before: the ten tarballs of 1–8 MB in the large fixture then streamed,
/// and its cold install used ~0.08 s more CPU).
const STREAM_FROM: u64 = 16 << 20;
/// Bytes a download may run ahead of its unpacking thread. Counted in bytes, not chunks: a
/// chunk is an HTTP/2 frame, 16 KB by default and up to 1 MiB as dx asks for them.
const BYTES_AHEAD: usize = 4 << 20;

/// Shared state of all fetches of one install.
pub struct Fetcher {
    client: Arc<RegistryClient>,
    store: Store,
    downloads: Arc<Semaphore>,
    unpacks: Arc<Semaphore>,
    reporter: Arc<dyn Reporter>,
    /// `file:` tarballs are read relative to it.
    project: std::path::PathBuf,
}

impl Fetcher {
    pub fn new(
        client: Arc<RegistryClient>,
        store: Store,
        reporter: Arc<dyn Reporter>,
        project: &std::path::Path,
    ) -> Arc<Self> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Arc::new(Fetcher {
            client,
            store,
            downloads: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            unpacks: Arc::new(Semaphore::new(cores)),
            reporter,
            project: project.to_path_buf(),
        })
    }

    /// Whether `package`'s files are already in the store (one `stat`), so that
    /// [`Fetcher::ensure`] would have nothing to do.
    pub fn has(&self, package: &Package) -> bool {
        match package.source() {
            Source::Store(sri) => Integrity::parse(sri).is_some_and(|i| self.store.contains(&i)),
            _ => false,
        }
    }

    /// Ensures `key` is in the store; a no-op when it already is, or when its files live in a
    /// local folder rather than a tarball.
    pub async fn ensure(self: Arc<Self>, key: String, package: Package) -> Result<()> {
        let Source::Store(sri) = package.source() else {
            return Ok(());
        };
        let integrity = Integrity::parse(sri).ok_or_else(|| Error::NoIntegrity {
            package: key.clone(),
            integrity: package.integrity.clone(),
        })?;
        if self.store.contains(&integrity) {
            return Ok(());
        }
        let bytes = {
            let _permit = self
                .downloads
                .acquire()
                .await
                .map_err(std::io::Error::other)?;
            match package.resolved.strip_prefix(FILE_PREFIX) {
                Some(path) => bytes::Bytes::from(fs_err::read(self.project.join(path))?),
                None => {
                    let body = self.client.tarball_body(&package.resolved).await?;
                    if body.announced_len().is_some_and(|n| n >= STREAM_FROM) {
                        return self.unpack_while_downloading(key, integrity, body).await;
                    }
                    body.bytes().await?
                }
            }
        };
        self.reporter.event(Event::Downloaded {
            bytes: bytes.len() as u64,
        });
        let _permit = self
            .unpacks
            .clone()
            .acquire_owned()
            .await
            .map_err(std::io::Error::other)?;
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.add(&key, &integrity, &bytes))
            .await
            .map_err(std::io::Error::other)??;
        self.reporter.event(Event::Unpacked);
        Ok(())
    }

    /// Hands a large tarball's chunks to an unpacking thread as they arrive, so that inflating,
    /// hashing and writing its files overlap the download ([`Store::add_streaming`] publishes
    /// the entry only when the hash matches). This takes no unpack permit: the thread spends
    /// most of its time waiting for the network.
    async fn unpack_while_downloading(
        &self,
        key: String,
        integrity: Integrity,
        mut body: TarballBody,
    ) -> Result<()> {
        let (chunks, arrived) = tokio::sync::mpsc::unbounded_channel();
        let ahead = Arc::new(Semaphore::new(BYTES_AHEAD));
        let store = self.store.clone();
        let reader = ChunkReader {
            arrived,
            current: bytes::Bytes::new(),
            ahead: ahead.clone(),
            held: 0,
        };
        let unpacking =
            tokio::task::spawn_blocking(move || store.add_streaming(&key, &integrity, reader));
        let mut downloaded = 0;
        let mut failed = None;
        loop {
            match body.chunk().await {
                Ok(Some(chunk)) => {
                    downloaded += chunk.len() as u64;
                    // Both fail only once the unpacking thread has stopped (with an error).
                    let Ok(room) = ahead.acquire_many(held_for(&chunk)).await else {
                        break;
                    };
                    room.forget();
                    if chunks.send(Ok(chunk)).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = chunks.send(Err(std::io::Error::other(e.to_string())));
                    failed = Some(e);
                    break;
                }
            }
        }
        drop(chunks);
        let unpacked = unpacking.await.map_err(std::io::Error::other)?;
        // A broken download explains a failed unpack better than the unpack's own error.
        if let Some(e) = failed {
            return Err(e);
        }
        unpacked?;
        self.reporter.event(Event::Downloaded { bytes: downloaded });
        self.reporter.event(Event::Unpacked);
        Ok(())
    }
}

/// The share of [`BYTES_AHEAD`] a chunk holds until it has been read.
fn held_for(chunk: &[u8]) -> u32 {
    chunk.len().min(BYTES_AHEAD) as u32
}

/// The blocking side of a streamed download: the chunks, read in order as one byte stream.
struct ChunkReader {
    arrived: tokio::sync::mpsc::UnboundedReceiver<std::io::Result<bytes::Bytes>>,
    current: bytes::Bytes,
    /// The download's room to run ahead: a chunk's share comes back once it is read.
    ahead: Arc<Semaphore>,
    held: u32,
}

impl std::io::BufRead for ChunkReader {
    /// The rest of the current chunk: the inflater reads it where the download put it.
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        while self.current.is_empty() {
            self.ahead
                .add_permits(std::mem::take(&mut self.held) as usize);
            match self.arrived.blocking_recv() {
                Some(chunk) => {
                    self.current = chunk?;
                    self.held = held_for(&self.current);
                }
                None => break,
            }
        }
        Ok(&self.current)
    }

    fn consume(&mut self, amt: usize) {
        bytes::Buf::advance(&mut self.current, amt);
    }
}

impl Drop for ChunkReader {
    /// An unpacking thread that stops early must not leave the download waiting for room.
    fn drop(&mut self) {
        self.ahead.close();
    }
}

impl std::io::Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        crate::store::read_through_buffer(self, buf)
    }
}
