// The node group as CA sees it: an ASG of one instance type, its zones, and the *template node* —
// what a new instance will look like once it joins (allocatable of the type, the labels the engine
// will give it, the DaemonSet pods that will land on it). CA checks pending pods against copies of
// this template with the same kube-scheduler filters the cluster uses (engine/fit.ts).
//
// Example: m5.large on-demand → template allocatable cpu 1930m, memory ~7.1Gi; a 100m DaemonSet
// leaves 1830m, so one 1-vCPU pod per new node.
import type { Catalog, InstanceType } from '../catalog/index.ts';
import type { DaemonSet, Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { addResources, QuantityError, type Resources } from '../quantity.ts';
import { requestsForPod } from '../scheduling/podrequests.ts';
import type { NodeView } from '../engine/fit.ts';
import type { ClusterState, NodeRec, PodRec } from '../engine/state.ts';
import { daemonEligible } from '../engine/workloads.ts';
import type { ClusterAutoscalerConfig } from './config.ts';

export interface NodeGroup {
  readonly config: ClusterAutoscalerConfig;
  readonly type: InstanceType;
  /** Zones the ASG launches in (its subnets ∩ zones offering the type); the first is the template's. */
  readonly zones: readonly string[];
  readonly region: string;
}

/** The node group over a catalog, or why it cannot launch anything. */
export function nodeGroupOf(
  config: ClusterAutoscalerConfig,
  catalog: Catalog,
): { ok: true; group: NodeGroup } | { ok: false; problem: string } {
  const type = catalog.instanceTypes.find((t) => t.name === config.instanceType);
  const where = `node group ${config.nodeGroup}`;
  if (!type)
    return {
      ok: false,
      problem: `${where}: instance type "${config.instanceType}" is not in the catalog (${catalog.source}); the group cannot scale up`,
    };
  const offered = new Set(
    type.offerings
      .filter((o) => o.available && o.capacityType === config.capacityType)
      .map((o) => o.zone),
  );
  const wanted = config.zones ?? catalog.zones;
  const zones = wanted.filter((z) => offered.has(z));
  if (zones.length === 0)
    return {
      ok: false,
      problem: `${where}: ${config.instanceType} has no ${config.capacityType} offering in ${wanted.join(', ') || 'any zone'}; the group cannot scale up`,
    };
  return { ok: true, group: { config, type, zones, region: catalog.region } };
}

/** A Node as the engine will register it for this group (lifecycle.ts register), named `name`. */
export function templateNode(group: NodeGroup, name: string, zone: string): NodeRec {
  const { type, config } = group;
  const labels: Record<string, string> = {
    ...type.requirements.labels(),
    [LABEL.instanceType]: type.name,
    [LABEL.zone]: zone,
    [LABEL.region]: group.region,
    [LABEL.capacityType]: config.capacityType,
    [LABEL.hostname]: name,
    [LABEL.nodePool]: config.nodeGroup,
  };
  return {
    name,
    nodePool: config.nodeGroup,
    labels,
    annotations: {},
    taints: [],
    unschedulable: false,
    capacity: type.capacity,
    allocatable: type.allocatable,
    instanceType: type.name,
    zone,
    capacityType: config.capacityType,
    arch: labels[LABEL.arch] ?? 'amd64',
    price: 0,
    priceIsEstimate: false,
    billedFrom: 0,
    createdAt: 0,
    ready: true,
  };
}

/** Stamps template copies: each gets its own hostname and the DaemonSet pods it would run. */
export class TemplateFactory {
  /** DaemonSet pods of one template and their summed requests (the daemon overhead). */
  readonly daemonPods: readonly PodRec[];
  readonly daemonOverhead: Resources;
  private readonly zone: string;

  constructor(
    readonly group: NodeGroup,
    state: ClusterState,
  ) {
    // CA on AWS builds one template per ASG from its first availability zone.
    this.zone = group.zones[0] ?? '';
    const probe = templateNode(group, 'template', this.zone);
    const pods: PodRec[] = [];
    for (const o of state.objects.values())
      if (o.kind === 'DaemonSet' && daemonEligible(o, probe)) pods.push(daemonPod(o));
    this.daemonPods = pods;
    this.daemonOverhead = addResources({}, ...pods.map((p) => p.requests));
  }

  view(name: string): NodeView {
    return {
      node: templateNode(this.group, name, this.zone),
      used: { ...this.daemonOverhead },
      pods: [...this.daemonPods],
    };
  }

  /** A template copy holds only DaemonSet pods. */
  isEmpty(v: NodeView): boolean {
    return v.pods.length === this.daemonPods.length;
  }
}

function daemonPod(ds: DaemonSet): PodRec {
  const name = `${ds.metadata.name ?? 'ds'}-template`;
  const ns = ds.metadata.namespace ?? 'default';
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { ...(ds.spec.template.metadata?.labels ?? {}) } },
    spec: ds.spec.template.spec,
  };
  let requests: Resources = {};
  try {
    requests = requestsForPod(pod);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e; // the engine reports bad quantities on the real pods
  }
  return {
    key: `${ns}/${name}`,
    uid: `template-${ns}-${name}`,
    pod,
    daemonSet: true,
    phase: 'Running',
    createdAt: 0,
    requests,
  };
}

/** Live nodes with the pods bound to them, as kube-scheduler counts them (fit.ts NodeView). */
export function liveViews(state: ClusterState): NodeView[] {
  const byNode = new Map<string, NodeView>();
  for (const n of state.nodes.values())
    if (n.terminatedAt === undefined) byNode.set(n.name, { node: n, used: {}, pods: [] });
  for (const p of state.pods.values()) {
    if (p.nodeName === undefined) continue;
    const v = byNode.get(p.nodeName);
    if (!v) continue;
    for (const k in p.requests) v.used[k] = (v.used[k] ?? 0) + (p.requests[k] ?? 0);
    v.pods.push(p);
  }
  return [...byNode.values()];
}

/** Where new pods can go now: Ready, not being deleted (kube-scheduler's usable nodes). */
export function usable(v: NodeView): boolean {
  return v.node.ready && v.node.deletingAt === undefined;
}
