//! The loopback registry and project helpers shared by the end-to-end suites: packuments and
//! tarballs are made by the test and served on 127.0.0.1, so dx runs its whole pipeline with no
//! network and no mocks inside it.
#![allow(dead_code, reason = "each test binary uses its own subset")]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use base64::Engine;
use dx_pm::{InstallOptions, Silent};
use serde_json::{Value, json};
use sha2::Digest;

/// Path → (status, body); shared with the server thread so tests can change it.
pub type Routes = Arc<Mutex<BTreeMap<String, (u16, Vec<u8>)>>>;

pub struct Registry {
    pub url: String,
    pub routes: Routes,
    /// Path → how long the next request for it waits before it is answered.
    stalls: Stalls,
    /// Every request served, in order: its path (the whole URL when it came as to a proxy) and
    /// the client's port, which tells the connection it came on.
    pub served: Served,
    docs: BTreeMap<String, Value>,
}

pub type Served = Arc<Mutex<Vec<(String, u16)>>>;

type Stalls = Arc<Mutex<BTreeMap<String, std::time::Duration>>>;

impl Registry {
    pub fn start() -> Registry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let routes: Routes = Arc::default();
        let stalls: Stalls = Arc::default();
        let served: Served = Arc::default();
        let (routing, stalling, logging) = (routes.clone(), stalls.clone(), served.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (routes, stalls, log) = (routing.clone(), stalling.clone(), logging.clone());
                std::thread::spawn(move || serve(stream, &routes, &stalls, &log));
            }
        });
        Registry {
            url,
            routes,
            stalls,
            served,
            docs: BTreeMap::new(),
        }
    }

    /// Makes the next request for `path` wait `for_` before it is answered (later ones do not).
    pub fn stall_once(&self, path: &str, for_: std::time::Duration) {
        self.stalls.lock().unwrap().insert(path.to_string(), for_);
    }

    /// Publishes `name@version` with the given files and extra version fields.
    pub fn publish(&mut self, name: &str, version: &str, files: &[(&str, &str)], extra: Value) {
        let mut pkg = json!({"name": name, "version": version});
        if let (Some(p), Value::Object(e)) = (pkg.as_object_mut(), extra.clone()) {
            for (k, v) in e {
                if k != "hasInstallScript" {
                    p.insert(k, v);
                }
            }
        }
        let mut all = vec![("package.json".to_string(), pkg.to_string())];
        all.extend(files.iter().map(|(p, c)| (p.to_string(), c.to_string())));
        let tgz = make_tgz(&all);
        let integrity = format!(
            "sha512-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha512::digest(&tgz))
        );
        let tarball_path = format!(
            "{name}/-/{}-{version}.tgz",
            name.rsplit('/').next().unwrap()
        );
        let doc = self
            .docs
            .entry(name.to_string())
            .or_insert_with(|| json!({"name": name, "dist-tags": {}, "versions": {}}));
        let mut meta = json!({"name": name, "version": version,
            "dist": {"tarball": format!("{}{tarball_path}", self.url), "integrity": integrity}});
        if let (Some(m), Value::Object(e)) = (meta.as_object_mut(), extra) {
            m.extend(e);
        }
        doc["versions"][version] = meta;
        doc["dist-tags"]["latest"] = Value::String(version.to_string());
        let mut routes = self.routes.lock().unwrap();
        routes.insert(
            format!("/{}", name.replace('/', "%2f")),
            (200, doc.to_string().into_bytes()),
        );
        routes.insert(format!("/{tarball_path}"), (200, tgz));
    }

    /// Serves `body` at `path` (a tarball named by URL in a `package.json`).
    pub fn serve(&self, path: &str, body: Vec<u8>) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), (200, body));
    }

    /// Flips one byte in the middle of a published tarball, keeping its size.
    pub fn flip_byte(&self, name: &str, version: &str) {
        let path = format!(
            "/{name}/-/{}-{version}.tgz",
            name.rsplit('/').next().unwrap()
        );
        let mut routes = self.routes.lock().unwrap();
        let tgz = &mut routes.get_mut(&path).unwrap().1;
        let middle = tgz.len() / 2;
        tgz[middle] ^= 0x55;
    }

    pub fn tamper(&self, name: &str, version: &str) {
        let path = format!(
            "/{name}/-/{}-{version}.tgz",
            name.rsplit('/').next().unwrap()
        );
        let mut routes = self.routes.lock().unwrap();
        let mut other = make_tgz(&[("package.json".into(), "{\"name\":\"evil\"}".into())]);
        std::mem::swap(&mut routes.get_mut(&path).unwrap().1, &mut other);
    }
}

fn serve(stream: std::net::TcpStream, routes: &Routes, stalls: &Stalls, log: &Served) {
    let port = stream.peer_addr().map_or(0, |a| a.port());
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut content_length = 0;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                break;
            }
            if let Some((k, v)) = header.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                content_length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut request_body = vec![0u8; content_length];
        if std::io::Read::read_exact(&mut reader, &mut request_body).is_err() {
            return;
        }
        let target = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_string();
        // A request sent to a proxy names the whole URL (`http://host/path`): it is routed by
        // its path, and logged whole.
        let path = match target.strip_prefix("http://") {
            Some(rest) => rest.find('/').map_or("/", |at| &rest[at..]).to_string(),
            None => target.clone(),
        };
        log.lock().unwrap().push((target, port));
        let stall = stalls.lock().unwrap().remove(&path);
        if let Some(stall) = stall {
            std::thread::sleep(stall);
        }
        let body = routes.lock().unwrap().get(&path).cloned();
        let (status, body) = body.unwrap_or((404, b"{\"error\":\"Not found\"}".to_vec()));
        let head = format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n",
            body.len()
        );
        if writer
            .write_all(head.as_bytes())
            .and_then(|_| writer.write_all(&body))
            .is_err()
        {
            return;
        }
    }
}

pub fn make_tgz(files: &[(String, String)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::fast(),
    ));
    for (path, content) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(if path.starts_with("bin/") {
            0o755
        } else {
            0o644
        });
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut header, format!("package/{path}"), content.as_bytes())
            .unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

pub struct Project {
    pub dir: tempfile::TempDir,
    pub cache: tempfile::TempDir,
}

impl Project {
    pub fn new(registry: &Registry, manifest: Value) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("package.json"), manifest.to_string()).unwrap();
        std::fs::write(
            dir.path().join(".npmrc"),
            format!("registry={}\n", registry.url),
        )
        .unwrap();
        Project {
            dir,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn opts(&self) -> InstallOptions {
        InstallOptions {
            cache_dir: Some(self.cache.path().to_path_buf()),
            ..Default::default()
        }
    }

    pub fn install(&self) -> dx_pm::Result<dx_pm::InstallSummary> {
        dx_pm::install(self.path(), &self.opts(), Arc::new(Silent))
    }

    pub fn version_at(&self, rel: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.path().join(rel).join("package.json")).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        v["version"].as_str().map(str::to_string)
    }
}

const CHILD_PROJECT: &str = "DX_TEST_CHILD_PROJECT";
const CHILD_CACHE: &str = "DX_TEST_CHILD_CACHE";
/// Set (to space-separated names) to make the child run `dx pm trust` instead of an install.
pub const CHILD_TRUST: &str = "DX_TEST_CHILD_TRUST";

/// A command that installs `project` with the store in `cache` in a child process: this test
/// binary, re-run on its ignored `child_install` test, which a suite using this defines as a
/// call to [`child_install`]. A child can be killed, or given an environment of its own.
pub fn child_install_command(project: &Path, cache: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command
        .args(["child_install", "--exact", "--ignored", "--quiet"])
        .env(CHILD_PROJECT, project)
        .env(CHILD_CACHE, cache);
    command
}

/// The body of a suite's ignored `child_install` test: installs what
/// [`child_install_command`] named (or trusts the packages [`CHILD_TRUST`] names), and fails
/// (the error on stderr) when that does. Without that environment it does nothing.
pub fn child_install() {
    let (Some(project), Some(cache)) = (
        std::env::var_os(CHILD_PROJECT),
        std::env::var_os(CHILD_CACHE),
    ) else {
        return;
    };
    let opts = InstallOptions {
        cache_dir: Some(cache.into()),
        ..Default::default()
    };
    let project = Path::new(&project);
    let result = match std::env::var(CHILD_TRUST) {
        Ok(names) => {
            let names: Vec<String> = names.split_whitespace().map(str::to_string).collect();
            dx_pm::trust(project, &names, &opts, Arc::new(Silent))
        }
        Err(_) => dx_pm::install(project, &opts, Arc::new(Silent)),
    };
    if let Err(e) = result {
        panic!("install failed: {e}");
    }
}
