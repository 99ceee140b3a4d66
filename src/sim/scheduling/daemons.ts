// DaemonSet overhead (§1.8). v1.14 groups a template's instance types by the set of DaemonSet pods
// that would run on them (an arm64-only agent adds nothing to amd64 types), so each type is checked
// against its own overhead; ≤ v1.13 used one overhead per template. Worked example: a 1-CPU DS
// restricted to arch=arm64 on a pool allowing both archs → arm64 types carry 1 CPU extra, amd64 none.
import type { DaemonSet, Pod, Taint } from '../k8s.ts';
import { WELL_KNOWN_LABELS } from '../labels.ts';
import type { Requirements } from '../requirements.ts';
import type { Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import { HostPortUsage, hostPorts } from './hostports.ts';
import { requestsForPods } from './podrequests.ts';
import { podRequirements } from './podrequirements.ts';
import { relax, toleratePreferNoSchedule } from './preferences.ts';
import { typeCompatible } from './reqfast.ts';
import { toleratesAll } from './taints.ts';
import type { StateNode } from './types.ts';

export interface DaemonGroup {
  readonly types: readonly InstanceType[];
  /** Sum of the group's DaemonSet pod requests (with `pods`); {} when none apply. */
  readonly overhead: Resources;
  /** The DaemonSet pods' host ports, which a workload pod must not clash with. */
  readonly ports: HostPortUsage;
}

function ownedByDaemonSet(p: Pod, ds: DaemonSet): boolean {
  return (p.metadata.ownerReferences ?? []).some(
    (o) => o.kind === 'DaemonSet' && o.name === ds.metadata.name,
  );
}

/** One pod per DaemonSet: a live pod from cluster state when there is one (with the template's
 *  required node affinity re-applied), else a pod made from the template. */
/** The first pod of the DaemonSet on any node, in node order. */
function firstLive(nodes: readonly StateNode[], ds: DaemonSet): Pod | undefined {
  for (const n of nodes) for (const p of n.pods) if (ownedByDaemonSet(p, ds)) return p;
  return undefined;
}

/** The last answer: every solve of a disruption pass asks with the same DaemonSets and, mostly,
 *  the same live pods, and handing back the same Pod objects lets per-node work be reused. */
let last: { sets: readonly DaemonSet[]; lives: (Pod | undefined)[]; pods: Pod[] } | undefined;

/** Read-only for callers: the same array may be handed to later solves. */
export function daemonSetPods(
  daemonSets: readonly DaemonSet[],
  nodes: readonly StateNode[],
): readonly Pod[] {
  const lives = daemonSets.map((ds) => firstLive(nodes, ds));
  const l = last;
  if (
    l &&
    l.sets.length === daemonSets.length &&
    daemonSets.every((ds, i) => ds === l.sets[i] && lives[i] === l.lives[i])
  )
    return l.pods;
  const pods = daemonSets.map((ds, i) => daemonPodFor(ds, lives[i]));
  last = { sets: [...daemonSets], lives, pods };
  return pods;
}

function daemonPodFor(ds: DaemonSet, live: Pod | undefined): Pod {
  const tmpl = ds.spec.template;
  const namespace = ds.metadata.namespace ?? 'default';
  if (live) {
    const required =
      tmpl.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const nodeAffinity = { ...live.spec.affinity?.nodeAffinity };
    if (required) nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = required;
    else delete nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    return { ...live, spec: { ...live.spec, affinity: { ...live.spec.affinity, nodeAffinity } } };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: ds.metadata.name ?? 'daemonset',
      namespace,
      labels: { ...tmpl.metadata?.labels },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: ds.metadata.name ?? '',
          controller: true,
        },
      ],
    },
    spec: tmpl.spec,
  } satisfies Pod;
}

/** isDaemonPodCompatible: taints (PreferNoSchedule auto-tolerated), then each required node
 *  affinity term in turn against the template (well-known keys may be undefined) and the type. */
export function daemonPodCompatible(
  taints: readonly Taint[],
  templateReqs: Requirements,
  it: InstanceType | undefined,
  dsPod: Pod,
  wellKnown: ReadonlySet<string> = WELL_KNOWN_LABELS,
): boolean {
  let pod = toleratePreferNoSchedule(dsPod)?.pod ?? dsPod;
  if (!toleratesAll(taints, pod.spec.tolerations)) return false;
  for (;;) {
    const reqs = podRequirements(pod, true);
    if (templateReqs.compatible(reqs, wellKnown) === undefined && (!it || typeCompatible(it, reqs)))
      return true;
    const terms =
      pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        ?.nodeSelectorTerms ?? [];
    if (terms.length <= 1) return false;
    const next = relax(pod, false);
    if (!next) return false;
    pod = next.pod;
  }
}

function makeGroup(types: InstanceType[], pods: Pod[]): DaemonGroup {
  const ports = new HostPortUsage();
  for (const p of pods) ports.add(p, hostPorts(p));
  return { types, overhead: pods.length > 0 ? requestsForPods(pods) : {}, ports };
}

function key(p: Pod): string {
  return `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`;
}

export function buildDaemonGroups(
  taints: readonly Taint[],
  templateReqs: Requirements,
  types: readonly InstanceType[],
  dsPods: readonly Pod[],
  perTypeGroup: boolean,
  wellKnown: ReadonlySet<string> = WELL_KNOWN_LABELS,
): DaemonGroup[] {
  if (!perTypeGroup) {
    const pods = dsPods.filter((p) =>
      daemonPodCompatible(taints, templateReqs, undefined, p, wellKnown),
    );
    return [makeGroup([...types], pods)];
  }
  const groups = new Map<string, { types: InstanceType[]; pods: Pod[] }>();
  for (const it of types) {
    const pods = dsPods.filter((p) => daemonPodCompatible(taints, templateReqs, it, p, wellKnown));
    const k = pods.map(key).sort().join(',');
    const g = groups.get(k);
    if (g) g.types.push(it);
    else groups.set(k, { types: [it], pods });
  }
  return [...groups.values()].map((g) => makeGroup(g.types, g.pods));
}
