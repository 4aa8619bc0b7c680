//! Progress reporting as a trait: the library says what happened, and the terminal progress line,
//! the language server's `$/progress` or the devtools' install view decide how to show it.

/// Something an install did.
#[derive(Debug, Clone)]
pub enum Event {
    /// A package version was picked (resolution progress).
    Resolved { total: usize },
    /// A tarball arrived.
    Downloaded { bytes: u64 },
    /// A tarball was unpacked into the store.
    Unpacked,
    /// Linking into `node_modules` started for this many packages.
    Linking { packages: usize },
}

/// Receives [`Event`]s; implementations must be cheap, they are called from hot loops.
pub trait Reporter: Send + Sync {
    fn event(&self, event: Event);
}

/// Discards everything (tests, piped output).
pub struct Silent;

impl Reporter for Silent {
    fn event(&self, _: Event) {}
}
