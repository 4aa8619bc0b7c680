// External scanner for tree-sitter-dx, written for this grammar.
//
// The TSX grammar that grammar.js extends declares external tokens that no
// regular expression can describe: automatic semicolons, the text chunks of
// template strings, the `?` of a conditional expression, and JSX text. This
// file produces them. One rule differs from plain TSX (docs/dx-language.md,
// "Decisions the grammar made"): a line that starts with `<` followed by a
// letter or `>` ends the previous statement, so a component's markup can
// follow `const x = f()` on the next line without a semicolon.
//
// Not produced: `html_comment` (the Annex B `<!--` comment) and `||`; the
// internal lexer handles `||`, and `<!--` is not supported in .dx files.

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

// The order of grammar.json's `externals`.
enum TokenType {
  AUTOMATIC_SEMICOLON,
  TEMPLATE_CHARS,
  TERNARY_QMARK,
  HTML_COMMENT,
  LOGICAL_OR,
  ESCAPE_SEQUENCE,
  REGEX_PATTERN,
  JSX_TEXT,
  FUNCTION_SIGNATURE_AUTOMATIC_SEMICOLON,
  ERROR_RECOVERY,
};

static void next(TSLexer *lexer) { lexer->advance(lexer, false); }

static void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

static bool is_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         c == 0xA0 || c == 0xFEFF || c == 0x2028 || c == 0x2029 || c == 0x2060 ||
         c == 0x200B || (c >= 0x2000 && c <= 0x200A) || c == 0x1680 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

static bool is_newline(int32_t c) {
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static bool is_ident_char(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '$' || c > 0x7F;
}

static bool is_ident_start(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c > 0x7F;
}

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

// Text between the backquote, `${` and escapes of a template string.
static bool scan_template_chars(TSLexer *lexer) {
  lexer->result_symbol = TEMPLATE_CHARS;
  bool consumed = false;
  for (;;) {
    lexer->mark_end(lexer);
    if (lexer->eof(lexer)) {
      return false;
    }
    switch (lexer->lookahead) {
    case '`':
    case '\\':
      return consumed;
    case '$':
      next(lexer);
      if (lexer->lookahead == '{') {
        return consumed;
      }
      consumed = true;
      break;
    default:
      next(lexer);
      consumed = true;
      break;
    }
  }
}

// Skips whitespace and comments before a possible automatic semicolon.
// Returns false when a `/` turns out not to start a comment (a division or
// a regular expression continues the expression). Sets *newline when a line
// break was crossed.
static bool skip_trivia(TSLexer *lexer, bool *newline) {
  for (;;) {
    while (is_space(lexer->lookahead)) {
      if (is_newline(lexer->lookahead)) {
        *newline = true;
      }
      skip(lexer);
    }
    if (lexer->lookahead != '/') {
      return true;
    }
    skip(lexer);
    if (lexer->lookahead == '/') {
      while (!lexer->eof(lexer) && !is_newline(lexer->lookahead)) {
        skip(lexer);
      }
    } else if (lexer->lookahead == '*') {
      skip(lexer);
      for (;;) {
        if (lexer->eof(lexer)) {
          return true;
        }
        if (lexer->lookahead == '*') {
          skip(lexer);
          if (lexer->lookahead == '/') {
            skip(lexer);
            break;
          }
        } else {
          if (is_newline(lexer->lookahead)) {
            *newline = true;
          }
          skip(lexer);
        }
      }
    } else {
      return false;
    }
  }
}

// After `i` at the start of a line: `in` and `instanceof` continue the
// expression, any other word starts a new statement.
static bool starts_new_statement_after_i(TSLexer *lexer) {
  next(lexer);
  if (lexer->lookahead != 'n') {
    return true;
  }
  next(lexer);
  if (!is_ident_char(lexer->lookahead)) {
    return false;
  }
  const char *rest = "stanceof";
  for (const char *p = rest; *p; p++) {
    if (lexer->lookahead != *p) {
      return true;
    }
    next(lexer);
  }
  return is_ident_char(lexer->lookahead);
}

// A zero-width statement terminator, inserted where JavaScript's automatic
// semicolon insertion would insert one (plus the markup rule above).
static bool scan_automatic_semicolon(TSLexer *lexer, const bool *valid_symbols,
                                     bool *trivia_ok) {
  lexer->result_symbol = valid_symbols[FUNCTION_SIGNATURE_AUTOMATIC_SEMICOLON]
                             ? FUNCTION_SIGNATURE_AUTOMATIC_SEMICOLON
                             : AUTOMATIC_SEMICOLON;
  lexer->mark_end(lexer);

  bool newline = false;
  *trivia_ok = skip_trivia(lexer, &newline);
  if (!*trivia_ok) {
    return false;
  }
  if (lexer->eof(lexer)) {
    return true;
  }
  int32_t c = lexer->lookahead;
  if (valid_symbols[FUNCTION_SIGNATURE_AUTOMATIC_SEMICOLON] && c == '{') {
    // `function f(): T {` has a body.
    return false;
  }
  if (c == '}') {
    return true;
  }
  if (!newline) {
    return false;
  }
  switch (c) {
  case ',':
  case '.':
  case ':':
  case ';':
  case '*':
  case '%':
  case '>':
  case '=':
  case '[':
  case '(':
  case '?':
  case '^':
  case '|':
  case '&':
  case '/':
    return false;
  case '<':
    // Markup on its own line: `<Tag`, `<>`. Anything else (`< b`, `<=`,
    // `<<`) continues a comparison or shift from the line before.
    next(lexer);
    return is_ident_start(lexer->lookahead) || lexer->lookahead == '>';
  case '+':
  case '-':
    // `++x` / `--x` on a new line is a new statement; `+ x` continues.
    next(lexer);
    return lexer->lookahead == c;
  case '!':
    next(lexer);
    return lexer->lookahead != '=';
  case 'i':
    return starts_new_statement_after_i(lexer);
  default:
    return true;
  }
}

// The `?` of `cond ? a : b`, as opposed to `?.`, `??` and the `?` of an
// optional parameter or property (`x?: T`, `(x?) =>`, `(x?, y)`).
static bool scan_ternary_qmark(TSLexer *lexer) {
  while (is_space(lexer->lookahead)) {
    skip(lexer);
  }
  if (lexer->lookahead != '?') {
    return false;
  }
  next(lexer);
  lexer->result_symbol = TERNARY_QMARK;
  lexer->mark_end(lexer);
  if (lexer->lookahead == '?') {
    return false;
  }
  if (lexer->lookahead == '.') {
    // `a?.5:1` is a conditional; `a?.b` is optional chaining.
    next(lexer);
    return is_digit(lexer->lookahead);
  }
  while (is_space(lexer->lookahead)) {
    next(lexer);
  }
  switch (lexer->lookahead) {
  case ':':
  case ')':
  case ',':
    return false;
  default:
    return true;
  }
}

// `&name;`, `&#123;` or `&#x1F;` after the `&` has been read.
static bool scan_character_reference_rest(TSLexer *lexer) {
  int length = 0;
  if (lexer->lookahead == '#') {
    next(lexer);
  }
  while (is_ident_char(lexer->lookahead) && lexer->lookahead < 0x80 &&
         lexer->lookahead != '$' && lexer->lookahead != '_') {
    next(lexer);
    length++;
  }
  return length > 0 && lexer->lookahead == ';';
}

// Text between JSX tags. Leading whitespace is skipped and trailing
// whitespace left out, so whitespace-only text between tags produces no
// node; character references (`&amp;`) are left to the grammar.
static bool scan_jsx_text(TSLexer *lexer) {
  lexer->result_symbol = JSX_TEXT;
  while (is_space(lexer->lookahead)) {
    skip(lexer);
  }
  bool consumed = false;
  for (;;) {
    if (lexer->eof(lexer)) {
      return consumed;
    }
    switch (lexer->lookahead) {
    case '{':
    case '}':
    case '<':
    case '>':
      return consumed;
    case '&':
      next(lexer);
      if (scan_character_reference_rest(lexer)) {
        // The text ends before the reference (end already marked).
        return consumed;
      }
      // A lone `&` is text.
      consumed = true;
      lexer->mark_end(lexer);
      break;
    default:
      if (is_space(lexer->lookahead)) {
        next(lexer);
      } else {
        next(lexer);
        consumed = true;
        lexer->mark_end(lexer);
      }
      break;
    }
  }
}

void *tree_sitter_dx_external_scanner_create(void) { return NULL; }

void tree_sitter_dx_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_dx_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_dx_external_scanner_deserialize(void *payload, const char *buffer,
                                                 unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

bool tree_sitter_dx_external_scanner_scan(void *payload, TSLexer *lexer,
                                          const bool *valid_symbols) {
  (void)payload;
  if (valid_symbols[ERROR_RECOVERY]) {
    // Error recovery marks every token valid; let the internal lexer and
    // the parser's recovery decide.
    return false;
  }
  if (valid_symbols[TEMPLATE_CHARS]) {
    return scan_template_chars(lexer);
  }
  if (valid_symbols[JSX_TEXT]) {
    return scan_jsx_text(lexer);
  }
  if (valid_symbols[AUTOMATIC_SEMICOLON] ||
      valid_symbols[FUNCTION_SIGNATURE_AUTOMATIC_SEMICOLON]) {
    bool trivia_ok = true;
    if (scan_automatic_semicolon(lexer, valid_symbols, &trivia_ok)) {
      return true;
    }
    // Whitespace and comments were skipped; a `?` right here may still be
    // a conditional's.
    if (trivia_ok && valid_symbols[TERNARY_QMARK] && lexer->lookahead == '?') {
      return scan_ternary_qmark(lexer);
    }
    return false;
  }
  if (valid_symbols[TERNARY_QMARK]) {
    return scan_ternary_qmark(lexer);
  }
  return false;
}
