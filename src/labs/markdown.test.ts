import { describe, expect, it } from 'vitest';
import { decodeEntities, parseInline, parseMarkdown, safeHref } from './markdown.ts';

const text = (t: string) => ({ kind: 'text', text: t });
const para = (t: string) => ({ kind: 'paragraph', inline: [text(t)] });

describe('lab Markdown (marked’s lexer → a safe model)', () => {
  it('reads paragraphs, headings, lists, quotes and fenced code', () => {
    const md = [
      '# Title',
      '',
      'One',
      'paragraph.',
      '',
      '- a',
      '- b',
      '',
      '1. first',
      '',
      '> note',
      '',
      '```bash',
      'helm install',
      '```',
    ].join('\n');
    expect(parseMarkdown(md)).toEqual([
      { kind: 'heading', level: 1, inline: [text('Title')] },
      { kind: 'paragraph', inline: [text('One\nparagraph.')] },
      { kind: 'list', ordered: false, start: 1, items: [[para('a')], [para('b')]] },
      { kind: 'list', ordered: true, start: 1, items: [[para('first')]] },
      { kind: 'quote', blocks: [para('note')] },
      { kind: 'code', lang: 'bash', text: 'helm install' },
    ]);
  });

  it('nests lists', () => {
    expect(parseMarkdown('- outer\n  - inner\n- next')).toEqual([
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [para('outer'), { kind: 'list', ordered: false, start: 1, items: [[para('inner')]] }],
          [para('next')],
        ],
      },
    ]);
  });

  it('reads a table with its alignment and inline code in cells', () => {
    expect(
      parseMarkdown('| v1alpha5 | v1 |\n|---|:-:|\n| `ttlSecondsAfterEmpty` | WhenEmpty |'),
    ).toEqual([
      {
        kind: 'table',
        align: [null, 'center'],
        header: [[text('v1alpha5')], [text('v1')]],
        rows: [[[{ kind: 'code', text: 'ttlSecondsAfterEmpty' }], [text('WhenEmpty')]]],
      },
    ]);
  });

  it('reads _underscore_ emphasis but leaves snake_case words alone', () => {
    expect(parseInline('it _nominates_ ttl_seconds_after')).toEqual([
      text('it '),
      { kind: 'em', children: [text('nominates')] },
      text(' ttl_seconds_after'),
    ]);
  });

  it('marks code, bold and emphasis, honours escapes and entities, and leaves HTML as text', () => {
    expect(parseInline('run `kubectl` **now**, *please* \\*not\\* &amp; <b>x</b>')).toEqual([
      text('run '),
      { kind: 'code', text: 'kubectl' },
      text(' '),
      { kind: 'strong', children: [text('now')] },
      text(', '),
      { kind: 'em', children: [text('please')] },
      text(' *not* & <b>x</b>'),
    ]);
    expect(decodeEntities('&lt;a&gt; &#8594; &#x2192; &bogus;')).toBe('<a> → → &bogus;');
  });

  it('keeps safe links (external ones marked) and reduces unsafe ones to their words', () => {
    expect(parseInline('[docs](https://karpenter.sh "Karpenter") [step](#lab=x&step=2)')).toEqual([
      {
        kind: 'link',
        href: 'https://karpenter.sh',
        external: true,
        title: 'Karpenter',
        children: [text('docs')],
      },
      text(' '),
      { kind: 'link', href: '#lab=x&step=2', external: false, children: [text('step')] },
    ]);
    expect(parseInline('[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1))')).toEqual([
      text('click x'),
    ]);
  });

  it.each([
    ['javascript:alert(1)', undefined],
    [' java\nscript:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['vbscript:x', undefined],
    ['https://aws.amazon.com', { external: true }],
    ['//evil.example', { external: true }],
    ['mailto:a@b.c', { external: true }],
    ['#lab=karpenter-jit-scaling', { external: false }],
    ['../docs/cli.md', { external: false }],
  ])('safeHref(%j)', (href, expected) => {
    const r = safeHref(href);
    if (expected === undefined) expect(r).toBeUndefined();
    else expect(r).toMatchObject(expected);
  });
});
