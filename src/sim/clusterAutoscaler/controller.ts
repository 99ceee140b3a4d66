// Cluster Autoscaler's main loop (static_autoscaler.go RunOnce), run by the engine through the
// disruption seam every --scan-interval: scale-up for unschedulable pods, else scale-down of nodes
// unneeded long enough. The ASG is modelled here too: it launches an instance asgLaunchDelay after
// CA raises its desired capacity (balanced over its zones), then the engine's NodeClaim lifecycle
// boots it like any other node. Everything goes through the DisruptionContext, so every step is an
// ordinary timeline event.
import { Requirements } from '../requirements.ts';
import { LABEL } from '../labels.ts';
import { addResources } from '../quantity.ts';
import type { DisruptionContext, DisruptionController } from '../engine/disruption.ts';
import { formatDuration } from '../engine/duration.ts';
import type { ClusterState, NodeClaimRec, PodRec } from '../engine/state.ts';
import type { NodeClaimPlan } from '../scheduling/types.ts';
import type { ClusterAutoscalerConfig } from './config.ts';
import { nodeGroupOf, TemplateFactory, type NodeGroup } from './nodeGroup.ts';
import { planScaleUp } from './scaleUp.ts';
import { findUnneeded, type NodeVerdict, type UnremovableReason } from './scaleDown.ts';

/** CA's events about the group go to its status ConfigMap. */
export const STATUS_CONFIGMAP = 'configmap/kube-system/cluster-autoscaler-status';
/** The taint CA puts on a node it is removing (deletetaint.ToBeDeletedTaint). */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';

export interface ClusterAutoscaler extends DisruptionController {
  readonly config: ClusterAutoscalerConfig;
  /** Why the group cannot scale (unknown instance type, no offering), once the first scan saw it. */
  readonly problems: readonly string[];
  /** The last scan's verdict for each Ready node of the group that is staying (CA's status). */
  unremovable(): ReadonlyMap<string, { reason: UnremovableReason; detail: string }>;
}

type Launch = { pods: PodRec[] };

export function clusterAutoscaler(config: ClusterAutoscalerConfig): ClusterAutoscaler {
  const g = config.nodeGroup;
  const problems: string[] = [];
  let group: NodeGroup | undefined;
  let checked = false;
  let pendingLaunches = 0;
  let lastScaleUp = -Infinity;
  const unneededSince = new Map<string, number>();
  /** Nodes CA is removing (node → whether it had pods to move), until the instance is gone. */
  const removing = new Map<string, boolean>();
  /** Zone → until: the ASG avoids a zone where a launch just failed (one ICE TTL). */
  const failedZones = new Map<string, number>();
  const seenFailed = new Set<string>();
  const notTriggered = new Map<string, string>();
  let unremovable = new Map<string, { reason: UnremovableReason; detail: string }>();
  let keptAliveTo = -1;

  const claims = (s: ClusterState): NodeClaimRec[] =>
    [...s.nodeClaims.values()].filter(
      (c) => c.nodePool === g && c.phase !== 'Deleted' && c.phase !== 'Failed',
    );

  function observe(ctx: DisruptionContext): void {
    for (const node of [...removing.keys()]) {
      if (ctx.state.nodes.get(node)?.terminatedAt === undefined) continue;
      removing.delete(node);
      ctx.event('Normal', 'ScaleDown', `node/${node}`, 'nodes removed by cluster autoscaler');
    }
    for (const key of [...notTriggered.keys()])
      if (!ctx.state.pods.has(key)) notTriggered.delete(key);
    for (const c of ctx.state.nodeClaims.values()) {
      if (c.nodePool !== g || c.phase !== 'Failed' || seenFailed.has(c.name)) continue;
      seenFailed.add(c.name);
      const zone = c.requirements.find((r) => r.key === LABEL.zone)?.values?.[0];
      if (zone !== undefined) failedZones.set(zone, ctx.now + ctx.timings.iceTtl);
    }
  }

  /** The ASG picks the zone with the fewest of its instances (AZ balancing), skipping failed ones. */
  function pickZone(ctx: DisruptionContext, grp: NodeGroup): string {
    const count = new Map(grp.zones.map((z) => [z, 0]));
    for (const c of claims(ctx.state)) {
      const z = c.launch?.zone ?? c.requirements.find((r) => r.key === LABEL.zone)?.values?.[0];
      if (z !== undefined && count.has(z)) count.set(z, (count.get(z) ?? 0) + 1);
    }
    const ok = grp.zones.filter((z) => (failedZones.get(z) ?? 0) <= ctx.now);
    const pool = ok.length > 0 ? ok : grp.zones;
    return pool.reduce((best, z) => ((count.get(z) ?? 0) < (count.get(best) ?? 0) ? z : best));
  }

  function launch(ctx: DisruptionContext, grp: NodeGroup, nodes: readonly Launch[]): void {
    pendingLaunches += nodes.length;
    ctx.after(config.asgLaunchDelay, 'ca.asg-launch', () => {
      pendingLaunches -= nodes.length;
      const templates = new TemplateFactory(grp, ctx.state);
      for (const n of nodes) {
        const pods = n.pods.filter((p) => ctx.state.pods.get(p.key)?.uid === p.uid);
        const zone = pickZone(ctx, grp);
        const plan: NodeClaimPlan = {
          nodePool: g,
          hostname: `${g}-template`,
          requirements: Requirements.from([
            { key: LABEL.instanceType, operator: 'In', values: [grp.type.name] },
            { key: LABEL.capacityType, operator: 'In', values: [config.capacityType] },
            { key: LABEL.zone, operator: 'In', values: [zone] },
          ]),
          instanceTypes: [grp.type],
          requests: addResources(templates.daemonOverhead, ...pods.map((p) => p.requests)),
          daemonOverhead: templates.daemonOverhead,
          pods: pods.map((p) => p.pod),
          labels: {},
          taints: [],
          startupTaints: [],
          funnel: [],
        };
        ctx.createNodeClaims([plan], 'ScaleUp');
      }
    });
  }

  /** Keeps a run "until quiet" going to the scan after `wake` (a countdown would end unseen). */
  function keepAliveUntil(ctx: DisruptionContext, wake: number): void {
    const at = Math.ceil(wake / config.scanInterval) * config.scanInterval + 1;
    if (at <= ctx.now || at <= keptAliveTo) return;
    keptAliveTo = at;
    ctx.after(at - ctx.now, 'ca.countdown', () => {});
  }

  function scaleUp(ctx: DisruptionContext, grp: NodeGroup, size: number): boolean {
    const live = claims(ctx.state);
    const booting = live.filter((c) => c.deletingAt === undefined && c.phase !== 'Initialized');
    const plan = planScaleUp({
      state: ctx.state,
      templates: new TemplateFactory(grp, ctx.state),
      upcoming: pendingLaunches + booting.length,
      booting: new Set(booting.flatMap((c) => (c.nodeName === undefined ? [] : [c.nodeName]))),
      size,
    });
    for (const [key, why] of plan.notTriggered) {
      const message = `pod didn't trigger scale-up: ${why}`;
      if (notTriggered.get(key) === message) continue;
      notTriggered.set(key, message);
      ctx.event('Normal', 'NotTriggerScaleUp', `pod/${key}`, message);
    }
    if (plan.newNodes.length === 0) return false;
    const to = size + plan.newNodes.length;
    ctx.event(
      'Normal',
      'ScaledUpGroup',
      STATUS_CONFIGMAP,
      `Scale-up: setting group ${g} size to ${to} instead of ${size} (max: ${config.maxSize})`,
    );
    for (const p of plan.newNodes.flat()) {
      notTriggered.delete(p.key);
      ctx.event(
        'Normal',
        'TriggeredScaleUp',
        `pod/${p.key}`,
        `pod triggered scale-up: [{${g} ${size}->${to} (max: ${config.maxSize})}]`,
      );
    }
    lastScaleUp = ctx.now;
    launch(
      ctx,
      grp,
      plan.newNodes.map((pods) => ({ pods })),
    );
    return true;
  }

  function remove(ctx: DisruptionContext, v: NodeVerdict): void {
    const node = v.node;
    const empty = v.podsToMove.length === 0;
    ctx.event(
      'Normal',
      'ScaleDown',
      `node/${node}`,
      'marked the node as toBeDeleted/unschedulable',
    );
    if (empty)
      ctx.event(
        'Normal',
        'ScaleDownEmpty',
        STATUS_CONFIGMAP,
        `Scale-down: removing empty node "${node}"`,
      );
    else {
      const u = v.utilization;
      ctx.event(
        'Normal',
        'ScaleDown',
        STATUS_CONFIGMAP,
        `Scale-down: removing node ${node}, utilization: {cpu: ${u.cpu.toFixed(2)}, memory: ${u.memory.toFixed(2)}}, pods to reschedule: ${v.podsToMove.map((p) => p.key).join(',')}`,
      );
      for (const p of v.podsToMove)
        ctx.event('Normal', 'ScaleDown', `pod/${p.key}`, 'deleting pod for node scale down');
    }
    ctx.taint(node, { key: TO_BE_DELETED_TAINT, effect: 'NoSchedule' });
    const since = unneededSince.get(node) ?? ctx.now;
    ctx.deleteNodeClaim(
      v.nodeClaim,
      `cluster-autoscaler scale-down (${empty ? 'empty' : 'underutilized'}, unneeded for ${formatDuration(ctx.now - since)})`,
    );
    removing.set(node, !empty);
    unneededSince.delete(node);
  }

  function scaleDown(ctx: DisruptionContext, size: number): void {
    const verdicts = findUnneeded(ctx.state, g, config.scaleDownUtilizationThreshold);
    const next = new Map<string, { reason: UnremovableReason; detail: string }>();
    const still = new Set<string>();
    for (const v of verdicts) {
      if (!v.unneeded) {
        next.set(v.node, { reason: v.reason ?? 'NotUnderutilized', detail: v.detail ?? '' });
        continue;
      }
      still.add(v.node);
      if (!unneededSince.has(v.node)) unneededSince.set(v.node, ctx.now);
      keepAliveUntil(ctx, (unneededSince.get(v.node) ?? ctx.now) + config.scaleDownUnneededTime);
    }
    for (const node of [...unneededSince.keys()]) if (!still.has(node)) unneededSince.delete(node);
    const cooldownEnds = lastScaleUp + config.scaleDownDelayAfterAdd;
    const due = verdicts.filter(
      (v) =>
        v.unneeded &&
        ctx.now - (unneededSince.get(v.node) ?? ctx.now) >= config.scaleDownUnneededTime,
    );
    for (const v of verdicts)
      if (v.unneeded && !due.includes(v))
        next.set(v.node, {
          reason: 'NotUnneededLongEnough',
          detail: `unneeded since ${formatDuration(unneededSince.get(v.node) ?? ctx.now)}`,
        });
    if (due.length > 0 && ctx.now < cooldownEnds) {
      keepAliveUntil(ctx, cooldownEnds);
      for (const v of due)
        next.set(v.node, {
          reason: 'ScaleDownInCooldown',
          detail: `--scale-down-delay-after-add: no scale-down until ${formatDuration(cooldownEnds)}`,
        });
      unremovable = next;
      return;
    }
    // The ASG still counts a node being drained: never go below minSize, even in flight.
    const deleting = claims(ctx.state).filter((c) => c.deletingAt !== undefined).length;
    let budget = size - deleting - config.minSize;
    const emptyInFlight = [...removing.values()].filter((hadPods) => !hadPods).length;
    const drainInFlight = [...removing.values()].some((hadPods) => hadPods);
    let emptySlots = config.maxEmptyBulkDelete - emptyInFlight;
    let drained = drainInFlight;
    for (const v of due) {
      const empty = v.podsToMove.length === 0;
      if (budget <= 0) {
        next.set(v.node, {
          reason: 'NodeGroupMinSizeReached',
          detail: `node group min size reached (min: ${config.minSize})`,
        });
        continue;
      }
      if (empty ? emptySlots <= 0 : drained) continue; // a later scan: one drain, ≤ N empty at a time
      remove(ctx, v);
      budget--;
      if (empty) emptySlots--;
      else drained = true;
    }
    unremovable = next;
  }

  const controller: ClusterAutoscaler = {
    name: 'cluster-autoscaler',
    interval: config.scanInterval,
    config,
    problems,
    unremovable: () => unremovable,
    tick(ctx) {
      if (!checked) {
        checked = true;
        const r = nodeGroupOf(config, ctx.catalog);
        if (r.ok) group = r.group;
        else problems.push(r.problem);
      }
      if (!group) return;
      observe(ctx);
      const size = pendingLaunches + claims(ctx.state).length;
      // The ASG keeps its minimum itself (CA only scales up for pending pods).
      if (size < config.minSize)
        launch(
          ctx,
          group,
          Array.from({ length: config.minSize - size }, () => ({ pods: [] })),
        );
      const sized = Math.max(size, config.minSize);
      if (scaleUp(ctx, group, sized)) return; // "No scale down in this iteration"
      scaleDown(ctx, sized);
    },
  };
  return controller;
}
