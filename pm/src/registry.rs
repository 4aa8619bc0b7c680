//! The npm registry client: abbreviated packuments and tarballs over one keep-alive HTTP/2
//! connection per host (platform TLS roots, so corporate intercepting proxies work), auth from
//! `.npmrc`, retries with backoff, a packument that is late to answer raced by a copy, and a
//! metadata cache in `$DX_CACHE_DIR/metadata-v3/` that honours the registry's five-minute
//! freshness and revalidates with ETags after that.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, ETAG, IF_NONE_MATCH, USER_AGENT};

use crate::config::NpmConfig;
use crate::error::{Error, Result};
use crate::metadata_cache;
use crate::packument::Packument;
use crate::resolver::MetadataSource;

/// npm's abbreviated document: only what installs need, a fraction of the full packument.
const ABBREVIATED: &str =
    "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
/// The registry sends `Cache-Control: max-age=300` on packuments.
const FRESH_FOR: Duration = Duration::from_secs(300);
const ATTEMPTS: u32 = 3;
/// HTTP/2 flow-control windows. Everything shares one connection, and with the default (or
/// adaptive) windows the server stalls waiting for window updates: a cold Next.js install got
/// its first packuments (55 MB) in ~400 ms instead of ~275 ms. What a slow reader can make the
/// server buffer is bounded by these.
const H2_STREAM_WINDOW: u32 = 16 << 20;
const H2_CONNECTION_WINDOW: u32 = 64 << 20;
/// The largest HTTP/2 frame the server may send (the protocol's default is 16 KiB). Each frame
/// is a chunk for whoever reads the body and often a wake-up: at 1 MiB a cold react-next
/// install waits in `epoll_wait` 899 times instead of 2,744, and cold large went 1.45 → 1.37 s,
/// react-next 1.03 → 0.99 s (tmpfs, interleaved rounds).
const H2_MAX_FRAME: u32 = 1 << 20;
/// How long a registry's "no advisory endpoint" answer is remembered by installs.
const NO_ADVISORIES_FOR: Duration = Duration::from_secs(24 * 3600);
/// The file that remembers it, in the registry's metadata folder (no package name starts with
/// a dot).
const NO_ADVISORIES_MARKER: &str = ".no-advisory-endpoint";
/// HTTP/2 streams in flight; more does not help and costs memory.
pub const MAX_IN_FLIGHT: usize = 64;

/// How much the network may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Network {
    #[default]
    Online,
    /// Use cached metadata whatever its age; go to the network only for what is missing.
    PreferOffline,
    /// Never use the network.
    Offline,
}

/// Which of the client's two connections a request travels on.
///
/// HTTP/2 shares a connection's bandwidth among its streams, so on one connection the document
/// an install needs first (Next.js' is 21 MB) arrived behind the ~100 smaller ones the
/// resolver's look-ahead had asked for: a cold Next.js app got it after ~315 ms, against
/// ~180 ms once the guesses went elsewhere. The look-ahead's guesses therefore get their own
/// connection, and what is wanted now (a level's own packuments, and tarballs, whose bytes
/// carry most of an install's CPU work) keeps the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// A packument resolution waits for, a tarball, an advisory query.
    Wanted = 0,
    /// A packument asked for ahead of need.
    Ahead = 1,
}

/// One [`Lane`]'s client: one HTTP/2 connection, or one pool of HTTP/1.1 ones.
#[derive(Default)]
struct Connection {
    /// Built on the first request: setting up TLS (loading the platform's roots) costs
    /// milliseconds that an install served from the lockfile and the store never needs to pay.
    http: OnceLock<reqwest::Client>,
    /// Held by the first request so that the ones after it share its connection instead of each
    /// opening (and paying TLS for) their own before ALPN has said HTTP/2.
    first: tokio::sync::Mutex<bool>,
}

/// A shareable registry client.
pub struct RegistryClient {
    /// Indexed by [`Lane`].
    connections: [Connection; 2],
    config: NpmConfig,
    metadata_dir: PathBuf,
    network: Network,
    /// How long cached metadata is used without asking the registry.
    fresh_for: Duration,
    /// How long packument requests after the first took to answer (see [`Self::race`]).
    latencies: Latencies,
    /// The certificates both lanes trust (see [`trusted_roots`]), read for the first.
    roots: OnceLock<std::result::Result<Vec<reqwest::Certificate>, String>>,
}

impl RegistryClient {
    /// A client for `config`, caching metadata under `cache_root`. No I/O happens here.
    pub fn new(config: NpmConfig, cache_root: &std::path::Path, network: Network) -> Self {
        RegistryClient {
            connections: Default::default(),
            config,
            metadata_dir: cache_root.join(metadata_cache::DIR),
            network,
            fresh_for: FRESH_FOR,
            latencies: Latencies::default(),
            roots: OnceLock::new(),
        }
    }

    /// Asks the registry about every cached packument (with its ETag) instead of trusting it for
    /// five minutes: `dx update` must see what was published a minute ago.
    pub fn revalidating(mut self) -> Self {
        self.fresh_for = Duration::ZERO;
        self
    }

    fn http(&self, lane: Lane) -> Result<&reqwest::Client> {
        let connection = &self.connections[lane as usize];
        if let Some(client) = connection.http.get() {
            return Ok(client);
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .read_timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(8)
            .http2_initial_stream_window_size(H2_STREAM_WINDOW)
            .http2_initial_connection_window_size(H2_CONNECTION_WINDOW)
            .http2_max_frame_size(H2_MAX_FRAME);
        if self.config.strict_ssl {
            let roots = self
                .roots
                .get_or_init(|| trusted_roots(&self.config.extra_ca_pem));
            let roots = roots.as_ref().map_err(|reason| Error::Config {
                key: "cafile".into(),
                reason: reason.clone(),
            })?;
            builder = builder.tls_certs_only(roots.iter().cloned());
        } else {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        builder = self.with_proxies(builder)?;
        let client = builder.build().map_err(|e| Error::Network {
            url: self.config.registry.clone(),
            reason: root_cause(&e),
        })?;
        Ok(connection.http.get_or_init(|| client))
    }

    /// The `.npmrc` proxies, as npm uses them: `proxy` for http, `https-proxy` (else `proxy`)
    /// for https, `noproxy` (else `NO_PROXY`) for hosts to reach directly. Without them reqwest
    /// reads the `HTTP(S)_PROXY` variables itself.
    fn with_proxies(&self, builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder> {
        let config = &self.config;
        let direct = || {
            config
                .no_proxy
                .as_deref()
                .and_then(reqwest::NoProxy::from_string)
                .or_else(reqwest::NoProxy::from_env)
        };
        // The URL is left out of the error: it may hold a password.
        let invalid = |key: &str| {
            let key = key.to_string();
            move |e: reqwest::Error| Error::Config {
                key,
                reason: format!("not a proxy URL ({})", root_cause(&e)),
            }
        };
        let mut builder = builder;
        if let Some(url) = &config.proxy {
            let proxy = reqwest::Proxy::http(url).map_err(invalid("proxy"))?;
            builder = builder.proxy(proxy.no_proxy(direct()));
        }
        if let Some((key, url)) = config
            .https_proxy
            .as_ref()
            .map(|url| ("https-proxy", url))
            .or_else(|| Some(("proxy", config.proxy.as_ref()?)))
        {
            let proxy = reqwest::Proxy::https(url).map_err(invalid(key))?;
            builder = builder.proxy(proxy.no_proxy(direct()));
        }
        Ok(builder)
    }

    /// The packument URL of a package (`@scope/name` → `@scope%2fname`).
    pub fn packument_url(&self, name: &str) -> String {
        format!(
            "{}{}",
            self.config.registry_for(name),
            name.replace('/', "%2f")
        )
    }

    fn cache_path(&self, name: &str) -> PathBuf {
        self.registry_dir(self.config.registry_for(name))
            .join(format!(
                "{}.{}",
                name.replace('/', "%2f"),
                metadata_cache::EXTENSION
            ))
    }

    /// The metadata cache folder of one registry.
    fn registry_dir(&self, registry: &str) -> PathBuf {
        let host: String = registry
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.metadata_dir.join(host)
    }

    /// One packument, from the cache when fresh (or allowed by the network mode), else the
    /// registry over `lane`.
    pub async fn packument(&self, name: &str, lane: Lane) -> Result<Arc<Packument>> {
        let cache_path = self.cache_path(name);
        let usable =
            |c: &metadata_cache::Cached| c.age < self.fresh_for || self.network != Network::Online;
        let cached = match metadata_cache::read(&cache_path) {
            Some(c) if usable(&c) => return Ok(Arc::new(c.packument)),
            other => other,
        };
        if self.network == Network::Offline {
            return Err(Error::Offline(name.to_string()));
        }
        let url = self.packument_url(name);
        let etag = cached.as_ref().and_then(|c| c.etag.clone());
        let response = self
            .get(&url, ABBREVIATED, etag.as_deref(), lane, Lateness::Raced)
            .await?;
        match response.status() {
            StatusCode::NOT_MODIFIED => {
                let entry = cached.ok_or_else(|| Error::HttpStatus {
                    url: url.clone(),
                    status: 304,
                })?;
                // The file's modification time is the fetch time: touching it renews it.
                if let Ok(file) = std::fs::File::options().append(true).open(&cache_path) {
                    let _ = file.set_modified(SystemTime::now());
                }
                Ok(Arc::new(entry.packument))
            }
            StatusCode::NOT_FOUND => Err(Error::UnknownPackage(name.to_string())),
            s if s.is_success() => {
                let etag = response
                    .headers()
                    .get(ETAG)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| network_error(&url, &e))?;
                // Parsing and caching Next.js' 21 MB document takes ~40 ms: done on the resolver's
                // thread, the documents of a large app add up to most of its resolution.
                let name = name.to_string();
                tokio::task::spawn_blocking(move || {
                    parse_and_cache(&name, &cache_path, etag.as_deref(), body)
                })
                .await
                .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
            }
            s => Err(Error::HttpStatus {
                url,
                status: s.as_u16(),
            }),
        }
    }

    /// Downloads a tarball into memory (it is verified before anything is written).
    pub async fn tarball(&self, url: &str) -> Result<bytes::Bytes> {
        self.tarball_body(url).await?.bytes().await
    }

    /// Starts downloading a tarball: the response, once its status says the body follows.
    pub async fn tarball_body(&self, url: &str) -> Result<TarballBody> {
        if self.network == Network::Offline {
            return Err(Error::Offline(url.to_string()));
        }
        let response = self
            .get(
                url,
                "application/octet-stream",
                None,
                Lane::Wanted,
                Lateness::Waited,
            )
            .await?;
        if !response.status().is_success() {
            return Err(Error::HttpStatus {
                url: url.to_string(),
                status: response.status().as_u16(),
            });
        }
        Ok(TarballBody {
            url: url.to_string(),
            response,
        })
    }

    /// The bulk advisory answer an install consults for its malware check. A registry that said
    /// it does not serve the endpoint is taken at its word for a day: asking again would cost
    /// every install, even one with everything cached, a TLS handshake and a round trip.
    pub async fn advisories_for_install(
        &self,
        query: &serde_json::Value,
    ) -> Result<serde_json::Value> {
        if let Some(status) = self.remembered_advisory_status() {
            return Err(Error::AuditUnsupported {
                registry: self.config.registry.clone(),
                status,
            });
        }
        let answer = self.advisories(query).await;
        if let Err(Error::AuditUnsupported { status, .. }) = &answer {
            let marker = self.no_advisories_marker();
            let _ = crate::fsutil::write_atomic(&marker, status.to_string().as_bytes());
        }
        answer
    }

    /// Whether the registry said, within the last day, that it serves no advisories.
    pub fn remembers_no_advisories(&self) -> bool {
        self.remembered_advisory_status().is_some()
    }

    fn remembered_advisory_status(&self) -> Option<u16> {
        let marker = self.no_advisories_marker();
        let meta = std::fs::metadata(&marker).ok()?;
        if meta.modified().ok().and_then(|m| m.elapsed().ok()) >= Some(NO_ADVISORIES_FOR) {
            return None;
        }
        std::fs::read_to_string(&marker).ok()?.trim().parse().ok()
    }

    fn no_advisories_marker(&self) -> std::path::PathBuf {
        self.registry_dir(&self.config.registry)
            .join(NO_ADVISORIES_MARKER)
    }

    /// npm's bulk advisory query: `{name: [versions]}` in, `{name: [advisory]}` out. A registry
    /// that does not serve the endpoint answers 404 or 405, which becomes
    /// [`Error::AuditUnsupported`].
    pub async fn advisories(&self, query: &serde_json::Value) -> Result<serde_json::Value> {
        if self.network == Network::Offline {
            return Err(Error::Offline("the advisory database".into()));
        }
        let url = format!("{}-/npm/v1/security/advisories/bulk", self.config.registry);
        let mut request = self
            .http(Lane::Wanted)?
            .post(&url)
            .header(ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(query).map_err(std::io::Error::other)?);
        if let Some(auth) = self.config.authorization(&url) {
            request = request.header(AUTHORIZATION, auth);
        }
        let response = request.send().await.map_err(|e| network_error(&url, &e))?;
        let status = response.status();
        if status == StatusCode::METHOD_NOT_ALLOWED || status == StatusCode::NOT_FOUND {
            return Err(Error::AuditUnsupported {
                registry: self.config.registry.clone(),
                status: status.as_u16(),
            });
        }
        if !status.is_success() {
            return Err(Error::HttpStatus {
                url,
                status: status.as_u16(),
            });
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| network_error(&url, &e))?;
        serde_json::from_slice(&body).map_err(|e| Error::BadMetadata {
            name: "advisories".into(),
            reason: e.to_string(),
        })
    }

    /// A GET with auth, retried with backoff on connection errors, 429 and 5xx.
    async fn get(
        &self,
        url: &str,
        accept: &str,
        etag: Option<&str>,
        lane: Lane,
        lateness: Lateness,
    ) -> Result<reqwest::Response> {
        let mut first = Some(self.connections[lane as usize].first.lock().await);
        if first.as_ref().is_some_and(|done| **done) {
            first = None;
        }
        let http = self.http(lane)?;
        let request = || {
            let mut request = http.get(url).header(ACCEPT, accept).header(
                USER_AGENT,
                concat!("dx/", env!("CARGO_PKG_VERSION"), " npm/10"),
            );
            if let Some(auth) = self.config.authorization(url) {
                request = request.header(AUTHORIZATION, auth);
            }
            if let Some(etag) = etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            request
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = match (&first, lateness) {
                (None, Lateness::Raced) => self.race(request).await,
                _ => request().send().await,
            };
            let retry = match &outcome {
                Ok(r) => {
                    r.status().is_server_error() || r.status() == StatusCode::TOO_MANY_REQUESTS
                }
                Err(e) => !e.is_builder(),
            };
            if !retry || attempt >= ATTEMPTS {
                if let Some(mut done) = first.take() {
                    *done = outcome.is_ok();
                }
                return outcome.map_err(|e| network_error(url, &e));
            }
            tokio::time::sleep(Duration::from_millis(200 * 4u64.pow(attempt - 1))).await;
        }
    }
}

/// A fetched packument, parsed and written to its cache file. Once cached, its versions are
/// read from the file: documents add up to tens of MB for a Next.js app even cut down, and the
/// resolver keeps them all. A cache that cannot be written only costs that memory.
fn parse_and_cache(
    name: &str,
    cache_path: &std::path::Path,
    etag: Option<&str>,
    body: bytes::Bytes,
) -> Result<Arc<Packument>> {
    let packument = Packument::parse(name, &body)?;
    drop(body);
    Ok(Arc::new(
        match metadata_cache::write(cache_path, etag, &packument) {
            Ok((file, base)) => packument.read_from(file, base),
            Err(_) => packument,
        },
    ))
}

/// The root certificates a connection trusts: the `cafile`/`ca`/`SSL_CERT_FILE`/
/// `NODE_EXTRA_CA_CERTS` bundles, and the system's, which are the ones reqwest's default
/// verifier loads (`SSL_CERT_FILE` and `SSL_CERT_DIR`, else the distribution's bundle). That
/// verifier reads them again for every client it is built into, ~10 ms on the network thread
/// (this machine's `/etc/ssl/certs` is ~140 files besides its bundle), and each lane has a
/// client: read here once, both share them. System certificates that do not parse are
/// skipped, as that verifier skips them; a configured bundle reqwest cannot read is an error,
/// as before.
fn trusted_roots(extra_pem: &[Vec<u8>]) -> std::result::Result<Vec<reqwest::Certificate>, String> {
    let mut roots = Vec::new();
    for pem in extra_pem {
        roots.extend(reqwest::Certificate::from_pem_bundle(pem).map_err(|e| e.to_string())?);
    }
    let mut parsable = rustls::RootCertStore::empty();
    for der in rustls_native_certs::load_native_certs().certs {
        if let Ok(cert) = reqwest::Certificate::from_der(&der)
            && parsable.add(der).is_ok()
        {
            roots.push(cert);
        }
    }
    if roots.is_empty() {
        return Err("no CA certificates were found on this system".into());
    }
    Ok(roots)
}

/// A tarball's body on its way: read whole, or chunk by chunk as it arrives.
pub struct TarballBody {
    url: String,
    response: reqwest::Response,
}

impl TarballBody {
    /// The size the server announced, if it did.
    pub fn announced_len(&self) -> Option<u64> {
        self.response.content_length()
    }

    pub async fn bytes(self) -> Result<bytes::Bytes> {
        let url = self.url;
        self.response
            .bytes()
            .await
            .map_err(|e| network_error(&url, &e))
    }

    /// The next piece of the body; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>> {
        self.response
            .chunk()
            .await
            .map_err(|e| network_error(&self.url, &e))
    }
}

impl RegistryClient {
    /// Sends `request()`; when it has not answered by [`Latencies::late_after`], sends it again
    /// and takes whichever answers first. On a warm connection most packuments start within a
    /// few milliseconds, but a few take 60–90 ms (an upstream hiccup behind the registry; the
    /// same document is fast the next time), and resolution, one level at a time, waits for
    /// the level's latest. The other response is read to its end in the background rather than
    /// dropped: dropping it would reset its HTTP/2 stream, and a server may close a connection
    /// that resets streams (racing tarballs that way broke installs at this registry's proxy).
    async fn race(
        &self,
        request: impl Fn() -> reqwest::RequestBuilder,
    ) -> reqwest::Result<reqwest::Response> {
        let started = std::time::Instant::now();
        let mut first = Box::pin(request().send());
        let answer = match tokio::time::timeout(self.latencies.late_after(), &mut first).await {
            Ok(answer) => answer,
            Err(_) => {
                let mut second = Box::pin(request().send());
                tokio::select! {
                    answer = &mut first => { read_out(second); answer }
                    answer = &mut second => { read_out(first); answer }
                }
            }
        };
        self.latencies.record(started.elapsed());
        answer
    }
}

/// Reads a response nobody wants to its end, in the background (see [`RegistryClient::race`]).
fn read_out(pending: impl Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static) {
    tokio::spawn(async move {
        if let Ok(response) = pending.await {
            let _ = response.bytes().await;
        }
    });
}

/// Whether a request that is late to answer is raced by a copy (packuments: small, and what
/// resolution waits for) or waited for (tarballs: large, and rarely on the critical path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lateness {
    Raced,
    Waited,
}

/// How long recent requests took to answer (to their response headers), which says when one
/// is late: a slow network raises the bar instead of getting every request sent twice.
#[derive(Debug, Default)]
struct Latencies {
    recent: std::sync::Mutex<std::collections::VecDeque<Duration>>,
}

impl Latencies {
    /// Answer times kept.
    const KEPT: usize = 64;
    /// Answers needed before the median is trusted; until then a request is late after
    /// [`Self::LATE_UNTIL_KNOWN`].
    const KNOWN_AFTER: usize = 8;
    const LATE_UNTIL_KNOWN: Duration = Duration::from_millis(60);
    /// Late is this many times the median answer time, and never less than [`Self::FLOOR`].
    const TIMES_MEDIAN: u32 = 3;
    const FLOOR: Duration = Duration::from_millis(25);

    fn record(&self, took: Duration) {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() == Self::KEPT {
            recent.pop_front();
        }
        recent.push_back(took);
    }

    fn late_after(&self) -> Duration {
        let recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() < Self::KNOWN_AFTER {
            return Self::LATE_UNTIL_KNOWN;
        }
        let mut sorted: Vec<Duration> = recent.iter().copied().collect();
        sorted.sort_unstable();
        (sorted[sorted.len() / 2] * Self::TIMES_MEDIAN).max(Self::FLOOR)
    }
}

impl MetadataSource for RegistryClient {
    async fn packument(&self, name: &str) -> Result<Arc<Packument>> {
        RegistryClient::packument(self, name, Lane::Wanted).await
    }

    async fn packument_ahead(&self, name: &str) -> Result<Arc<Packument>> {
        RegistryClient::packument(self, name, Lane::Ahead).await
    }

    async fn tarball(&self, url: &str) -> Result<bytes::Bytes> {
        RegistryClient::tarball(self, url).await
    }
}

fn network_error(url: &str, e: &reqwest::Error) -> Error {
    Error::Network {
        url: url.to_string(),
        reason: root_cause(e),
    }
}

/// The innermost cause of an error chain, which is the one that says what actually went wrong
/// (`dns error: …`, `Connection refused`), on one line.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string().replace('\n', " ");
    if e.to_string().contains("timed out") || text.is_empty() {
        e.to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lanes_trust_the_configured_and_the_system_roots_read_once() {
        use base64::Engine;
        let system = trusted_roots(&[]).unwrap();
        assert!(!system.is_empty());
        let der = rustls_native_certs::load_native_certs().certs.remove(0);
        let body = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
        let pem = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
        assert_eq!(
            trusted_roots(&[pem.into_bytes()]).unwrap().len(),
            system.len() + 1
        );

        let mut config = NpmConfig::default();
        config.strict_ssl = true;
        let client = RegistryClient::new(
            config,
            std::path::Path::new("/nonexistent"),
            Network::Online,
        );
        client.http(Lane::Wanted).unwrap();
        let read = client.roots.get().map(|r| r.as_ref().map(Vec::len).ok());
        assert_eq!(read, Some(Some(system.len())));
        client.http(Lane::Ahead).unwrap();
    }

    #[tokio::test]
    async fn offline_without_cache_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let client = RegistryClient::new(
            NpmConfig::from_layers(&[crate::config::parse_npmrc(
                "registry=https://r.example/",
                &Default::default(),
            )])
            .unwrap(),
            dir.path(),
            Network::Offline,
        );
        assert_eq!(client.packument_url("@a/b"), "https://r.example/@a%2fb");
        assert!(matches!(
            client.packument("left-pad", Lane::Wanted).await,
            Err(Error::Offline(_))
        ));
    }

    #[test]
    fn late_is_relative_to_the_answers_seen() {
        let known = |took: Duration| {
            let latencies = Latencies::default();
            for _ in 0..Latencies::KNOWN_AFTER {
                latencies.record(took);
            }
            latencies
        };
        assert_eq!(
            Latencies::default().late_after(),
            Latencies::LATE_UNTIL_KNOWN
        );
        assert_eq!(
            known(Duration::from_millis(2)).late_after(),
            Latencies::FLOOR
        );
        assert_eq!(
            known(Duration::from_millis(100)).late_after(),
            Duration::from_millis(300)
        );
        // One slow answer among fast ones does not move the bar.
        let latencies = known(Duration::from_millis(5));
        latencies.record(Duration::from_secs(3));
        assert_eq!(latencies.late_after(), Latencies::FLOOR);
    }
}
