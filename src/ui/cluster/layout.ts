// Pure layout for the cluster view: where each node card and each pod square goes. Kept apart from
// the D3 drawing so it can be tested in Node and reused by a canvas renderer if SVG proves slow.
import type { Frame, NodeView, PodView } from '../../pipeline/view.ts';

export const POD = 9; // pod square, px
export const POD_GAP = 2;
const NODE_PAD = 8;
const NODE_HEADER = 46;
const NODE_GAP = 12;
const GROUP_HEADER = 24;
const QUEUE_HEADER = 22;

export interface NodeBox {
  node: NodeView;
  x: number;
  y: number;
  width: number;
  height: number;
  group: string;
}

export interface PodDot {
  pod: PodView;
  x: number;
  y: number;
}

export interface GroupLabel {
  key: string;
  /** The whole label, "<NodePool> · <zone>": its tooltip and accessible name. What is drawn is
   *  fitted into `width` (see groupLabels.ts). */
  text: string;
  nodePool: string;
  zone: string;
  x: number;
  y: number;
  /** Room for the drawn label, px: the layout's width less its margins. */
  width: number;
}

export interface Layout {
  width: number;
  height: number;
  /** The pending queue's label: where, the pods it counts, and its room, px (the layout's width
   *  less its margins; see queueLabel.ts). */
  queue: { x: number; y: number; count: number; width: number };
  groups: GroupLabel[];
  nodes: NodeBox[];
  pods: PodDot[];
}

/** Width of a node card: grows with the node's pod capacity so big nodes look big. */
function nodeWidth(n: NodeView): number {
  const cols = Math.max(
    6,
    Math.min(24, Math.ceil(Math.sqrt(Math.max(1, n.allocatable.pods)) * 1.6)),
  );
  return Math.max(148, NODE_PAD * 2 + cols * (POD + POD_GAP));
}

function podCols(width: number): number {
  return Math.max(1, Math.floor((width - NODE_PAD * 2 + POD_GAP) / (POD + POD_GAP)));
}

// One collator for every sort: the same order as `a.localeCompare(b)` (the default locale and
// options), without building the comparison's locale data on each of ~20,000 calls at 2,000 pods.
const byText = new Intl.Collator().compare;

export function layoutFrame(frame: Frame, width: number): Layout {
  const drawn = new Set(frame.nodes.filter((n) => n.state !== 'terminated').map((n) => n.key));
  const podsByNode = new Map<string, PodView[]>();
  const pending: PodView[] = [];
  for (const p of frame.pods) {
    // A pod bound to a node that is not drawn (already gone) waits in the queue row.
    if (p.node && p.phase !== 'Pending' && drawn.has(p.node)) {
      const list = podsByNode.get(p.node) ?? [];
      list.push(p);
      podsByNode.set(p.node, list);
    } else {
      pending.push(p);
    }
  }

  const pods: PodDot[] = [];
  // Pending queue across the top.
  const queueCols = podCols(width);
  pending.forEach((pod, i) => {
    pods.push({
      pod,
      x: NODE_PAD + (i % queueCols) * (POD + POD_GAP),
      y: QUEUE_HEADER + Math.floor(i / queueCols) * (POD + POD_GAP),
    });
  });
  const queueRows = Math.max(1, Math.ceil(pending.length / queueCols));
  let y = QUEUE_HEADER + queueRows * (POD + POD_GAP) + NODE_GAP;

  // Nodes grouped by NodePool, then zone; stable order so cards do not jump between frames.
  const groups = new Map<string, { nodePool: string; zone: string; nodes: NodeView[] }>();
  for (const n of frame.nodes) {
    if (n.state === 'terminated') continue;
    const zone = n.zone || 'zone pending';
    const key = `${n.nodePool} · ${zone}`;
    const group = groups.get(key) ?? { nodePool: n.nodePool, zone, nodes: [] };
    group.nodes.push(n);
    groups.set(key, group);
  }
  const nodes: NodeBox[] = [];
  const labels: GroupLabel[] = [];
  // Room for a label: the layout's width less its margins.
  const room = width - 2 * NODE_PAD;
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    labels.push({
      key,
      text: key,
      nodePool: group.nodePool,
      zone: group.zone,
      x: NODE_PAD,
      y: y + 16,
      width: room,
    });
    y += GROUP_HEADER;
    let x = NODE_PAD;
    let rowHeight = 0;
    const list = group.nodes.sort((a, b) => byText(a.key, b.key));
    for (const node of list) {
      const w = nodeWidth(node);
      const nodePods = podsByNode.get(node.key) ?? [];
      const cols = podCols(w);
      const rows = Math.max(1, Math.ceil(Math.max(nodePods.length, 1) / cols));
      const h = NODE_HEADER + NODE_PAD + rows * (POD + POD_GAP) + NODE_PAD;
      if (x + w > width - NODE_PAD && x > NODE_PAD) {
        x = NODE_PAD;
        y += rowHeight + NODE_GAP;
        rowHeight = 0;
      }
      nodes.push({ node, x, y, width: w, height: h, group: key });
      nodePods
        .sort((a, b) => Number(b.daemon) - Number(a.daemon) || byText(a.key, b.key))
        .forEach((pod, i) => {
          pods.push({
            pod,
            x: x + NODE_PAD + (i % cols) * (POD + POD_GAP),
            y: y + NODE_HEADER + NODE_PAD + Math.floor(i / cols) * (POD + POD_GAP),
          });
        });
      x += w + NODE_GAP;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight + NODE_GAP;
  }
  return {
    width,
    height: Math.max(y, 120),
    queue: { x: NODE_PAD, y: 14, count: pending.length, width: room },
    groups: labels,
    nodes,
    pods,
  };
}
