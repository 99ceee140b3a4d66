// explainPod: where a pod went and why (nominated by Karpenter in a batch, bound by kube-scheduler,
// started), or why it is Pending — one row per NodePool with our sentence beside Karpenter's text.
import { stateAt, type ClusterState, type PodRec, type Timeline } from '../sim/engine/index.ts';
import type { PodError } from '../sim/scheduling/types.ts';
import { allowedTypes, resourceGaps } from './catalog.ts';
import { claimRef, clock, podRequests } from './format.ts';
import { gapPhrase, gapsFor, kindClause, reasonSentence, type ReasonContext } from './reasons.ts';
import type { ExplainOptions, Moment, PendingRow, PodExplanation } from './types.ts';
import { explainPodVolumes } from './podVolumes.ts';
import { exceededMessage } from '../sim/scheduling/limits.ts';
import { notReadyPools } from '../sim/engine/nodePoolReady.ts';

interface PodHistory {
  created?: PodRec;
  journey: Moment[];
  lastError?: PodError;
  lastKubeMessage?: string;
  nominatedAt?: number;
  /** The last NodeClaim Karpenter nominated the pod to (it may have failed since). */
  nominatedTo?: string;
  deletedAt?: number;
  /** Karpenter's last word on the pod was a planned NodeClaim that Create refused (a limit). */
  refused?: { nodePool: string; message: string };
}

/** One pass over the events up to t: the pod's moments, deduplicated. */
function history(timeline: Timeline, t: number, key: string): PodHistory {
  const h: PodHistory = { journey: [] };
  const at = (label: string, ms: number, detail?: string): void => {
    h.journey.push({ label, at: ms, text: clock(ms), ...(detail === undefined ? {} : { detail }) });
  };
  let lastErrorText: string | undefined;
  // The Karpenter of the moment names its NodeClaims (v0.31's are Machines).
  let semantics = timeline.initial.karpenter.semantics;
  for (const e of timeline.events) {
    if (e.t > t) break;
    switch (e.type) {
      case 'karpenter.changed':
        semantics = e.karpenter.semantics;
        break;
      case 'pod.created':
        if (e.pod.key !== key) break;
        h.created = e.pod;
        at('Created', e.t, e.pod.owner ? `by ${e.pod.owner}` : undefined);
        break;
      case 'pod.unschedulable':
        if (e.pod !== key) break;
        if (e.error) {
          delete h.refused;
          h.lastError = e.error;
          if (e.error.message !== lastErrorText)
            at('Karpenter could not place it', e.t, e.error.message);
          lastErrorText = e.error.message;
        } else {
          if (h.lastKubeMessage === undefined) at('kube-scheduler found no node', e.t, e.message);
          h.lastKubeMessage = e.message;
        }
        break;
      case 'nodeclaim.refused': {
        if (!e.pods.includes(key)) break;
        const message = exceededMessage(e);
        if (h.refused === undefined) at('Karpenter could not create its NodeClaim', e.t, message);
        h.refused = { nodePool: e.nodePool, message };
        delete h.lastError;
        lastErrorText = undefined;
        break;
      }
      case 'pod.nominated':
        if (e.pod !== key) break;
        delete h.refused;
        h.nominatedAt = e.t;
        h.nominatedTo = e.nodeClaim;
        // An error from before this nomination no longer describes the pod.
        delete h.lastError;
        lastErrorText = undefined;
        // Karpenter's plan for the pod (its in-memory nomination); the Nominated event that
        // says so is rate-limited (about 10 at once, then 5 a second), so kubectl may not show it.
        at(
          'Karpenter planned it on a NodeClaim',
          e.t,
          `${claimRef(semantics, e.nodeClaim)}, in the provisioning batch at ${clock(e.t)} (its Nominated event may be one Karpenter's rate limit dropped)`,
        );
        break;
      case 'pod.bound':
        if (e.pod !== key) break;
        delete h.refused;
        at('Bound by kube-scheduler', e.t, `to node/${e.node}`);
        break;
      case 'pod.running':
        if (e.pod === key) at('Started', e.t);
        break;
      case 'pod.failed':
        if (e.pod === key) at('Failed', e.t, `${e.reason}: ${e.message}`);
        break;
      case 'pod.terminating':
        if (e.pod === key) at('Terminating', e.t);
        break;
      case 'pod.deleted':
        if (e.pod !== key) break;
        h.deletedAt = e.t;
        at('Deleted', e.t);
        break;
      default:
        break;
    }
  }
  return h;
}

function pendingRows(
  rec: PodRec,
  error: PodError | undefined,
  h: PodHistory,
  ctx: ReasonContext,
): PendingRow[] {
  if (!ctx.state.karpenter.installed) {
    return [
      {
        nodePool: '',
        kind: 'notInstalled',
        sentence:
          'Karpenter is not installed, so nothing creates nodes for pending pods: the pod waits for room on existing nodes. Install Karpenter (helm install …) to provision for it.',
        karpenterMessage: h.lastKubeMessage ?? rec.message ?? '',
      },
    ];
  }
  const lost = h.nominatedTo === undefined ? undefined : ctx.state.nodeClaims.get(h.nominatedTo);
  if (!error && lost && (lost.phase === 'Failed' || lost.phase === 'Deleted')) {
    const why =
      lost.phase === 'Failed'
        ? `its launch failed (${lost.error ?? 'insufficient capacity'})`
        : 'it was deleted';
    return [
      {
        nodePool: lost.nodePool,
        kind: 'launchFailed',
        sentence: `Karpenter chose ${claimRef(ctx.state.karpenter.semantics, lost.name)} for this pod, but ${why}. The pod goes into the next provisioning batch; offerings that failed stay marked unavailable for 3 minutes.`,
        karpenterMessage: lost.error ?? '',
      },
    ];
  }
  if (h.refused) {
    return [
      {
        nodePool: h.refused.nodePool,
        kind: 'refused',
        sentence: `Karpenter found room for it on a new NodeClaim of NodePool ${h.refused.nodePool}, but refused to create that NodeClaim: the pool already uses more than a limit allows (Karpenter checks spec.limits against the pool's usage before it creates each NodeClaim). The pod stays Pending until a node of the pool goes away or the limit is raised.`,
        karpenterMessage: h.refused.message,
      },
    ];
  }
  if (!error) {
    return [
      {
        nodePool: '',
        kind: 'waiting',
        sentence:
          'Karpenter has not decided yet: it waits for the provisioning batch to close (by default 1 s without new pods, at most 10 s) before it solves.',
        karpenterMessage: '',
      },
    ];
  }
  return error.perNodePool.map((r) => ({
    nodePool: r.nodePool,
    kind: r.kind,
    sentence: reasonSentence(r, ctx),
    karpenterMessage: r.message,
  }));
}

function pendingHeadline(rows: readonly PendingRow[], ctx: ReasonContext): string {
  const [first] = rows;
  if (!first) return 'Pending.';
  if (first.kind === 'notInstalled')
    return 'Pending: Karpenter is not installed, so no node will be created for it.';
  if (first.kind === 'launchFailed') return `Pending: ${first.sentence}`;
  if (first.kind === 'refused')
    return `Pending: Karpenter planned a NodeClaim of NodePool ${first.nodePool} for it, but the pool is over its limits, so it was not created.`;
  if (first.kind === 'waiting')
    return 'Pending: waiting for Karpenter’s provisioning batch to close.';
  if (first.kind === 'ignored')
    return `Karpenter ignores this pod: ${first.sentence.charAt(0).toLowerCase()}${first.sentence.slice(1)}`;
  if (first.kind === 'noNodePool') {
    if (ctx.state.nodePools.size === 0)
      return 'No NodePool can run this pod: there is no NodePool.';
    return notReadyPools(ctx.state).length > 0
      ? 'No NodePool can run this pod: no NodePool is Ready (its node class does not exist).'
      : 'No NodePool can run this pod: no NodePool has a usable instance type.';
  }
  const catalog = ctx.catalog;
  if (rows.every((r) => r.kind === 'resources') && catalog) {
    // "the largest allowed type" across every pool that rejected it for size.
    const types = rows.flatMap((r) => allowedTypes(catalog, ctx.state.nodePools.get(r.nodePool)));
    const gaps = resourceGaps(ctx.pod.requests, types);
    if (gaps.length > 0) return `No NodePool can run this pod: ${gapPhrase(gaps)}.`;
  }
  const parts = rows.map((r) => {
    const gaps = r.kind === 'resources' ? gapsFor(ctx, r.nodePool) : undefined;
    const detail = gaps && gaps.length > 0 ? ` (${gapPhrase(gaps)})` : '';
    return `${r.nodePool} — ${kindClause(r.kind)}${detail}`;
  });
  return `No NodePool can run this pod: ${parts.join('; ')}.`;
}

function placement(rec: PodRec, state: ClusterState): PodExplanation['placement'] {
  const node = rec.nodeName === undefined ? undefined : state.nodes.get(rec.nodeName);
  const claimName = node?.nodeClaim ?? rec.nominatedTo;
  const claim = claimName === undefined ? undefined : state.nodeClaims.get(claimName);
  if (!node && !claim) return undefined;
  const instanceType = node?.instanceType ?? claim?.launch?.instanceType;
  const nodePool = node?.nodePool ?? claim?.nodePool;
  return {
    ...(claimName === undefined ? {} : { nodeClaim: claimName }),
    ...(rec.nodeName === undefined ? {} : { node: rec.nodeName }),
    ...(nodePool === undefined ? {} : { nodePool }),
    ...(instanceType === undefined ? {} : { instanceType }),
  };
}

function placedHeadline(rec: PodRec, state: ClusterState, h: PodHistory): string {
  const where = placement(rec, state);
  const on = [where?.instanceType, where?.nodePool ? `NodePool ${where.nodePool}` : undefined]
    .filter(Boolean)
    .join(', ');
  const how =
    h.nominatedAt !== undefined
      ? `Karpenter nominated it to ${claimRef(state.karpenter.semantics, h.nominatedTo ?? where?.nodeClaim ?? '?')} in the batch at ${clock(h.nominatedAt)}; kube-scheduler bound it once the node was Ready`
      : 'kube-scheduler bound it to a node that already had room';
  if (rec.phase === 'Running') {
    return `Running on ${rec.nodeName ?? '?'}${on ? ` (${on})` : ''} since ${clock(rec.startedAt ?? 0)}: ${how}.`;
  }
  return `Bound to ${rec.nodeName ?? '?'}${on ? ` (${on})` : ''} at ${clock(rec.boundAt ?? 0)}, its containers are starting: ${how}.`;
}

export function explainPod(
  timeline: Timeline,
  t: number,
  podKey: string,
  opts: ExplainOptions = {},
): PodExplanation | undefined {
  const state = stateAt(timeline, t);
  const h = history(timeline, t, podKey);
  const rec = state.pods.get(podKey) ?? h.created;
  if (!rec) return undefined;
  const deleted = !state.pods.has(podKey);
  const base = {
    kind: 'pod' as const,
    title: `pod/${podKey}`,
    key: podKey,
    phase: deleted ? 'Deleted' : rec.phase,
    ...(rec.owner === undefined ? {} : { owner: rec.owner }),
    requests: podRequests(rec.requests),
    journey: h.journey,
    notes: [] as string[],
  };
  const where = placement(rec, state);
  const volumes = explainPodVolumes(timeline, state, rec, t);
  const withPlacement = {
    ...base,
    ...(where ? { placement: where } : {}),
    ...(volumes ? { volumes } : {}),
  };
  if (deleted) return { ...withPlacement, headline: `Deleted at ${clock(h.deletedAt ?? t)}.` };
  if (rec.phase === 'Failed')
    return { ...withPlacement, headline: `Failed: ${rec.reason ?? ''}: ${rec.message ?? ''}` };
  if (rec.phase === 'Terminating')
    return { ...withPlacement, headline: `Terminating on ${rec.nodeName ?? 'no node'}.` };
  if (rec.nodeName !== undefined)
    return { ...withPlacement, headline: placedHeadline(rec, state, h) };
  if (rec.nominatedTo !== undefined) {
    const claim = state.nodeClaims.get(rec.nominatedTo);
    return {
      ...withPlacement,
      headline: `Waiting for ${claimRef(state.karpenter.semantics, rec.nominatedTo)} (${claim?.phase ?? 'unknown'}${claim?.launch ? `, ${claim.launch.instanceType}` : ''}): Karpenter chose it in the batch at ${clock(h.nominatedAt ?? t)}; kube-scheduler binds the pod once the node is Ready.`,
    };
  }
  if (rec.daemonSet) {
    return {
      ...withPlacement,
      headline:
        'A DaemonSet pod waits for its node; Karpenter counts it as overhead and never provisions for it.',
    };
  }
  const ctx: ReasonContext = { pod: rec, state, catalog: opts.catalog };
  // A refused NodeClaim is newer than any error the pod carries from an earlier batch.
  const error = h.refused ? undefined : (rec.error ?? h.lastError);
  const rows = pendingRows(rec, error, h, ctx);
  if (!opts.catalog && rows.some((r) => r.kind === 'resources')) {
    base.notes.push(
      'Pass the run’s catalog (explainCatalog) to compare the request with the largest instance type.',
    );
  }
  return {
    ...withPlacement,
    headline: pendingHeadline(rows, ctx),
    pending: {
      rows,
      ...(error ? { karpenterMessage: error.message } : {}),
      ...(h.lastKubeMessage === undefined ? {} : { kubeSchedulerMessage: h.lastKubeMessage }),
    },
  };
}
