//! dx-pm: an npm-compatible package manager. One concern per module:
//!
//! - [`config`]: `.npmrc` settings (registries, scopes, tokens, TLS) and the cache location
//! - [`manifest`], [`spec`]: `package.json` and dependency specifiers
//! - [`overrides`]: `overrides`/`resolutions` as a tree of rules the resolver looks up
//! - [`registry`], [`packument`]: the HTTP client and the metadata it fetches
//! - [`resolver`], [`graph`]: from manifest to resolved graph
//! - [`fetch`], [`integrity`], [`tarball`], [`store`]: download, verify, unpack, keep
//! - [`layout`], [`linker`], [`filelink`]: the `node_modules` tree and putting it on disk
//!   (reflink, else hardlink, else copy)
//! - [`lockfile`], [`image`]: `dx.lock` (text) and the binary install image (rkyv)
//! - [`install`], [`query`], [`scripts`]: the commands
//! - [`report`]: progress as a trait the CLI, LSP and devtools implement
//! - [`cache`]: listing and cleaning the global cache
//! - [`migrate`], [`lockimport`]: importing npm's `package-lock.json` as `dx.lock`; the
//!   versions pinned by `pnpm-lock.yaml`, `yarn.lock` and `bun.lock`
//! - [`workspace`], [`catalog`], [`pnpm_workspace`]: workspace members from `workspaces` or
//!   `pnpm-workspace.yaml` globs, `--filter`, the root a member belongs to, the catalogs
//!   `catalog:` takes from, and the rest of pnpm's workspace file dx reads
//! - [`policy`]: the deny-list and malware advisories an install refuses
//! - [`audit`]: the registry's bulk advisory endpoint against the installed graph

pub mod audit;
pub mod cache;
pub mod catalog;
pub mod config;
pub mod descriptors;
pub mod error;
pub mod fetch;
pub mod filelink;
pub mod fsutil;
pub mod graph;
pub mod gunzip;
pub mod image;
pub mod install;
pub mod integrity;
pub mod json_scan;
pub mod layout;
pub mod linker;
pub mod lockfile;
pub mod lockimport;
pub mod malloc;
pub mod manifest;
pub mod metadata_cache;
pub mod migrate;
pub mod overrides;
pub mod packument;
pub mod platform;
pub mod pnpm_workspace;
pub mod policy;
pub mod query;
pub mod registry;
pub mod report;
pub mod resolver;
pub mod scripts;
pub mod spec;
pub mod store;
pub mod tarball;
pub mod workspace;

pub use error::{Error, Result};
pub use install::{InstallOptions, InstallSummary, Linker, add, install, remove, trust};
pub use manifest::DepGroup;
pub use registry::Network;
pub use report::{Event, Reporter, Silent};
