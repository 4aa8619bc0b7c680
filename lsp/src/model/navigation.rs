//! Go-to-definition across files, the model's half: which import a name at the cursor comes
//! through, and where a file declares an export. Resolving the specifier to a file reads the
//! disk, so the server layer does that in between.
//!
//! `.dx` files are read through their same-length TypeScript mapping (`dx_as_tsx`), so
//! `export component Counter` is an exported function named `Counter` at the same offsets.

use std::collections::HashMap;

use oxc::{
    allocator::Allocator,
    ast::ast::{
        BindingPattern, Declaration, ExportDefaultDeclarationKind, IdentifierReference,
        ImportDeclarationSpecifier, ModuleExportName, Program, Statement,
    },
    ast_visit::{Visit, walk},
    parser::Parser,
    semantic::{SemanticBuilder, SymbolId},
    span::{GetSpan, Span},
};

use super::{Language, TextRange};

/// What an import brings in from its module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ImportedName {
    /// `import { name } from …` (or `import { name as local }`).
    Named(String),
    /// `import local from …`.
    Default,
    /// The module itself: the cursor is on the specifier, or a namespace import.
    Module,
}

/// The import a position leads through: its module specifier (unresolved) and the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportTarget {
    pub specifier: String,
    pub name: ImportedName,
}

fn parse<'a>(allocator: &'a Allocator, text: &'a str, language: Language) -> Program<'a> {
    Parser::new(allocator, text, language.source_type())
        .parse()
        .program
}

fn typescript_text(text: &str, language: Language) -> String {
    match language {
        Language::Dx => dx_migrator::dx_as_tsx(text),
        _ => text.to_string(),
    }
}

fn contains(span: Span, offset: u32) -> bool {
    span.start <= offset && offset <= span.end
}

fn export_name(name: &ModuleExportName<'_>) -> ImportedName {
    match name.name().as_str() {
        "default" => ImportedName::Default,
        other => ImportedName::Named(other.to_string()),
    }
}

/// The import that the specifier, import binding or use of an imported name at `offset` comes
/// through. Uses are resolved with scopes, so a local that shadows an import is not followed.
pub(super) fn import_target_at(
    text: &str,
    language: Language,
    offset: u32,
) -> Option<ImportTarget> {
    let source = typescript_text(text, language);
    let allocator = Allocator::default();
    let program = parse(&allocator, &source, language);
    let mut by_symbol: HashMap<SymbolId, ImportTarget> = HashMap::new();
    let semantic = SemanticBuilder::new().build(&program).semantic;
    for statement in &program.body {
        match statement {
            Statement::ImportDeclaration(import) => {
                let specifier = import.source.value.to_string();
                if contains(import.source.span, offset) {
                    return Some(ImportTarget {
                        specifier,
                        name: ImportedName::Module,
                    });
                }
                for item in import.specifiers.iter().flatten() {
                    let (name, local) = match item {
                        ImportDeclarationSpecifier::ImportSpecifier(named) => {
                            (export_name(&named.imported), &named.local)
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(default) => {
                            (ImportedName::Default, &default.local)
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(namespace) => {
                            (ImportedName::Module, &namespace.local)
                        }
                    };
                    let target = ImportTarget {
                        specifier: specifier.clone(),
                        name,
                    };
                    if contains(item.span(), offset) {
                        return Some(target);
                    }
                    if let Some(symbol) = local.symbol_id.get() {
                        by_symbol.insert(symbol, target);
                    }
                }
            }
            Statement::ExportFromDeclaration(export) => {
                let specifier = export.source.value.to_string();
                if contains(export.source.span, offset) {
                    return Some(ImportTarget {
                        specifier,
                        name: ImportedName::Module,
                    });
                }
                if let Some(item) = export.specifiers.iter().find(|s| contains(s.span, offset)) {
                    return Some(ImportTarget {
                        specifier,
                        name: export_name(&item.local),
                    });
                }
            }
            Statement::ExportAllDeclaration(export) if contains(export.source.span, offset) => {
                return Some(ImportTarget {
                    specifier: export.source.value.to_string(),
                    name: ImportedName::Module,
                });
            }
            _ => {}
        }
    }
    let mut finder = UseAt {
        offset,
        found: None,
    };
    finder.visit_program(&program);
    let reference = finder.found?;
    let symbol = semantic.scoping().get_reference(reference).symbol_id()?;
    by_symbol.remove(&symbol)
}

/// Finds the identifier use under the cursor.
struct UseAt {
    offset: u32,
    found: Option<oxc::semantic::ReferenceId>,
}

impl<'a> Visit<'a> for UseAt {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if contains(it.span, self.offset) {
            self.found = it.reference_id.get().or(self.found);
        }
        walk::walk_identifier_reference(self, it);
    }
}

/// Where the file declares the export `name`: the declared name's range, or for an export that
/// is not a plain declaration (`export default <expression>`, a re-export) the export itself.
pub(super) fn exported_declaration(
    text: &str,
    language: Language,
    name: &ImportedName,
) -> Option<TextRange> {
    let source = typescript_text(text, language);
    let allocator = Allocator::default();
    let program = parse(&allocator, &source, language);
    for statement in &program.body {
        match (statement, name) {
            (Statement::ExportDefaultDeclaration(export), ImportedName::Default) => {
                let named = match &export.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                        function.id.as_ref().map(|id| id.span)
                    }
                    ExportDefaultDeclarationKind::ClassDeclaration(class) => {
                        class.id.as_ref().map(|id| id.span)
                    }
                    _ => None,
                };
                return Some(named.unwrap_or(export.span).into());
            }
            (Statement::ExportDeclaration(export), ImportedName::Named(wanted)) => {
                if let Some(span) = declared_name(&export.declaration, wanted) {
                    return Some(span.into());
                }
            }
            (Statement::ExportNamedDeclaration(export), ImportedName::Named(wanted)) => {
                let exported = export.specifiers.iter().find(|item| {
                    export_name(&item.exported) == ImportedName::Named(wanted.clone())
                });
                if let Some(item) = exported {
                    let local = item.local.name();
                    let declared = top_level_declaration(&program, local.as_str());
                    return Some(declared.unwrap_or(item.span).into());
                }
            }
            // A re-export: the trail continues in another module; its line is the answer here.
            (Statement::ExportFromDeclaration(export), _) => {
                if let Some(item) = export
                    .specifiers
                    .iter()
                    .find(|item| export_name(&item.exported) == *name)
                {
                    return Some(item.span.into());
                }
            }
            (Statement::ExportNamedDeclaration(export), ImportedName::Default) => {
                if let Some(item) = export
                    .specifiers
                    .iter()
                    .find(|item| export_name(&item.exported) == ImportedName::Default)
                {
                    let local = item.local.name();
                    let declared = top_level_declaration(&program, local.as_str());
                    return Some(declared.unwrap_or(item.span).into());
                }
            }
            _ => {}
        }
    }
    None
}

/// The span of the name `wanted` if `declaration` declares it.
fn declared_name(declaration: &Declaration<'_>, wanted: &str) -> Option<Span> {
    let is = |name: &str| name == wanted;
    match declaration {
        Declaration::FunctionDeclaration(function) => function
            .id
            .as_ref()
            .filter(|id| is(&id.name))
            .map(|id| id.span),
        Declaration::ClassDeclaration(class) => class
            .id
            .as_ref()
            .filter(|id| is(&id.name))
            .map(|id| id.span),
        Declaration::VariableDeclaration(variables) => variables
            .declarations
            .iter()
            .flat_map(|declarator| binding_names(&declarator.id))
            .find(|(name, _)| is(name))
            .map(|(_, span)| span),
        Declaration::TSTypeAliasDeclaration(alias) => is(&alias.id.name).then_some(alias.id.span),
        Declaration::TSInterfaceDeclaration(interface) => {
            is(&interface.id.name).then_some(interface.id.span)
        }
        Declaration::TSEnumDeclaration(enumeration) => {
            is(&enumeration.id.name).then_some(enumeration.id.span)
        }
        _ => None,
    }
}

fn binding_names<'p>(pattern: &'p BindingPattern<'_>) -> Vec<(&'p str, Span)> {
    pattern
        .get_binding_identifiers()
        .into_iter()
        .map(|id| (id.name.as_str(), id.span))
        .collect()
}

/// A top-level declaration of `name` (`function f`, `const f`, `class F`, an import of `f`), for
/// `export { f }` lists.
fn top_level_declaration(program: &Program<'_>, name: &str) -> Option<Span> {
    program.body.iter().find_map(|statement| match statement {
        Statement::ImportDeclaration(import) => import
            .specifiers
            .iter()
            .flatten()
            .map(|item| item.local())
            .find(|local| local.name == name)
            .map(|local| local.span),
        Statement::ExportDeclaration(export) => declared_name(&export.declaration, name),
        other => other
            .as_declaration()
            .and_then(|declaration| declared_name(declaration, name)),
    })
}
