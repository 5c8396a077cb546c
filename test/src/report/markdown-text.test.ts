import { markdownInline, markdownParagraph } from '../../../src/report/markdown-text';

describe('markdownInline: user text in a Markdown table cell', () => {
  test.each([
    ['raw HTML', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an entity stays text', 'a &amp; b', 'a &amp;amp; b'],
    ['a cell break', 'a | b', 'a \\| b'],
    ['emphasis, code and strike', '*a* _b_ `c` ~d~', '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~'],
    ['a link or image', '![x](http://evil.example/t.png) [y](http://evil.example)', '!\\[x\\](http://evil.example/t.png) \\[y\\](http://evil.example)'],
    ['a backslash', 'a\\*', 'a\\\\\\*'],
    ['line breaks become spaces', 'one\ntwo\r\nthree\rfour', 'one two three four'],
    ['control characters are shown escaped', 'a\u001b[31mb\u0007', 'a\\\\u001b\\[31mb\\\\u0007'], // rendered: a\u001b[31mb\u0007
    ['plain text is unchanged', 'Vendor image runs as root until 2027 (SEC-123)', 'Vendor image runs as root until 2027 (SEC-123)'],
  ])('%s', (_, text, expected) => {
    expect(markdownInline(text)).toBe(expected);
  });
});

describe('markdownParagraph: user text on a line of its own', () => {
  test.each([
    ['a heading', '# Owned', '\\# Owned'],
    ['a list item', '- item', '\\- item'],
    ['a numbered item', '1. item', '1\\. item'],
    ['a setext underline', '===', '\\==='],
    ['a quote', '> quoted', '&gt; quoted'],
    ['an indented code block', '    code', 'code'],
    ['a heading on a later line cannot start one', 'text\n# heading', 'text # heading'],
  ])('%s', (_, text, expected) => {
    expect(markdownParagraph(text)).toBe(expected);
  });
});
