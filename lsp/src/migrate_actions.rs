//! `dx migrate` in the editor: hint diagnostics, quick-fixes, the "Migrate file to .dx" action
//! and lens, and the `dx.migrateFile` / `dx.migrateProject` commands.
//!
//! Every edit comes from dx-migrator's own functions (`migration_at`, `migrate_file`,
//! `migrate_project`), the ones `dx migrate` calls, and reaches the files as a `WorkspaceEdit`
//! the editor applies, so the user can undo it. A file that becomes `.dx` is edited in place and
//! then renamed, which is what `dx migrate --write` does on disk.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use dx_migrator::{FileMigration, Outcome, ProjectMigration};
use serde_json::{Value, json};
use tower_lsp_server::{
    jsonrpc,
    ls_types::{
        CodeAction, CodeActionKind, CodeActionOrCommand, CodeLens, Command, CreateFile,
        CreateFileOptions, Diagnostic, DiagnosticSeverity, DocumentChangeOperation,
        DocumentChanges, MessageType, NumberOrString, OneOf,
        OptionalVersionedTextDocumentIdentifier, Position, Range, RenameFile, RenameFileOptions,
        ResourceOp, TextDocumentContentChangeEvent, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
    },
};

use crate::{
    model::{self, Cancellable, MigrationHint, Snapshot, TextRange},
    server::{Backend, LineIndex, State, run_query},
    text::PositionEncoding,
};

/// The command the "Migrate file to .dx" lens and action carry: `{ "file": "/abs/path.tsx" }`.
pub const MIGRATE_FILE: &str = "dx.migrateFile";
/// Migrates the whole project: `{ "root"?: "/abs/folder" }` (default: the workspace folder).
pub const MIGRATE_PROJECT: &str = "dx.migrateProject";

const MIGRATE_FILE_TITLE: &str = "Migrate file to .dx";

/// The text of a React file, read from a snapshot that this releases: a migration runs for tens
/// of milliseconds and must not hold up the next edit, which waits for every snapshot.
pub fn react_text(snapshot: Snapshot, path: &Path) -> Cancellable<Option<Arc<str>>> {
    if !snapshot.is_react(path)? {
        return Ok(None);
    }
    snapshot.text(path)
}

/// The migration hints of `text`, computed once per text and shared by diagnostics, lenses and
/// code actions.
#[derive(Default)]
pub struct HintCache(std::sync::Mutex<std::collections::HashMap<PathBuf, CachedHints>>);

struct CachedHints {
    text: Arc<str>,
    hints: Arc<Vec<MigrationHint>>,
}

impl HintCache {
    pub fn hints(&self, path: &Path, text: &Arc<str>) -> Arc<Vec<MigrationHint>> {
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(cached) = lock().get(path)
            && (Arc::ptr_eq(&cached.text, text) || cached.text == *text)
        {
            return Arc::clone(&cached.hints);
        }
        // Computed outside the lock: another file's hints need not wait for this one.
        let hints = Arc::new(model::migration_hints(path, text));
        lock().insert(
            path.to_path_buf(),
            CachedHints {
                text: Arc::clone(text),
                hints: Arc::clone(&hints),
            },
        );
        hints
    }

    /// Forgets a file the editor closed.
    pub fn forget(&self, path: &Path) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(path);
    }
}

/// Moves published hint diagnostics through one editor change, so the hints shown between a
/// keystroke and the next migration stay on their code; a hint the change touches is dropped.
pub fn shift_hints(
    hints: &mut Vec<Diagnostic>,
    change: &TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) {
    let Some(replaced) = change.range else {
        hints.clear();
        return;
    };
    let units = |text: &str| -> u32 {
        match encoding {
            PositionEncoding::Utf16 => text.encode_utf16().count() as u32,
            PositionEncoding::Utf8 => text.len() as u32,
        }
    };
    // Line breaks as LSP counts them: `\r\n`, `\n` and a lone `\r`.
    let inserted = change.text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = inserted.split('\n').collect();
    let last = lines.last().copied().unwrap_or("");
    let inserted_end = if lines.len() <= 1 {
        Position::new(replaced.start.line, replaced.start.character + units(last))
    } else {
        Position::new(replaced.start.line + lines.len() as u32 - 1, units(last))
    };
    let before = |a: Position, b: Position| (a.line, a.character) < (b.line, b.character);
    let shift = |p: Position| {
        if before(p, replaced.end) {
            p
        } else if p.line == replaced.end.line {
            Position::new(
                inserted_end.line,
                inserted_end.character + (p.character - replaced.end.character),
            )
        } else {
            Position::new(p.line + inserted_end.line - replaced.end.line, p.character)
        }
    };
    hints.retain(|hint| {
        let overlaps =
            before(hint.range.start, replaced.end) && before(replaced.start, hint.range.end);
        let splits =
            before(hint.range.start, replaced.start) && before(replaced.start, hint.range.end);
        !overlaps && !splits
    });
    for hint in hints.iter_mut() {
        hint.range = Range::new(shift(hint.range.start), shift(hint.range.end));
    }
}

/// The hint-level diagnostics: one per hook or directive `dx migrate` would rewrite.
pub fn hint_diagnostics(hints: &[MigrationHint], index: &LineIndex) -> Vec<Diagnostic> {
    hints
        .iter()
        .filter(|hint| hint.is_shown())
        .map(|hint| Diagnostic {
            range: index.range(hint.range),
            severity: Some(DiagnosticSeverity::HINT),
            code: Some(NumberOrString::String(hint.code().into())),
            source: Some("dx migrate".into()),
            message: hint.message(),
            ..Diagnostic::default()
        })
        .collect()
}

/// The "Migrate file to .dx" lens at the top of a file that has something to migrate.
pub fn file_lens(hints: &[MigrationHint], path: &Path) -> Option<CodeLens> {
    if hints.is_empty() {
        return None;
    }
    let top = Range::new(Position::new(0, 0), Position::new(0, 0));
    Some(CodeLens {
        range: top,
        command: Some(migrate_file_command(path)),
        data: None,
    })
}

fn migrate_file_command(path: &Path) -> Command {
    Command {
        title: MIGRATE_FILE_TITLE.into(),
        command: MIGRATE_FILE.into(),
        arguments: Some(vec![json!({ "file": path })]),
    }
}

/// The open document a code action edits: where it is and which version the edit is for.
pub struct Target {
    pub uri: Uri,
    pub path: PathBuf,
    pub version: Option<i32>,
}

/// Code actions in `range`: a quick-fix per migratable construct it touches, then
/// "Migrate file to .dx" (a `refactor.rewrite`) when the file has anything to migrate.
pub fn code_actions(
    snapshot: Snapshot,
    state: &State,
    target: &Target,
    range: Range,
    encoding: PositionEncoding,
) -> Cancellable<Vec<CodeActionOrCommand>> {
    let path = &target.path;
    let Some(text) = react_text(snapshot, path)? else {
        return Ok(Vec::new());
    };
    let hints = state.hint_cache.hints(path, &text);
    if hints.is_empty() {
        return Ok(Vec::new());
    }
    let index = LineIndex::new(&text, encoding);
    let wanted = TextRange::new(index.offset(range.start), index.offset(range.end));
    let mut actions = Vec::new();
    let mut offered: Vec<Vec<dx_migrator::TextEdit>> = Vec::new();
    // The most specific construct first: a hook before the component around it.
    let mut here: Vec<&MigrationHint> = hints
        .iter()
        .filter(|hint| hint.range.start <= wanted.end && wanted.start <= hint.range.end)
        .collect();
    here.sort_by_key(|hint| hint.range.end - hint.range.start);
    for hint in here {
        let Some(migration) = model::migration_at(path, &text, hint.range.start) else {
            continue;
        };
        // Two hints whose fixes are the same edit (a hook and the component it needs) are one
        // action.
        if offered.contains(&migration.edits) {
            continue;
        }
        let diagnostics = hint_diagnostics(std::slice::from_ref(hint), &index);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: hint.kind.fix_title(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
            edit: Some(file_edit(target, &text, &migration, encoding)),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
        offered.push(migration.edits);
    }
    let migration = model::file_migration(path, &text);
    if changes_anything(&migration) {
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: MIGRATE_FILE_TITLE.into(),
            kind: Some(CodeActionKind::REFACTOR_REWRITE),
            edit: Some(file_edit(target, &text, &migration, encoding)),
            ..CodeAction::default()
        }));
    }
    Ok(actions)
}

fn changes_anything(migration: &FileMigration) -> bool {
    !migration.edits.is_empty() || migration.new_path.is_some()
}

/// One file's migration as a workspace edit: the text edits on the file as it is, then the
/// rename to its `.dx` path (refused by the editor if that path exists).
fn file_edit(
    target: &Target,
    text: &str,
    migration: &FileMigration,
    encoding: PositionEncoding,
) -> WorkspaceEdit {
    let index = LineIndex::new(text, encoding);
    let edits = migration
        .edits
        .iter()
        .map(|edit| {
            let range = TextRange::new(edit.range.start, edit.range.end);
            OneOf::Left(TextEdit::new(index.range(range), edit.new_text.clone()))
        })
        .collect();
    let mut operations = vec![DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: target.uri.clone(),
            version: target.version,
        },
        edits,
    })];
    if let Some(new_path) = &migration.new_path
        && new_path != &target.path
        && let Some(new_uri) = Uri::from_file_path(new_path)
    {
        operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
            RenameFile {
                old_uri: target.uri.clone(),
                new_uri,
                options: Some(RenameFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(false),
                }),
                annotation_id: None,
            },
        )));
    }
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..WorkspaceEdit::default()
    }
}

/// A whole project's plan as one workspace edit: files rewritten in place, moved (renamed after
/// their edit, as `write_project` writes before it removes) and created.
fn project_edit(plan: &ProjectMigration, encoding: PositionEncoding) -> WorkspaceEdit {
    let uri = |relative: &str| Uri::from_file_path(plan.root.join(relative));
    let mut operations = Vec::new();
    for change in &plan.changes {
        let Some(to) = uri(&change.to) else { continue };
        let replace_all = |uri: Uri| {
            let end = LineIndex::new(&change.old, encoding).position(change.old.len() as u32);
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit::new(
                    Range::new(Position::new(0, 0), end),
                    change.new.clone(),
                ))],
            })
        };
        match change.from.as_deref().and_then(uri) {
            Some(from) => {
                if change.new != change.old {
                    operations.push(replace_all(from.clone()));
                }
                if from != to {
                    operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
                        RenameFile {
                            old_uri: from,
                            new_uri: to,
                            options: Some(RenameFileOptions {
                                overwrite: Some(false),
                                ignore_if_exists: Some(false),
                            }),
                            annotation_id: None,
                        },
                    )));
                }
            }
            None => {
                operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
                    CreateFile {
                        uri: to.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(false),
                        }),
                        annotation_id: None,
                    },
                )));
                operations.push(replace_all(to));
            }
        }
    }
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..WorkspaceEdit::default()
    }
}

/// The one argument object of a command, or an invalid-params error naming what is missing.
fn argument<'a>(arguments: &'a [Value], field: &str) -> Option<&'a str> {
    arguments.first()?.get(field)?.as_str()
}

fn invalid_params(message: String) -> jsonrpc::Error {
    jsonrpc::Error::invalid_params(message)
}

/// Tells the user why nothing happened, and answers the command with the same sentence.
async fn refuse(backend: &Backend, message: String) -> jsonrpc::Result<Option<Value>> {
    backend
        .client
        .show_message(MessageType::WARNING, &message)
        .await;
    Ok(Some(json!({ "applied": false, "reason": message })))
}

/// Sends the edit to the editor and reports the outcome the editor gives.
async fn apply(
    backend: &Backend,
    edit: WorkspaceEdit,
    done: String,
) -> jsonrpc::Result<Option<Value>> {
    match backend.client.apply_edit(edit).await {
        Ok(response) if response.applied => {
            backend.client.show_message(MessageType::INFO, &done).await;
            Ok(Some(json!({ "applied": true, "message": done })))
        }
        Ok(response) => {
            let reason = response
                .failure_reason
                .unwrap_or_else(|| "the editor did not apply the edit".into());
            refuse(backend, format!("dx migrate: {reason}")).await
        }
        Err(error) => refuse(backend, format!("dx migrate: {}", error.message)).await,
    }
}

/// `dx.migrateFile`: `dx migrate` on one file (its text as the editor holds it), applied by the
/// editor. A file the migrator leaves alone is refused with the migrator's reason.
pub async fn migrate_file(
    backend: &Backend,
    arguments: &[Value],
) -> jsonrpc::Result<Option<Value>> {
    let Some(file) = argument(arguments, "file") else {
        return Err(invalid_params(format!(
            "{MIGRATE_FILE} takes {{ \"file\": \"/absolute/path\" }}"
        )));
    };
    let path = PathBuf::from(file);
    let Some(target) = backend.state.target(&path) else {
        return Err(invalid_params(format!(
            "{MIGRATE_FILE}: `{file}` is not an absolute path"
        )));
    };
    let snapshot = backend.state.snapshot_with(&path);
    let encoding = backend.state.encoding();
    let planned = run_query(move || {
        let text = snapshot.text(&target.path)?;
        drop(snapshot);
        let migration = text
            .as_ref()
            .map(|text| model::file_migration(&target.path, text));
        Ok((text, migration, target))
    })
    .await?;
    let (Some(text), Some(migration), target) = planned else {
        return refuse(backend, format!("dx migrate: cannot read `{file}`")).await;
    };
    if !changes_anything(&migration) {
        let reason = migration
            .report
            .iter()
            .find_map(|construct| match &construct.outcome {
                Outcome::Left(reason) => Some(reason.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "it has nothing to migrate".into());
        return refuse(
            backend,
            format!("dx migrate left `{file}` as it is: {reason}"),
        )
        .await;
    }
    let edit = file_edit(&target, &text, &migration, encoding);
    let done = match &migration.new_path {
        Some(new_path) => format!("dx migrate: `{file}` → `{}`", new_path.display()),
        None => format!("dx migrate: `{file}` rewritten"),
    };
    apply(backend, edit, done).await
}

/// `dx.migrateProject`: `dx migrate --write` on a folder, as one undoable workspace edit. Like
/// the CLI it refuses a git tree with uncommitted changes unless `"force": true`, because a
/// project-wide rewrite mixed into unrelated changes is hard to review or revert.
pub async fn migrate_project(
    backend: &Backend,
    arguments: &[Value],
) -> jsonrpc::Result<Option<Value>> {
    let root = match argument(arguments, "root") {
        Some(root) => PathBuf::from(root),
        None => match backend.state.root() {
            Some(root) => root,
            None => {
                return Err(invalid_params(format!(
                    "{MIGRATE_PROJECT} needs {{ \"root\": \"/absolute/folder\" }} when the editor opened no folder"
                )));
            }
        },
    };
    let force = arguments
        .first()
        .and_then(|options| options.get("force"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let encoding = backend.state.encoding();
    let planned = {
        let root = root.clone();
        tokio::task::spawn_blocking(move || {
            if !force {
                dx_migrator::ensure_clean_git(&root)?;
            }
            dx_migrator::migrate_project(&root, &dx_migrator::MigrateOptions::default())
        })
        .await
    };
    let plan = match planned {
        Ok(Ok(plan)) => plan,
        Ok(Err(error)) => return refuse(backend, format!("dx migrate: {error}")).await,
        Err(failure) => return refuse(backend, format!("dx migrate failed: {failure}")).await,
    };
    if plan.is_noop() {
        return refuse(
            backend,
            format!("dx migrate: nothing to change in `{}`", root.display()),
        )
        .await;
    }
    // The plan was made from the disk; an open file with unsaved changes would be overwritten.
    let unsaved = plan.changes.iter().find_map(|change| {
        let from = plan.root.join(change.from.as_ref()?);
        let text = backend.state.open_text(&from)?;
        (*text != *change.old).then_some(from)
    });
    if let Some(unsaved) = unsaved {
        return refuse(
            backend,
            format!(
                "dx migrate: `{}` has unsaved changes; save it and run again",
                unsaved.display()
            ),
        )
        .await;
    }
    let edit = project_edit(&plan, encoding);
    let done = format!(
        "dx migrate: {} files changed in `{}`",
        plan.changes.len(),
        root.display()
    );
    let answer = apply(backend, edit, done).await?;
    if answer
        .as_ref()
        .is_some_and(|answer| answer["applied"] == true)
    {
        // Empty folders of the dx layout: a workspace edit can only create files.
        for directory in &plan.directories {
            let _ = std::fs::create_dir_all(plan.root.join(directory));
        }
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint_at(start: (u32, u32), end: (u32, u32)) -> Diagnostic {
        Diagnostic {
            range: Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1)),
            ..Diagnostic::default()
        }
    }

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    fn ranges(hints: &[Diagnostic]) -> Vec<String> {
        hints
            .iter()
            .map(|hint| {
                let Range { start, end } = hint.range;
                format!(
                    "{}:{}-{}:{}",
                    start.line, start.character, end.line, end.character
                )
            })
            .collect()
    }

    #[test]
    fn hints_move_with_edits_and_drop_where_the_edit_lands() {
        let mut hints = vec![
            hint_at((1, 2), (1, 10)),
            hint_at((3, 4), (3, 8)),
            hint_at((5, 0), (6, 3)),
        ];
        // Typing "😀" before the second hint, on its line: two UTF-16 units to the right.
        shift_hints(
            &mut hints,
            &change((3, 0), (3, 0), "😀"),
            PositionEncoding::Utf16,
        );
        assert_eq!(ranges(&hints), ["1:2-1:10", "3:6-3:10", "5:0-6:3"]);
        // A new line inserted above the second: it and the third move down.
        shift_hints(
            &mut hints,
            &change((2, 0), (2, 0), "a\r\nb"),
            PositionEncoding::Utf16,
        );
        assert_eq!(ranges(&hints), ["1:2-1:10", "4:6-4:10", "6:0-7:3"]);
        // An edit inside the first drops it; deleting a line pulls the rest up.
        shift_hints(
            &mut hints,
            &change((1, 4), (1, 5), ""),
            PositionEncoding::Utf8,
        );
        shift_hints(
            &mut hints,
            &change((2, 0), (3, 0), ""),
            PositionEncoding::Utf8,
        );
        assert_eq!(ranges(&hints), ["3:6-3:10", "5:0-6:3"]);
        // Replacing the whole text forgets every hint.
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: String::new(),
        };
        shift_hints(&mut hints, &whole, PositionEncoding::Utf8);
        assert!(hints.is_empty());
    }

    #[test]
    fn a_moved_file_is_edited_then_renamed_and_a_new_file_created_then_filled() {
        let plan = ProjectMigration {
            root: PathBuf::from("/project"),
            kind: dx_migrator::ProjectKind::React,
            changes: vec![
                dx_migrator::FileChange {
                    from: Some("src/App.tsx".into()),
                    to: "app/App.dx".into(),
                    old: "a\nbc".into(),
                    new: "x".into(),
                },
                dx_migrator::FileChange {
                    from: None,
                    to: "dx".into(),
                    old: String::new(),
                    new: "name = 1\n".into(),
                },
            ],
            directories: vec![],
            files: vec![],
            totals: Default::default(),
        };
        let edit = project_edit(&plan, PositionEncoding::Utf16);
        let value = serde_json::to_value(edit).unwrap();
        let operations = value["documentChanges"].as_array().unwrap();
        let shape: Vec<String> = operations
            .iter()
            .map(|operation| match operation["kind"].as_str() {
                Some(kind) => format!(
                    "{kind} {}",
                    operation.get("newUri").or(operation.get("uri")).unwrap()
                ),
                None => format!(
                    "edit {} {}",
                    operation["textDocument"]["uri"], operation["edits"][0]["range"]["end"]
                ),
            })
            .collect();
        assert_eq!(
            shape,
            [
                r#"edit "file:///project/src/App.tsx" {"line":1,"character":2}"#,
                r#"rename "file:///project/app/App.dx""#,
                r#"create "file:///project/dx""#,
                r#"edit "file:///project/dx" {"line":0,"character":0}"#,
            ]
        );
    }
}
