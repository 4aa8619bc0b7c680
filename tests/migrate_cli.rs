//! `dx migrate` end to end on a small Next.js app in a temporary folder: the dry run's diff, the
//! write, a second run that changes nothing, the git guard, and the JSON report.

use std::{path::Path, process::Command};

const APP: &str = r#"
//- package.json
{ "name": "tiny-next", "private": true, "dependencies": { "next": "15.0.0", "react": "19.0.0" } }
//- tsconfig.json
{
  // create-next-app's alias
  "compilerOptions": { "strict": true, "paths": { "@/*": ["./*"] } },
}
//- app/layout.tsx
import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "tiny" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
//- app/globals.css
body { margin: 0; }
//- app/page.tsx
import Link from "next/link";
import { Counter } from "@/components/Counter";

export default function Home() {
  return (
    <main className="home">
      <Link href="/about">About</Link>
      <Counter start={1} />
    </main>
  );
}
//- components/Counter.tsx
"use client";
import { useState } from "react";
import styles from "./Counter.module.css";

export function Counter({ start }: { start: number }) {
  const [count, setCount] = useState(start);
  return <button className={styles.button} onClick={() => setCount(count + 1)}>{count}</button>;
}
//- components/Counter.module.css
.button { color: red; }
//- components/Legacy.tsx
import { Component } from "react";

export class Legacy extends Component {
  render() {
    return <p>legacy</p>;
  }
}
//- pages/about.tsx
import { Counter } from "../components/Counter";

export default function About() {
  return <Counter start={2} />;
}
//- pages/stats.tsx
export async function getServerSideProps() {
  return { props: { n: 1 } };
}

export default function Stats({ n }: { n: number }) {
  return <p>{n}</p>;
}
//- lib/format.ts
export const format = (n: number) => n.toFixed(2);
"#;

mod support;

use support::{Project, Ran};

/// The app above in a temporary folder.
struct App(Project);

impl std::ops::Deref for App {
    type Target = Project;

    fn deref(&self) -> &Project {
        &self.0
    }
}

impl App {
    fn new() -> App {
        App(Project::new(APP))
    }

    /// `dx migrate <app> <args>`, run outside the app (the path is an argument).
    fn dx(&self, args: &[&str]) -> Ran {
        let output = Command::new(env!("CARGO_BIN_EXE_dx"))
            .arg("migrate")
            .arg(self.path())
            .args(args)
            .output()
            .unwrap();
        Ran {
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
            code: output.status.code().unwrap_or(-1),
        }
    }

    fn git(&self, args: &[&str]) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(self.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    }
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let app = App::new();
    let ran = app.dx(&[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stdout
            .contains("--- a/components/Counter.tsx\n+++ b/component/Counter.dx\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("+  state count = start;\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("--- a/pages/about.tsx\n+++ b/app/about/page.dx\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("+import { Counter } from \"../../component/Counter\";"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stderr.contains("hint: this was a dry run"),
        "{}",
        ran.stderr
    );
    assert!(app.file("components/Counter.tsx").exists());
    assert!(!app.file("component").exists());
    assert!(!app.file("dx").exists());
}

#[test]
fn write_then_a_second_run_changes_nothing() {
    let app = App::new();
    let report = app.file("report.json");
    let ran = app.dx(&["--write", "--report", report.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);

    // Routes, components and styles in the dx layout; imports follow the moves.
    assert!(app.read("app/page.dx").contains("export default component Home() {\n  <main class=\"home\">\n    <a href=\"/about\">About</a>"));
    assert!(
        app.read("app/page.dx")
            .contains("import { Counter } from \"@/component/Counter\";")
    );
    assert!(
        app.read("component/Counter.dx")
            .contains("import styles from \"../style/Counter.module.css\";")
    );
    assert!(
        app.read("app/about/page.dx")
            .contains("<Counter start={2} />")
    );
    assert_eq!(
        app.read("style/Counter.module.css"),
        ".button { color: red; }\n"
    );
    assert!(
        app.read("app/layout.dx")
            .contains("import \"./globals.css\";")
    );
    // What cannot migrate stays TSX where it keeps working.
    assert!(app.read("pages/stats.tsx").contains("getServerSideProps"));
    assert!(
        app.read("component/Legacy.tsx")
            .contains("class Legacy extends Component")
    );
    assert!(!app.file("components").exists() && !app.file("pages/about.tsx").exists());
    assert!(app.read("dx").contains("name = \"tiny-next\""));
    assert!(app.read(".gitignore").contains(".dx/"));
    assert!(app.file(".dx").is_dir());

    let json: serde_json::Value = serde_json::from_str(&app.read("report.json")).unwrap();
    assert_eq!(json["totals"]["files_left"], 2, "{json:#}");
    assert!(
        json["totals"]["migrated"].as_u64().unwrap() >= 8,
        "{json:#}"
    );
    assert!(
        ran.stderr
            .contains("pages/stats.tsx\n  1:data fetching left:"),
        "{}",
        ran.stderr
    );

    let again = app.dx(&["--write"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("nothing to change"),
        "{}",
        again.stderr
    );
    let dry = app.dx(&[]);
    assert_eq!(dry.stdout, "", "a second dry run shows no diff");
}

#[test]
fn refuses_a_dirty_git_tree_unless_forced() {
    let app = App::new();
    if !app.git(&["init", "-q"]) {
        eprintln!("git is not installed; skipping");
        return;
    }
    assert!(app.git(&["add", "-A"]) && app.git(&["commit", "-qm", "app"]));
    std::fs::write(app.file("lib/format.ts"), "export const format = 1;\n").unwrap();
    let ran = app.dx(&["--write"]);
    assert_eq!(ran.code, 1);
    assert!(ran.stderr.contains("uncommitted changes"), "{}", ran.stderr);
    assert!(
        app.file("components/Counter.tsx").exists(),
        "nothing was written"
    );

    let forced = app.dx(&["--write", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(app.file("component/Counter.dx").exists());
    assert_eq!(
        app.read("lib/format.ts"),
        "export const format = 1;\n",
        "the user's change survives"
    );
}

#[test]
fn one_file_dry_run() {
    let app = App::new();
    let output = Command::new(env!("CARGO_BIN_EXE_dx"))
        .args(["migrate"])
        .arg(app.file("components/Counter.tsx"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("+export component Counter({ start }: { start: number }) {"),
        "{stdout}"
    );
    assert!(app.file("components/Counter.tsx").exists());
}

/// The README's example app migrates with nothing left, and its `.dx` parses (checked inside).
#[test]
fn the_example_shop_migrates_cleanly() {
    let shop = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop");
    let dir = tempfile::tempdir().unwrap();
    for entry in ["app", "components", "lib", "scripts"] {
        copy_dir(&shop.join(entry), &dir.path().join(entry));
    }
    for file in ["package.json", "tsconfig.json"] {
        std::fs::copy(shop.join(file), dir.path().join(file)).unwrap();
    }
    let report = dir.path().join("report.json");
    let output = Command::new(env!("CARGO_BIN_EXE_dx"))
        .arg("migrate")
        .arg(dir.path())
        .args(["--write", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["totals"]["files_migrated"], 5, "{json:#}");
    assert_eq!(json["totals"]["left"], 0, "{json:#}");
    let cart = std::fs::read_to_string(dir.path().join("app/cart/page.dx")).unwrap();
    assert!(
        cart.contains("  state cart = new Cart().add(\"p1\").add(\"p3\", 2);\n  effect {\n"),
        "{cart}"
    );
    assert!(
        cart.contains("import { CartSummary } from \"@/components/CartSummary\";"),
        "{cart}"
    );
    let tsconfig = std::fs::read_to_string(dir.path().join("tsconfig.json")).unwrap();
    assert!(
        tsconfig.contains("\"@/components/*\": [\"component/*\"]"),
        "{tsconfig}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
