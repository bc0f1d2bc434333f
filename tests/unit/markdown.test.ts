import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../src/lib/components/methods/markdown';

describe('the Markdown of the file formats', () => {
  it('reads code, strong text and links inside a line, and keeps markup as text', () => {
    expect(parseInline('a `<b>` is **not** run, see [DATA](https://example.org/d)')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'code', text: '<b>' },
      { type: 'text', text: ' is ' },
      { type: 'strong', text: 'not' },
      { type: 'text', text: ' run, see ' },
      { type: 'link', text: 'DATA', href: 'https://example.org/d' },
    ]);
  });

  it('reads headings, paragraphs joined across lines, fenced code, lists and tables', () => {
    const source = [
      '# Formats',
      '',
      'One line',
      'and the next.',
      '',
      '```json',
      '{ "format": "parallax" }',
      '```',
      '',
      '- first',
      '  continued',
      '- second',
      '',
      '| column | content |',
      '| ------ | ------- |',
      '| `sources` | joined by `\\|` |',
    ].join('\n');
    expect(parseMarkdown(source)).toEqual([
      { type: 'heading', level: 1, text: [{ type: 'text', text: 'Formats' }] },
      { type: 'paragraph', text: [{ type: 'text', text: 'One line and the next.' }] },
      { type: 'code', text: '{ "format": "parallax" }' },
      {
        type: 'list',
        ordered: false,
        items: [[{ type: 'text', text: 'first continued' }], [{ type: 'text', text: 'second' }]],
      },
      {
        type: 'table',
        head: [[{ type: 'text', text: 'column' }], [{ type: 'text', text: 'content' }]],
        rows: [
          [
            [{ type: 'code', text: 'sources' }],
            [
              { type: 'text', text: 'joined by ' },
              { type: 'code', text: '|' },
            ],
          ],
        ],
      },
    ]);
  });
});
