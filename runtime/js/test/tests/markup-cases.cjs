'use strict';
// DOM / React values for the markup plugins; `build(window)` uses a jsdom window.
// tools/jest-messages.cjs records pretty-format 30's snapshot serialisation of each in
// fixtures/jest-markup.json (Jest's snapshot plugins and options).

function h(type, props, ...children) {
  return { $$typeof: Symbol.for('react.element'), type, key: null, ref: null,
    props: Object.assign({}, props, children.length ? { children: children.length === 1 ? children[0] : children } : {}) };
}

function build(window) {
  const doc = window.document;
  const root = doc.createElement('div');
  root.innerHTML = '<section class="b a" id="main" data-x="1"><h1>Title &amp; <em>x</em></h1>' +
    '<!-- note --><p>a &lt; b</p><input disabled="" value="v"><svg viewBox="0 0 1 1"><path d="M0"></path></svg>' +
    '<my-widget foo="bar">slot</my-widget><span></span></section>';
  const fragment = doc.createDocumentFragment();
  fragment.appendChild(doc.createElement('b')).textContent = 'bold';
  fragment.appendChild(doc.createTextNode('tail'));
  function Named() {}
  const memoType = { $$typeof: Symbol.for('react.memo'), type: Named };
  const forward = { $$typeof: Symbol.for('react.forward_ref'), render: function Inner() {} };
  return {
    element: root.firstChild,
    fragment,
    nodeList: root.firstChild.childNodes,
    htmlCollection: root.firstChild.children,
    attributes: root.firstChild.attributes,
    dataset: root.firstChild.dataset,
    text: doc.createTextNode('just <text>'),
    comment: doc.createComment('c'),
    reactTree: h('div', { className: 'x', onClick: function handler() {}, style: { color: 'red' }, hidden: undefined },
      h('span', null, 'hi ', 42), null, false, h(Named, { n: 1 }), h(Symbol.for('react.fragment'), null, 'frag'),
      h(memoType, {}), h(forward, { a: [1, 2] })),
    reactEmpty: h('br', {}),
    testJson: { $$typeof: Symbol.for('react.test.json'), type: 'View', props: { style: { flex: 1 }, testID: 't', u: undefined },
      children: ['text', { $$typeof: Symbol.for('react.test.json'), type: 'Text', props: {}, children: null }] },
    nested: { list: [root.firstChild.firstChild] },
  };
}

module.exports = { build };
