// marked (ESM only) loaded from a CommonJS script with dynamic import(), which is how CJS code
// reaches an ESM-only package. Prints the generated HTML as is and token trees via JSON.
const markdown = `# Title with *emphasis*

Some **bold**, _italic_, \`code\`, ~~strike~~ and a [link](https://example.com "title").
Autolink: https://dx.dev and <mail@example.com>.

> A quote
> over two lines

1. first
2. second
   - nested
   - [x] done task
   - [ ] open task

\`\`\`ts
const x: number = 1 < 2 ? 3 : 4;
\`\`\`

| left | center | right |
|:-----|:------:|------:|
| a    | b      | c     |
| <b>  | &amp;  | 1     |

Line with trailing spaces  
break, and a footnote-ish [ref][1].

[1]: https://example.org/ref

***

![img](/a.png "pic") <span>inline html</span>
`;

async function main() {
  const mod = await import('marked');
  const { marked, Marked, Lexer, Parser, Renderer, Tokenizer, lexer, parse, parseInline, walkTokens } = mod;
  console.log('exports', Object.keys(mod).sort().join(','));
  console.log('types', [typeof marked, typeof Marked, typeof Lexer, typeof Parser, typeof Renderer, typeof Tokenizer, typeof walkTokens].join(','));

  process.stdout.write(marked.parse(markdown));
  process.stdout.write(marked.parse(markdown, { gfm: false }));
  process.stdout.write(parse('line one\nline two', { breaks: true }));
  console.log(JSON.stringify(parseInline('**inline** <em>only</em> `x`')));
  console.log(JSON.stringify(marked.parse('# async', { async: true }) instanceof Promise));
  console.log(JSON.stringify(await marked.parse('*awaited*', { async: true })));

  const tokens = lexer('# H\n\n- a\n- b\n\ntext *em*');
  console.log(JSON.stringify(tokens.map((t) => [t.type, t.raw])));
  console.log(JSON.stringify(Object.keys(tokens.links)));
  console.log(JSON.stringify(Lexer.lexInline('a **b** c').map((t) => t.type)));
  process.stdout.write(Parser.parse(tokens));

  const custom = new Marked({
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        const id = text.toLowerCase().replace(/[^\w]+/g, '-');
        return `<h${depth} id="${id}">${text}</h${depth}>\n`;
      },
      link({ href, text }) {
        return `<a href="${href}" rel="nofollow">${text}</a>`;
      },
    },
  });
  process.stdout.write(custom.parse('## Hello World!\n\n[x](http://y.z)'));

  const visited = [];
  const counting = new Marked();
  counting.use({
    walkTokens(token) {
      visited.push(token.type);
      if (token.type === 'codespan') token.text = token.text.toUpperCase();
    },
  });
  process.stdout.write(counting.parse('Some `code` and **strong**'));
  console.log(JSON.stringify(visited));

  const withExtension = new Marked({
    extensions: [{
      name: 'mention',
      level: 'inline',
      start(src) { return src.indexOf('@'); },
      tokenizer(src) {
        const match = /^@(\w+)/.exec(src);
        if (match) return { type: 'mention', raw: match[0], user: match[1] };
        return undefined;
      },
      renderer(token) { return `<a class="mention">${token.user}</a>`; },
    }],
  });
  process.stdout.write(withExtension.parse('hi @ada and @grace!'));

  const hooked = new Marked({ hooks: { preprocess: (md) => md.replace(/TODAY/g, '2024-02-28'), postprocess: (html) => html.trim() + '<!-- end -->\n' } });
  process.stdout.write(hooked.parse('Date: TODAY'));

  try {
    new Marked({ silent: false }).parse(null);
  } catch (e) {
    console.log('error', e.constructor.name, JSON.stringify(e.message.split('\n')[0]));
  }
  console.log('silent', JSON.stringify(new Marked({ silent: true }).parse(null)));
}

main().catch((e) => {
  console.log('failed', e);
  process.exitCode = 1;
});
