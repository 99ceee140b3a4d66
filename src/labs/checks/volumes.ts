// The storage checks of the "StatefulSets, volumes and zones" lab: which zone pods run in compared
// with their volumes, whether claims bound, why a pod is Pending, and how many volumes a node ever
// carried. All read the claim → volume → zone view src/explain/volumes.ts gives the console and UI.
import {
  applyInPlace,
  cloneState,
  formatDuration,
  podReason,
  type ClusterState,
  type PodRec,
  type Timeline,
} from '../../sim/engine/index.ts';
import { LABEL } from '../../sim/labels.ts';
import { claimView, podClaims, type ClaimView } from '../../explain/volumes.ts';
import { getClaim } from '../../sim/storage/claims.ts';
import type { Check } from '../types.ts';
import { kubeEvents, matches, podsMatching, selectorText, stateOf, when } from './facts.ts';

type Verdict = { pass: boolean; message: string };
type VolumeCheck = Extract<
  Check,
  { kind: 'podZone' | 'claimBound' | 'podPending' | 'volumesPerNode' }
>;

const ok = (message: string): Verdict => ({ pass: true, message });
const no = (message: string): Verdict => ({ pass: false, message });

export function volumeCheck(timeline: Timeline, c: VolumeCheck): Verdict {
  switch (c.kind) {
    case 'podZone':
      return podZone(timeline, c);
    case 'claimBound':
      return claimBound(timeline, c);
    case 'podPending':
      return podPending(timeline, c);
    case 'volumesPerNode':
      return volumesPerNode(timeline, c.max);
  }
}

function nodeZone(state: ClusterState, p: PodRec): string | undefined {
  const n = p.nodeName === undefined ? undefined : state.nodes.get(p.nodeName);
  return n?.zone ?? n?.labels[LABEL.zone];
}

const name = (p: PodRec): string => p.pod.metadata.name ?? p.key;

function podZone(timeline: Timeline, c: Extract<Check, { kind: 'podZone' }>): Verdict {
  const state = stateOf(timeline, c.at);
  const pods = podsMatching(state, c.selector);
  const running = pods.filter((p) => p.phase === 'Running');
  if (running.length === 0)
    return no(
      `no pod${selectorText(c.selector)} is Running ${when(c.at)}${pendingNote(state, pods)}`,
    );
  const wrong: string[] = [];
  const placed: string[] = [];
  for (const p of running) {
    const zone = nodeZone(state, p) ?? '?';
    placed.push(`${name(p)} in ${zone}`);
    if (c.zone !== undefined && zone !== c.zone)
      wrong.push(`${name(p)} runs in ${zone}, not ${c.zone}`);
    if (c.sameAsClaim) {
      const claims = podClaims(state, p);
      if (claims.length === 0) wrong.push(`${name(p)} mounts no claim`);
      for (const cl of claims) {
        if (cl.zonesFrom !== 'volume')
          wrong.push(`${name(p)}'s claim ${cl.name} has no volume with a zone (${cl.phase})`);
        else if (!cl.zones.includes(zone))
          wrong.push(
            `${name(p)} runs in ${zone} but its volume ${cl.volume ?? '?'} is in ${cl.zones.join('/')}`,
          );
      }
    }
  }
  if (wrong.length > 0) return no(`${wrong.join('; ')} ${when(c.at)}`);
  return ok(`${placed.join(', ')} ${when(c.at)}${c.sameAsClaim ? ', each with its volume' : ''}`);
}

/** " (web-0 is Pending: …)": why the first not-running pod waits, for a failing check. */
function pendingNote(state: ClusterState, pods: readonly PodRec[]): string {
  const p = pods.find((x) => x.phase !== 'Running');
  return p ? ` (${name(p)} is ${p.phase}: ${podReason(p, state) ?? ''})` : '';
}

function claimsMatching(
  state: ClusterState,
  c: Extract<Check, { kind: 'claimBound' }>,
): ClaimView[] {
  const out: ClaimView[] = [];
  for (const o of state.objects.values()) {
    if (o.kind !== 'PersistentVolumeClaim') continue;
    const ns = o.metadata.namespace ?? 'default';
    const n = o.metadata.name ?? '';
    if (c.name !== undefined ? n === c.name : matches(o.metadata.labels, c.selector))
      out.push(claimView(state, ns, n));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The last event on a claim before `t` ("ProvisioningFailed: …"), which says why it waits. */
function lastClaimEvent(timeline: Timeline, cl: ClaimView, t: number): string | undefined {
  const ref = `persistentvolumeclaim/${cl.namespace}/${cl.name}`;
  const e = kubeEvents(timeline)
    .filter((x) => x.object === ref && x.time <= t)
    .at(-1);
  return e ? `${e.reason}: ${e.message}` : undefined;
}

function claimBound(timeline: Timeline, c: Extract<Check, { kind: 'claimBound' }>): Verdict {
  const state = stateOf(timeline, c.at);
  const claims = claimsMatching(state, c);
  const what = c.name === undefined ? `claim${selectorText(c.selector)}` : `claim ${c.name}`;
  if (claims.length === 0) return no(`no ${what} exists ${when(c.at)}`);
  const bad = claims.filter(
    (cl) => cl.phase !== 'Bound' || (c.zone !== undefined && !cl.zones.includes(c.zone)),
  );
  const describe = (cl: ClaimView): string =>
    cl.phase === 'Bound'
      ? `${cl.name} → ${cl.volume ?? '?'} in ${cl.zones.join('/') || 'no zone'}`
      : `${cl.name} is ${cl.phase}`;
  if (bad.length === 0) return ok(`${claims.map(describe).join(', ')} ${when(c.at)}`);
  const first = bad[0];
  const why =
    first && first.phase !== 'Bound'
      ? lastClaimEvent(timeline, first, c.at ?? timeline.end)
      : undefined;
  return no(
    `${bad.map(describe).join(', ')} ${when(c.at)}${c.zone === undefined ? '' : `, expected in ${c.zone}`}${why ? ` (last event: ${why})` : ''}`,
  );
}

/** Everything said about a pod up to t: its state's message, Karpenter's error, FailedScheduling. */
function podMessages(timeline: Timeline, state: ClusterState, p: PodRec, t: number): string[] {
  const ref = `pod/${p.key}`;
  const events = kubeEvents(timeline)
    .filter((e) => e.object === ref && e.time <= t && e.reason === 'FailedScheduling')
    .map((e) => e.message);
  return [podReason(p, state) ?? '', p.message ?? '', p.error?.message ?? '', ...events].filter(
    Boolean,
  );
}

function podPending(timeline: Timeline, c: Extract<Check, { kind: 'podPending' }>): Verdict {
  const state = stateOf(timeline, c.at);
  const t = c.at ?? timeline.end;
  const pending = podsMatching(state, c.selector).filter(
    (p) => p.phase === 'Pending' && p.nodeName === undefined,
  );
  if (pending.length === 0)
    return no(`no pod${selectorText(c.selector)} is Pending ${when(c.at)}: they all found a node`);
  for (const p of pending) {
    const said = podMessages(timeline, state, p, t);
    const hit = c.message === undefined ? said[0] : said.find((m) => m.includes(c.message ?? ''));
    if (hit !== undefined || c.message === undefined)
      return ok(`${name(p)} is Pending ${when(c.at)}: ${hit ?? 'waiting'}`);
  }
  const p = pending[0];
  const said = p ? podMessages(timeline, state, p, t)[0] : undefined;
  return no(
    `${pending.length} pod(s)${selectorText(c.selector)} Pending ${when(c.at)}, but none for "${c.message ?? ''}"${p ? `; ${name(p)}: ${said ?? 'waiting'}` : ''}`,
  );
}

/** Distinct claims mounted by the pods bound to each node (what the node attaches). */
function claimsPerNode(state: ClusterState): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of state.pods.values()) {
    if (p.nodeName === undefined) continue;
    const ns = p.pod.metadata.namespace ?? 'default';
    for (const cl of podClaims(state, p)) {
      if (!getClaim(state.objects, ns, cl.name)) continue;
      const set = out.get(p.nodeName) ?? new Set<string>();
      set.add(`${ns}/${cl.name}`);
      out.set(p.nodeName, set);
    }
  }
  return out;
}

function volumesPerNode(timeline: Timeline, max: number): Verdict {
  const state = cloneState(timeline.initial);
  let peak = 0;
  let peakAt = 0;
  let peakNode = '';
  const look = (t: number): void => {
    for (const [node, set] of claimsPerNode(state))
      if (set.size > peak) {
        peak = set.size;
        peakAt = t;
        peakNode = node;
      }
  };
  look(0);
  for (const e of timeline.events) {
    applyInPlace(state, e);
    if (e.type === 'pod.bound') look(e.t);
  }
  const where =
    peak === 0
      ? 'no node carried a volume'
      : `at most ${peak} on ${peakNode} at ${formatDuration(peakAt)}`;
  return peak <= max ? ok(where) : no(`${where}, more than ${max}`);
}
