//! Project planning on folders in a temp dir: layout detection, moves, import rewrites.

use std::{fs, path::Path};

use dx_migrator::{MigrateOptions, ProjectKind, migrate_project, write_project};

fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[test]
fn src_layout_moves_and_relative_imports_follow() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "package.json",
                r#"{ "name": "src-app", "dependencies": { "next": "15" } }"#,
            ),
            (
                "src/app/page.tsx",
                "import { Nav } from \"../components/Nav\";\nimport { util } from \"../lib/util\";\n\nexport default function Page() {\n  return <Nav label={util()} />;\n}\n",
            ),
            (
                "src/components/Nav.tsx",
                "import styles from \"./Nav.module.css\";\n\nexport function Nav({ label }: { label: string }) {\n  return <nav className={styles.nav}>{label}</nav>;\n}\n",
            ),
            ("src/components/Nav.module.css", ".nav {}\n"),
            ("src/components/index.ts", "export * from \"./Nav\";\n"),
            (
                "src/lib/util.ts",
                "import { Nav } from \"../components\";\nexport const util = () => String(Nav);\n",
            ),
        ],
    );
    let plan = migrate_project(root, &MigrateOptions::default()).unwrap();
    assert_eq!(
        plan.kind,
        ProjectKind::Next {
            app_router: true,
            pages_router: false
        }
    );
    let moved: Vec<(Option<&str>, &str)> = plan
        .changes
        .iter()
        .map(|c| (c.from.as_deref(), c.to.as_str()))
        .collect();
    assert!(
        moved.contains(&(Some("src/app/page.tsx"), "app/page.dx")),
        "{moved:?}"
    );
    assert!(
        moved.contains(&(Some("src/components/Nav.tsx"), "component/Nav.dx")),
        "{moved:?}"
    );
    assert!(
        moved.contains(&(
            Some("src/components/Nav.module.css"),
            "style/Nav.module.css"
        )),
        "{moved:?}"
    );
    write_project(&plan).unwrap();
    let page = fs::read_to_string(root.join("app/page.dx")).unwrap();
    assert!(
        page.starts_with(
            "import { Nav } from \"../component/Nav\";\nimport { util } from \"../src/lib/util\";\n"
        ),
        "{page}"
    );
    let nav = fs::read_to_string(root.join("component/Nav.dx")).unwrap();
    assert!(
        nav.starts_with("import styles from \"../style/Nav.module.css\";"),
        "{nav}"
    );
    assert!(nav.contains("<nav class={styles.nav}>"), "{nav}");
    let util = fs::read_to_string(root.join("src/lib/util.ts")).unwrap();
    assert!(
        util.starts_with("import { Nav } from \"../../component\";"),
        "{util}"
    );
    assert!(!root.join("src/components").exists() && !root.join("src/app").exists());
    // Nothing left to do.
    assert!(
        migrate_project(root, &MigrateOptions::default())
            .unwrap()
            .is_noop()
    );
}

#[test]
fn plain_react_and_non_projects() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("package.json", r#"{ "dependencies": { "react": "19" } }"#),
            (
                "src/App.jsx",
                "export function App() { return <p className=\"a\">hi</p>; }\n",
            ),
        ],
    );
    let plan = migrate_project(dir.path(), &MigrateOptions::default()).unwrap();
    assert_eq!(plan.kind, ProjectKind::React);
    assert!(
        plan.changes.iter().any(|c| c.to == "src/App.dx"
            && c.new
                .contains("export component App() { <p class=\"a\">hi</p> }")),
        "{:?}",
        plan.changes
    );

    let empty = tempfile::tempdir().unwrap();
    let error = migrate_project(empty.path(), &MigrateOptions::default()).unwrap_err();
    assert!(error.to_string().contains("has no package.json"), "{error}");
    write(
        empty.path(),
        &[("package.json", r#"{ "dependencies": { "lodash": "4" } }"#)],
    );
    let error = migrate_project(empty.path(), &MigrateOptions::default()).unwrap_err();
    assert!(error.to_string().contains("depends on neither"), "{error}");
}

#[test]
fn never_overwrites_a_different_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            ("package.json", r#"{ "dependencies": { "next": "15" } }"#),
            ("components/A.tsx", "export function A() { return <p/>; }\n"),
            ("component/A.dx", "// the user's own file\n"),
        ],
    );
    let plan = migrate_project(root, &MigrateOptions::default()).unwrap();
    let error = write_project(&plan).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("already exists with different content"),
        "{error}"
    );
    assert_eq!(
        fs::read_to_string(root.join("component/A.dx")).unwrap(),
        "// the user's own file\n"
    );
    assert!(root.join("components/A.tsx").exists());
}
