/**
 * @file Grammar for dx-www's `.dx` component language: TSX plus `component`,
 * `state`, `derived`, `effect`, `mount`, `const context`, `provide` and
 * `server function` (docs/dx-language.md is the specification).
 *
 * The TSX grammar is taken from the `tree-sitter-typescript` npm package at
 * generation time (see generate.sh); only the generated parser is committed.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const TSX = require('tree-sitter-typescript/tsx/grammar');

// The words the dx forms introduce. None of them is reserved: each one still
// works as an ordinary identifier wherever TypeScript allows an identifier
// (`state.count`, `effect()`, `const component = ...`).
const DX_KEYWORDS = [
  'component',
  'state',
  'derived',
  'effect',
  'mount',
  'context',
  'provide',
  'server',
];

module.exports = grammar(TSX, {
  name: 'dx',

  conflicts: ($, previous) => previous.concat([
  ]),

  rules: {
    // JSX attribute strings hold HTML text, where a bare `&` is common (`href="?a=1&b=2"`).
    // tree-sitter-javascript only accepts `&` before `#` or a letter as part of a complete
    // character reference (`&amp;`), so `&b` was an ERROR; here a lone `&` is text too.
    unescaped_double_jsx_string_fragment: _ => token.immediate(prec(1, /([^"&]|&[^#A-Za-z])+|&/)),
    unescaped_single_jsx_string_fragment: _ => token.immediate(prec(1, /([^'&]|&[^#A-Za-z])+|&/)),

    // `component` and `server function` are declarations, so `export`,
    // `export default` and `declare`-free exports come from the TS rules.
    declaration: ($, previous) => choice(
      previous,
      $.component_declaration,
      $.server_function_declaration,
    ),

    // The component-local forms are statements. The grammar accepts them in
    // any block; which blocks they are meaningful in is a semantic check.
    statement: ($, previous) => choice(
      previous,
      $.state_declaration,
      $.derived_declaration,
      $.effect_block,
      $.mount_block,
      $.context_declaration,
      $.provide_statement,
    ),

    // export? default? async? component Name<T>(params) { statements... markup }
    component_declaration: $ => prec.right('declaration', seq(
      optional('async'),
      'component',
      field('name', $.identifier),
      optional(field('type_parameters', $.type_parameters)),
      field('parameters', $.formal_parameters),
      field('body', $.component_body),
      optional($._automatic_semicolon),
    )),

    // The markup of a component is an expression statement whose expression
    // is a JSX element or fragment (`<div/>` on its own line).
    component_body: $ => seq(
      '{',
      repeat($.statement),
      '}',
    ),

    // state name (: Type)? = expr
    state_declaration: $ => seq(
      'state',
      field('name', $.identifier),
      optional(field('type', $.type_annotation)),
      '=',
      field('value', $.expression),
      $._semicolon,
    ),

    // derived name (: Type)? = expr
    derived_declaration: $ => seq(
      'derived',
      field('name', $.identifier),
      optional(field('type', $.type_annotation)),
      '=',
      field('value', $.expression),
      $._semicolon,
    ),

    // effect { ... }
    effect_block: $ => seq(
      'effect',
      field('body', $.statement_block),
    ),

    // mount { ... }
    mount_block: $ => seq(
      'mount',
      field('body', $.statement_block),
    ),

    // const context name (: Type)? = Expr
    context_declaration: $ => seq(
      'const',
      'context',
      field('name', $.identifier),
      optional(field('type', $.type_annotation)),
      '=',
      field('context', $.expression),
      $._semicolon,
    ),

    // provide Expr = expr; the context is a name or a member chain
    // (`provide Theme = ...`, `provide contexts.Theme = ...`).
    provide_statement: $ => seq(
      'provide',
      field('context', $._provide_context),
      '=',
      field('value', $.expression),
      $._semicolon,
    ),

    _provide_context: $ => choice(
      $.identifier,
      alias($._provide_member, $.member_expression),
    ),

    _provide_member: $ => seq(
      field('object', $._provide_context),
      '.',
      field('property', alias($.identifier, $.property_identifier)),
    ),

    // server async? function name<T>(params): R { ... }
    server_function_declaration: $ => prec.right('declaration', seq(
      'server',
      optional('async'),
      'function',
      field('name', $.identifier),
      $._call_signature,
      field('body', $.statement_block),
      optional($._automatic_semicolon),
    )),

    // `const context = 1` is still a plain TS declaration of a variable
    // named `context`.
    variable_declarator: ($, previous) => choice(
      previous,
      seq(
        field('name', alias('context', $.identifier)),
        field('type', optional($.type_annotation)),
        optional($._initializer),
      ),
    ),

    _reserved_identifier: ($, previous) => choice(
      previous,
      ...DX_KEYWORDS,
    ),
  },
});
