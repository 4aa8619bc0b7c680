'use strict';
// WHATWG DOMException: name, message, legacy numeric code, and the *_ERR constants.

const LEGACY_CODES = [
  ['IndexSizeError', 'INDEX_SIZE_ERR', 1], ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR', 2],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR', 3], ['WrongDocumentError', 'WRONG_DOCUMENT_ERR', 4],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR', 5], ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR', 6],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR', 7], ['NotFoundError', 'NOT_FOUND_ERR', 8],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR', 9], ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR', 10],
  ['InvalidStateError', 'INVALID_STATE_ERR', 11], ['SyntaxError', 'SYNTAX_ERR', 12],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR', 13], ['NamespaceError', 'NAMESPACE_ERR', 14],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR', 15], ['ValidationError', 'VALIDATION_ERR', 16],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR', 17], ['SecurityError', 'SECURITY_ERR', 18],
  ['NetworkError', 'NETWORK_ERR', 19], ['AbortError', 'ABORT_ERR', 20], ['URLMismatchError', 'URL_MISMATCH_ERR', 21],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR', 22], ['TimeoutError', 'TIMEOUT_ERR', 23],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR', 24], ['DataCloneError', 'DATA_CLONE_ERR', 25],
];
const codeByName = new Map(LEGACY_CODES.map(([name, , code]) => [name, code]));
const kState = Symbol('DOMException state');

class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super();
    let name = options;
    if (options !== null && typeof options === 'object') {
      name = 'name' in options ? String(options.name) : 'Error';
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
      }
    } else {
      name = String(name);
    }
    Object.defineProperty(this, kState, { value: { message: String(message), name } });
    // The stack header uses the instance's name and message, which live in getters here.
    delete this.message;
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, DOMException);
  }

  get name() {
    return this[kState].name;
  }

  get message() {
    return this[kState].message;
  }

  get code() {
    return codeByName.get(this[kState].name) || 0;
  }
}

Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
for (const [, constant, code] of LEGACY_CODES) {
  const desc = { value: code, enumerable: true };
  Object.defineProperty(DOMException, constant, desc);
  Object.defineProperty(DOMException.prototype, constant, desc);
}

module.exports = DOMException;
