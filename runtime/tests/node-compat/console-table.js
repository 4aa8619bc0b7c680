'use strict';
// console.table layouts.
console.table([{ a: 1, b: 'xyz' }, { a: 'long value', c: [1, 2, 3, 4] }]);
console.table([1, 'two', { three: 3 }, [4, 5]]);
console.table({ r1: { c1: 1, c2: 2 }, r2: { c2: 3, c3: 4 } });
console.table([[1, 2], [3, 4, 5]]);
console.table([{ a: 1, b: 2 }, { a: 3, b: 4 }], ['a']);
console.table([{ a: 1, b: 2 }, 5], ['a', 'z']);
console.table(new Map([['k', { x: 1 }], [{ obj: 1 }, 'v']]));
console.table(new Set([1, 'a', { s: 1 }]));
console.table(new Map([[1, 2], [3, 4]]).entries());
console.table(new Map([[1, 2], [3, 4]]).keys());
console.table(new Set(['x', 'y']).values());
console.table([]);
console.table({});
console.table(5);
console.table('string');
console.table(null);
console.table(undefined);
console.table([{ nested: { deep: { deeper: 1 } }, arr: [1, 2, 3, 4, 5], obj3: { a: 1, b: 2, c: 3 } }]);
console.table([{ 漢字: 'wide 漢字', emoji: 'x' }, { 漢字: 'ab' }]);
console.table([{ fn() {}, sym: Symbol('q'), big: 10n, n: null, u: undefined }]);
console.table([{ 'key with space': 1, "quote'key": 2 }]);
const sparse = []; sparse[2] = { a: 1 }; console.table(sparse);
console.table([{ a: 'multi\nline' }]);
console.table(Object.assign(Object.create(null), { x: { y: 1 } }));
console.table([{ a: 1 }, { b: 2 }], []);
try { console.table([], 'bad'); } catch (e) { console.log(e.code, e.message); }
console.table(new Uint8Array([1, 2]));
console.table([new Date(0), /re/]);
const wide = ['abc', '漢字', 'é', 'e\u0301', '😀', '👨‍👩‍👧', '✓', '★', '→', 'ｱ', 'Ａ', '한글', '\u200b', 'ß', 'Ω', '🇺🇸',
  '❤️', '⌚', '\u3000', 'ا', '…', '©', '‰', '🎉x', '〜', '・', 'ー', 'Ⅻ', '①', '℃', '¥', '￥'];
console.table(wide.map((s, i) => ({ s, i })));
console.log(wide);
console.log(wide.map((s) => s + s));
