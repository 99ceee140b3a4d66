import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.ts';

describe('lab Markdown', () => {
  it('reads paragraphs, headings, lists, quotes and fenced code', () => {
    const md = [
      '# Title',
      '',
      'One',
      'paragraph.',
      '',
      '- a',
      '- b',
      '1. first',
      '> note',
      '```bash',
      'helm install',
      '```',
    ].join('\n');
    expect(parseMarkdown(md)).toEqual([
      { kind: 'heading', level: 1, inline: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', inline: [{ kind: 'text', text: 'One paragraph.' }] },
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }]] },
      { kind: 'quote', inline: [{ kind: 'text', text: 'note' }] },
      { kind: 'code', lang: 'bash', text: 'helm install' },
    ]);
  });

  it('reads _underscore_ emphasis but leaves snake_case words alone', () => {
    expect(parseInline('it _nominates_ ttl_seconds_after')).toEqual([
      { kind: 'text', text: 'it ' },
      { kind: 'em', text: 'nominates' },
      { kind: 'text', text: ' ttl_seconds_after' },
    ]);
  });

  it('marks inline code, bold and emphasis, and leaves markup as plain text', () => {
    expect(parseInline('run `kubectl` **now**, *please* <b>x</b>')).toEqual([
      { kind: 'text', text: 'run ' },
      { kind: 'code', text: 'kubectl' },
      { kind: 'text', text: ' ' },
      { kind: 'bold', text: 'now' },
      { kind: 'text', text: ', ' },
      { kind: 'em', text: 'please' },
      { kind: 'text', text: ' <b>x</b>' },
    ]);
  });
});
