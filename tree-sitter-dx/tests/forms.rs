//! Every form of docs/dx-language.md parsed through the crate's language,
//! with the expected tree (s-expression) or the absence of errors. These run
//! without the tree-sitter CLI; the corpus in test/corpus covers the same
//! forms through `tree-sitter test` (see check.sh).

use tree_sitter::{Parser, Tree};
use tree_sitter_dx::{ErrorKind, parse_errors};

fn parse(source: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_dx::language()).unwrap();
    parser.parse(source, None).unwrap()
}

fn sexp(source: &str) -> String {
    parse(source).root_node().to_sexp()
}

/// Asserts that `source` parses with no ERROR or MISSING node.
fn assert_clean(source: &str) {
    let errors = parse_errors(source);
    assert!(
        errors.is_empty(),
        "unexpected errors {errors:?} in:\n{source}\n{}",
        sexp(source)
    );
}

/// The kinds of the statements of the first component's body.
fn body_statement_kinds(source: &str) -> Vec<String> {
    let tree = parse(source);
    let root = tree.root_node();
    let mut cursor = root.walk();
    let component = root
        .named_children(&mut cursor)
        .find_map(|node| match node.kind() {
            "component_declaration" => Some(node),
            "export_statement" => node
                .child_by_field_name("declaration")
                .filter(|d| d.kind() == "component_declaration"),
            _ => None,
        })
        .expect("a component declaration");
    let body = component.child_by_field_name("body").unwrap();
    assert_eq!(body.kind(), "component_body");
    let mut cursor = body.walk();
    body.named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .map(|n| n.kind().to_string())
        .collect()
}

const SPEC_EXAMPLE: &str = r#"import { formatPrice } from "../lib/format"

export component Cart(props: { items: Item[]; currency?: string }) {
  state open = false                         // was: const [open, setOpen] = useState(false)
  state items: Item[] = props.items          // type annotation optional
  derived total = items.reduce((s, i) => s + i.price, 0)   // was: useMemo
  let input: HTMLInputElement | null = null  // plain instance variable; was: useRef
  const context theme = ThemeContext         // read a context; was: useContext(ThemeContext)

  effect {                                   // re-runs when what it reads changes
    document.title = `${items.length} items`
    return () => { /* cleanup, as in React */ }
  }
  mount {                                    // once, after first render; was: useEffect(fn, [])
    input?.focus()
  }

  function toggle() { open = !open }         // plain function; was: useCallback

  <section class="cart">                     // the component's markup is its last statement
    <button onClick={toggle}>{open ? "Hide" : "Show"} ({formatPrice(total, props.currency)})</button>
    {open && <ul>{items.map(i => <li key={i.id}>{i.name}</li>)}</ul>}
    <input ref={input} />
  </section>
}

server function saveCart(items: Item[]) { /* runs on the server; was: "use server" */ }

export async component ProductPage(props: { params: { id: string } }) {   // server data loading
  const product = await db.product(props.params.id)
  <ProductView product={product} />
}
"#;

#[test]
fn spec_example_parses_cleanly_with_every_form() {
    assert_clean(SPEC_EXAMPLE);
    assert_eq!(
        body_statement_kinds(SPEC_EXAMPLE),
        [
            "state_declaration",
            "state_declaration",
            "derived_declaration",
            "lexical_declaration",
            "context_declaration",
            "effect_block",
            "mount_block",
            "function_declaration",
            "expression_statement",
        ]
    );
    let tree = sexp(SPEC_EXAMPLE);
    assert!(tree.contains("(server_function_declaration name: (identifier)"));
    assert!(tree.contains(
        "(export_statement declaration: (component_declaration name: (identifier) \
         parameters: (formal_parameters"
    ));
}

#[test]
fn component_declaration() {
    assert_eq!(
        sexp("component Hi(props: { name: string }) {\n  <p>Hi {props.name}</p>\n}\n"),
        "(program (component_declaration name: (identifier) parameters: (formal_parameters \
         (required_parameter pattern: (identifier) type: (type_annotation (object_type \
         (property_signature name: (property_identifier) type: (type_annotation (predefined_type))))))) \
         body: (component_body (expression_statement (jsx_element open_tag: (jsx_opening_element \
         name: (identifier)) (jsx_text) (jsx_expression (member_expression object: (identifier) \
         property: (property_identifier))) close_tag: (jsx_closing_element name: (identifier)))))))"
    );
}

#[test]
fn export_default_async_component() {
    assert_eq!(
        sexp("export default async component Page() { <main /> }"),
        "(program (export_statement declaration: (component_declaration name: (identifier) \
         parameters: (formal_parameters) body: (component_body (expression_statement \
         (jsx_self_closing_element name: (identifier)))))))"
    );
    assert_clean("export component A() { <a /> }");
    assert_clean("export default component B() { <b /> }");
    assert_clean("export async component C() { <c /> }");
    assert_clean("async component D() { <d /> }");
    assert_clean("component E<T extends object>(props: T) { <e /> }");
}

#[test]
fn markup_as_last_statement_after_statement_without_semicolon() {
    let source = "component A() {\n  const x = f()\n  <div>{x}</div>\n}\n";
    assert_clean(source);
    assert_eq!(
        body_statement_kinds(source),
        ["lexical_declaration", "expression_statement"]
    );
    // A fragment works the same way.
    let fragment = "component B() {\n  let y = 1\n  <>\n    <i />\n  </>\n}\n";
    assert_clean(fragment);
    assert!(
        sexp(fragment)
            .contains("(expression_statement (jsx_element open_tag: (jsx_opening_element)")
    );
    // `<` followed by a space still continues a comparison.
    assert_eq!(
        sexp("const lt = a\n  < b\n"),
        "(program (lexical_declaration (variable_declarator name: (identifier) \
         value: (binary_expression left: (identifier) right: (identifier)))))"
    );
}

#[test]
fn state_and_derived_with_and_without_types() {
    assert_eq!(
        sexp("component C() {\n  state n = 0\n  state xs: number[] = []\n}"),
        "(program (component_declaration name: (identifier) parameters: (formal_parameters) \
         body: (component_body (state_declaration name: (identifier) value: (number)) \
         (state_declaration name: (identifier) type: (type_annotation (array_type (predefined_type))) \
         value: (array)))))"
    );
    assert_eq!(
        sexp("component C() { derived total: number = a + b; derived half = total / 2 }"),
        "(program (component_declaration name: (identifier) parameters: (formal_parameters) \
         body: (component_body (derived_declaration name: (identifier) type: (type_annotation \
         (predefined_type)) value: (binary_expression left: (identifier) right: (identifier))) \
         (derived_declaration name: (identifier) value: (binary_expression left: (identifier) \
         right: (number))))))"
    );
}

#[test]
fn effect_and_mount_blocks() {
    assert_eq!(
        sexp(
            "component C() {\n  effect {\n    log(n)\n    return () => stop()\n  }\n  mount { focus() }\n}"
        ),
        "(program (component_declaration name: (identifier) parameters: (formal_parameters) \
         body: (component_body (effect_block body: (statement_block (expression_statement \
         (call_expression function: (identifier) arguments: (arguments (identifier)))) \
         (return_statement (arrow_function parameters: (formal_parameters) body: (call_expression \
         function: (identifier) arguments: (arguments)))))) (mount_block body: (statement_block \
         (expression_statement (call_expression function: (identifier) arguments: (arguments))))))))"
    );
}

#[test]
fn const_context_and_provide() {
    assert_eq!(
        sexp(
            "component C() {\n  const context theme = ThemeContext\n  provide Theme = \"dark\"\n  provide ctx.Session = s\n}"
        ),
        "(program (component_declaration name: (identifier) parameters: (formal_parameters) \
         body: (component_body (context_declaration name: (identifier) context: (identifier)) \
         (provide_statement context: (identifier) value: (string (string_fragment))) \
         (provide_statement context: (member_expression object: (identifier) \
         property: (property_identifier)) value: (identifier)))))"
    );
    assert_clean("component C() { const context user: User | null = UserContext }");
}

#[test]
fn server_functions() {
    assert_eq!(
        sexp("export server async function save(x: number): Promise<void> { await db.put(x) }"),
        "(program (export_statement declaration: (server_function_declaration name: (identifier) \
         parameters: (formal_parameters (required_parameter pattern: (identifier) type: \
         (type_annotation (predefined_type)))) return_type: (type_annotation (generic_type \
         name: (type_identifier) type_arguments: (type_arguments (predefined_type)))) \
         body: (statement_block (expression_statement (await_expression (call_expression \
         function: (member_expression object: (identifier) property: (property_identifier)) \
         arguments: (arguments (identifier)))))))))"
    );
    assert_clean("server function a() {}");
    assert_clean("export server function b() {}");
}

#[test]
fn new_keywords_remain_identifiers_in_typescript() {
    let source = "\
const state = { count: 0 }
state.count += 1
effect()
mount(app)
derived = 2
const component = make(server)
const context = createContext(null)
provide(context)
provide[0] = 1
function effect(state?: number) { return state ? 1 : 2 }
const f = (state, mount) => ({ state, mount, effect: 1 })
async component => component
obj.provide.server = x.context
class Store { state = 1; effect() { return this.state } }
";
    assert_clean(source);
    let tree = sexp(source);
    for form in [
        "state_declaration",
        "derived_declaration",
        "effect_block",
        "mount_block",
        "context_declaration",
        "provide_statement",
        "component_declaration",
        "server_function_declaration",
    ] {
        assert!(!tree.contains(form), "{form} found in plain TS:\n{tree}");
    }
    assert!(tree.starts_with(
        "(program (lexical_declaration (variable_declarator name: (identifier) value: (object"
    ));
    assert!(tree.contains(
        "(expression_statement (assignment_expression left: (subscript_expression \
         object: (identifier) index: (number)) right: (number)))"
    ));
}

#[test]
fn tsx_still_parses() {
    assert_clean(
        "import React from 'react'\n\
         const y = a?.b ?? c\n\
         const z = cond\n  ? `a ${b} $c`\n  : 3\n\
         x\n++y\n\
         const el = <div className=\"a\">Hi &amp; bye {name} a & b</div>\n\
         type T = { a?: string }\n\
         function f(a?: number, b?) {}\n\
         declare function g(): void\n\
         function h() {}\n\
         export default function App() { return <><A /></> }\n\
         enum E { A, B }\n\
         interface I { m?(): void }\n\
         const re = /a+/g.test(s) ? 1 : .5\n",
    );
}

#[test]
fn errors_on_half_typed_code_are_reported() {
    // An unclosed `effect {`: the component's `}` is missing.
    let unclosed = "component C() {\n  state n = 0\n  effect {\n    log(n)\n  <p>{n}</p>\n}\n";
    let errors = parse_errors(unclosed);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::Missing("}".to_string()));
    assert_eq!((errors[0].line, errors[0].column), (5, 1));
    assert!(sexp(unclosed).contains("(effect_block body: (statement_block"));

    // `state x =` with no value.
    let no_value = "component C() {\n  state x =\n}\n";
    let errors = parse_errors(no_value);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::Unexpected);
    assert_eq!((errors[0].line, errors[0].column), (1, 2));
    assert_eq!(&no_value[errors[0].byte_range.clone()], "state x =");
    // The component itself survives, which the language server relies on.
    assert!(sexp(no_value).starts_with("(program (component_declaration name: (identifier)"));

    // A half-typed header.
    let header = parse_errors("component Broken(\n");
    assert!(!header.is_empty());
    assert_eq!(header[0].line, 0);
}

#[test]
fn component_without_markup_is_syntactically_valid() {
    // Whether a component must end in markup is a semantic rule
    // (docs/dx-language.md); the grammar accepts the body.
    let source = "component Empty(props) {\n  const a = props.a\n}\n";
    assert_clean(source);
    assert_eq!(body_statement_kinds(source), ["lexical_declaration"]);
}

#[test]
fn parse_errors_is_empty_for_clean_code_and_ordered() {
    assert!(parse_errors("").is_empty());
    assert!(parse_errors(SPEC_EXAMPLE).is_empty());
    let errors = parse_errors("const = 1\ncomponent X() {\n  state = \n}\nlet ) = 2\n");
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(
        errors
            .windows(2)
            .all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column))
    );
}

#[test]
fn statement_boundaries_follow_javascript_line_rules() {
    let source = "const a = b\n  instanceof C\nconst d = e\n  in f\nconst g = h\n  !== i\n\
                  const j = k\ninit()\nconst l = `$x ${m} \\` $`\nconst n = o ? .5 : p?.q\n\
                  const r = s\n  // comment\n  .t()\nconst u = v /* c */ ?? w\nx\n++y\n";
    assert_clean(source);
    let tree = parse(source);
    let root = tree.root_node();
    let mut cursor = root.walk();
    let kinds: Vec<&str> = root.named_children(&mut cursor).map(|n| n.kind()).collect();
    assert_eq!(
        kinds,
        [
            "lexical_declaration",
            "lexical_declaration",
            "lexical_declaration",
            "lexical_declaration",
            "expression_statement",
            "lexical_declaration",
            "lexical_declaration",
            "lexical_declaration",
            "lexical_declaration",
            "expression_statement",
            "expression_statement",
        ]
    );
    let text = sexp(source);
    assert!(text.contains(
        "value: (ternary_expression condition: (identifier) consequence: (number) \
         alternative: (member_expression object: (identifier) optional_chain: (optional_chain)"
    ));
    assert!(text.contains("(update_expression argument: (identifier))"));
}

#[test]
fn jsx_text_and_character_references() {
    let source = "component T() {\n  <p>\n    Fish &amp; chips & peas&#33;\n    <b>bold</b> tail\n  </p>\n}\n";
    assert_clean(source);
    let tree = parse(source);
    let mut texts = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if matches!(node.kind(), "jsx_text" | "html_character_reference") {
            texts.push((
                node.start_byte(),
                node.utf8_text(source.as_bytes()).unwrap(),
            ));
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    texts.sort();
    let texts: Vec<&str> = texts.into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        texts,
        ["Fish", "&amp;", "chips & peas", "&#33;", "bold", "tail"]
    );
}

#[test]
fn a_bare_ampersand_in_a_jsx_attribute_string_is_text() {
    // create-next-app's page has `href="...?utm_source=create-next-app&utm_medium=..."`.
    let source = "export default function P() {\n  return <a href=\"/x?a=1&b=2\" title='a & b' alt=\"&amp;\">t</a>;\n}\n";
    assert_eq!(tree_sitter_dx::parse_errors(source), vec![]);
}
