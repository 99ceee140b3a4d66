// Plain sentences from the explanation data on a NodeClaim record, for the CLI report and the UI.
// Example:
//   default-x2k9q: 5 pods → c6gd.2xlarge spot in us-east-1c at $0.0645/h (estimate)
//   funnel: catalog 1345 → requirements 1345 → fits 1019 → limits 1019 → offerings 1019 (600 sent)
//   runner-up: c7g.2xlarge spot in us-east-1a — $0.0899/h vs $0.0645/h
import type { PodErrorKind, PodErrorReason } from '../scheduling/types.ts';
import type { NodeClaimRec } from './state.ts';

export function explainNodeClaim(c: NodeClaimRec): string[] {
  const out: string[] = [];
  const pods = `${c.plannedPods.length} pod${c.plannedPods.length === 1 ? '' : 's'}`;
  if (c.launch) {
    const l = c.launch;
    out.push(
      `${c.name}: ${pods} → ${l.instanceType} ${l.capacityType} in ${l.zone} at $${l.price.toFixed(4)}/h${l.priceIsEstimate ? ' (estimate)' : ''}`,
    );
  } else if (c.error !== undefined) {
    out.push(`${c.name}: ${pods} → launch failed: ${c.error}`);
  } else {
    out.push(
      `${c.name}: ${pods} → not launched yet (${c.instanceTypes.length} instance type options)`,
    );
  }
  if (c.funnel.length > 0) {
    const stages = c.funnel.map((f) => `${f.stage} ${f.count}`).join(' → ');
    out.push(`  funnel: ${stages} (${c.instanceTypes.length} sent)`);
  }
  const r = c.launch?.runnerUp;
  if (r) out.push(`  runner-up: ${r.instanceType} ${r.capacityType} in ${r.zone} — ${r.whyLost}`);
  return out;
}

const PLAIN: Readonly<Record<PodErrorKind, string>> = {
  taint: 'the pool taints its nodes and the pod does not tolerate the taint',
  requirements:
    "the pod's node selector or affinity asks for labels the pool's instance types cannot have",
  resources:
    "no instance type the pool allows is big enough for the pod's requests (plus DaemonSets)",
  limits: 'launching another node would take the pool past its spec.limits',
  offering: 'no instance type has an offering (zone × capacity type) that is available and allowed',
  topology: 'no topology domain (zone, node, capacity type) satisfies the spread constraint',
  affinity: 'the pod (anti-)affinity rules exclude every place the pool could put it',
  hostPort: 'the host port the pod needs is already taken',
  minValues: 'too few distinct instance types remain to satisfy minValues',
  volume: "the pod's volume is in a zone (or on a node) the pool cannot launch into",
  ignored: 'Karpenter ignores this pod (for example a restricted label in its node selector)',
  noNodePool: 'no NodePool is available to Karpenter', // noPoolText() words it per message
  other: 'Karpenter could not place the pod',
};

/** A plain-language sentence for a typed scheduling failure, shown next to Karpenter's message.
 *  `notReady`: the pools Karpenter ignored as not Ready (nodePoolReady.ts), which explain a
 *  `noNodePool` failure when the workspace has pools. `pool`: what the cluster's API calls a pool
 *  (a v0.31 cluster has Provisioners). */
export function plainReason(
  r: PodErrorReason,
  notReady: readonly string[] = [],
  pool: 'NodePool' | 'Provisioner' = 'NodePool',
): string {
  if (r.kind === 'noNodePool' && notReady.length > 0)
    return `No NodePool is Ready, so Karpenter ignores them all: ${notReady.join('; ')}.`;
  const text = r.kind === 'noNodePool' ? `${noPoolText(r.message, pool)}.` : `${PLAIN[r.kind]}.`;
  // A reason that names no pool (there is none) starts with its own capital.
  return r.nodePool === ''
    ? `${text.charAt(0).toUpperCase()}${text.slice(1)}`
    : `${pool} ${r.nodePool}: ${text}`;
}

/**
 * Karpenter's two messages for "no template to launch from": no pool at all ("no nodepools
 * found", v0.31's "no provisioners found"), or pools whose requirements left none of them an
 * instance type ("nodepool requirements filtered out all available instance types", where the
 * pools exist and saying there are none would send the reader to look for a missing object).
 */
function noPoolText(message: string, pool: 'NodePool' | 'Provisioner'): string {
  return / found$/.test(message)
    ? `no ${pool} is available to Karpenter`
    : `every ${pool} leaves no usable instance type: its requirements (or minValues) rule out the whole catalog, or every offering is unavailable`;
}
