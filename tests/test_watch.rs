//! `dx test --watch` end to end: the real binary watching a temporary project (stdin is not a
//! terminal, so no keys), files changed on disk, and the runs it prints.

mod support;

use std::{
    io::{BufRead, BufReader},
    process::{Child, Stdio},
    sync::mpsc::{self, Receiver},
    time::Duration,
};

use support::Project;

/// Only a safety net for a hung binary: no assertion depends on how fast a run is.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `dx test --watch` and the lines it prints.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    fn start(project: &Project) -> Watching {
        let mut child = project
            .dx()
            .args(["test", "--watch"])
            .env("NO_COLOR", "1")
            .env_remove("CI")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// The lines of one run, up to and including its closing count line (`N passed, N failed`).
    fn next_run(&self) -> Vec<String> {
        let mut run = Vec::new();
        loop {
            let line = self
                .lines
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no complete run; got {run:#?}"));
            let done = line.ends_with(" failed") && line.contains(" passed, ");
            run.push(line);
            if done {
                return run;
            }
        }
    }

    /// Waits for the prompt that follows a run, so that the watcher is idle again.
    fn idle(&self) {
        loop {
            let line = self.lines.recv_timeout(PATIENCE).expect("no prompt");
            if line.starts_with("Watching for changes") {
                return;
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `PASS`/`FAIL` lines of a run, without their durations.
fn files_run(run: &[String]) -> Vec<String> {
    run.iter()
        .filter(|l| l.starts_with(" PASS ") || l.starts_with(" FAIL "))
        .map(|l| {
            l.rsplit_once(" (")
                .map_or(l.as_str(), |(head, _)| head)
                .to_owned()
        })
        .collect()
}

#[test]
fn a_change_reruns_only_the_test_files_that_import_it() {
    let project = Project::new(
        r#"
//- package.json
{ "name": "watched", "type": "module" }
//- lib/math.ts
export const add = (a: number, b: number) => a + b;
//- lib/text.ts
export const shout = (s: string) => s.toUpperCase() + '!';
//- math.test.ts
import { add } from './lib/math';
test('adds', () => { expect(add(1, 2)).toBe(3); });
//- text.test.ts
import { shout } from './lib/text';
test('shouts', () => { expect(shout('hi')).toMatchSnapshot(); });
"#,
    );
    let watching = Watching::start(&project);
    let first = watching.next_run();
    // Files run in parallel, longest first: the order is the scheduler's.
    let mut ran = files_run(&first);
    ran.sort();
    assert_eq!(ran, [" PASS  math.test.ts", " PASS  text.test.ts"]);
    assert_eq!(first.last().unwrap(), "2 passed, 0 failed");
    assert!(
        project.file("__snapshots__/text.test.ts.snap").is_file(),
        "the first run writes the snapshot; its own write must not count as a change"
    );
    watching.idle();

    // A source file only math.test.ts imports: only it runs, and fails.
    std::fs::write(
        project.file("lib/math.ts"),
        "export const add = (a: number, b: number) => a + b + 1;\n",
    )
    .unwrap();
    let run = watching.next_run();
    assert!(
        run.iter()
            .any(|l| l == "Changed: lib/math.ts; running 1 test file."),
        "{run:#?}"
    );
    assert_eq!(files_run(&run), [" FAIL  math.test.ts"], "{run:#?}");
    assert_eq!(run.last().unwrap(), "0 passed, 1 failed");
    watching.idle();

    // The other test file itself: only it runs.
    std::fs::write(
        project.file("text.test.ts"),
        "import { shout } from './lib/text';\ntest('shouts', () => { expect(shout('hi')).toBe('HI!'); });\n",
    )
    .unwrap();
    let run = watching.next_run();
    assert_eq!(files_run(&run), [" PASS  text.test.ts"], "{run:#?}");
    watching.idle();

    // A new test file in a new folder runs on its own.
    std::fs::create_dir_all(project.file("more")).unwrap();
    std::fs::write(
        project.file("more/new.test.js"),
        "test('new', () => { expect(1).toBe(1); });\n",
    )
    .unwrap();
    let run = watching.next_run();
    assert_eq!(files_run(&run), [" PASS  more/new.test.js"], "{run:#?}");
    assert_eq!(run.last().unwrap(), "1 passed, 0 failed");
}
