//! Getting packages into the store: download (many in flight), verify, and unpack on the blocking
//! pool, with at most one unpack per core because inflating and creating files is the real cost
//! of an install on a fast network.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::graph::{FILE_PREFIX, Package, Source};
use crate::integrity::Integrity;
use crate::registry::{MAX_IN_FLIGHT, RegistryClient};
use crate::report::{Event, Reporter};
use crate::store::Store;

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
                None => self.client.tarball(&package.resolved).await?,
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
        let name = key.clone();
        tokio::task::spawn_blocking(move || store.add(&name, &integrity, &bytes))
            .await
            .map_err(std::io::Error::other)??;
        self.reporter.event(Event::Unpacked);
        Ok(())
    }
}
