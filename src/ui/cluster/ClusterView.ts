// The D3 cluster view: a plain object with update(frame) / destroy(), driven from store
// subscriptions rather than React renders (the xyflow pattern). Node cards and pod squares are keyed
// by name, so a pod that goes from the pending queue to a node glides there, and a node that leaves
// fades out.
import * as d3 from '../d3.ts';
import type { Frame, NodeView, PodView } from '../../pipeline/view.ts';
import { layoutFrame, type NodeBox } from './layout.ts';
import { PodLayer } from './PodLayer.ts';

export type Selection = { kind: 'node'; name: string } | { kind: 'pod'; key: string };

const DURATION = 450;

function pct(used: number, total: number): number {
  return total > 0 ? Math.max(0, Math.min(1, used / total)) : 0;
}

function money(v: number): string {
  return v >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(4)}`;
}

function nodeTitle(n: NodeView): string {
  const est = n.capacityType === 'spot' && n.priceIsEstimate ? ' (spot price is an estimate)' : '';
  return [
    `${n.name} (${n.state})`,
    `NodeClaim ${n.nodeClaim}, NodePool ${n.nodePool}`,
    `${n.instanceType} ${n.capacityType} ${n.arch} in ${n.zone}`,
    `${money(n.pricePerHour)}/h${est}`,
    `CPU ${n.used.cpu}m of ${n.allocatable.cpu}m, pods ${n.used.pods} of ${n.allocatable.pods}`,
  ].join('\n');
}

/** The card's two visible lines, which its accessible name must start with. */
function nodeLines(n: NodeView): [string, string] {
  const star = n.capacityType === 'spot' ? '*' : '';
  return [
    `${n.instanceType} · ${n.capacityType}`,
    // A launching card has no price yet: its line says what it knows (arch, state).
    [n.pricePerHour > 0 ? `${money(n.pricePerHour)}/h${star}` : '', n.arch, n.state]
      .filter(Boolean)
      .join(' · '),
  ];
}

/**
 * " · 1 pinned to us-east-1c by its volume": pending pods whose bound volumes fix their zone, so
 * the queue says where they can go without opening each pod.
 */
function volumeWaits(frame: Frame): string {
  const byZone = new Map<string, number>();
  for (const p of frame.pods)
    if (p.phase === 'Pending' && p.volume?.bound && p.volume.zone)
      byZone.set(p.volume.zone, (byZone.get(p.volume.zone) ?? 0) + 1);
  return [...byZone]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([zone, n]) => ` · ${n} pinned to ${zone} by ${n === 1 ? 'its volume' : 'their volumes'}`)
    .join('');
}

/** The canvas pod's tooltip: name and phase, and for a volume pod its claims and zone. */
function podTitle(p: PodView): string {
  return [`${p.key} (${p.phase})`, ...(p.volume?.claims.map((c) => `volume ${c}`) ?? [])].join(
    '\n',
  );
}

const isGhost = (n: NodeView) => n.state === 'launching' || n.state === 'registering';

/** Everything a card's content shows (its position is tracked apart: see drawNodes). */
function cardSignature(b: NodeBox): string {
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

const BARS = [
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Mem' },
  { key: 'pods', label: 'Pods' },
] as const;

export class ClusterView {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly gGroups: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly gNodes: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly pods: PodLayer;
  private readonly wrap: HTMLDivElement;
  private layoutWidth = 0;
  /** What each card shows and where, as last drawn (see drawNodes). */
  private drawn = new Map<string, string>();
  private drawnAt = new Map<string, string>();
  private readonly queueLabel: d3.Selection<SVGTextElement, unknown, null, undefined>;
  private width = 800;
  private viewTop = 0;
  private viewHeight = 0;
  private last: Frame | undefined;
  private readonly resize: ResizeObserver;

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
    this.queueLabel = this.svg
      .append('text')
      .attr('class', 'queue-label')
      .attr('x', 8)
      .attr('y', 14);
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

  update(frame: Frame, animate = true): void {
    performance.mark('cluster-update-start');
    this.last = frame;
    const layout = layoutFrame(frame, this.width);
    const t = d3.transition().duration(animate ? DURATION : 0);
    this.svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('height', layout.height);
    const queued = layout.queue.count;
    // Pods nominated to a launching NodeClaim are drawn on its card but are still Pending to
    // Kubernetes (the summary, `kubectl get pods`): the counts say so, not "0 pending".
    const nominated = frame.pods.filter((p) => p.phase === 'Nominated').length;
    const live = layout.nodes.length;
    const running = frame.pods.filter((p) => p.phase === 'Running' && !p.daemon).length;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    this.svg.attr(
      'aria-label',
      `Cluster at ${(frame.time / 1000).toFixed(0)} s: ${plural(live, 'node')}, ` +
        `${plural(running, 'pod')} running, ${plural(queued + nominated, 'pending pod')}` +
        (nominated > 0 ? ` (${nominated} nominated to launching nodes)` : '') +
        `, $${frame.costPerHour.toFixed(4)} per hour`,
    );
    this.queueLabel.text(
      `Pending pods: ${queued + nominated}` +
        (nominated > 0 ? ` · ${nominated} nominated to launching nodes` : '') +
        volumeWaits(frame),
    );

    this.gGroups
      .selectAll<SVGTextElement, (typeof layout.groups)[number]>('text')
      .data(layout.groups, (g) => g.key)
      .join('text')
      .attr('class', 'group-label')
      .attr('x', (g) => g.x)
      .attr('y', (g) => g.y)
      .text((g) => g.text);

    this.drawNodes(layout.nodes, t);
    this.layoutWidth = layout.width;
    this.pods.update(layout.pods, layout.width, layout.height, animate ? DURATION : 0, {
      top: this.viewTop,
      height: this.viewHeight,
    });
    // User Timing entries let bench/ui-fps.mjs attribute frame time (and show in DevTools).
    performance.measure('cluster-update', 'cluster-update-start');
    performance.clearMarks('cluster-update-start');
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

  refreshColors(): void {
    this.pods.refreshColors();
  }

  destroy(): void {
    this.host.removeEventListener('scroll', this.onScroll);
    this.resize.disconnect();
    this.pods.destroy();
    this.wrap.remove();
  }

  private drawNodes(
    boxes: NodeBox[],
    t: d3.Transition<d3.BaseType, unknown, null, undefined>,
  ): void {
    const sel = this.gNodes
      .selectAll<SVGGElement, NodeBox>('g.node')
      .data(boxes, (b) => b.node.key)
      .join(
        (enter) => {
          const g = enter
            .append('g')
            .attr('class', 'node')
            .attr('tabindex', 0)
            .attr('role', 'button')
            .attr('transform', (b) => `translate(${b.x},${b.y})`)
            .style('opacity', 0);
          g.append('title');
          g.append('rect').attr('class', 'node-card').attr('rx', 6);
          g.append('text').attr('class', 'node-name').attr('x', 8).attr('y', 14);
          g.append('text').attr('class', 'node-type').attr('x', 8).attr('y', 27);
          for (const bar of BARS) {
            const row = g.append('g').attr('class', `bar bar-${bar.key}`);
            row.append('rect').attr('class', 'track').attr('height', 5).attr('rx', 2);
            row.append('rect').attr('class', 'fill').attr('height', 5).attr('rx', 2);
            row.append('title');
          }
          g.on('click', (_e, b) => this.onSelect({ kind: 'node', name: b.node.name }));
          g.on('keydown', (e: KeyboardEvent, b) => {
            if (e.key === 'Enter' || e.key === ' ')
              this.onSelect({ kind: 'node', name: b.node.name });
          });
          return g;
        },
        (update) => update,
        // A leaving card fades out but is already gone from the cluster: nothing may focus or
        // click it (a keyboard user would otherwise select a node of the previous run).
        (exit) =>
          exit
            .classed('leaving', true)
            .attr('tabindex', null)
            .attr('role', null)
            .attr('aria-hidden', 'true')
            .style('pointer-events', 'none')
            .transition(t)
            .style('opacity', 0)
            .remove(),
      );

    // Touch only the cards whose picture changed: restyling all of them on every frame was what
    // kept playback under 20 fps at 180 nodes (see bench/ui-fps.mjs). A card that only moved (a
    // node before it in its group came or went) glides without its content being rewritten. The
    // content signature names every field the card shows (arch, NodePool, NodeClaim included).
    const at = (b: NodeBox) => `${b.x},${b.y}`;
    const moved = sel.filter((b) => this.drawnAt.get(b.node.key) !== at(b));
    const changed = sel.filter((b) => this.drawn.get(b.node.key) !== cardSignature(b));
    moved
      .transition(t)
      .attr('transform', (b) => `translate(${b.x},${b.y})`)
      .style('opacity', (b) => (isGhost(b.node) ? 0.6 : 1));
    changed
      .filter((b) => this.drawnAt.get(b.node.key) === at(b))
      .style('opacity', (b) => (isGhost(b.node) ? 0.6 : 1));
    changed
      .attr('class', (b) => `node state-${b.node.state} ct-${b.node.capacityType}`)
      .attr(
        'aria-label',
        (b) => `${nodeLines(b.node).join(' ')}. ${nodeTitle(b.node).replace(/\n/g, '; ')}`,
      );
    changed.select('title').text((b) => nodeTitle(b.node));
    changed
      .select<SVGRectElement>('rect.node-card')
      .attr('width', (b) => b.width)
      .attr('height', (b) => b.height);
    changed.select('text.node-name').text((b) => nodeLines(b.node)[0]);
    changed.select('text.node-type').text((b) => nodeLines(b.node)[1]);
    changed.each(function (b) {
      const g = d3.select(this);
      const barW = (b.width - 16 - 8) / 3;
      BARS.forEach((bar, i) => {
        const row = g
          .select<SVGGElement>(`g.bar-${bar.key}`)
          .attr('transform', `translate(${8 + i * (barW + 4)},34)`);
        const used = pct(b.node.used[bar.key], b.node.allocatable[bar.key]);
        row.select('rect.track').attr('width', barW);
        row.select('rect.fill').attr('width', used * barW);
        row.select('title').text(`${bar.label} ${Math.round(used * 100)}% requested`);
      });
    });
    this.drawn = new Map(boxes.map((b) => [b.node.key, cardSignature(b)]));
    this.drawnAt = new Map(boxes.map((b) => [b.node.key, at(b)]));
  }
}
