// The D3 cluster view: a plain object with update(frame) / destroy(), driven from store
// subscriptions rather than React renders (the xyflow pattern). Node cards and pod squares are keyed
// by name, so a pod that goes from the pending queue to a node glides there, and a node that leaves
// fades out.
import * as d3 from '../d3.ts';
import type { Frame, PodView } from '../../pipeline/view.ts';
import { layoutFrame, type NodeBox } from './layout.ts';
import { PodLayer } from './PodLayer.ts';
import { appendCard, cardSignature, drawCard, type CardParts } from './cards.ts';
import { charWidths, type CharWidth } from './fitText.ts';
import { put } from './dom.ts';
import { appendGroupLabel, drawGroupLabel } from './groupLabels.ts';
import { appendQueueLabel, drawQueueLabel, queueLabelParts } from './queueLabel.ts';

export type Selection = { kind: 'node'; name: string } | { kind: 'pod'; key: string };

const DURATION = 450;

/** The canvas pod's tooltip: name and phase, and for a volume pod its claims and zone. */
function podTitle(p: PodView): string {
  return [`${p.key} (${p.phase})`, ...(p.volume?.claims.map((c) => `volume ${c}`) ?? [])].join(
    '\n',
  );
}

const TRANSLATE = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/;

/**
 * Glides a card from where it is (mid-glide included) to its box, fading to `opacity`. The same
 * motion as `transition.attr('transform')` and `.style('opacity')`, whose start parses the
 * transform through a scratch SVG element and reads the computed style — a forced style pass per
 * card in the first animation frame after a result (~40 ms at 2,000 pods under load).
 */
function glide(
  g: SVGGElement,
  b: NodeBox,
  opacity: number,
  t: d3.Transition<d3.BaseType, unknown, null, undefined>,
): void {
  d3.select(g)
    .transition(t)
    .attrTween('transform', function () {
      const m = TRANSLATE.exec(this.getAttribute('transform') ?? '');
      const x0 = m ? Number(m[1]) : b.x;
      const y0 = m ? Number(m[2]) : b.y;
      return (k) =>
        k >= 1
          ? `translate(${b.x},${b.y})`
          : `translate(${x0 + (b.x - x0) * k},${y0 + (b.y - y0) * k})`;
    })
    .styleTween('opacity', function () {
      const o0 = this.style.opacity === '' ? 1 : Number(this.style.opacity);
      return (k) => String(k >= 1 ? opacity : o0 + (opacity - o0) * k);
    });
}

/** Cards this far beyond the visible window (in window heights) are drawn at once with it: none.
 *  The margin (a quarter window each side until session 7) is the first slice's, nearest first, so
 *  the result's task and the first frame after it hold only what the learner sees. */
const NEAR = 0;
/** Main-thread time one slice of far cards may take before the page gets a turn (ms). */
const SLICE_MS = 8;
/** Cards one slice may move into reading order (see putInOrder). */
const ORDER_MOVES = 30;

export class ClusterView {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly gGroups: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly gNodes: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly pods: PodLayer;
  private readonly wrap: HTMLDivElement;
  private layoutWidth = 0;
  /** Where each card is and what it shows (its content signature, '' until drawn), as last
   *  placed and drawn (see drawNodes). */
  private drawn = new Map<string, { x: number; y: number; sig: string }>();
  private readonly parts = new WeakMap<SVGGElement, CardParts>();
  /** Far cards whose new content is still to be drawn, nearest first (see drawNodes). */
  private queue: { g: SVGGElement; box: NodeBox; moved: boolean }[] = [];
  /** The cards of the last update in layout order, put in that order in the DOM from the end
   *  (index `next` down) by the slices after the far cards' (see putInOrder). */
  private order: { cards: SVGGElement[]; next: number } | undefined;
  private slice: ReturnType<typeof setTimeout> | undefined;
  /** The pods of the last update, drawn in a task of their own just after the cards' (see
   *  update). */
  private podsSoon: ReturnType<typeof setTimeout> | undefined;
  /** When the last update() began (User Timing: cluster-update, cluster-cards). */
  private started = 0;
  /** The pending queue's label: `<g class="queue">` with its title and text (see queueLabel). */
  private readonly queueLabel: SVGGElement;
  private width = 800;
  private viewTop = 0;
  private viewHeight = 0;
  private last: Frame | undefined;
  /** The playback cursor when the frame drawn is the one at it (setClock), else undefined. */
  private clock: number | undefined;
  /** The accessible name after "Cluster at <time>": the counts of the last update. */
  private summary = '';
  private readonly resize: ResizeObserver;
  /** The cards' font's character widths, which their lines are fitted with (see fitText). */
  private readonly charWidth: CharWidth;
  /** The group labels' (bold), which they are fitted with (see groupLabels). */
  private readonly labelWidth: CharWidth;

  constructor(
    private readonly host: HTMLElement,
    private readonly onSelect: (s: Selection) => void = () => {},
  ) {
    this.wrap = document.createElement('div');
    this.wrap.className = 'cluster-wrap';
    host.appendChild(this.wrap);
    this.svg = d3
      .select(this.wrap)
      .append('svg')
      .attr('class', 'cluster-svg')
      .attr('role', 'group')
      .attr('aria-label', 'Cluster: no nodes yet');
    const queue = this.svg.append('g').attr('class', 'queue').node() as SVGGElement;
    this.queueLabel = queue;
    const queueText = appendQueueLabel(queue);
    this.gGroups = this.svg.append('g').attr('class', 'groups');
    this.gNodes = this.svg.append('g').attr('class', 'nodes');
    this.pods = new PodLayer(this.wrap);
    this.wrap.addEventListener(
      'click',
      (e) => {
        const pod = this.podAt(e);
        if (pod) {
          e.stopPropagation();
          this.onSelect({ kind: 'pod', key: pod.key });
        }
      },
      true,
    );
    // Canvas pods have no DOM of their own: the wrap's tooltip names the one under the pointer.
    this.wrap.addEventListener('mousemove', (e) => {
      const pod = this.podAt(e);
      const title = pod ? podTitle(pod) : '';
      if (this.wrap.title !== title) this.wrap.title = title;
    });
    this.resize = new ResizeObserver(() => {
      this.measureViewport();
      const w = Math.floor(this.wrap.clientWidth);
      if (w > 0 && w !== this.width) {
        this.width = w;
        if (this.last) this.update(this.last, false);
      } else this.pods.setViewport(this.viewTop, this.viewHeight);
    });
    this.resize.observe(host);
    host.addEventListener('scroll', this.onScroll, { passive: true });

    // The wrap's width, not the host's: the host's clientWidth counts its padding, so the SVG
    // (100 % of the wrap) was scaled down to fit and, centred vertically, drifted from the canvas
    // pods by up to ~40 px at 2,000 pods (layout height × padding / width).
    this.width = Math.max(320, Math.floor(this.wrap.clientWidth) || 800);
    this.measureViewport();
    // The cards' text inherits the SVG's font: read once here, with the layout read above, not
    // per card (a card's line is fitted by the sum of its characters' widths in this font).
    const widths = (e: Element) => {
      const font = getComputedStyle(e);
      return charWidths(
        `${font.fontStyle} ${font.fontWeight} ${font.fontSize} ${font.fontFamily}`,
        parseFloat(font.fontSize) || 12,
      );
    };
    this.charWidth = widths(this.svg.node() as Element);
    // The queue label's font is the group labels' (one rule in styles.css), and it exists now.
    this.labelWidth = widths(queueText);
  }

  /**
   * The visible window of the layout, read when it can change (scroll, resize) rather than in
   * update(): read there, after the cards were rewritten, it forced a style and layout pass over
   * the whole SVG inside the task (134–560 ms at 2,000 pods), and again at the next frame.
   */
  private measureViewport(): void {
    this.viewTop = this.host.scrollTop - this.wrap.offsetTop;
    this.viewHeight = this.host.clientHeight;
  }

  /**
   * The cursor's time, when the frame at the cursor is the one drawn (a frame holds from its own
   * time until the next change): the accessible name then says the time the slider says. It said
   * the frame's time: "Cluster at 3 s" with the slider and the summary at 5 s.
   */
  setClock(ms: number | undefined): void {
    if (ms === this.clock) return;
    this.clock = ms;
    this.putLabel();
  }

  private putLabel(): void {
    const frame = this.last;
    const svg = this.svg.node();
    if (!frame || !svg) return;
    const at = this.clock !== undefined && this.clock >= frame.time ? this.clock : frame.time;
    put(svg, 'aria-label', `Cluster at ${(at / 1000).toFixed(0)} s: ${this.summary}`);
  }

  update(frame: Frame, animate = true): void {
    this.started = performance.now();
    this.last = frame;
    const layout = layoutFrame(frame, this.width);
    const t = d3.transition().duration(animate ? DURATION : 0);
    const svg = this.svg.node();
    if (svg) {
      put(svg, 'viewBox', `0 0 ${layout.width} ${layout.height}`);
      put(svg, 'height', String(layout.height));
    }
    const queued = layout.queue.count;
    // Pods nominated to a launching NodeClaim are drawn on its card but are still Pending to
    // Kubernetes (the summary, `kubectl get pods`): the counts say so, not "0 pending".
    const nominated = frame.pods.filter((p) => p.phase === 'Nominated').length;
    const live = layout.nodes.length;
    const running = frame.pods.filter((p) => p.phase === 'Running' && !p.daemon).length;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    this.summary =
      `${plural(live, 'node')}, ` +
      `${plural(running, 'pod')} running, ${plural(queued + nominated, 'pending pod')}` +
      (nominated > 0 ? ` (${nominated} nominated to launching nodes)` : '') +
      `, $${frame.costPerHour.toFixed(4)} per hour`;
    this.putLabel();
    const labelWidth = this.labelWidth;
    drawQueueLabel(
      this.queueLabel,
      layout.queue,
      queueLabelParts(frame, queued + nominated, nominated),
      labelWidth,
    );

    this.gGroups
      .selectAll<SVGGElement, (typeof layout.groups)[number]>('g.group')
      .data(layout.groups, (g) => g.key)
      .join((enter) =>
        enter
          .append('g')
          .attr('class', 'group')
          .each(function () {
            appendGroupLabel(this);
          }),
      )
      .each(function (g) {
        drawGroupLabel(this, g, labelWidth);
      });

    // The pods in a task of their own, right after this one and before the far cards' slices
    // (issue 12: no main-thread task over 50 ms). A frame painted in between shows the new cards
    // at the start of their glide, where the pods still are.
    const pods = () => {
      this.podsSoon = undefined;
      this.pods.update(layout.pods, layout.width, layout.height, animate ? DURATION : 0, {
        top: this.viewTop,
        height: this.viewHeight,
      });
    };
    clearTimeout(this.podsSoon);
    if (animate) this.podsSoon = setTimeout(pods, 0);
    else pods();
    this.drawNodes(layout.nodes, t);
    this.layoutWidth = layout.width;
    // User Timing entries let bench/ui-fps.mjs attribute frame time (and show in DevTools).
    performance.measure('cluster-update', { start: this.started });
  }

  private podAt(e: MouseEvent): PodView | undefined {
    const rect = this.wrap.getBoundingClientRect();
    const scale = rect.width > 0 ? this.layoutWidth / rect.width : 1;
    return this.pods.hit((e.clientX - rect.left) * scale, (e.clientY - rect.top) * scale);
  }

  private readonly onScroll = (): void => {
    this.measureViewport();
    this.pods.setViewport(this.viewTop, this.viewHeight);
  };

  /** Marks the card of the node the Details panel describes (undefined: none). */
  setSelected(name: string | undefined): void {
    this.selectedName = name;
    this.gNodes
      .selectAll<SVGGElement, NodeBox>('g.node:not(.leaving)')
      .call((s) => this.markSelected(s));
  }
  private selectedName: string | undefined;

  private markSelected(s: d3.Selection<SVGGElement, NodeBox, SVGGElement, unknown>): void {
    const name = this.selectedName;
    s.classed('selected', (b) => b.node.name === name).attr('aria-pressed', (b) =>
      b.node.name === name ? 'true' : 'false',
    );
  }

  refreshColors(): void {
    this.pods.refreshColors();
  }

  destroy(): void {
    clearTimeout(this.slice);
    clearTimeout(this.podsSoon);
    this.host.removeEventListener('scroll', this.onScroll);
    this.resize.disconnect();
    this.pods.destroy();
    this.wrap.remove();
  }

  private drawNodes(
    boxes: NodeBox[],
    t: d3.Transition<d3.BaseType, unknown, null, undefined>,
  ): void {
    const parts = this.parts;
    const bound = this.gNodes
      .selectAll<SVGGElement, NodeBox>('g.node')
      .data(boxes, (b) => b.node.key);
    const entered = bound
      .enter()
      .append('g')
      .attr('class', 'node')
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('transform', (b) => `translate(${b.x},${b.y})`)
      .style('opacity', 0)
      .each(function () {
        parts.set(this, appendCard(this));
      });
    entered.on('click', (_e, b) => this.onSelect({ kind: 'node', name: b.node.name }));
    entered.on('keydown', (e: KeyboardEvent, b) => {
      if (e.key === 'Enter' || e.key === ' ') this.onSelect({ kind: 'node', name: b.node.name });
    });
    // A leaving card fades out but is already gone from the cluster: nothing may focus or click it
    // (a keyboard user would otherwise select a node of the previous run).
    bound
      .exit()
      .classed('leaving', true)
      .attr('tabindex', null)
      .attr('role', null)
      .attr('aria-hidden', 'true')
      .style('pointer-events', 'none')
      .transition(t)
      .style('opacity', 0)
      .remove();
    // The cards in layout order. Putting the DOM in that order (the keyboard's and screen readers'
    // reading order) moves most cards after an edit, and each move restyles and lays out the card:
    // it is done by the last slices (below), not here. Entering cards are already in place.
    const sel = entered.merge(bound);
    this.markSelected(sel);
    const cards = sel.nodes();
    this.order = { cards, next: cards.length - 2 };

    // Touch only the cards whose picture changed: restyling all of them on every frame was what
    // kept playback under 20 fps at 180 nodes (see bench/ui-fps.ts). A card that only moved (a
    // node before it in its group came or went) glides without its content being rewritten. The
    // content signature names every field the card shows (arch, NodePool, NodeClaim included).
    //
    // Cards in the visible window (before or after their move) are drawn now, with their glide;
    // the others (most of them at 2,000 pods) jump to their place and get their new content in slices of a few ms
    // after this task, nearest first, so no single task holds the page (issue 12: no main-thread
    // task over 50 ms) and the first frame after a result paints what the learner sees.
    const top = this.viewTop - NEAR * this.viewHeight;
    const bottom = this.viewTop + (1 + NEAR) * this.viewHeight;
    const near = (y: number, h: number) => this.viewHeight <= 0 || (y + h >= top && y <= bottom);
    const mid = this.viewTop + this.viewHeight / 2;
    const seen = new Set<string>();
    this.queue = [];
    sel.each((b, i, nodes) => {
      const g = nodes[i];
      if (!g) return;
      const key = b.node.key;
      seen.add(key);
      const was = this.drawn.get(key);
      const moved = was === undefined || was.x !== b.x || was.y !== b.y;
      // A launching card is told by its dashed outline, pale fill and italic text (styles.css), not
      // by fading it whole: at opacity 0.6 its price fell to 2.72:1 contrast, its name to 4.23:1.
      const opacity = 1;
      const shown = near(b.y, b.height) || (was !== undefined && near(was.y, b.height));
      const sig = cardSignature(b);
      const changed = was?.sig !== sig;
      if (!shown) {
        // Out of sight before and after: placed and drawn in a slice, with no glide.
        if (moved || changed) this.queue.push({ g, box: b, moved });
        return;
      }
      if (moved) glide(g, b, opacity, t);
      this.drawn.set(key, { x: b.x, y: b.y, sig: was?.sig ?? '' });
      if (!changed) return;
      if (!moved) g.style.opacity = String(opacity);
      this.draw(g, b, sig);
    });
    for (const key of this.drawn.keys()) if (!seen.has(key)) this.drawn.delete(key);
    this.queue.sort((a, b) => Math.abs(a.box.y - mid) - Math.abs(b.box.y - mid));
    clearTimeout(this.slice);
    this.slice = setTimeout(this.drawSlice, 0);
  }

  private draw(g: SVGGElement, b: NodeBox, sig = cardSignature(b)): void {
    const parts = this.parts.get(g);
    if (!parts) return;
    drawCard(g, parts, b, this.charWidth);
    const at = this.drawn.get(b.node.key);
    if (at) at.sig = sig;
  }

  /**
   * Puts up to ORDER_MOVES cards in their place in the DOM, walking from the end as D3's
   * selection.order() does (a card goes before the next one unless it already precedes it), and
   * says whether all are. Chromium styles and lays out a moved card again, text included, in the
   * next frame: the ~140 moves of a 2,000-pod edit in one task made that frame 20–25 ms of CPU
   * (style 6, layout 14, 60–130 ms under load).
   */
  private putInOrder(order: { cards: SVGGElement[]; next: number }): boolean {
    let moves = 0;
    for (; order.next >= 0 && moves < ORDER_MOVES; order.next--) {
      const card = order.cards[order.next];
      const after = order.cards[order.next + 1];
      if (!card || !after) continue;
      if (card.compareDocumentPosition(after) === Node.DOCUMENT_POSITION_FOLLOWING) continue;
      after.before(card);
      moves++;
    }
    return order.next < 0;
  }

  /** Places and draws queued far cards for up to SLICE_MS, then yields to the page until the
   *  next slice; the last ones put the cards in layout order. */
  private readonly drawSlice = (): void => {
    this.slice = undefined;
    const until = performance.now() + SLICE_MS;
    let item = this.queue.shift();
    while (item) {
      const { g, box: b } = item;
      if (item.moved) {
        d3.select(g).interrupt();
        g.setAttribute('transform', `translate(${b.x},${b.y})`);
        const at = this.drawn.get(b.node.key);
        this.drawn.set(b.node.key, { x: b.x, y: b.y, sig: at?.sig ?? '' });
      }
      g.style.opacity = '1';
      if (this.drawn.get(b.node.key)?.sig !== cardSignature(b)) this.draw(g, b);
      if (performance.now() >= until) break;
      item = this.queue.shift();
    }
    if (this.queue.length > 0 || performance.now() >= until) {
      this.slice = setTimeout(this.drawSlice, 0);
      return;
    }
    if (this.order && !this.putInOrder(this.order)) {
      this.slice = setTimeout(this.drawSlice, 0);
      return;
    }
    this.order = undefined;
    // User Timing (bench/ui-keystroke.ts): every card of the update is placed, drawn and in order.
    performance.measure('cluster-cards', { start: this.started });
  };
}
