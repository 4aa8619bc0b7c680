; Scopes, definitions and references for .dx (tree-sitter's locals
; convention: @local.scope, @local.definition, @local.reference).

; Scopes
[
  (program)
  (component_body)
  (statement_block)
  (function_declaration)
  (function_expression)
  (generator_function_declaration)
  (arrow_function)
  (method_definition)
  (server_function_declaration)
  (component_declaration)
  (class_body)
  (for_statement)
  (for_in_statement)
  (catch_clause)
] @local.scope

; dx definitions: a component's reactive names and contexts
(state_declaration
  name: (identifier) @local.definition)

(derived_declaration
  name: (identifier) @local.definition)

(context_declaration
  name: (identifier) @local.definition)

(component_declaration
  name: (identifier) @local.definition)

(server_function_declaration
  name: (identifier) @local.definition)

; TS definitions
(variable_declarator
  name: (identifier) @local.definition)

(function_declaration
  name: (identifier) @local.definition)

(generator_function_declaration
  name: (identifier) @local.definition)

(required_parameter
  pattern: (identifier) @local.definition)

(optional_parameter
  pattern: (identifier) @local.definition)

(arrow_function
  parameter: (identifier) @local.definition)

(catch_clause
  parameter: (identifier) @local.definition)

(import_specifier
  name: (identifier) @local.definition
  !alias)

(import_specifier
  alias: (identifier) @local.definition)

(import_clause
  (identifier) @local.definition)

(namespace_import
  (identifier) @local.definition)

(object_pattern
  (shorthand_property_identifier_pattern) @local.definition)

(array_pattern
  (identifier) @local.definition)

; References
(identifier) @local.reference
(shorthand_property_identifier) @local.reference
