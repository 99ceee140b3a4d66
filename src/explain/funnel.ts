// The NodeClaim funnel in words. The scheduler counts instance types at each stage (catalog →
// requirements → fits → limits → offerings); the cloud provider then filters again before launch.
// Worked example (fake catalog, 3 pods of 1 CPU, NodePool limit cpu: 10):
//   2 instance types in the catalog → 2 match the requirements (kubernetes.io/arch In [amd64]) →
//   1 fits 3 pods of 1 CPU → 1 stays within the NodePool's limits (cpu 10) → 1 has an available
//   offering → launched large (spot) in test-zone-3 at $0.2800/h.
import type { NodeClaimRec, PodRec } from '../sim/engine/index.ts';
import type { NodePool } from '../sim/k8s.ts';
import type { Resources } from '../sim/quantity.ts';
import type { FunnelStage } from '../sim/scheduling/types.ts';
import { count, list, plural, price, resources } from './format.ts';
import type { FunnelStageView, OfferingView } from './types.ts';

/** "kubernetes.io/arch In [amd64], karpenter.sh/capacity-type In [spot on-demand] …" */
export function requirementsText(np: NodePool | undefined, max = 2): string {
  const reqs = np?.spec.template.spec.requirements ?? [];
  if (reqs.length === 0) return 'none set';
  const parts = reqs.map(
    (r) => `${r.key} ${r.operator}${r.values ? ` [${r.values.join(' ')}]` : ''}`,
  );
  return parts.length > max ? `${parts.slice(0, max).join(', ')}…` : parts.join(', ');
}

/** "3 pods of 1 CPU and 1 pod of 2 CPU, 4 GiB" — planned pods grouped by identical requests. */
export function podsText(pods: readonly PodRec[]): string {
  const groups = new Map<string, number>();
  for (const p of pods) {
    const { pods: _n, ...rest } = p.requests as Record<string, number>;
    const key = resources(rest as Resources);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const parts = [...groups].map(([r, n]) => `${plural(n, 'pod')} of ${r}`);
  return parts.length === 0 ? 'no pods' : list(parts, 3);
}

export interface FunnelContext {
  claim: NodeClaimRec;
  nodePool: NodePool | undefined;
  pods: readonly PodRec[];
  daemonSets: boolean;
}

/** "1 fits" / "3 fit": the count and the verb agree. */
function verb(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function stageSentence(s: FunnelStage, ctx: FunnelContext): string {
  const n = s.count;
  const pool = `NodePool "${ctx.claim.nodePool}"`;
  switch (s.stage) {
    case 'catalog':
      return `${count(n)} ${n === 1 ? 'instance type' : 'instance types'} in the catalog`;
    case 'requirements':
      return `${verb(n, 'matches', 'match')} the requirements of ${pool} (${requirementsText(ctx.nodePool)}) and of the pods`;
    case 'fits':
      return `${verb(n, 'fits', 'fit')} ${podsText(ctx.pods)}${ctx.daemonSets ? ' plus DaemonSets' : ''}`;
    case 'limits': {
      // The stage filters types by the resources left under the limits; `nodes` limits how many
      // NodeClaims there may be, which no instance type's capacity carries (limits.ts), so it is
      // named apart rather than as a limit every type "stays within".
      const limits = Object.entries(ctx.nodePool?.spec.limits ?? {});
      const text = limits
        .filter(([k]) => k !== 'nodes')
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const nodes = limits.find(([k]) => k === 'nodes')?.[1];
      const aside =
        nodes === undefined
          ? ''
          : `; limits.nodes ${nodes} counts the pool's nodes, not instance types`;
      if (text) return `${verb(n, 'stays', 'stay')} within the limits of ${pool} (${text})${aside}`;
      return nodes === undefined
        ? `${verb(n, 'passes', 'pass')} limits (none set)`
        : `${verb(n, 'passes', 'pass')} limits (only limits.nodes ${nodes} is set: it counts the pool's nodes, not instance types)`;
    }
    case 'offerings':
      return `${verb(n, 'has', 'have')} an available offering in the allowed zones and capacity types`;
    default:
      return `${count(n)} after ${s.stage}`;
  }
}

/** Scheduler stages, plus "sent" when the NodeClaim kept fewer types than passed (truncation). */
export function funnelStages(ctx: FunnelContext): FunnelStageView[] {
  const out = ctx.claim.funnel.map((s) => ({
    stage: s.stage,
    count: s.count,
    sentence: stageSentence(s, ctx),
  }));
  const last = ctx.claim.funnel[ctx.claim.funnel.length - 1];
  const sent = ctx.claim.instanceTypes.length;
  if (last && sent < last.count) {
    out.push({
      stage: 'sent',
      count: sent,
      sentence: `${count(sent)} cheapest written on the NodeClaim (Karpenter keeps at most 600)`,
    });
  }
  return out;
}

const LAUNCH_STAGE: Readonly<Record<string, [string, string]>> = {
  'instance types': ['option on the NodeClaim reaches', 'options on the NodeClaim reach'],
  'compatible + available': ['is', 'are'],
  'exotic filter': ['remains', 'remain'],
  'spot price filter': ['remains', 'remain'],
};
const LAUNCH_TAIL: Readonly<Record<string, string>> = {
  'instance types': 'the cloud provider',
  'compatible + available': 'compatible, with an offering not marked unavailable (ICE cache)',
  'exotic filter': 'after dropping metal and GPU/accelerator types (only when ordinary ones exist)',
  'spot price filter': 'after dropping spot offerings pricier than the cheapest on-demand one',
};

/** The cloud provider's filters (LaunchInfo.filtered) as sentences. */
export function launchStages(
  filtered: readonly { stage: string; remaining: number }[],
): FunnelStageView[] {
  return filtered.map((f) => {
    const n = f.remaining;
    const known = LAUNCH_STAGE[f.stage];
    let sentence: string;
    if (known) sentence = `${verb(n, known[0], known[1])} ${LAUNCH_TAIL[f.stage] ?? ''}`;
    else if (f.stage.startsWith('truncate')) {
      sentence = `${count(n)} kept: at most the ${f.stage.replace(/\D+/g, '') || '60'} cheapest go to CreateFleet`;
    } else if (f.stage.startsWith('capacity type')) {
      const ct = f.stage.slice('capacity type '.length);
      sentence = `${verb(n, 'offers', 'offer')} ${ct}, the capacity type chosen (reserved > spot > on-demand)`;
    } else sentence = `${count(n)} after ${f.stage}`;
    return { stage: f.stage, count: f.remaining, sentence };
  });
}

export function offeringText(o: OfferingView): string {
  return `${o.instanceType} (${o.capacityType}) in ${o.zone} at ${price(o.pricePerHour, o.priceIsEstimate)}`;
}

/** The whole funnel in one line, ending at the launch (or where it stands). */
export function funnelSentence(
  stages: readonly FunnelStageView[],
  chosen: OfferingView | undefined,
  claim: NodeClaimRec,
): string {
  const head = stages.map((s) => s.sentence);
  if (chosen) head.push(`launched ${offeringText(chosen)}`);
  else if (claim.phase === 'Failed')
    head.push(`launch failed: ${claim.error ?? 'insufficient capacity'}`);
  else head.push('not launched yet');
  return head.join(' → ');
}
