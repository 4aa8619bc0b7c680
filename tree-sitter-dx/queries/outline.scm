; Document symbols for .dx (@item spans the symbol, @name is its name,
; @context is shown before it; Zed's outline convention).

(component_declaration
  "async"? @context
  "component" @context
  name: (_) @name) @item

(server_function_declaration
  "server" @context
  "async"? @context
  "function" @context
  name: (_) @name) @item

(state_declaration
  "state" @context
  name: (_) @name) @item

(derived_declaration
  "derived" @context
  name: (_) @name) @item

(context_declaration
  "const" @context
  "context" @context
  name: (_) @name) @item

(provide_statement
  "provide" @context
  context: (_) @name) @item

(effect_block
  "effect" @name) @item

(mount_block
  "mount" @name) @item

(function_declaration
  "async"? @context
  "function" @context
  name: (_) @name) @item

(generator_function_declaration
  "async"? @context
  "function" @context
  name: (_) @name) @item

(function_signature
  "function" @context
  name: (_) @name) @item

(class_declaration
  "class" @context
  name: (_) @name) @item

(abstract_class_declaration
  "abstract" @context
  "class" @context
  name: (_) @name) @item

(interface_declaration
  "interface" @context
  name: (_) @name) @item

(type_alias_declaration
  "type" @context
  name: (_) @name) @item

(enum_declaration
  "enum" @context
  name: (_) @name) @item

(method_definition
  name: (_) @name) @item

(public_field_definition
  name: (_) @name) @item

(program
  (lexical_declaration
    ["let" "const"] @context
    (variable_declarator
      name: (identifier) @name) @item))

(program
  (export_statement
    (lexical_declaration
      ["let" "const"] @context
      (variable_declarator
        name: (identifier) @name) @item)))
