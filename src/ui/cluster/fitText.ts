// Fitting a card's line into the card's width without measuring text in the DOM. The view draws
// thousands of cards in slices; a getComputedTextLength() per card would force a layout per card.
// Instead a line's width is the sum of its characters' advance widths, each measured once per font
// on a canvas (no DOM layout) and cached, and the line drops its least important parts, then ends
// in an ellipsis, until that sum fits. A worked example, a 148 px card (132 px for text) at 12 px
// DejaVu Sans: "$0.5000/h · amd64 · ready" is ~160 px, so the card shows "$0.5000/h · ready"
// (~107 px); "c7gd.metal-with-a-long-suffix · spot" shows as "c7gd.metal-with-a-lon…".

/** A character's advance width in px (one UTF-16 code unit or surrogate pair). */
export type CharWidth = (ch: string) => number;

export const ELLIPSIS = '…';
const SEP = ' · ';

export function textWidth(s: string, width: CharWidth): number {
  let w = 0;
  for (const ch of s) w += width(ch);
  return w;
}

/** `s` cut to its longest prefix that fits `max` px with an ellipsis after it ('' if not even
 *  the ellipsis fits). */
export function ellipsize(s: string, max: number, width: CharWidth): string {
  if (textWidth(s, width) <= max) return s;
  const chars = [...s];
  let room = max - width(ELLIPSIS);
  if (room < 0) return '';
  let n = 0;
  for (const ch of chars) {
    room -= width(ch);
    if (room < 0) break;
    n++;
  }
  // No space or separator left dangling before the ellipsis ("m5.large ·…").
  return (
    chars
      .slice(0, n)
      .join('')
      .replace(/[\s·]+$/, '') + ELLIPSIS
  );
}

/**
 * The parts joined with " · ", fitted into `max` px: while too wide, the parts named in `drop` go
 * one by one (least important first); what remains is cut with an ellipsis. The first part is the
 * line's most important and is never dropped, so the result starts with it or a prefix of it
 * (an empty first part, like a launching node's price, is left out). E.g. parts ["$0.5000/h",
 * "amd64", "ready"], drop [1, 2]: "$0.5000/h · amd64 · ready", then "$0.5000/h · ready", then
 * "$0.5000/h", then "$0.50…".
 */
export function fitLine(
  parts: readonly string[],
  drop: readonly number[],
  max: number,
  width: CharWidth,
): string {
  const kept = parts.map((p) => p !== '');
  const line = () => parts.filter((_, i) => kept[i]).join(SEP);
  let s = line();
  for (const i of drop) {
    if (textWidth(s, width) <= max) return s;
    if (i <= 0 || !kept[i]) continue;
    kept[i] = false;
    s = line();
  }
  return ellipsize(s, max, width);
}

/**
 * "head · tail" fitted into `max` px by cutting the head and keeping the tail whole: a group label
 * "<NodePool> · <zone>" keeps its zone, so two groups of one long-named NodePool still tell their
 * zones apart. The head keeps at least half the room; when the tail would leave it less, the whole
 * label is cut from its end instead (see ellipsize). E.g. at 7 px a character,
 * "general-purpose-arm64-spot-pool · us-east-1a" (44 characters, 308 px) shows in 210 px as
 * "general-purpose-… · us-east-1a", and in 140 px as "general-purpose-arm…".
 */
export function fitKeepingTail(head: string, tail: string, max: number, width: CharWidth): string {
  const full = tail === '' ? head : head + SEP + tail;
  if (textWidth(full, width) <= max) return full;
  const room = max - textWidth(SEP + tail, width);
  const cut = tail === '' || room < max / 2 ? '' : ellipsize(head, room, width);
  return cut === '' || cut === ELLIPSIS ? ellipsize(full, max, width) : cut + SEP + tail;
}

/**
 * The parts joined with " · ", fitted into `max` px by keeping the first part whole and cutting the
 * rest after a word, with an ellipsis: the pending queue's label keeps its count, and no number or
 * zone after it is cut into a wrong one ("· 1…" of "12 nominated", "us-east-1…" of "us-east-1b").
 * Nor does a cut end on a bare number ("· 5…" of "5 nominated": 5 of what?). When the first part
 * does not fit with an ellipsis, the line is cut from its end as any other (see ellipsize). E.g. at
 * 7 px a character, "Pending pods: 2 · 1 pinned to us-east-1b by its volume" (54 characters, 378 px)
 * shows in 210 px as "Pending pods: 2 · 1 pinned to…", and in 140 px as "Pending pods: 2…".
 */
export function fitKeepingHead(parts: readonly string[], max: number, width: CharWidth): string {
  const full = parts.join(SEP);
  if (textWidth(full, width) <= max) return full;
  const head = parts[0] ?? '';
  if (textWidth(head + ELLIPSIS, width) > max) return ellipsize(full, max, width);
  let best = head;
  // Each cut is before a space after the head and longer than it (trimming " ·" off a head that
  // ends in a space would eat into it); the cuts only grow, so the first too wide ends the search.
  for (let i = full.indexOf(' ', head.length); i !== -1; i = full.indexOf(' ', i + 1)) {
    const cut = full.slice(0, i).replace(/[\s·]+$/, '');
    if (textWidth(cut + ELLIPSIS, width) > max) break;
    if (cut.length > head.length && !/\s\d+$/.test(cut)) best = cut;
  }
  return best + ELLIPSIS;
}

/** Em widths for when no canvas can measure (Node, tests): DejaVu Sans's, the widest font of the
 *  stack styles.css names, rounded up per class (its digits and lowercase but m, w are ≤ 0.636
 *  em), so the estimate errs towards fitting less. */
function fallbackEm(ch: string): number {
  if (/[\s.,:;'!|il·]/.test(ch)) return 0.35;
  if (/[mwMW@%…]/.test(ch)) return 1.0;
  if (/[A-Z]/.test(ch)) return 0.8;
  return 0.64;
}

/** Advance widths for a CSS font, measured once per character on a canvas and cached per font:
 *  the same font always gives the same widths, and no card's text is measured in the DOM. */
export function charWidths(font: string, fontSizePx: number): CharWidth {
  const known = cache.get(font);
  if (known) return known;
  const ctx = canvasContext();
  if (ctx) ctx.font = font;
  const widths = new Map<string, number>();
  const width: CharWidth = (ch) => {
    let w = widths.get(ch);
    if (w === undefined) {
      if (ctx) ctx.font = font; // another font may have been set since
      w = ctx ? ctx.measureText(ch).width : fallbackEm(ch) * fontSizePx;
      widths.set(ch, w);
    }
    return w;
  };
  cache.set(font, width);
  return width;
}

const cache = new Map<string, CharWidth>();
let context: CanvasRenderingContext2D | null | undefined;

function canvasContext(): CanvasRenderingContext2D | null {
  if (context === undefined)
    context =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  return context;
}

/** The fallback estimate at a size (what Node and the tests measure with). */
export const estimatedWidths =
  (fontSizePx: number): CharWidth =>
  (ch) =>
    fallbackEm(ch) * fontSizePx;
