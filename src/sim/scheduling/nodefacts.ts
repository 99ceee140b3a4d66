// What a solve derives from one StateNode and its bound pods, computed once per StateNode object
// rather than once per solve. The engine hands the same StateNode objects to every solve of one
// cluster state (ClusterView caches them), and disruption runs hundreds of dry-run solves per
// state, each of which used to re-read every pod of the cluster: label requirements, the pods
// that count for topology, per-group selected counts, requests and host ports.
//
// Everything here is read-only for its users: solve() never mutates its input, and the objects
// handed out (requirements, lists) are cloned before anyone adds to them.
import type { Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import type { Resources } from '../quantity.ts';
import { Requirement, Requirements } from '../requirements.ts';
import { hostPorts, type HostPort } from './hostports.ts';
import { podRequests, requestsForPods } from './podrequests.ts';
import { hasRequiredAntiAffinity, ignoredForTopology, ns } from './topology/specs.ts';
import type { StateNode } from './types.ts';

export interface NodeFacts {
  /** Requirements.fromLabels(node.labels). */
  readonly labelReqs: Requirements;
  /** labelReqs plus hostname In [its hostname]: an ExistingNode's starting requirements. */
  readonly hostReqs: Requirements;
  readonly hostname: string;
  /** Pods that count for topology (not finished, not deleting). */
  readonly topoPods: readonly Pod[];
  /** topoPods with required pod anti-affinity (they seed the inverse groups). */
  readonly antiPods: readonly Pod[];
  readonly namespaces: ReadonlySet<string>;
  /** Pods that hold room (not Succeeded/Failed). */
  readonly present: readonly Pod[];
  /** allocatable − requests of `present`. */
  readonly remaining: Resources;
  /** Requests of the present DaemonSet pods. */
  readonly daemonRequests: Resources;
  /** Present pods asking for host ports. */
  readonly portPods: readonly { pod: Pod; ports: HostPort[] }[];
  /** Topology group hash → what the node gives that group's countDomains (universe.ts). */
  readonly steps: Map<string, NodeSteps>;
}

/** One node's part of a group's countDomains: the domain it registers (it passes the group's
 *  node filter and carries the key) and the domain it records `count` matching pods in. */
export interface NodeSteps {
  readonly register: string | undefined;
  readonly record: string | undefined;
  readonly count: number;
}

const cache = new WeakMap<StateNode, NodeFacts>();

function occupies(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export function isDaemonPod(p: Pod): boolean {
  return (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet');
}

/** The node's facts if something already asked for them. */
export function knownFacts(node: StateNode): NodeFacts | undefined {
  return cache.get(node);
}

export function nodeFacts(node: StateNode): NodeFacts {
  let f = cache.get(node);
  if (f) return f;
  const labelReqs = Requirements.fromLabels(node.labels);
  const hostname = node.labels[LABEL.hostname] ?? node.name;
  const hostReqs = Requirements.fromLabels(node.labels);
  hostReqs.add(Requirement.of({ key: LABEL.hostname, operator: 'In', values: [hostname] }));
  const topoPods = node.pods.filter((p) => !ignoredForTopology(p));
  const present = node.pods.filter(occupies);
  const remaining: Record<string, number> = { ...node.allocatable };
  const portPods: { pod: Pod; ports: HostPort[] }[] = [];
  for (const p of present) {
    const r = podRequests(p);
    for (const k in r) remaining[k] = (remaining[k] ?? 0) - (r[k] ?? 0);
    const ports = hostPorts(p);
    if (ports.length > 0) portPods.push({ pod: p, ports });
  }
  f = {
    labelReqs,
    hostReqs,
    hostname,
    topoPods,
    antiPods: topoPods.filter(hasRequiredAntiAffinity),
    namespaces: new Set(node.pods.map(ns)),
    present,
    remaining,
    daemonRequests: requestsForPods(present.filter(isDaemonPod)),
    portPods,
    steps: new Map(),
  };
  cache.set(node, f);
  return f;
}
