// A node card's SVG content: built once when the card enters, then rewritten in place through kept
// element references. Through D3 selections each rewrite looked every part up again
// (querySelector: ~16 per card, ~3,000 per result at 182 nodes), which with the attribute writes
// was most of the cluster view's share of a 2,000-pod result (bench/CONTEXT.md, session 6 perf-ui).
import type { NodeView } from '../../pipeline/view.ts';
import type { NodeBox } from './layout.ts';
import { fitLine, type CharWidth } from './fitText.ts';

const SVG = 'http://www.w3.org/2000/svg';

const BARS = [
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Mem' },
  { key: 'pods', label: 'Pods' },
] as const;

export interface CardParts {
  /** What was last written to each part, by part name: only what differs is written again. */
  written: Map<string, string>;
  title: SVGTitleElement;
  rect: SVGRectElement;
  name: SVGTextElement;
  type: SVGTextElement;
  /** The three bars' tracks as one path, and their fills as another (see drawCard). */
  tracks: SVGPathElement;
  fills: SVGPathElement;
}

function el<K extends keyof SVGElementTagNameMap>(
  parent: Element,
  tag: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent.appendChild(e);
  return e;
}

/**
 * Appends a card's parts to its `g` (the title first: it names the group on hover). Seven
 * elements: the three bars were a group each (a track, a fill and a tooltip: twelve elements, and
 * 2,200 of the 3,100 the view had at 2,000 pods), and the page's style, layout and paint after
 * each result grew with them. Their figures are in the card's tooltip and accessible name now.
 */
export function appendCard(g: SVGGElement): CardParts {
  return {
    written: new Map(),
    title: el(g, 'title'),
    rect: el(g, 'rect', { class: 'node-card', rx: 6 }),
    name: el(g, 'text', { class: 'node-name', x: 8, y: 14 }),
    type: el(g, 'text', { class: 'node-type', x: 8, y: 27 }),
    tracks: el(g, 'path', { class: 'bar-track' }),
    fills: el(g, 'path', { class: 'bar-fill' }),
  };
}

function pct(used: number, total: number): number {
  return total > 0 ? Math.max(0, Math.min(1, used / total)) : 0;
}

function money(v: number): string {
  return v >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(4)}`;
}

/** The share of the node's allocatable each bar shows, 0 to 1. */
function requested(n: NodeView): number[] {
  return BARS.map((bar) => pct(n.used[bar.key], n.allocatable[bar.key]));
}

export function nodeTitle(n: NodeView): string {
  const est = n.capacityType === 'spot' && n.priceIsEstimate ? ' (spot price is an estimate)' : '';
  const shares = requested(n);
  return [
    `${n.name} (${n.state})`,
    `NodeClaim ${n.nodeClaim}, NodePool ${n.nodePool}`,
    `${n.instanceType} ${n.capacityType} ${n.arch} in ${n.zone}`,
    `${money(n.pricePerHour)}/h${est}`,
    `CPU ${n.used.cpu}m of ${n.allocatable.cpu}m, pods ${n.used.pods} of ${n.allocatable.pods}`,
    `Requested: ${BARS.map((bar, i) => `${bar.label} ${Math.round((shares[i] ?? 0) * 100)}%`).join(', ')}`,
  ].join('\n');
}

/**
 * The card's two lines as parts (joined with " · "). When a line does not fit its card, parts go
 * (see fitLine), but never the first of each: the instance type, the price. The capacity type goes
 * first on line one (the border's colour and the price's "*" still say spot). On line two "ready"
 * goes first, being the state every card's plain border already shows (launching and registering
 * are dashed, cordoned and draining amber, terminating red); any other state stays before the arch
 * (the state is what changes while a learner watches; the type's name mostly says the arch: c7g,
 * m7g are Graviton). A 148 px card at 12 px DejaVu Sans shows "$0.5000/h · amd64" when ready and
 * "$0.5000/h · draining" when draining.
 */
export function nodeLineParts(n: NodeView): [string[], string[]] {
  const star = n.capacityType === 'spot' ? '*' : '';
  return [
    [n.instanceType, n.capacityType],
    // A launching card has no price yet: its line says what it knows (arch, state).
    [n.pricePerHour > 0 ? `${money(n.pricePerHour)}/h${star}` : '', n.arch, n.state],
  ];
}

/** The card's two lines in full, which its accessible name must start with. */
export function nodeLines(n: NodeView): [string, string] {
  const [a, b] = nodeLineParts(n);
  return [a.join(' · '), b.filter(Boolean).join(' · ')];
}

/** The two lines as the card draws them: each fitted into `max` px (see fitLine). */
export function fittedLines(n: NodeView, max: number, width: CharWidth): [string, string] {
  const [a, b] = nodeLineParts(n);
  return [
    fitLine(a, [1], max, width),
    fitLine(b, n.state === 'ready' ? [2, 1] : [1, 2], max, width),
  ];
}

/** Left inset of the text and bars in a card; the right one is the same. */
const INSET = 8;
/** Kept free at the right of a line beyond the inset: the estimate sums characters' advances,
 *  and the drawn text may differ from that sum by a fraction of a pixel (rounding, kerning). */
const SLACK = 1;

/** Everything a card's content shows (its position is tracked apart: see ClusterView). */
export function cardSignature(b: NodeBox): string {
  const n = b.node;
  return [
    b.width,
    b.height,
    n.name,
    n.nodeClaim,
    n.nodePool,
    n.state,
    n.instanceType,
    n.capacityType,
    n.arch,
    n.zone,
    n.pricePerHour,
    n.priceIsEstimate,
    n.used.cpu,
    n.used.memory,
    n.used.pods,
    n.allocatable.cpu,
    n.allocatable.memory,
    n.allocatable.pods,
  ].join('|');
}

/**
 * Writes what the card shows: class, accessible name, tooltip, size, its two lines, the bars —
 * each only when it differs from what is there. After an edit every card's content changes (node
 * names come from the run's random stream), but mostly in its name, which only the tooltip and the
 * accessible name carry: the visible text, the bars and the class, whose rewrite would cost the
 * page a style and layout pass over the card, usually stay as they were.
 */
export function drawCard(g: SVGGElement, parts: CardParts, b: NodeBox, width: CharWidth): void {
  const n = b.node;
  const lines = nodeLines(n);
  const shown = fittedLines(n, b.width - 2 * INSET - SLACK, width);
  const title = nodeTitle(n);
  const put = (key: string, value: string, write: (v: string) => void) => {
    if (parts.written.get(key) === value) return;
    parts.written.set(key, value);
    write(value);
  };
  const attr = (e: Element, key: string, name: string, value: string) =>
    put(key, value, (v) => e.setAttribute(name, v));
  const text = (e: Element, key: string, value: string) =>
    put(key, value, (v) => (e.textContent = v));
  attr(g, 'class', 'class', `node state-${n.state} ct-${n.capacityType}`);
  attr(g, 'label', 'aria-label', `${lines.join(' ')}. ${title.replace(/\n/g, '; ')}`);
  text(parts.title, 'title', title);
  attr(parts.rect, 'width', 'width', String(b.width));
  attr(parts.rect, 'height', 'height', String(b.height));
  text(parts.name, 'name', shown[0]);
  text(parts.type, 'type', shown[1]);
  const barW = (b.width - 16 - 8) / 3;
  const shares = requested(n);
  const at = (i: number) => 8 + i * (barW + 4);
  attr(parts.tracks, 'tracks', 'd', BARS.map((_, i) => roundedBar(at(i), barW)).join(''));
  attr(
    parts.fills,
    'fills',
    'd',
    BARS.map((_, i) => roundedBar(at(i), (shares[i] ?? 0) * barW)).join(''),
  );
}

const BAR_Y = 34;
const BAR_H = 5;
const BAR_R = 2;

/** A bar as path data: the rectangle `<rect height=5 rx=2>` drew (rx clamped to half the width
 *  as SVG clamps it; ry stays 2), nothing when it has no width. */
export function roundedBar(x: number, w: number): string {
  if (!(w > 0)) return '';
  const rx = +Math.min(BAR_R, w / 2).toFixed(3);
  const ry = BAR_R;
  const f = (v: number) => +v.toFixed(3);
  const arc = (dx: number, dy: number) => `a${rx},${ry} 0 0 1 ${dx},${dy}`;
  return (
    `M${f(x + rx)},${BAR_Y}h${f(w - 2 * rx)}${arc(rx, ry)}v${BAR_H - 2 * ry}` +
    `${arc(-rx, ry)}h${f(-(w - 2 * rx))}${arc(-rx, -ry)}v${-(BAR_H - 2 * ry)}${arc(rx, -ry)}z`
  );
}
