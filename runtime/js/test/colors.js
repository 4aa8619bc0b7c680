'use strict';
// ANSI styles for matcher messages and diffs. Each file runs in its own JS context, so
// one module-level switch (set by the session's `colors` option) serves the whole file.

const STYLES = {
  bold: [1, 22], dim: [2, 22], inverse: [7, 27], red: [31, 39], green: [32, 39],
  yellow: [33, 39], cyan: [36, 39], gray: [90, 39], bgYellow: [43, 49],
};

const colors = { enabled: false };

for (const name of Object.keys(STYLES)) {
  const [open, close] = STYLES[name];
  colors[name] = (text) => (colors.enabled && text !== ''
    ? '\u001b[' + open + 'm' + text + '\u001b[' + close + 'm' : String(text));
}

colors.setEnabled = (on) => {
  colors.enabled = !!on;
};

module.exports = colors;
