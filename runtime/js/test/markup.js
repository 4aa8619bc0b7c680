'use strict';
// pretty-format's markup plugins: DOM nodes (jsdom / happy-dom elements, text, comments,
// fragments), DOM collections (NodeList, HTMLCollection, NamedNodeMap, DOMStringMap), React
// elements and react-test-renderer JSON. They print tags the way Jest's snapshots do:
//   <div
//     class="a"
//   >
//     text
//   </div>

const { printListItems, printObjectProperties } = require('internal/test/format');

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const FRAGMENT_NODE = 11;
const ELEMENT_NAME = /^((HTML|SVG)\w*)?Element$/;

const escapeHTML = (text) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

function printProps(keys, props, config, indentation, depth, refs, printer) {
  const next = indentation + config.indent;
  return keys.map((key) => {
    const value = props[key];
    let printed = printer(value, config, next, depth, refs);
    if (typeof value !== 'string') {
      if (printed.includes('\n')) printed = config.spacingOuter + next + printed + config.spacingOuter + indentation;
      printed = '{' + printed + '}';
    }
    return config.spacingInner + indentation + key + '=' + printed;
  }).join('');
}

function printChildren(children, config, indentation, depth, refs, printer) {
  return children.map((child) => config.spacingOuter + indentation +
    (typeof child === 'string' ? escapeHTML(child) : printer(child, config, indentation, depth, refs))).join('');
}

function printElement(type, printedProps, printedChildren, config, indentation) {
  const open = '<' + type + (printedProps ? printedProps + config.spacingOuter + indentation : '');
  if (printedChildren) return open + '>' + printedChildren + config.spacingOuter + indentation + '</' + type + '>';
  return open + (printedProps && !config.min ? '' : ' ') + '/>';
}

const printElementAsLeaf = (type) => '<' + type + ' … />';

function hasAttribute(node) {
  try {
    return typeof node.hasAttribute === 'function' && node.hasAttribute('is');
  } catch {
    return false;
  }
}

function isDomNode(val) {
  const name = val && val.constructor && val.constructor.name;
  if (!name) return false;
  const { nodeType, tagName } = val;
  const isCustom = (typeof tagName === 'string' && tagName.includes('-')) || hasAttribute(val);
  return (nodeType === ELEMENT_NODE && (ELEMENT_NAME.test(name) || isCustom)) ||
    (nodeType === TEXT_NODE && name === 'Text') ||
    (nodeType === COMMENT_NODE && name === 'Comment') ||
    (nodeType === FRAGMENT_NODE && name === 'DocumentFragment');
}

const domElement = {
  test: (val) => !!val && typeof val === 'object' && isDomNode(val),
  serialize(node, config, indentation, depth, refs, printer) {
    if (node.nodeType === TEXT_NODE) return escapeHTML(node.data);
    if (node.nodeType === COMMENT_NODE) return '<!--' + escapeHTML(node.data) + '-->';
    const isFragment = node.nodeType === FRAGMENT_NODE;
    const type = isFragment ? 'DocumentFragment' : node.tagName.toLowerCase();
    if (++depth > config.maxDepth) return printElementAsLeaf(type);
    const attributes = isFragment ? [] : Array.from(node.attributes);
    const props = {};
    for (const attribute of attributes) props[attribute.name] = attribute.value;
    const next = indentation + config.indent;
    return printElement(type,
      printProps(attributes.map((a) => a.name).sort(), props, config, next, depth, refs, printer),
      printChildren(Array.prototype.slice.call(node.childNodes || node.children), config, next, depth, refs, printer),
      config, indentation);
  },
};

const COLLECTION_OBJECTS = new Set(['DOMStringMap', 'NamedNodeMap']);
const COLLECTION_ARRAY = /^(HTML\w*Collection|NodeList)$/;

const domCollection = {
  test: (val) => !!val && !!val.constructor && !!val.constructor.name &&
    (COLLECTION_OBJECTS.has(val.constructor.name) || COLLECTION_ARRAY.test(val.constructor.name)),
  serialize(collection, config, indentation, depth, refs, printer) {
    const name = collection.constructor.name;
    if (++depth > config.maxDepth) return '[' + name + ']';
    const prefix = config.min ? '' : name + ' ';
    if (!COLLECTION_OBJECTS.has(name)) {
      return prefix + '[' + printListItems(Array.from(collection), config, indentation, depth, refs, printer) + ']';
    }
    let props;
    if (name === 'NamedNodeMap') {
      props = {};
      for (const attribute of Array.from(collection)) props[attribute.name] = attribute.value;
    } else {
      props = Object.assign({}, collection);
    }
    return prefix + '{' + printObjectProperties(props, config, indentation, depth, refs, printer) + '}';
  },
};

const ELEMENT_TYPES = new Set([Symbol.for('react.element'), Symbol.for('react.transitional.element')]);
const REACT = {
  fragment: Symbol.for('react.fragment'), suspense: Symbol.for('react.suspense'),
  provider: Symbol.for('react.provider'), context: Symbol.for('react.context'),
  consumer: Symbol.for('react.consumer'), forwardRef: Symbol.for('react.forward_ref'),
  memo: Symbol.for('react.memo'),
};

function flattenChildren(arg, children = []) {
  if (Array.isArray(arg)) for (const item of arg) flattenChildren(item, children);
  else if (arg != null && arg !== false && arg !== '') children.push(arg);
  return children;
}

const contextName = (context) => (context && context.displayName) || 'Context';

function reactTypeName(element) {
  const type = element.type;
  if (typeof type === 'string') return type;
  if (typeof type === 'function') return type.displayName || type.name || 'Unknown';
  if (type === REACT.fragment) return 'React.Fragment';
  if (type === REACT.suspense) return 'React.Suspense';
  if (typeof type === 'object' && type !== null) {
    const kind = type.$$typeof;
    // React 19 marks providers with react.context (the context itself) and consumers with react.consumer.
    if (kind === REACT.provider) return contextName(type._context) + '.Provider';
    if (kind === REACT.context) return type._context ? contextName(type._context) + '.Consumer' : contextName(type) + '.Provider';
    if (kind === REACT.consumer) return contextName(type._context) + '.Consumer';
    if (kind === REACT.forwardRef) {
      if (type.displayName) return type.displayName;
      const name = type.render.displayName || type.render.name || '';
      return name === '' ? 'ForwardRef' : 'ForwardRef(' + name + ')';
    }
    if (kind === REACT.memo) {
      const name = type.displayName || type.type.displayName || type.type.name || '';
      return name === '' ? 'Memo' : 'Memo(' + name + ')';
    }
  }
  return 'UNDEFINED';
}

const reactElement = {
  test: (val) => val != null && typeof val === 'object' && ELEMENT_TYPES.has(val.$$typeof),
  serialize(element, config, indentation, depth, refs, printer) {
    const type = reactTypeName(element);
    if (++depth > config.maxDepth) return printElementAsLeaf(type);
    const { props } = element;
    const keys = Object.keys(props).filter((k) => k !== 'children' && props[k] !== undefined).sort();
    const next = indentation + config.indent;
    return printElement(type, printProps(keys, props, config, next, depth, refs, printer),
      printChildren(flattenChildren(props.children), config, next, depth, refs, printer), config, indentation);
  },
};

const TEST_JSON = Symbol.for('react.test.json');

const reactTestComponent = {
  test: (val) => !!val && val.$$typeof === TEST_JSON,
  serialize(object, config, indentation, depth, refs, printer) {
    if (++depth > config.maxDepth) return printElementAsLeaf(object.type);
    const props = object.props;
    const keys = props ? Object.keys(props).filter((k) => props[k] !== undefined).sort() : [];
    const next = indentation + config.indent;
    return printElement(object.type,
      props ? printProps(keys, props, config, next, depth, refs, printer) : '',
      object.children ? printChildren(object.children, config, next, depth, refs, printer) : '',
      config, indentation);
  },
};

module.exports = { domElement, domCollection, reactElement, reactTestComponent };
