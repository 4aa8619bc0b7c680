//! Links the `dx` binary as a position-dependent executable on Linux.
//!
//! As a PIE, a binary this size carries ~38,000 relative relocations that the dynamic loader
//! applies, copying the pages they land on, before `main` runs: 0.4 ms of every `dx` process,
//! a tenth of a no-op `dx install` (measured with `hyperfine -N 'dx --version'`: 1.5 → 1.1 ms).
//! Linked without PIE they are resolved by the linker. The code itself stays
//! position-independent; only the executable's load address is fixed, as bun's is.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
