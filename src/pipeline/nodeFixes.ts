// "What would let Karpenter consolidate it": for a node Karpenter keeps at the end of a run
// because something blocks it (a do-not-disrupt annotation, a PodDisruptionBudget with no
// disruption left, consolidation turned off for its pool, a budget of 0), the edits of the
// workspace that lift that block, each checked by simulating the edited workspace to its end with
// the same seed. An edit is offered only when the run it leads to ends cheaper, with no fewer pods
// Running: lifting a block Karpenter then has no use for (the node is still the cheapest place
// for its pods) is not a fix, and the list says so.
import type { ObjectRef } from '../manifests/index.ts';
import { explainNode } from '../sim/disruption/explain.ts';
import { vocabulary } from '../sim/disruption/annotations.ts';
import type { ExplanationState } from '../sim/disruption/explanation.ts';
import { costAt, type ClusterState } from '../sim/engine/index.ts';
import type { KubeObject, NodePool, PodDisruptionBudget } from '../sim/k8s.ts';
import { selectorMatches } from '../sim/scheduling/selectors.ts';
import {
  editedRuns,
  named,
  pairOf,
  removeKey,
  MAX_CANDIDATES,
  MAX_FIX_PODS,
  podSpecOf,
  refOf,
  runText,
  writtenObject,
  type FixCandidate,
  type FixOptions,
  type RunEnd,
} from './fixes.ts';

export interface NodeFix extends FixCandidate {
  /** $/h and Running pods at the end of the edited run, and of the run as it is. */
  costPerHour: number;
  baseCostPerHour: number;
  running: number;
  baseRunning: number;
}

export interface NodeFixReport {
  /** What Karpenter thinks of the node at the end of the run as it is. */
  state: ExplanationState;
  sentence: string;
  tried: number;
  fixes: NodeFix[];
  /** Edits that lift the block but leave the run no cheaper (or with fewer pods Running);
   *  costPerHour undefined: the edit left the workspace invalid. */
  failed: { title: string; costPerHour?: number; running?: number }[];
  tooLarge?: true;
  /** Of `tried`, how many were two lifts together. */
  pairs?: number;
}

const runningPods = (s: ClusterState): number =>
  [...s.pods.values()].filter((p) => p.phase === 'Running').length;

/** The edits that lift what keeps the node (its state at the end of the run). `written`: the
 *  workspace's objects as its text has them. */
export function nodeFixCandidates(
  state: ClusterState,
  nodeName: string,
  written: readonly KubeObject[],
): FixCandidate[] {
  const e = explainNode(state, nodeName);
  const node = state.nodes.get(nodeName);
  if (!node) return [];
  const out: FixCandidate[] = [];
  const add = (c: FixCandidate) => {
    if (!out.some((x) => x.title === c.title)) out.push(c);
  };
  const vocab = vocabulary(state.karpenter);
  const pods = [...state.pods.values()].filter((p) => p.nodeName === nodeName);
  const poolName = node.nodePool ?? '';
  const pool = writtenObject(written, 'NodePool', poolName) as NodePool | undefined;
  const poolRef: ObjectRef = { kind: 'NodePool', name: poolName };
  switch (e.state) {
    case 'blocked': {
      if (e.reason.includes('annotation')) {
        for (const p of pods) {
          if (p.pod.metadata.annotations?.[vocab.podBlock] === undefined) continue;
          const owner = podSpecOf(written, p);
          if (!owner) continue;
          // The pod's metadata sits beside its spec: the template's, or the Pod's own.
          const meta = owner.at.length > 1 ? [...owner.at.slice(0, -1), 'metadata'] : ['metadata'];
          const o = writtenObject(written, owner.ref.kind, owner.ref.name, owner.ref.namespace);
          const annotations = meta.reduce<unknown>(
            (v, k) => (v as Record<string, unknown> | undefined)?.[k],
            o,
          ) as { annotations?: Record<string, string> } | undefined;
          if (annotations?.annotations?.[vocab.podBlock] === undefined) continue;
          add({
            title: `Remove the ${vocab.podBlock} annotation from ${owner.ref.kind} "${named(owner.ref)}"'s pods`,
            target: owner.ref,
            ops: [removeKey(annotations.annotations, [...meta, 'annotations'], vocab.podBlock)],
          });
        }
        const poolAnnotations = pool?.spec.template.metadata?.annotations;
        if (pool && poolAnnotations?.[vocab.nodeBlock] !== undefined)
          add({
            title: `Remove the ${vocab.nodeBlock} annotation from NodePool "${poolName}"'s nodes`,
            target: poolRef,
            ops: [
              removeKey(
                poolAnnotations,
                ['spec', 'template', 'metadata', 'annotations'],
                vocab.nodeBlock,
              ),
            ],
          });
      }
      // Karpenter names the first block it meets; a PDB over the same pods may be a second one
      // (lifted together, as a pair, below).
      if (!e.reason.includes('multiple PDBs')) {
        for (const o of state.objects.values()) {
          if (o.kind !== 'PodDisruptionBudget') continue;
          const pdb = o as PodDisruptionBudget;
          const ns = pdb.metadata.namespace ?? 'default';
          const covers = pods.some(
            (p) =>
              (p.pod.metadata.namespace ?? 'default') === ns &&
              selectorMatches(pdb.spec.selector, p.pod.metadata.labels),
          );
          const w = writtenObject(written, 'PodDisruptionBudget', pdb.metadata.name ?? '', ns) as
            PodDisruptionBudget | undefined;
          if (!covers || !w) continue;
          add({
            title: `Let PodDisruptionBudget "${named(refOf(w))}" allow one of its pods down at a time (maxUnavailable: 1)`,
            target: refOf(w),
            ops: [
              ...(w.spec.minAvailable === undefined
                ? []
                : [{ op: 'remove' as const, path: ['spec', 'minAvailable'] }]),
              { op: 'set', path: ['spec', 'maxUnavailable'], value: 1 },
            ],
          });
        }
      }
      break;
    }
    case 'disabled': {
      if (state.karpenter.semantics === 'v1alpha5') {
        const prov = writtenObject(written, 'Provisioner', poolName) as
          (KubeObject & { spec?: { ttlSecondsAfterEmpty?: number } }) | undefined;
        if (prov)
          add({
            title: `Turn consolidation on for Provisioner "${poolName}" (consolidation.enabled: true${prov.spec?.ttlSecondsAfterEmpty === undefined ? '' : '; its ttlSecondsAfterEmpty goes, as the API refuses both'})`,
            target: refOf(prov),
            ops: [
              // The API refuses both together.
              ...(prov.spec?.ttlSecondsAfterEmpty === undefined
                ? []
                : [{ op: 'remove' as const, path: ['spec', 'ttlSecondsAfterEmpty'] }]),
              { op: 'set', path: ['spec', 'consolidation', 'enabled'], value: true },
            ],
          });
        break;
      }
      if (!pool) break;
      const d = pool.spec.disruption;
      if (d?.consolidationPolicy === 'WhenEmpty')
        add({
          title: `Let NodePool "${poolName}" consolidate nodes that are not empty (consolidationPolicy: WhenEmptyOrUnderutilized)`,
          target: poolRef,
          ops: [
            {
              op: 'set',
              path: ['spec', 'disruption', 'consolidationPolicy'],
              value: 'WhenEmptyOrUnderutilized',
            },
          ],
        });
      if (d?.consolidateAfter === 'Never')
        add({
          title: `Turn consolidation on for NodePool "${poolName}" (consolidateAfter: 0s instead of Never)`,
          target: poolRef,
          ops: [{ op: 'set', path: ['spec', 'disruption', 'consolidateAfter'], value: '0s' }],
        });
      break;
    }
    case 'budget':
      if (pool?.spec.disruption?.budgets !== undefined)
        add({
          title: `Remove NodePool "${poolName}"'s disruption budgets (Karpenter's default then allows 10% of its nodes at a time)`,
          target: poolRef,
          ops: [{ op: 'remove', path: ['spec', 'disruption', 'budgets'] }],
        });
      break;
    default:
      break;
  }
  return out.slice(0, MAX_CANDIDATES);
}

/** Whether what keeps the node is something an edit can lift (a do-not-disrupt annotation or a
 *  PDB, not a node still starting; consolidation off; a budget of 0). */
export function liftable(e: { state: string; reason: string }): boolean {
  if (e.state === 'disabled' || e.state === 'budget') return true;
  return e.state === 'blocked' && /annotation|pdb/.test(e.reason);
}

/**
 * The node's fixes given a run as it is (`base`) and the workspace's objects as written: each
 * candidate edit is run by `runEdited` (undefined: the edit left the workspace invalid) and kept
 * when that run ends cheaper with no fewer pods Running, cheapest first. Where the runs come from
 * is the caller's: one workspace text (the page), or the CLI's files (`--fixes`).
 */
export function verifyNodeFixes(
  base: RunEnd,
  nodeName: string,
  written: readonly KubeObject[],
  runEdited: (c: FixCandidate) => RunEnd | undefined,
  onProgress?: FixOptions['onProgress'],
): NodeFixReport {
  const e = explainNode(base.final, nodeName);
  const report: NodeFixReport = {
    state: e.state,
    sentence: e.sentence,
    tried: 0,
    fixes: [],
    failed: [],
  };
  if (base.final.pods.size > MAX_FIX_PODS) return { ...report, tooLarge: true };
  const candidates = nodeFixCandidates(base.final, nodeName, written);
  const baseCost = costAt(base.final, base.end).perHour;
  const baseRunning = runningPods(base.final);
  const attempt = (c: FixCandidate, total: number) => {
    onProgress?.(report.tried, total, `trying: ${c.title}`);
    report.tried++;
    const after = runEdited(c);
    if (!after) {
      report.failed.push({ title: c.title });
      return;
    }
    const costPerHour = costAt(after.final, after.end).perHour;
    const running = runningPods(after.final);
    // A cent a month is no saving: prices are compared to a thousandth of a cent an hour.
    if (costPerHour < baseCost - 1e-5 && running >= baseRunning)
      report.fixes.push({ ...c, costPerHour, baseCostPerHour: baseCost, running, baseRunning });
    else report.failed.push({ title: c.title, costPerHour, running });
  };
  for (const c of candidates) attempt(c, candidates.length);
  // Two blocks on one node (a do-not-disrupt pod and a PDB, WhenEmpty and Never): no lift alone
  // saves anything, so the lifts are tried two at a time.
  if (report.fixes.length === 0 && candidates.length > 1) {
    const pairs: FixCandidate[] = [];
    candidates.forEach((a, i) => candidates.slice(i + 1).forEach((b) => pairs.push(pairOf(a, b))));
    const chosen = pairs.slice(0, MAX_CANDIDATES);
    for (const c of chosen) attempt(c, candidates.length + chosen.length);
    report.pairs = chosen.length;
  }
  report.fixes.sort((a, b) => a.costPerHour - b.costPerHour || a.title.localeCompare(b.title));
  return report;
}

/**
 * Runs the workspace; if the node is still up at the end and something blocks it, each edit that
 * lifts the block: the ones after which the run ends cheaper with no fewer pods Running,
 * cheapest first.
 */
export function suggestNodeFixes(text: string, nodeName: string, opts: FixOptions): NodeFixReport {
  const base = runText(text, opts);
  return verifyNodeFixes(
    base.run(),
    nodeName,
    base.ws.objects.map((o) => o.object),
    editedRuns(text, opts),
    opts.onProgress,
  );
}
