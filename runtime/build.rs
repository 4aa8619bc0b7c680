//! Embeds every JavaScript file under `js/` into the binary, keyed by its path relative to
//! `js/` without the extension (`node/util`, `internal/modules`, `bootstrap`), and derives
//! `DX_BUILD_ID` from the runtime's sources: the on-disk caches key on it, so a rebuilt dx never
//! reads a transform or bytecode an older build wrote.

use std::{env, fs, path::Path};

fn main() {
    // Read when the script runs, not baked in when it compiles: a build script compiled in one
    // checkout and reused by another (a shared or copied target/) must embed this checkout's js/.
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest).join("js");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("pub static SOURCES: &[(&str, &str)] = &[\n");
    for (key, path) in files {
        out.push_str(&format!("    ({key:?}, include_str!({path:?})),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("js_sources.rs");
    // Write a new file and rename it over the old one: a target directory seeded with hard
    // links shares this file's inode with other checkouts, and writing in place would change
    // which sources *their* builds embed.
    let fresh = dest.with_extension("rs.new");
    fs::write(&fresh, out).unwrap();
    fs::rename(&fresh, &dest).unwrap();

    let src = Path::new(&manifest).join("src");
    println!("cargo:rerun-if-changed={}", src.display());
    let mut inputs = Vec::new();
    collect_all(&root, &mut inputs);
    collect_all(&src, &mut inputs);
    inputs.sort();
    // FNV-1a over every source file: stable, dependency-free, and good enough to tell builds apart.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in inputs {
        for byte in path
            .to_string_lossy()
            .bytes()
            .chain(fs::read(&path).unwrap())
        {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
    println!(
        "cargo:rustc-env=DX_BUILD_ID={}-{hash:016x}",
        env::var("CARGO_PKG_VERSION").unwrap()
    );
}

fn collect_all(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_all(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            // Dev tools and the JS-level tests of these files are not part of the runtime.
            let name = path.file_name().unwrap().to_string_lossy();
            if name != "tools" && name != "tests" {
                collect(root, &path, files);
            }
        } else if path.extension().is_some_and(|e| e == "js") {
            let key = path.strip_prefix(root).unwrap().with_extension("");
            files.push((
                key.to_string_lossy().into_owned(),
                path.to_string_lossy().into_owned(),
            ));
        }
    }
}
