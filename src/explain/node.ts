// explainNode: a node (or a NodeClaim still in flight) tells its story — what it is and costs, the
// funnel that chose its type, the runner-up and why it lost, its pods, its lifecycle, and whether
// consolidation may touch it. `nodeKey` is a Node name or a NodeClaim name.
import {
  nodeStateName,
  stateAt,
  type ClusterState,
  type LaunchInfo,
  type NodeClaimRec,
  type NodeRec,
  type PodRec,
  type Timeline,
} from '../sim/engine/index.ts';
import type { Semantics } from '../sim/version.ts';
import { findType } from './catalog.ts';
import { disruptionStatus } from './disruption.ts';
import { amountNumber, claimRef, clock, percent, podRequests, price, resources } from './format.ts';
import { funnelSentence, funnelStages, launchStages } from './funnel.ts';
import type {
  ExplainOptions,
  Fact,
  Moment,
  NodeExplanation,
  OfferingView,
  ResourceUse,
} from './types.ts';

function resolve(
  state: ClusterState,
  key: string,
): { node?: NodeRec; claim?: NodeClaimRec } | undefined {
  const node = state.nodes.get(key);
  if (node) {
    const claim = node.nodeClaim === undefined ? undefined : state.nodeClaims.get(node.nodeClaim);
    return { node, ...(claim ? { claim } : {}) };
  }
  const claim = state.nodeClaims.get(key);
  if (!claim) return undefined;
  const n = claim.nodeName === undefined ? undefined : state.nodes.get(claim.nodeName);
  return { claim, ...(n ? { node: n } : {}) };
}

function offering(
  l: Pick<LaunchInfo, 'instanceType' | 'zone' | 'capacityType' | 'price'>,
  estimate: boolean,
): OfferingView {
  return {
    instanceType: l.instanceType,
    zone: l.zone,
    capacityType: l.capacityType,
    pricePerHour: l.price,
    price: price(l.price, estimate),
    priceIsEstimate: estimate,
  };
}

/** LaunchInfo does not say whether the runner-up's price is an estimate; the catalog does. */
function runnerUpEstimate(l: LaunchInfo, opts: ExplainOptions): boolean {
  const r = l.runnerUp;
  if (!r) return false;
  const it = findType(opts.catalog, r.instanceType);
  const o = it?.offerings.find((x) => x.zone === r.zone && x.capacityType === r.capacityType);
  return o?.priceIsEstimate ?? (r.capacityType === l.capacityType && l.priceIsEstimate);
}

function usage(node: NodeRec, pods: readonly PodRec[]): ResourceUse[] {
  const live = pods.filter((p) => p.phase !== 'Terminating');
  return ['cpu', 'memory', 'pods'].map((resource) => {
    const allocatable = node.allocatable[resource] ?? 0;
    const requested = live.reduce((s, p) => s + (p.requests[resource] ?? 0), 0);
    const pct = percent(requested, allocatable);
    const unit = resource === 'cpu' ? ' CPU' : resource === 'memory' ? ' GiB' : ' pods';
    return {
      resource,
      allocatable,
      requested,
      percent: pct,
      text: `${amountNumber(resource, requested)} of ${amountNumber(resource, allocatable)}${unit} (${pct}%)`,
    };
  });
}

function lifecycle(
  claim: NodeClaimRec | undefined,
  node: NodeRec | undefined,
  semantics: Semantics,
): Moment[] {
  const m: Moment[] = [];
  const at = (label: string, ms: number | undefined, detail?: string): void => {
    if (ms !== undefined)
      m.push({ label, at: ms, text: clock(ms), ...(detail === undefined ? {} : { detail }) });
  };
  at(
    'Created',
    claim?.createdAt ?? node?.createdAt,
    claim ? claimRef(semantics, claim.name) : 'in the workspace',
  );
  at(
    'Launched',
    claim?.launchedAt,
    claim?.launch ? `${claim.launch.instanceType} (${claim.launch.capacityType})` : undefined,
  );
  at('Registered', claim?.registeredAt, node ? `node/${node.name}` : undefined);
  at('Initialized', claim?.initializedAt ?? (claim ? undefined : node?.readyAt));
  at(
    'Interruption notice',
    node?.reclaimAt === undefined ? undefined : node.reclaimAt - 120_000,
    'spot: 2 minutes to reclaim',
  );
  at('Draining', node?.drainingAt);
  at('Deleting', claim?.deletingAt ?? node?.deletingAt);
  if (claim?.phase === 'Failed') at('Failed', claim.deletedAt, claim.error);
  else at('Deleted', claim?.deletedAt ?? node?.terminatedAt);
  return m.sort((a, b) => a.at - b.at);
}

/** When the node (or its NodeClaim, before it had one) stopped existing, if it has by `t`. */
function goneAt(
  node: NodeRec | undefined,
  claim: NodeClaimRec | undefined,
  t: number,
): NodeExplanation['gone'] {
  const at = node?.terminatedAt ?? claim?.deletedAt;
  if (at === undefined || at > t) return undefined;
  const label = claim?.phase === 'Failed' && !node ? 'Failed' : 'Deleted';
  return { label, at, text: `${label} at ${clock(at)}` };
}

function facts(node: NodeRec | undefined, claim: NodeClaimRec | undefined, gone: boolean): Fact[] {
  const f: Fact[] = [];
  const l = claim?.launch;
  const type = node?.instanceType ?? l?.instanceType;
  if (type) f.push({ label: 'Instance type', value: type });
  else if (claim)
    f.push({
      label: 'Instance type',
      value: `not chosen yet (${claim.instanceTypes.length} options)`,
    });
  const ct = node?.capacityType ?? l?.capacityType;
  if (ct) f.push({ label: 'Capacity type', value: ct });
  const zone = node?.zone ?? l?.zone;
  if (zone) f.push({ label: 'Zone', value: zone });
  if (node?.arch) f.push({ label: 'Arch', value: node.arch });
  const p = node?.price ?? l?.price;
  const est = node?.priceIsEstimate ?? l?.priceIsEstimate ?? false;
  if (p !== undefined) {
    f.push({
      label: 'Price',
      value: price(p),
      ...(est ? { note: 'estimate: spot price derived from Spot Advisor savings' } : {}),
    });
  }
  const np = node?.nodePool ?? claim?.nodePool;
  f.push({ label: 'NodePool', value: np ?? 'none (not managed by Karpenter)' });
  if (node && !gone) f.push({ label: 'Allocatable', value: resources(node.allocatable) });
  if (claim)
    f.push({
      label: 'NodeClaim requests',
      value: resources(claim.requests),
      note: 'pods + DaemonSet overhead at creation',
    });
  return f;
}

export function explainNode(
  timeline: Timeline,
  t: number,
  nodeKey: string,
  opts: ExplainOptions = {},
): NodeExplanation | undefined {
  const state = stateAt(timeline, t);
  const found = resolve(state, nodeKey);
  if (!found) return undefined;
  const { node, claim } = found;
  const pods = [...state.pods.values()]
    .filter(
      (p) =>
        (node && p.nodeName === node.name) ||
        (claim && p.nodeName === undefined && p.nominatedTo === claim.name),
    )
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const np =
    (node?.nodePool ?? claim?.nodePool) === undefined
      ? undefined
      : state.nodePools.get(node?.nodePool ?? claim?.nodePool ?? '');
  const notes: string[] = [];
  const daemonSets = [...state.objects.values()].some((o) => o.kind === 'DaemonSet');
  const l = claim?.launch;
  const chosen = l ? offering(l, l.priceIsEstimate) : undefined;
  // Planned pods may be gone (deleted, moved) since; the funnel speaks of the moment the NodeClaim
  // was created: its planned pods and its NodePool (limits edited later are not what it passed).
  const planned = (claim?.plannedPods ?? []).flatMap((k) => state.pods.get(k) ?? []);
  const born = claim && claim.createdAt < t ? stateAt(timeline, claim.createdAt) : state;
  const funnel = claim
    ? funnelStages({
        claim,
        nodePool: born.nodePools.get(claim.nodePool) ?? np,
        pods: claim.plannedPods.flatMap((k) => born.pods.get(k) ?? state.pods.get(k) ?? []),
        daemonSets,
      })
    : [];
  if (!claim)
    notes.push(
      'This node was in the workspace at the start: Karpenter did not create it, so it has no funnel.',
    );
  if (claim && planned.length < claim.plannedPods.length) {
    notes.push(
      `${claim.plannedPods.length - planned.length} of the pods planned onto this NodeClaim no longer exist.`,
    );
  }
  const state_ = node ? nodeStateName(node) : (claim?.phase ?? 'unknown');
  // Scrubbed past its deletion: say so first, and show no live figures (the cluster has none).
  const gone = goneAt(node, claim, t);
  return {
    kind: 'node',
    title: node ? `node/${node.name}` : claimRef(state.karpenter.semantics, claim?.name ?? nodeKey),
    ...(node ? { node: node.name } : {}),
    ...(claim ? { nodeClaim: claim.name } : {}),
    ...((node?.nodePool ?? claim?.nodePool)
      ? { nodePool: node?.nodePool ?? claim?.nodePool ?? '' }
      : {}),
    state: state_,
    ...(gone ? { gone } : {}),
    facts: facts(node, claim, gone !== undefined),
    resources: node && !gone ? usage(node, pods) : [],
    funnel,
    funnelSentence: claim ? funnelSentence(funnel, chosen, claim) : '',
    launchStages: l ? launchStages(l.filtered) : [],
    ...(chosen ? { chosen } : {}),
    ...(l?.runnerUp
      ? {
          runnerUp: {
            ...offering(l.runnerUp, runnerUpEstimate(l, opts)),
            whyLost: l.runnerUp.whyLost,
          },
        }
      : {}),
    pods: pods.map((p) => ({
      key: p.key,
      phase: p.phase,
      requests: podRequests(p.requests),
      daemonSet: p.daemonSet === true,
    })),
    lifecycle: lifecycle(claim, node, state.karpenter.semantics),
    disruption: disruptionStatus(timeline, state, t, node, claim, pods, opts),
    notes,
  };
}
