// node:buffer's util.inspect form: <Buffer ..>, the 50-byte limit and extra properties.
const { Buffer, Blob } = require('buffer');
const util = require('util');

console.log(util.inspect(Buffer.from('hi')), util.inspect(Buffer.alloc(0)), util.inspect(Buffer.alloc(51, 1)), util.inspect(Buffer.alloc(52, 2)));
const withProp = Buffer.from('ab');
withProp.extra = 1;
console.log(util.inspect(withProp));
console.log(typeof Buffer.prototype[Symbol.for('nodejs.util.inspect.custom')]);

console.log(util.inspect(new Blob(['abc'], { type: 'text/plain' })), util.inspect(Buffer.from('x').subarray(1)));
const { INSPECT_MAX_BYTES } = require('buffer');
console.log(INSPECT_MAX_BYTES);
