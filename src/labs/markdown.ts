// A tiny, safe Markdown reader for lab text: paragraphs, headings, bullet/numbered lists, fenced
// code, block quotes, and inline `code`, **bold**, *emphasis* / _emphasis_. It returns data; the UI renders it
// as React elements (never HTML strings), so lab text can never inject markup.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'em'; text: string };

export type MdBlock =
  | { kind: 'heading'; level: number; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'quote'; inline: Inline[] };

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|(?<!\w)_([^_\s][^_]*)_(?!\w)/g;

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: s.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'bold', text: m[2] });
    else out.push({ kind: 'em', text: m[3] ?? m[4] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
  return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(md: string): MdBlock[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: 'paragraph', inline: parseInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const fence = /^(`{3,})\s*(\S*)/.exec(l);
    if (fence) {
      flush();
      const text: string[] = [];
      while (++i < lines.length && (lines[i] ?? '').trim() !== fence[1]) text.push(lines[i] ?? '');
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: text.join('\n') });
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(l);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1]?.length ?? 1, inline: parseInline(h[2] ?? '') });
      continue;
    }
    const item = BULLET.exec(l) ?? NUMBERED.exec(l);
    if (item) {
      flush();
      const ordered = !BULLET.test(l);
      const prev = blocks.at(-1);
      const inline = parseInline(item[1] ?? '');
      if (prev?.kind === 'list' && prev.ordered === ordered && (lines[i - 1] ?? '').trim() !== '')
        prev.items.push(inline);
      else blocks.push({ kind: 'list', ordered, items: [inline] });
      continue;
    }
    if (l.startsWith('>')) {
      flush();
      blocks.push({ kind: 'quote', inline: parseInline(l.replace(/^>\s?/, '')) });
      continue;
    }
    if (l.trim() === '') flush();
    else {
      // A continuation line of a list item joins the item.
      const prev = blocks.at(-1);
      if (para.length === 0 && prev?.kind === 'list' && /^\s+\S/.test(l)) {
        prev.items.at(-1)?.push({ kind: 'text', text: ' ' }, ...parseInline(l.trim()));
      } else para.push(l.trim());
    }
  }
  flush();
  return blocks;
}
