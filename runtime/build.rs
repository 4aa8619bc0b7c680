//! Embeds every JavaScript file under `js/` into the binary, keyed by its path relative to
//! `js/` without the extension (`node/util`, `internal/modules`, `bootstrap`).

use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
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
    fs::write(dest, out).unwrap();
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
