// Why a NodePool cannot take a pod, in plain words, one generator per PodError kind. The engine
// keeps Karpenter's own text (karpenterMessage) so learners recognise it in production; this file
// adds the sentence that says what it means for *this* pod and pool, with the numbers.
import type { Catalog } from '../sim/catalog/index.ts';
import type { ClusterState, PodRec } from '../sim/engine/index.ts';
import type { NodePool } from '../sim/k8s.ts';
import { parseLimits, type Resources } from '../sim/quantity.ts';
import type { PodErrorReason } from '../sim/scheduling/types.ts';
import { allowedTypes, findType, resourceGaps, type ResourceGap } from './catalog.ts';
import { amount, amountNumber, list, plural, resources } from './format.ts';
import type { PendingKind } from './types.ts';
import { own, dict } from '../sim/own.ts';
import { notReadyPools } from '../sim/engine/nodePoolReady.ts';

export interface ReasonContext {
  pod: PodRec;
  state: ClusterState;
  catalog: Catalog | undefined;
}

const pool = (name: string): string => `NodePool "${name}"`;

/** "it asks for 600 CPU; the largest allowed type (large) has 8 CPU". */
export function gapPhrase(
  gaps: readonly ResourceGap[],
  largest = 'the largest allowed type',
): string {
  const g = gaps[0];
  if (!g) return '';
  const has =
    g.largest === 0
      ? `no allowed type has any ${g.resource}`
      : `${largest} (${g.largestType ?? '?'}) has ${amount(g.resource, g.largest)}`;
  const more =
    gaps.length > 1 ? ` (and too much ${list(gaps.slice(1).map((x) => x.resource))})` : '';
  return `it asks for ${amount(g.resource, g.asked)}; ${has}${more}`;
}

export function gapsFor(ctx: ReasonContext, poolName: string): ResourceGap[] | undefined {
  if (!ctx.catalog) return undefined;
  const np = ctx.state.nodePools.get(poolName);
  return resourceGaps(ctx.pod.requests, allowedTypes(ctx.catalog, np));
}

function hasDaemonSets(state: ClusterState): boolean {
  for (const o of state.objects.values()) if (o.kind === 'DaemonSet') return true;
  return false;
}

function taintSentence(r: PodErrorReason): string {
  const taints = [...r.message.matchAll(/taint=([^)]+)\)/g)].map((m) => m[1] ?? '');
  const keys = [...new Set(taints.map((t) => t.split(/[=:]/)[0] ?? ''))];
  return (
    `${pool(r.nodePool)} puts the taint ${list(taints)} on its nodes and the pod has no matching ` +
    `toleration. Add a toleration for ${list(keys.map((k) => `"${k}"`))} to the pod, or let another ` +
    `NodePool run it.`
  );
}

function requirementsSentence(r: PodErrorReason, ctx: ReasonContext): string {
  const parts: string[] = [];
  for (const m of r.message.matchAll(/label "([^"]+)" does not have known values/g)) {
    const key = m[1] ?? '';
    const wanted = own(ctx.pod.pod.spec.nodeSelector, key);
    parts.push(
      `the pod selects on the custom label ${key}${wanted === undefined ? '' : `=${wanted}`}, but ` +
        `${pool(r.nodePool)} does not define it. Karpenter only creates nodes with a custom label ` +
        `when the NodePool's template labels or requirements give it values`,
    );
  }
  for (const m of r.message.matchAll(/key ([^,]+), (.+?) not in ([^;]+)/g)) {
    parts.push(`the pod wants ${m[2] ?? ''}, but ${pool(r.nodePool)} only allows ${m[3] ?? ''}`);
  }
  if (parts.length === 0) {
    return (
      `No instance type allowed by ${pool(r.nodePool)} matches the pod's node selector and ` +
      `affinity together with the NodePool's requirements.`
    );
  }
  const s = parts.join('; and ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function resourcesSentence(r: PodErrorReason, ctx: ReasonContext): string {
  const ds = hasDaemonSets(ctx.state) ? ' plus the DaemonSets every node runs' : '';
  const gaps = gapsFor(ctx, r.nodePool);
  if (gaps && gaps.length > 0) {
    const p = gapPhrase(gaps, 'the largest');
    return `No instance type ${pool(r.nodePool)} allows is big enough: ${p}. Lower the request or allow bigger types.`;
  }
  return (
    `No instance type ${pool(r.nodePool)} allows has room for the pod's requests ` +
    `(${resources(ctx.pod.requests)}${ds}) once the pod's other requirements are applied.`
  );
}

/** What the pool's NodeClaims hold now (instance capacity, the unit limits count in). */
export function poolUsage(
  state: ClusterState,
  catalog: Catalog | undefined,
  name: string,
): Resources {
  const used = dict<number>();
  const add = (r: Resources): void => {
    for (const [k, v] of Object.entries(r)) used[k] = (used[k] ?? 0) + v;
  };
  const counted = new Set<string>();
  for (const n of state.nodes.values()) {
    if (n.nodePool !== name || n.terminatedAt !== undefined) continue;
    add(n.capacity);
    if (n.nodeClaim) counted.add(n.nodeClaim);
  }
  for (const c of state.nodeClaims.values()) {
    if (c.nodePool !== name || counted.has(c.name) || c.deletedAt !== undefined) continue;
    const it = findType(catalog, c.launch?.instanceType ?? c.instanceTypes[0] ?? '');
    if (it) add(it.capacity);
  }
  return used;
}

function limitsSentence(r: PodErrorReason, ctx: ReasonContext): string {
  const np: NodePool | undefined = ctx.state.nodePools.get(r.nodePool);
  if (r.message.includes('node limits have been exhausted')) {
    const nodes = np?.spec.limits?.['nodes'];
    const limit =
      nodes === undefined ? 'its node limit' : `its limit of ${plural(Number(nodes), 'node')}`;
    return `${pool(r.nodePool)} has reached ${limit}; raise spec.limits.nodes to add more.`;
  }
  const limits = parseLimits(np?.spec.limits as Record<string, string> | undefined);
  const used = poolUsage(ctx.state, ctx.catalog, r.nodePool);
  const lines = Object.entries(limits)
    .filter(([k]) => k !== 'nodes')
    .map(([k, v]) => `${amount(k, v)} (in use: ${amountNumber(k, used[k] ?? 0)})`);
  return (
    `${pool(r.nodePool)} is at its limits — ${lines.length > 0 ? list(lines, 4) : 'see spec.limits'}. ` +
    `Every instance type that could hold the pod would take it past them; Karpenter counts instance ` +
    `capacity, not requests. Raise spec.limits or free capacity.`
  );
}

function offeringSentence(r: PodErrorReason, ctx: ReasonContext): string {
  const now = ctx.state.time;
  const off = [...ctx.state.unavailable.entries()]
    .filter(([, until]) => until > now)
    .map(([k]) => k);
  const ice =
    off.length > 0
      ? ` Karpenter has marked ${plural(off.length, 'offering')} unavailable after insufficient-capacity errors (${list(off)}).`
      : '';
  return (
    `Instance types that match and fit exist, but none has an available offering in the zones and ` +
    `capacity types ${pool(r.nodePool)} and the pod allow.${ice}`
  );
}

function ignoredSentence(r: PodErrorReason): string {
  const m = r.message;
  if (m.includes('owned by a DaemonSet')) {
    return 'DaemonSet pods run on the nodes that exist; Karpenter counts them as per-node overhead but never creates a node for one.';
  }
  if (m.includes('already bound'))
    return 'The pod names its node (spec.nodeName), so Karpenter leaves it to that node.';
  if (m.includes('not run on a Karpenter') || m.includes('DoesNotExist')) {
    return 'The pod opts out of Karpenter nodes (it requires karpenter.sh/nodepool DoesNotExist).';
  }
  if (/persistentvolume|pvc|storage class/.test(m)) return claimIgnoredSentence(m);
  if (m.includes('is not allowed')) {
    const key = /using label (\S+)/.exec(m)?.[1];
    return `The pod selects on ${key ?? 'a label'} in a domain Karpenter reserves for itself, so Karpenter ignores the pod. Use a well-known or custom label instead.`;
  }
  return `Karpenter does not consider this pod: its node selector or affinity is invalid (${m}).`;
}

/** Karpenter's ValidatePersistentVolumeClaims failures, in plain words. */
function claimIgnoredSentence(m: string): string {
  const why = m.includes('immediate volume binding mode')
    ? 'its claim is unbound and its StorageClass binds Immediately: the volume is created (and its zone chosen) before any pod exists, and until a node exists to host it nothing happens. Use volumeBindingMode: WaitForFirstConsumer so the volume follows the pod.'
    : m.includes('not found')
      ? 'an object its volume needs does not exist (a claim, its StorageClass or its PersistentVolume). Check the names.'
      : m.includes('must define a storage class')
        ? 'its claim is unbound and names no StorageClass (storageClassName: ""), so only a pre-created PersistentVolume could satisfy it.'
        : m.includes('being deleted')
          ? 'its claim or volume is being deleted.'
          : 'its PersistentVolumeClaim is not usable yet.';
  return `Karpenter ignores this pod: ${why} (${m})`;
}

function volumeSentence(r: PodErrorReason): string {
  const zones = /In \[([^\]]*)\] not in/.exec(r.message)?.[1];
  return (
    `The pod's volume ${zones ? `lives in ${zones}` : 'constrains where the pod can run'} (a PersistentVolume's node affinity or its StorageClass's allowed zones), ` +
    `and ${pool(r.nodePool)} cannot launch a node there. A volume never moves between zones: let the pool launch in the volume's zone.`
  );
}

function noNodePoolSentence(ctx: ReasonContext): string {
  const names = [...ctx.state.nodePools.keys()].sort();
  if (names.length === 0) {
    return 'There is no NodePool, so Karpenter has nothing to create nodes from. Apply a NodePool (kind: NodePool) that allows pods like this one.';
  }
  const notReady = notReadyPools(ctx.state);
  if (notReady.length > 0)
    return `No NodePool is Ready, and Karpenter ignores a NodePool that is not: ${list(notReady)}. Point each nodeClassRef at a node class that exists (kubectl get ec2nodeclass lists them).`;
  return (
    `${names.length === 1 ? pool(names[0] ?? '') : `Every NodePool (${list(names.map((n) => `"${n}"`))})`} leaves no usable ` +
    'instance type: its requirements (or minValues) rule out the whole catalog, or every offering is unavailable. Widen the requirements.'
  );
}

/** The plain sentence for one NodePool's rejection. */
export function reasonSentence(r: PodErrorReason, ctx: ReasonContext): string {
  switch (r.kind) {
    case 'taint':
      return taintSentence(r);
    case 'requirements':
      return requirementsSentence(r, ctx);
    case 'resources':
      return resourcesSentence(r, ctx);
    case 'limits':
      return limitsSentence(r, ctx);
    case 'offering':
      return offeringSentence(r, ctx);
    case 'topology':
      return `A topology spread constraint cannot be met on ${pool(r.nodePool)}'s nodes: placing the pod there would exceed maxSkew, or no allowed zone/host is left.`;
    case 'affinity':
      return `The pod's (anti-)affinity to other pods cannot be met on a new ${pool(r.nodePool)} node: the pods it must be near (or away from) rule out every domain the NodePool allows.`;
    case 'hostPort':
      return `The pod needs a host port that another pod (or a DaemonSet) already takes on the node ${pool(r.nodePool)} would create.`;
    case 'minValues':
      return `${pool(r.nodePool)} asks for at least minValues distinct values of a label (flexibility), and the types left after the pod's constraints cannot reach it (policy Strict). Lower minValues or use minValuesPolicy BestEffort.`;
    case 'volume':
      return volumeSentence(r);
    case 'ignored':
      return ignoredSentence(r);
    case 'noNodePool':
      return noNodePoolSentence(ctx);
    case 'other':
      return `Karpenter could not place the pod on ${r.nodePool ? pool(r.nodePool) : 'any NodePool'}.`;
  }
}

/** A short clause for headlines that name several pools: "an untolerated taint". */
export function kindClause(kind: PendingKind): string {
  const clauses: Record<PendingKind, string> = {
    taint: 'a taint the pod does not tolerate',
    requirements: 'requirements the pod does not match',
    resources: 'no type big enough',
    limits: 'at its limits',
    offering: 'no available offering',
    topology: 'topology spread',
    affinity: 'pod (anti-)affinity',
    hostPort: 'a host port conflict',
    minValues: 'minValues',
    volume: 'its volume is in another zone',
    ignored: 'the pod is ignored',
    noNodePool: 'no NodePool',
    other: 'another reason',
    notInstalled: 'Karpenter is not installed',
    waiting: 'waiting for the batch',
    launchFailed: 'its NodeClaim failed to launch',
    refused: 'its NodeClaim was refused (limits)',
  };
  return clauses[kind];
}
