//! `.dx` editor features in LSP form: semantic tokens (with their legend), hover on `state` and
//! `derived` names, and in-file definitions. The model did the tree-sitter work
//! (`model::DxAnalysis`); this module only converts.

use tower_lsp_server::ls_types::{
    Hover, HoverContents, MarkupContent, MarkupKind, SemanticToken, SemanticTokenModifier,
    SemanticTokenType, SemanticTokensLegend,
};

use crate::{
    model::{Binding, BindingKind, DxAnalysis, ReaderKind, TextRange, TokenKind},
    server::LineIndex,
};

fn token_type(kind: TokenKind) -> SemanticTokenType {
    match kind {
        TokenKind::Keyword => SemanticTokenType::KEYWORD,
        TokenKind::Type => SemanticTokenType::TYPE,
        TokenKind::TypeParameter => SemanticTokenType::TYPE_PARAMETER,
        TokenKind::Class => SemanticTokenType::CLASS,
        TokenKind::Function => SemanticTokenType::FUNCTION,
        TokenKind::Method => SemanticTokenType::METHOD,
        TokenKind::Variable => SemanticTokenType::VARIABLE,
        TokenKind::Parameter => SemanticTokenType::PARAMETER,
        TokenKind::Property => SemanticTokenType::PROPERTY,
        TokenKind::String => SemanticTokenType::STRING,
        TokenKind::Number => SemanticTokenType::NUMBER,
        TokenKind::Regexp => SemanticTokenType::REGEXP,
        TokenKind::Comment => SemanticTokenType::COMMENT,
        TokenKind::Operator => SemanticTokenType::OPERATOR,
    }
}

/// Modifier bits, in legend order.
const DECLARATION: u32 = 1;
const READONLY: u32 = 1 << 1;
const DEFAULT_LIBRARY: u32 = 1 << 2;

/// The legend `initialize` advertises: token types in [`TokenKind::ALL`] order, then the
/// modifiers in bit order.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TokenKind::ALL.into_iter().map(token_type).collect(),
        token_modifiers: vec![
            SemanticTokenModifier::DECLARATION,
            SemanticTokenModifier::READONLY,
            SemanticTokenModifier::DEFAULT_LIBRARY,
        ],
    }
}

/// The relative encoding LSP wants (line and start deltas), for the tokens inside `within`
/// (all of them when `None`). Lengths are in the session's position units.
pub fn encode(
    analysis: &DxAnalysis,
    index: &LineIndex,
    within: Option<TextRange>,
) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    let (mut line, mut column) = (0, 0);
    for token in &analysis.tokens {
        if let Some(within) = within
            && (token.range.end <= within.start || token.range.start >= within.end)
        {
            continue;
        }
        let start = index.position(token.range.start);
        let end = index.position(token.range.end);
        let type_index = TokenKind::ALL
            .iter()
            .position(|kind| *kind == token.kind)
            .unwrap_or(0) as u32;
        let modifiers = token.modifiers;
        let bits = [
            (modifiers.declaration, DECLARATION),
            (modifiers.readonly, READONLY),
            (modifiers.default_library, DEFAULT_LIBRARY),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |bits, (_, bit)| bits | bit);
        let delta_line = start.line - line;
        let delta_start = if delta_line == 0 {
            start.character - column
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character.saturating_sub(start.character),
            token_type: type_index,
            token_modifiers_bitset: bits,
        });
        (line, column) = (start.line, start.character);
    }
    out
}

/// Hover on a `state` or `derived` name (its declaration or any use): how it is declared and
/// what reads it, so the user sees what re-runs when it changes.
pub fn hover(analysis: &DxAnalysis, offset: u32, index: &LineIndex) -> Option<Hover> {
    let (binding, at) = analysis.binding_at(offset)?;
    let keyword = match binding.kind {
        BindingKind::State => "state",
        BindingKind::Derived => "derived",
        _ => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: hover_text(binding, keyword, index),
        }),
        range: Some(index.range(at)),
    })
}

fn hover_text(binding: &Binding, keyword: &str, index: &LineIndex) -> String {
    let mut declared = format!("{keyword} {}", binding.name);
    if let Some(annotation) = &binding.type_annotation {
        declared.push_str(&format!(": {annotation}"));
    }
    if let Some(initializer) = &binding.initializer {
        declared.push_str(&format!(" = {initializer}"));
    }
    let line = |range: TextRange| index.position(range.start).line + 1;
    let readers: Vec<String> = binding
        .readers
        .iter()
        .map(|reader| match &reader.kind {
            ReaderKind::Derived(name) => format!("derived `{name}` (line {})", line(reader.range)),
            ReaderKind::Effect => format!("effect (line {})", line(reader.range)),
            ReaderKind::Mount => format!("mount (line {})", line(reader.range)),
            ReaderKind::Markup(tag) => format!("markup `<{tag}>` (line {})", line(reader.range)),
        })
        .collect();
    let read_by = if readers.is_empty() {
        "Read by nothing: no derived value, effect or markup uses it.".to_string()
    } else {
        format!("Read by: {}", readers.join(", "))
    };
    format!("```dx\n{declared}\n```\n\n{read_by}")
}

/// The declaration of the name at `offset` within the file. Imported names are left to the
/// cross-file lookup, which follows them to their module.
pub fn local_definition(analysis: &DxAnalysis, offset: u32) -> Option<TextRange> {
    let (binding, _) = analysis.binding_at(offset)?;
    (binding.kind != BindingKind::Import).then_some(binding.name_range)
}
