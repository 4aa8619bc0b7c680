; Indentation for .dx (@indent opens a level that the node's @end token
; closes; @outdent dedents a line that starts with it).

(_ "{" "}" @end) @indent
(_ "(" ")" @end) @indent
(_ "[" "]" @end) @indent
(_ "<" ">" @end) @indent

(jsx_element
  close_tag: (_) @end) @indent

(jsx_self_closing_element "/>" @end) @indent

(jsx_opening_element ">" @end) @indent

(template_substitution "}" @end) @indent

[
  (switch_case)
  (switch_default)
] @indent

[
  "}"
  ")"
  "]"
] @outdent
