; Embedded languages in .dx files.

; CSS in <style>{`...`}</style>: .dx keeps TSX's rule that `{` in JSX text opens
; an expression, so a style sheet is written as a template string. The text
; pieces of the template are one CSS document; `${...}` holes are left out.
(jsx_element
  open_tag: (jsx_opening_element
    name: (identifier) @_tag)
  (jsx_expression
    (template_string
      (string_fragment) @injection.content))
  (#eq? @_tag "style")
  (#set! injection.language "css")
  (#set! injection.combined))

; <style>{"..."}</style> with a plain string
(jsx_element
  open_tag: (jsx_opening_element
    name: (identifier) @_tag)
  (jsx_expression
    (string
      (string_fragment) @injection.content))
  (#eq? @_tag "style")
  (#set! injection.language "css"))

; style="color: red" attributes
(jsx_attribute
  (property_identifier) @_attr
  (string
    (string_fragment) @injection.content)
  (#eq? @_attr "style")
  (#set! injection.language "css"))

; Tagged templates: css`...`, html`...`, sql`...`, graphql`...`, gql`...`
(call_expression
  function: (identifier) @injection.language
  arguments: (template_string
    (string_fragment) @injection.content)
  (#any-of? @injection.language "css" "html" "sql" "graphql")
  (#set! injection.combined))

(call_expression
  function: (identifier) @_name
  arguments: (template_string
    (string_fragment) @injection.content)
  (#eq? @_name "gql")
  (#set! injection.language "graphql")
  (#set! injection.combined))

; Regular expressions
(regex
  pattern: (regex_pattern) @injection.content
  (#set! injection.language "regex"))

; JSDoc comments
((comment) @injection.content
  (#match? @injection.content "^/\\*\\*")
  (#set! injection.language "jsdoc"))
