//! The query files compile against the language and capture the dx forms.

use std::collections::BTreeSet;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Parser, Query, QueryCursor};

const SOURCE: &str = r#"export async component Cart(props: { items: Item[] }) {
  state open = false
  derived total = props.items.length
  const context theme = ThemeContext
  provide Session = session
  effect {
    document.title = `${total}`
  }
  mount {
    focus()
  }
  <section class="cart">
    <style>{`.cart { color: red }`}</style>
    {open && <p>{total}</p>}
  </section>
}

server function save(items: Item[]) {
  return items
}
"#;

/// (capture name, captured text) for every capture of `query_source`.
fn captures(query_source: &str) -> Vec<(String, String)> {
    let language = tree_sitter_dx::language();
    let query = Query::new(&language, query_source).expect("query compiles");
    let mut parser = Parser::new();
    parser.set_language(&language).unwrap();
    let tree = parser.parse(SOURCE, None).unwrap();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), SOURCE.as_bytes());
    let mut out = Vec::new();
    while let Some(m) = matches.next() {
        for c in m.captures() {
            out.push((
                query.capture_names()[c.index as usize].to_string(),
                c.node.utf8_text(SOURCE.as_bytes()).unwrap().to_string(),
            ));
        }
    }
    out
}

fn texts_of(caps: &[(String, String)], name: &str) -> BTreeSet<String> {
    caps.iter()
        .filter(|(n, _)| n == name)
        .map(|(_, t)| t.clone())
        .collect()
}

#[test]
fn every_query_compiles() {
    let language = tree_sitter_dx::language();
    for (name, source) in [
        ("highlights", tree_sitter_dx::HIGHLIGHTS_QUERY),
        ("locals", tree_sitter_dx::LOCALS_QUERY),
        ("injections", tree_sitter_dx::INJECTIONS_QUERY),
        ("folds", tree_sitter_dx::FOLDS_QUERY),
        ("indents", tree_sitter_dx::INDENTS_QUERY),
        ("outline", tree_sitter_dx::OUTLINE_QUERY),
    ] {
        let query = Query::new(&language, source)
            .unwrap_or_else(|e| panic!("{name}.scm does not compile: {e}"));
        assert!(query.pattern_count() > 0, "{name}.scm has no pattern");
    }
}

#[test]
fn highlights_capture_the_new_keywords() {
    let caps = captures(tree_sitter_dx::HIGHLIGHTS_QUERY);
    let keywords = texts_of(&caps, "keyword");
    for word in [
        "component",
        "state",
        "derived",
        "effect",
        "mount",
        "context",
        "provide",
        "server",
        "async",
        "export",
        "const",
        "function",
        "return",
    ] {
        assert!(
            keywords.contains(word),
            "`{word}` not highlighted as keyword: {keywords:?}"
        );
    }
    assert!(texts_of(&caps, "type").contains("Cart"));
    assert!(texts_of(&caps, "function").contains("save"));
    assert!(texts_of(&caps, "tag").contains("section"));
    assert!(texts_of(&caps, "attribute").contains("class"));
}

#[test]
fn keywords_used_as_identifiers_are_not_highlighted_as_keywords() {
    let language = tree_sitter_dx::language();
    let query = Query::new(&language, tree_sitter_dx::HIGHLIGHTS_QUERY).unwrap();
    let source = "const state = 1\neffect(state)\n";
    let mut parser = Parser::new();
    parser.set_language(&language).unwrap();
    let tree = parser.parse(source, None).unwrap();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), source.as_bytes());
    while let Some(m) = matches.next() {
        for c in m.captures() {
            let text = c.node.utf8_text(source.as_bytes()).unwrap();
            if text == "state" || text == "effect" {
                assert_ne!(query.capture_names()[c.index as usize], "keyword");
            }
        }
    }
}

#[test]
fn locals_define_reactive_names() {
    let caps = captures(tree_sitter_dx::LOCALS_QUERY);
    let defs = texts_of(&caps, "local.definition");
    for name in ["open", "total", "theme", "Cart", "save", "props", "items"] {
        assert!(
            defs.contains(name),
            "`{name}` is not a definition: {defs:?}"
        );
    }
    assert!(
        texts_of(&caps, "local.scope")
            .iter()
            .any(|s| s.starts_with("{\n  state open"))
    );
}

#[test]
fn injections_put_css_in_style() {
    let caps = captures(tree_sitter_dx::INJECTIONS_QUERY);
    assert!(
        texts_of(&caps, "injection.content").contains(".cart { color: red }"),
        "{caps:?}"
    );
}

#[test]
fn folds_cover_component_effect_and_mount() {
    let caps = captures(tree_sitter_dx::FOLDS_QUERY);
    let folds = texts_of(&caps, "fold");
    assert!(folds.iter().any(|f| f.starts_with("{\n  state open")));
    assert!(folds.iter().any(|f| f.starts_with("effect {")));
    assert!(folds.iter().any(|f| f.starts_with("mount {")));
    assert!(folds.iter().any(|f| f.starts_with("<section")));
}

#[test]
fn indents_open_at_component_bodies_and_markup() {
    let caps = captures(tree_sitter_dx::INDENTS_QUERY);
    let indents = texts_of(&caps, "indent");
    assert!(indents.iter().any(|f| f.starts_with("{\n  state open")));
    assert!(indents.iter().any(|f| f.starts_with("<section")));
    assert!(texts_of(&caps, "outdent").contains("}"));
}

#[test]
fn outline_lists_components_and_reactive_names() {
    let caps = captures(tree_sitter_dx::OUTLINE_QUERY);
    let names = texts_of(&caps, "name");
    for name in [
        "Cart", "save", "open", "total", "theme", "Session", "effect", "mount",
    ] {
        assert!(
            names.contains(name),
            "`{name}` missing from outline: {names:?}"
        );
    }
    let context = texts_of(&caps, "context");
    assert!(context.contains("component") && context.contains("server"));
}
