// chalk 5 (ESM only). Colour support is never detected from the terminal here: every instance
// gets an explicit level, so the escape codes are the same in any environment. Output is the
// raw styled text and its JSON form (escapes visible).
import chalk, { Chalk, modifierNames, foregroundColorNames, backgroundColorNames, colorNames } from 'chalk';

const levels = [0, 1, 2, 3].map((level) => new Chalk({ level }));
const [none, basic, ansi256, truecolor] = levels;
const show = (label, text) => {
  console.log(label + ' ' + JSON.stringify(text));
  console.log(text);
};

console.log('default export', typeof chalk, typeof chalk.red, chalk instanceof Function);
console.log('name lists', modifierNames.length, foregroundColorNames.length, backgroundColorNames.length, colorNames.length);
console.log('modifiers', modifierNames.join(','));

show('red', basic.red('red'));
show('chain', basic.bold.underline.blue('chain'));
show('bg', basic.bgYellow.black(' warn '));
show('bright', basic.redBright('a') + basic.bgCyanBright('b') + basic.gray('c') + basic.grey('d'));
show('nested', basic.green('ok ' + basic.bold('bold') + ' and ' + basic.red('red') + ' back to green'));
show('nested same style', basic.red('a' + basic.red('b') + 'c'));
show('multiline', basic.magenta('line one\nline two\r\nline three'));
show('multiple args', basic.cyan('a', 'b', 3, null, undefined, true));
show('template-ish', basic.italic(`${1 + 1} items`));
show('empty', basic.red(''));
show('visible', basic.visible('seen') + none.visible('hidden'));
show('dim/inverse/strikethrough/hidden/overline', ['dim', 'inverse', 'strikethrough', 'hidden', 'overline'].map((m) => basic[m](m)).join(' '));
show('reset', basic.reset.red('x'));

for (const c of levels) {
  const lvl = 'level ' + c.level;
  show(lvl + ' rgb', c.rgb(255, 136, 0)('orange'));
  show(lvl + ' hex', c.hex('#DEADED').bold('hex'));
  show(lvl + ' bgHex', c.bgHex('#00ff7f')('bghex'));
  show(lvl + ' ansi256', c.ansi256(201)('pink') + c.bgAnsi256(22)('green bg'));
  show(lvl + ' bgRgb', c.bgRgb(12, 34, 56).white('navy'));
}
show('level 0 passthrough', none.red.bold('plain text'));
show('truecolor vs 256', JSON.stringify([truecolor.hex('#123456')('x'), ansi256.hex('#123456')('x')]));

const custom = new Chalk({ level: 1 });
custom.level = 2;
show('level changed', custom.blue('now 256'));
const error = basic.bold.red;
const warning = basic.hex('#FFA500');
show('reusable styles', error('Error!') + ' ' + warning('Warning!'));
console.log('styled Object', basic.red({ a: 1 }), basic.red([1, 2]), basic.red(Symbol.for('s').toString()));
