; Syntax highlighting for .dx: the dx forms first, then TSX.
; Written for tree-sitter-dx; earlier patterns win in most editors.

; ---------------------------------------------------------------------------
; dx forms

[
  "component"
  "state"
  "derived"
  "effect"
  "mount"
  "provide"
  "server"
] @keyword

(context_declaration "context" @keyword)

(component_declaration
  name: (identifier) @type)

(server_function_declaration
  name: (identifier) @function)

(state_declaration
  name: (identifier) @variable)

(derived_declaration
  name: (identifier) @variable)

(context_declaration
  name: (identifier) @variable)

(provide_statement
  context: (identifier) @type)

(provide_statement
  context: (member_expression
    property: (property_identifier) @type))

; ---------------------------------------------------------------------------
; JSX

(jsx_opening_element
  name: (identifier) @tag)

(jsx_closing_element
  name: (identifier) @tag)

(jsx_self_closing_element
  name: (identifier) @tag)

(jsx_opening_element
  name: (member_expression) @tag)

(jsx_closing_element
  name: (member_expression) @tag)

(jsx_self_closing_element
  name: (member_expression) @tag)

(jsx_namespace_name) @tag

(jsx_attribute
  (property_identifier) @attribute)

(jsx_text) @text

(html_character_reference) @string.special

(jsx_opening_element ["<" ">"] @punctuation.bracket)
(jsx_closing_element ["</" ">"] @punctuation.bracket)
(jsx_self_closing_element ["<" "/>"] @punctuation.bracket)

; ---------------------------------------------------------------------------
; Declarations and calls

(function_declaration
  name: (identifier) @function)

(function_expression
  name: (identifier) @function)

(generator_function_declaration
  name: (identifier) @function)

(function_signature
  name: (identifier) @function)

(method_definition
  name: (property_identifier) @function.method)

(method_signature
  name: (property_identifier) @function.method)

(abstract_method_signature
  name: (property_identifier) @function.method)

(variable_declarator
  name: (identifier) @function
  value: [(arrow_function) (function_expression)])

(assignment_expression
  left: (identifier) @function
  right: [(arrow_function) (function_expression)])

(pair
  key: (property_identifier) @function.method
  value: [(arrow_function) (function_expression)])

(call_expression
  function: (identifier) @function.call)

(call_expression
  function: (member_expression
    property: (property_identifier) @function.method.call))

(new_expression
  constructor: (identifier) @constructor)

(class_declaration
  name: (type_identifier) @type)

(abstract_class_declaration
  name: (type_identifier) @type)

(interface_declaration
  name: (type_identifier) @type)

(type_alias_declaration
  name: (type_identifier) @type)

(enum_declaration
  name: (identifier) @type)

; ---------------------------------------------------------------------------
; Types

(type_identifier) @type
(predefined_type) @type.builtin
(type_parameter
  name: (type_identifier) @type.parameter)

; ---------------------------------------------------------------------------
; Variables, properties, parameters

(required_parameter
  pattern: (identifier) @variable.parameter)

(optional_parameter
  pattern: (identifier) @variable.parameter)

(arrow_function
  parameter: (identifier) @variable.parameter)

(property_identifier) @property
(shorthand_property_identifier) @property
(shorthand_property_identifier_pattern) @property
(private_property_identifier) @property
(statement_identifier) @label

((identifier) @constant
  (#match? @constant "^[A-Z][A-Z0-9_]+$"))

((identifier) @type
  (#match? @type "^[A-Z]"))

((identifier) @variable.builtin
  (#any-of? @variable.builtin "arguments" "module" "console" "window" "document" "globalThis" "props"))

(identifier) @variable

[
  (this)
  (super)
] @variable.builtin

; ---------------------------------------------------------------------------
; Literals

[
  (true)
  (false)
] @boolean

[
  (null)
  (undefined)
] @constant.builtin

(number) @number

(string) @string
(template_string) @string
(escape_sequence) @string.escape
(regex) @string.regex

(comment) @comment
(hash_bang_line) @comment

(template_substitution
  ["${" "}"] @punctuation.special)

(decorator "@" @attribute)

; ---------------------------------------------------------------------------
; Keywords, operators, punctuation

[
  "as"
  "async"
  "await"
  "break"
  "case"
  "catch"
  "class"
  "const"
  "continue"
  "debugger"
  "default"
  "delete"
  "do"
  "else"
  "export"
  "extends"
  "finally"
  "for"
  "from"
  "function"
  "get"
  "if"
  "import"
  "in"
  "instanceof"
  "let"
  "new"
  "of"
  "return"
  "set"
  "static"
  "switch"
  "target"
  "throw"
  "try"
  "typeof"
  "var"
  "void"
  "while"
  "with"
  "yield"
  "abstract"
  "declare"
  "enum"
  "implements"
  "interface"
  "keyof"
  "namespace"
  "private"
  "protected"
  "public"
  "readonly"
  "satisfies"
  "type"
  "override"
  "infer"
  "is"
  "asserts"
  "unique symbol"
  "module"
  "global"
  "using"
  "accessor"
] @keyword

[
  "-"
  "--"
  "-="
  "+"
  "++"
  "+="
  "*"
  "*="
  "**"
  "**="
  "/"
  "/="
  "%"
  "%="
  "<"
  "<="
  "<<"
  "<<="
  "="
  "=="
  "==="
  "!"
  "!="
  "!=="
  "=>"
  ">"
  ">="
  ">>"
  ">>="
  ">>>"
  ">>>="
  "~"
  "^"
  "&"
  "|"
  "^="
  "&="
  "|="
  "&&"
  "||"
  "??"
  "&&="
  "||="
  "??="
  "..."
] @operator

(ternary_expression ["?" ":"] @operator)

[
  ";"
  "."
  "?."
  ","
  ":"
] @punctuation.delimiter

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket
