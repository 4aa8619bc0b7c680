//! Compiles the committed C parser (generated `src/parser.c` and the
//! hand-written `src/scanner.c`). No Node and no tree-sitter CLI needed.

fn main() {
    let src = std::path::Path::new("src");
    let mut build = cc::Build::new();
    build
        .std("c11")
        .include(src)
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .flag_if_supported("-Wno-trigraphs");
    for file in ["parser.c", "scanner.c"] {
        let path = src.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        build.file(path);
    }
    for header in ["parser.h", "alloc.h", "array.h"] {
        println!(
            "cargo:rerun-if-changed={}",
            src.join("tree_sitter").join(header).display()
        );
    }
    build.compile("tree-sitter-dx");
}
