; Foldable ranges for .dx.

[
  (component_body)
  (statement_block)
  (class_body)
  (interface_body)
  (enum_body)
  (object_type)
  (switch_body)
  (object)
  (array)
  (arguments)
  (formal_parameters)
  (template_string)
  (named_imports)
  (jsx_element)
  (jsx_self_closing_element)
  (comment)
] @fold

; An effect or mount block folds as a whole, keyword included.
[
  (effect_block)
  (mount_block)
] @fold
