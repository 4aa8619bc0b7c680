'use strict';
// V8's wording for JSON.parse's syntax errors. QuickJS rejects the same texts but words the
// errors its own way, and programs (and their snapshots) quote V8's messages, so when the
// native parse fails this scanner walks the text the way V8's JSON parser does and names the
// first error as V8 would. It only runs on failure; valid JSON never reaches it.

const CONTEXT_CHARACTERS = 10;
// V8 quotes the whole text when it is shorter than this, else a window around the error.
const SHORT_SOURCE = CONTEXT_CHARACTERS * 2 + 1;
// Texts V8 names as a whole: what String() makes of values people pass by mistake.
const SPECIAL_SOURCES = ['NaN', 'Infinity', 'undefined', '[object Object]'];

class JsonSyntax {
  constructor(message) {
    this.message = message;
  }
}

const isDigit = (c) => c >= '0' && c <= '9';
const isHex = (c) => /^[0-9a-fA-F]$/.test(c);
const atPosition = (position) => ` in JSON at position ${position}`;

/** V8's excerpt of `source` around `position`, quoted. */
function excerpt(source, position) {
  if (source.length < SHORT_SOURCE) return `"${source}"`;
  if (position < CONTEXT_CHARACTERS) return `"${source.slice(0, position + CONTEXT_CHARACTERS)}"...`;
  if (position >= source.length - CONTEXT_CHARACTERS) return `..."${source.slice(position - CONTEXT_CHARACTERS)}"`;
  return `..."${source.slice(position - CONTEXT_CHARACTERS, position + CONTEXT_CHARACTERS)}"...`;
}

function scan(source) {
  const length = source.length;
  let pos = 0;
  const fail = (message) => {
    throw new JsonSyntax(message);
  };
  const skipWhitespace = () => {
    while (pos < length && (source[pos] === ' ' || source[pos] === '\t' || source[pos] === '\n' || source[pos] === '\r')) pos++;
  };
  // A token where none of its kind may stand: V8 names strings and numbers by kind, anything
  // else by its character with an excerpt of the text.
  const unexpected = (at) => {
    if (at >= length) fail('Unexpected end of JSON input');
    const c = source[at];
    if (c === '"') fail('Unexpected string' + atPosition(at));
    if (c === '-' || isDigit(c)) fail('Unexpected number' + atPosition(at));
    if (SPECIAL_SOURCES.includes(source)) fail(`"${source}" is not valid JSON`);
    fail(`Unexpected token '${c}', ${excerpt(source, at)} is not valid JSON`);
  };

  function literal(word) {
    for (let i = 0; i < word.length; i++) {
      if (source[pos + i] !== word[i]) unexpected(pos + i);
    }
    pos += word.length;
  }

  function string() {
    pos++;
    for (;;) {
      if (pos >= length) fail('Unterminated string' + atPosition(length));
      const c = source[pos];
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\\') {
        pos++;
        if (pos >= length) fail('Unexpected end of JSON input');
        const escaped = source[pos];
        if (escaped === 'u') {
          for (let i = 1; i <= 4; i++) {
            if (!isHex(source[pos + i] ?? '')) fail('Bad Unicode escape' + atPosition(pos + i));
          }
          pos += 5;
        } else if ('"\\/bfnrt'.includes(escaped)) {
          pos++;
        } else {
          fail('Bad escaped character' + atPosition(pos));
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail('Bad control character in string literal' + atPosition(pos));
      } else {
        pos++;
      }
    }
  }

  function digits() {
    while (pos < length && isDigit(source[pos])) pos++;
  }

  function number() {
    if (source[pos] === '-') {
      pos++;
      if (!isDigit(source[pos] ?? '')) fail('No number after minus sign' + atPosition(pos));
    }
    if (source[pos] === '0') {
      pos++;
      if (isDigit(source[pos] ?? '')) fail('Unexpected number' + atPosition(pos));
    } else {
      digits();
    }
    if (source[pos] === '.') {
      pos++;
      if (!isDigit(source[pos] ?? '')) fail('Unterminated fractional number' + atPosition(pos));
      digits();
    }
    if (source[pos] === 'e' || source[pos] === 'E') {
      pos++;
      if (source[pos] === '+' || source[pos] === '-') pos++;
      if (!isDigit(source[pos] ?? '')) fail('Exponent part is missing a number' + atPosition(pos));
      digits();
    }
  }

  function array() {
    pos++;
    skipWhitespace();
    if (source[pos] === ']') {
      pos++;
      return;
    }
    for (;;) {
      value();
      skipWhitespace();
      if (source[pos] === ']') {
        pos++;
        return;
      }
      if (source[pos] !== ',') fail("Expected ',' or ']' after array element" + atPosition(pos));
      pos++;
    }
  }

  function object() {
    pos++;
    skipWhitespace();
    if (source[pos] === '}') {
      pos++;
      return;
    }
    if (source[pos] !== '"') fail("Expected property name or '}'" + atPosition(pos));
    for (let first = true; ; first = false) {
      string();
      skipWhitespace();
      if (source[pos] !== ':') {
        // V8 words a missing colon only after the first property name.
        if (first) fail("Expected ':' after property name" + atPosition(pos));
        unexpected(pos);
      }
      pos++;
      value();
      skipWhitespace();
      if (source[pos] === '}') {
        pos++;
        return;
      }
      if (source[pos] !== ',') fail("Expected ',' or '}' after property value" + atPosition(pos));
      pos++;
      skipWhitespace();
      if (source[pos] !== '"') fail('Expected double-quoted property name' + atPosition(pos));
    }
  }

  function value() {
    skipWhitespace();
    const c = source[pos];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === '-' || isDigit(c ?? '')) number();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else unexpected(pos);
  }

  value();
  skipWhitespace();
  if (pos < length) fail(`Unexpected non-whitespace character after JSON at position ${pos}`);
}

/** V8's message for the first syntax error in `source`, or null when it is valid JSON. */
function describeJsonError(source) {
  try {
    scan(source);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntax) return error.message;
    throw error;
  }
}

module.exports = { describeJsonError };
