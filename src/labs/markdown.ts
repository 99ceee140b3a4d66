// Lab Markdown through a maintained lexer (marked's, pinned in package.json), reduced to a small
// data model the UI renders as React elements — never HTML strings, so lab text cannot inject
// markup: raw HTML in a README shows as text, and a link is kept only when its address is safe.
//
//   tables, links, nested lists, escapes (\*), entities (&amp;), strikethrough, rules, quotes,
//   fenced code (its info string, e.g. `bash`, is the block's `lang`).
//
// The lab's own fenced blocks (`yaml start`, `checks`, `hint`, …) are cut out by parse.ts before
// this sees the text.
import { Lexer, type Token, type Tokens } from 'marked';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'del'; children: Inline[] }
  /** `external`: another site (opens in a new tab, without access to this page). */
  | { kind: 'link'; href: string; external: boolean; title?: string; children: Inline[] }
  | { kind: 'br' };

export type Align = 'left' | 'center' | 'right' | null;

export type MdBlock =
  | { kind: 'heading'; level: number; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: MdBlock[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'quote'; blocks: MdBlock[] }
  | { kind: 'table'; align: Align[]; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'rule' };

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** The few character references lab authors write (&amp;, &lt;, &#8594;), as characters. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/**
 * A link's address if it is safe to follow: http(s) and mailto, and addresses within the lab
 * (`#lab=…`, relative paths). `javascript:`, `data:` and every other scheme are refused.
 */
export function safeHref(href: string): { href: string; external: boolean } | undefined {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): so do we.
  const squashed = [...href].filter((c) => c.charCodeAt(0) > 0x20 && c !== '\u007f').join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squashed)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (squashed === '') return undefined;
    return { href, external: squashed.startsWith('//') }; // "//host/…" is another site
  }
  if (scheme === 'http' || scheme === 'https') return { href, external: true };
  if (scheme === 'mailto') return { href, external: true };
  return undefined;
}

function inline(tokens: readonly Token[] | undefined): Inline[] {
  const out: Inline[] = [];
  const text = (t: string) => {
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += t;
    else out.push({ kind: 'text', text: t });
  };
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
        // A tight list item's text token carries its own inline tokens.
        if ('tokens' in t && t.tokens && t.tokens.length > 0) out.push(...inline(t.tokens));
        else text(decodeEntities(t.text));
        break;
      case 'escape':
        text(t.text);
        break;
      case 'codespan':
        out.push({ kind: 'code', text: decodeEntities(t.text) });
        break;
      case 'strong':
      case 'em':
      case 'del':
        out.push({ kind: t.type, children: inline(t.tokens) });
        break;
      case 'br':
        out.push({ kind: 'br' });
        break;
      case 'link': {
        const link = t as Tokens.Link;
        const safe = safeHref(link.href);
        const children = inline(link.tokens);
        if (safe)
          out.push({
            kind: 'link',
            ...safe,
            ...(link.title ? { title: link.title } : {}),
            children,
          });
        // An unsafe link keeps its words, not its address.
        else
          for (const c of children) {
            if (c.kind === 'text') text(c.text);
            else out.push(c);
          }
        break;
      }
      case 'image': // no images in the lab panel: their alt text
        text((t as Tokens.Image).text);
        break;
      default:
        // Raw HTML and anything else: shown as the text it is.
        text('raw' in t ? t.raw : '');
    }
  }
  return out;
}

function blocks(tokens: readonly Token[]): MdBlock[] {
  const out: MdBlock[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'heading':
        out.push({ kind: 'heading', level: t.depth, inline: inline(t.tokens) });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', inline: inline(t.tokens) });
        break;
      case 'text': // a tight list item's words
        out.push({ kind: 'paragraph', inline: inline(t.tokens ?? [t]) });
        break;
      case 'code':
        out.push({ kind: 'code', lang: (t.lang ?? '').trim(), text: t.text });
        break;
      case 'blockquote':
        out.push({ kind: 'quote', blocks: blocks(t.tokens ?? []) });
        break;
      case 'list': {
        const list = t as Tokens.List;
        out.push({
          kind: 'list',
          ordered: list.ordered,
          start: typeof list.start === 'number' ? list.start : 1,
          items: list.items.map((item) => blocks(item.tokens)),
        });
        break;
      }
      case 'table': {
        const table = t as Tokens.Table;
        out.push({
          kind: 'table',
          align: table.align,
          header: table.header.map((c) => inline(c.tokens)),
          rows: table.rows.map((r) => r.map((c) => inline(c.tokens))),
        });
        break;
      }
      case 'hr':
        out.push({ kind: 'rule' });
        break;
      default:
        // Raw HTML blocks: their source, as a paragraph of text.
        if ('raw' in t && t.raw.trim() !== '')
          out.push({ kind: 'paragraph', inline: [{ kind: 'text', text: t.raw.trim() }] });
    }
  }
  return out;
}

export function parseMarkdown(md: string): MdBlock[] {
  return blocks(Lexer.lex(md, { gfm: true }));
}

/** Inline Markdown alone (a table cell, a check label). */
export function parseInline(s: string): Inline[] {
  const [first] = parseMarkdown(s);
  return first?.kind === 'paragraph' ? first.inline : [{ kind: 'text', text: s }];
}
