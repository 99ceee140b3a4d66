// The expectations a fixture states in its header (`# expect:` followed by a commented YAML map),
// checked against the CLI's JSON. One vocabulary for every area, so a case reads like its upstream
// test: "2 nodes", "skew by zone 1,1,2", "an Unconsolidatable event". Pods are named after their
// workload ("web-…"), so `pods: web` selects a Deployment's pods by name prefix.
import type { TimelineJSON } from '../sim/engine/json.ts';

type Pod = TimelineJSON['pods'][number];
type Node = TimelineJSON['nodes'][number];

/** One failed expectation, in words. */
export type Failure = string;

const live = (j: TimelineJSON): Node[] => j.nodes.filter((n) => n.state !== 'terminated');
const owned = (p: Pod, names: readonly string[]): boolean =>
  names.length === 0 || names.some((w) => p.name === w || p.name.startsWith(`${w}-`));
const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
const sorted = (xs: readonly (string | number)[]): string =>
  JSON.stringify([...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

/** The domain of a node for a topology key the JSON carries. */
function domain(n: Node, by: string): string {
  switch (by) {
    case 'zone':
      return n.zone;
    case 'hostname':
      return n.name;
    case 'capacityType':
      return n.capacityType;
    case 'arch':
      return n.arch;
    case 'instanceType':
      return n.instanceType;
    case 'nodePool':
      return n.nodePool ?? '';
    default:
      return n.labels[by] ?? '';
  }
}

interface Skew {
  pods?: string | string[];
  by: string;
  counts: number[];
}

type Check = (j: TimelineJSON, want: unknown) => Failure | undefined;

const eq = (what: string, got: unknown, want: unknown): Failure | undefined =>
  JSON.stringify(got) === JSON.stringify(want)
    ? undefined
    : `${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;

/** Pods of `names` (all pods when empty) that are bound, grouped by the node's domain. */
function counts(j: TimelineJSON, names: readonly string[], by: string): number[] {
  const nodes = new Map(j.nodes.map((n) => [n.name, n]));
  const out = new Map<string, number>();
  for (const p of j.pods) {
    if (!owned(p, names) || p.nodeName === null || p.phase === 'Terminating') continue;
    const n = nodes.get(p.nodeName);
    if (!n) continue;
    const d = domain(n, by);
    out.set(d, (out.get(d) ?? 0) + 1);
  }
  return [...out.values()].sort((a, b) => a - b);
}

const CHECKS: Record<string, Check> = {
  /** Nodes alive at the end. */
  nodes: (j, want) => eq('live nodes', live(j).length, want),
  /** NodeClaims created over the whole run (replacements included). */
  nodeClaims: (j, want) => eq('NodeClaims created', j.nodeClaims.length, want),
  /** Nodes that were terminated during the run. */
  terminated: (j, want) =>
    eq('terminated nodes', j.nodes.filter((n) => n.state === 'terminated').length, want),
  /** These nodes (workspace names) were terminated. */
  gone: (j, want) => {
    const missing = list(want).filter(
      (n) => j.nodes.find((x) => x.name === n)?.state !== 'terminated',
    );
    return missing.length === 0 ? undefined : `expected terminated: ${missing.join(', ')}`;
  },
  /** These nodes are still alive at the end. */
  alive: (j, want) => {
    const missing = list(want).filter((n) => {
      const x = j.nodes.find((y) => y.name === n);
      return !x || x.state === 'terminated';
    });
    return missing.length === 0 ? undefined : `expected alive: ${missing.join(', ')}`;
  },
  /** Instance types of the live nodes, as a multiset. */
  instanceTypes: (j, want) =>
    eq('live instance types', sorted(live(j).map((n) => n.instanceType)), sorted(list(want))),
  capacityTypes: (j, want) =>
    eq('live capacity types', sorted(live(j).map((n) => n.capacityType)), sorted(list(want))),
  zones: (j, want) => eq('live zones', sorted(live(j).map((n) => n.zone)), sorted(list(want))),
  arch: (j, want) => eq('live archs', sorted(live(j).map((n) => n.arch)), sorted(list(want))),
  running: (j, want) =>
    eq('Running pods', j.pods.filter((p) => p.phase === 'Running').length, want),
  /** Pods not Running at the end (Pending, Terminating, Failed). */
  notRunning: (j, want) =>
    eq('pods not Running', j.pods.filter((p) => p.phase !== 'Running').length, want),
  /** Bound pods per domain, sorted ascending: `{pods: web, by: zone, counts: [1, 1, 2]}`; a list
   *  of such maps checks each (upstream's ExpectSkew on two keys). */
  skew: (j, want) => {
    for (const s of (Array.isArray(want) ? want : [want]) as Skew[]) {
      const f = eq(
        `pods of ${list(s.pods).join(',') || 'all'} per ${s.by}`,
        counts(j, list(s.pods), s.by),
        [...s.counts].sort((a, b) => a - b),
      );
      if (f) return f;
    }
    return undefined;
  },
  /** No domain holds more than `max` bound pods of the groups (upstream's
   *  `ExpectSkew(...).ToNot(ContainElements(BeNumerically(">", max)))`):
   *  `{pods: web, by: hostname, max: 3}`, or a list of such maps. */
  maxPerDomain: (j, want) => {
    for (const s of (Array.isArray(want) ? want : [want]) as (Skew & { max: number })[]) {
      const got = counts(j, list(s.pods), s.by);
      if (got.some((n) => n > s.max))
        return `pods of ${list(s.pods).join(',') || 'all'} per ${s.by}: ${JSON.stringify(got)}, more than ${s.max} in one`;
    }
    return undefined;
  },
  /** The most and fewest bound pods of the groups over the domains that hold any differ by at
   *  most `max` (upstream's ExpectMaxSkew): `{pods: web, by: zone, max: 1}`, or a list of such. */
  maxSkew: (j, want) => {
    for (const s of (Array.isArray(want) ? want : [want]) as (Skew & { max: number })[]) {
      const got = counts(j, list(s.pods), s.by);
      if (got.length > 0 && (got[got.length - 1] as number) - (got[0] as number) > s.max)
        return `pods of ${list(s.pods).join(',') || 'all'} per ${s.by}: ${JSON.stringify(got)}, skew above ${s.max}`;
    }
    return undefined;
  },
  /** No live node holds pods of two of these groups: `[a, b]`. */
  apart: (j, want) => {
    const groups = list(want);
    for (const n of live(j)) {
      const here = groups.filter((g) => n.pods.some((k) => owned(podOf(k), [g])));
      if (here.length > 1) return `node ${n.name} holds pods of ${here.join(' and ')}`;
    }
    return undefined;
  },
  /** All these groups' bound pods share one node. */
  together: (j, want) => {
    const nodes = new Set(
      j.pods.filter((p) => owned(p, list(want)) && p.nodeName !== null).map((p) => p.nodeName),
    );
    return nodes.size === 1
      ? undefined
      : `expected one node for ${list(want).join(',')}, got ${nodes.size}`;
  },
  /** Pods of a group that are not Running: `{web: 2}`. */
  pendingOf: (j, want) => {
    for (const [g, n] of Object.entries(want as Record<string, number>)) {
      const got = j.pods.filter((p) => owned(p, [g]) && p.phase !== 'Running').length;
      if (got !== n) return `pods of ${g} not Running: expected ${n}, got ${got}`;
    }
    return undefined;
  },
  /** Event counts by reason: `{Disrupting: 1, Unconsolidatable: 0}`. */
  events: (j, want) => {
    for (const [reason, n] of Object.entries(want as Record<string, number>)) {
      const got = j.events.filter((e) => e.reason === reason).length;
      if (n === 0 ? got !== 0 : got < n)
        return `${reason} events: expected ${n === 0 ? 'none' : `≥ ${n}`}, got ${got}`;
    }
    return undefined;
  },
  /** Every live node costs this much per hour (to 1e-6). */
  nodePrice: (j, want) => {
    const off = live(j).find((n) => Math.abs(n.pricePerHour - Number(want)) > 1e-6);
    return off ? `${off.name} costs ${off.pricePerHour}/h, expected ${String(want)}` : undefined;
  },
  /** When (s) the first NodeClaim was created: the batch window closing. */
  firstNodeClaimAt: (j, want) => {
    const t = j.events.find(
      (e) => e.reason === 'Created' && e.object.startsWith('nodeclaim/'),
    )?.time;
    return t === Number(want)
      ? undefined
      : `first NodeClaim created at ${String(t)}s, expected ${String(want)}s`;
  },
  /** The first Evicted event is for a pod of this group. */
  firstEvicted: (j, want) => {
    const first = j.events.find((e) => e.reason === 'Evicted');
    return first && owned(podOf(first.object.replace(/^pod\//, '')), [String(want)])
      ? undefined
      : `first Evicted event: expected a pod of ${String(want)}, got ${first?.object ?? 'none'}`;
  },
  /** The first Disrupting event names this node. */
  disruptedFirst: (j, want) => {
    const first = j.events.find((e) => e.reason === 'Disrupting');
    return first?.object === `node/${String(want)}`
      ? undefined
      : `first Disrupting event: expected node/${String(want)}, got ${first?.object ?? 'none'}`;
  },
  /** The first Disrupting event comes at or after this time (s): nothing was disrupted before. */
  firstDisruptingAfter: (j, want) => {
    const t = j.events.find((e) => e.reason === 'Disrupting')?.time;
    return t !== undefined && t >= Number(want)
      ? undefined
      : `first Disrupting event at ${String(t)}s, expected at or after ${String(want)}s`;
  },
  /** Exact event counts by reason: `{DisruptionTerminating: 3}`. */
  exactEvents: (j, want) => {
    for (const [reason, n] of Object.entries(want as Record<string, number>)) {
      const got = j.events.filter((e) => e.reason === reason).length;
      if (got !== n) return `${reason} events: expected exactly ${n}, got ${got}`;
    }
    return undefined;
  },
  /** Some event of that reason has a message containing the text: `{Unconsolidatable: "…"}`. */
  eventMessage: (j, want) => {
    for (const [reason, text] of Object.entries(want as Record<string, string>)) {
      if (!j.events.some((e) => e.reason === reason && e.message.includes(text)))
        return `no ${reason} event containing ${JSON.stringify(text)} (got: ${JSON.stringify(
          j.events
            .filter((e) => e.reason === reason)
            .map((e) => e.message)
            .slice(0, 3),
        )})`;
    }
    return undefined;
  },
  /** An event of that reason with exactly this message went to a Node and to a NodeClaim:
   *  `{DisruptionBlocked: "Node isn't initialized"}` (Karpenter publishes both). */
  eventOnNodeAndNodeClaim: (j, want) => {
    for (const [reason, text] of Object.entries(want as Record<string, string>)) {
      const on = (prefix: string) =>
        j.events.some(
          (e) => e.reason === reason && e.message === text && e.object.startsWith(prefix),
        );
      if (!on('node/') || !on('nodeclaim/'))
        return `${reason} ${JSON.stringify(text)}: on a node ${on('node/')}, on a nodeclaim ${on('nodeclaim/')} (got: ${JSON.stringify(
          [...new Set(j.events.filter((e) => e.reason === reason).map((e) => e.message))].slice(
            0,
            3,
          ),
        )})`;
    }
    return undefined;
  },
  /** No event of that reason has a message containing the text: `{DisruptionBlocked: "deleting"}`. */
  noEventMessage: (j, want) => {
    for (const [reason, text] of Object.entries(want as Record<string, string>)) {
      const hit = j.events.find((e) => e.reason === reason && e.message.includes(text));
      if (hit) return `${reason} at ${hit.time}s on ${hit.object}: ${JSON.stringify(hit.message)}`;
    }
    return undefined;
  },
  /** When (s) the first event of that reason reached that object (null: never):
   *  `{"DisruptionBlocked node/node-a": 80}`. */
  firstEventAt: (j, want) => {
    for (const [key, at] of Object.entries(want as Record<string, number | null>)) {
      const [reason = '', object = ''] = key.split(' ');
      const t = j.events.find((e) => e.reason === reason && e.object === object)?.time ?? null;
      if (t !== at) return `first ${reason} on ${object} at ${String(t)}s, expected ${String(at)}s`;
    }
    return undefined;
  },
  /** A not-Running pod's reason contains the text: `{web: "incompatible"}`. */
  podReason: (j, want) => {
    for (const [g, text] of Object.entries(want as Record<string, string>)) {
      const p = j.pods.find((q) => owned(q, [g]) && q.phase !== 'Running');
      if (!p?.reason?.includes(text))
        return `pod of ${g}: expected a reason containing ${JSON.stringify(text)}, got ${JSON.stringify(p?.reason ?? null)}`;
    }
    return undefined;
  },
  /** The instance-type options of every NodeClaim the run created include/exclude these;
   *  `everyName` lists texts each option's name must contain (the fake catalog's names spell
   *  their arch, os, zone and capacity type: `1-cpu-1-mem-arm64-linux-test-zone-2-spot`). */
  offered: (j, want) => {
    const w = want as {
      include?: string[];
      exclude?: string[];
      atLeast?: number;
      everyName?: string[];
    };
    // Workspace nodes (created at t = 0) come with a NodeClaim of their own type: not a decision.
    const given = new Set(j.nodes.filter((n) => n.createdAt === 0).map((n) => n.name));
    for (const c of j.nodeClaims.filter((x) => x.nodeName === null || !given.has(x.nodeName))) {
      for (const t of w.include ?? [])
        if (!c.instanceTypes.includes(t)) return `${c.name} does not offer ${t}`;
      for (const t of w.exclude ?? [])
        if (c.instanceTypes.includes(t)) return `${c.name} offers ${t}`;
      for (const text of w.everyName ?? []) {
        const off = c.instanceTypes.find((t) => !t.includes(text));
        if (off !== undefined) return `${c.name} offers ${off}, whose name lacks ${text}`;
      }
      if (w.atLeast !== undefined && c.instanceTypes.length < w.atLeast)
        return `${c.name} offers ${c.instanceTypes.length} types, fewer than ${w.atLeast}`;
    }
    return undefined;
  },
  /** The node of each group's first bound pod carries these labels: `{web: {size: large}}`;
   *  a null value means the label must be absent. */
  nodeLabels: (j, want) => {
    const nodes = new Map(j.nodes.map((n) => [n.name, n]));
    for (const [g, labels] of Object.entries(want as Record<string, Record<string, unknown>>)) {
      const p = j.pods.find((q) => owned(q, [g]) && q.nodeName !== null);
      const n = p?.nodeName ? nodes.get(p.nodeName) : undefined;
      if (!n) return `no node holds a pod of ${g}`;
      for (const [k, v] of Object.entries(labels)) {
        const got = n.labels[k];
        if (v === null ? got !== undefined : got !== String(v))
          return `node of ${g}: label ${k} expected ${JSON.stringify(v)}, got ${JSON.stringify(got ?? null)}`;
      }
    }
    return undefined;
  },
  /** Live nodes per NodePool: `{a: 1, b: 0}`. */
  pools: (j, want) => {
    for (const [pool, n] of Object.entries(want as Record<string, number>)) {
      const got = live(j).filter((x) => x.nodePool === pool).length;
      if (got !== n) return `live nodes of ${pool}: expected ${n}, got ${got}`;
    }
    return undefined;
  },
  /** Time (s) at which the last pod became Running is at most this. */
  allRunningBy: (j, want) => {
    const last = Math.max(
      ...j.events
        .filter((e) => e.reason === 'Started' || e.reason === 'Scheduled')
        .map((e) => e.time),
    );
    return last <= Number(want)
      ? undefined
      : `last pod scheduled at ${last}s, after ${String(want)}s`;
  },
};

function podOf(key: string): Pod {
  const [namespace = '', name = ''] = key.split('/');
  return { namespace, name, phase: '', nodeName: null, reason: null };
}

export const CHECK_NAMES: readonly string[] = Object.keys(CHECKS);

/** Every expectation that does not hold (empty when the case passes). */
export function check(j: TimelineJSON, expect: Record<string, unknown>): Failure[] {
  const out: Failure[] = [];
  for (const [name, want] of Object.entries(expect)) {
    const c = CHECKS[name];
    if (!c) out.push(`unknown expectation "${name}" (known: ${CHECK_NAMES.join(', ')})`);
    else {
      const f = c(j, want);
      if (f) out.push(f);
    }
  }
  return out;
}
