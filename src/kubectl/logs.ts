// `kubectl logs -n karpenter deploy/karpenter`: Karpenter's structured JSON log lines for every
// decision in the timeline, with the message texts and fields the real controller writes (the
// provisioner's "found provisionable pod(s)" → "computed new nodeclaim(s) to fit pod(s)" →
// "created nodeclaim", the lifecycle's "launched/registered/initialized nodeclaim", disruption's
// "disrupting node(s)", termination's "tainted node" / "deleted node"). commit and reconcileID are
// made up but stable. Under v1alpha5 semantics the same lines speak of machines.
import type { NodeClaimRec, SimEvent, Timeline } from '../sim/engine/index.ts';
import { stableHash, truncatedList } from './format.ts';
import { allocatable, createdLine, fromWorkspace, line, uuid, type LogEnv } from './logLine.ts';
import { providerID } from './objects.ts';
import { formatQuantity } from '../sim/quantity.ts';
import { USAGE_EXCEEDS_LIMIT } from '../sim/scheduling/limits.ts';
import { disruptionReason } from '../sim/disruption/wording.ts';

function linesAt(env: LogEnv, t: number, group: readonly SimEvent[]): string[] {
  const out: string[] = [];
  const kind = env.noun === 'machine' ? 'Machine' : 'NodeClaim';
  const disruptionLaunches = new Set<string>();
  const disrupting: { node: string; message: string }[] = [];
  for (const e of group) {
    if (e.type !== 'k8s') continue;
    if (disruptionReason(e.event.reason) === 'DisruptionLaunching')
      disruptionLaunches.add(e.event.object.replace(/^(nodeclaim|machine)\//, ''));
    if (e.event.reason === 'Disrupting')
      disrupting.push({ node: e.event.object.replace(/^node\//, ''), message: e.event.message });
  }
  const created = group.flatMap((e) =>
    e.type === 'nodeclaim.created' && !fromWorkspace(e.nodeClaim) ? [e.nodeClaim] : [],
  );
  const provisioned = created.filter((c) => !disruptionLaunches.has(c.name));
  const failures = group.flatMap((e) => (e.type === 'pod.unschedulable' && e.error ? [e] : []));
  // A refused replacement is the disruption controller's error (lifecycleLines), not the provisioner's.
  const refused = group.flatMap((e) =>
    e.type === 'nodeclaim.refused' && e.disruption === undefined ? [e] : [],
  );
  if (provisioned.length > 0 || failures.length > 0 || refused.length > 0) {
    const pods = [
      ...new Set([
        ...provisioned.flatMap((c) => c.plannedPods),
        ...refused.flatMap((r) => r.pods),
        ...failures.map((f) => f.pod),
      ]),
    ];
    out.push(
      line(env, t, 'INFO', 'found provisionable pod(s)', 'provisioner', {
        Pods: truncatedList(pods),
        duration: `${(10 + pods.length * 0.37).toFixed(6)}ms`,
      }),
    );
    for (const f of failures) {
      const [namespace = '', name = ''] = f.pod.split('/');
      out.push(
        line(env, t, 'ERROR', 'could not schedule pod', 'provisioner', {
          Pod: { name, namespace },
          error: f.error?.message ?? f.message,
        }),
      );
    }
    if (provisioned.length > 0 || refused.length > 0) {
      const count =
        provisioned.reduce((n, c) => n + c.plannedPods.length, 0) +
        refused.reduce((n, r) => n + r.pods.length, 0);
      out.push(
        line(env, t, 'INFO', `computed new ${env.noun}(s) to fit pod(s)`, 'provisioner', {
          [`${env.noun}s`]: provisioned.length + refused.length,
          pods: count,
        }),
      );
      for (const c of provisioned) out.push(createdLine(env, t, c, 'provisioner'));
      // Create refused them (provisioner.go): the reconcile returns the error, which
      // controller-runtime logs once per reconcile, with the first error's values.
      const [first] = refused;
      if (first)
        out.push(
          line(env, t, 'ERROR', 'Reconciler error', 'provisioner', {
            error: `creating ${env.noun === 'machine' ? 'machine' : 'node claim'}, ${USAGE_EXCEEDS_LIMIT}`,
            'resource-name': first.resource,
            usage: formatQuantity(first.resource, first.usage),
            limit: formatQuantity(first.resource, first.limit),
          }),
        );
    }
  }
  if (disrupting.length > 0) {
    const m = /\((\w+)\/(\w+)\)/.exec(disrupting[0]?.message ?? '');
    const podCount = Number(/moves (\d+) pod/.exec(disrupting[0]?.message ?? '')?.[1] ?? 0);
    const replacements = created.filter((c) => disruptionLaunches.has(c.name));
    out.push(
      line(env, t, 'INFO', 'disrupting node(s)', 'disruption', {
        'command-id': uuid(`command/${t}`),
        reason: (m?.[1] ?? 'underutilized').toLowerCase(),
        decision: (m?.[2] ?? (replacements.length > 0 ? 'replace' : 'delete')).toLowerCase(),
        'disrupted-node-count': disrupting.length,
        'replacement-node-count': replacements.length,
        'pod-count': podCount,
        'disrupted-nodes': disruptedNodes(
          env,
          kind,
          disrupting.map((d) => d.node),
        ),
        'replacement-nodes': replacements.map((c) => ({
          'capacity-type': c.labels['karpenter.sh/capacity-type'] ?? 'on-demand',
          'instance-types': truncatedList(c.instanceTypes),
        })),
      }),
    );
    for (const c of replacements) out.push(createdLine(env, t, c, 'disruption'));
  }
  for (const e of group) out.push(...lifecycleLines(env, e, kind));
  return out;
}

/** The "disrupted-nodes" field of a "disrupting node(s)" line. */
function disruptedNodes(env: LogEnv, kind: string, nodes: readonly string[]): object[] {
  return nodes.map((name) => {
    const n = env.timeline.final.nodes.get(name);
    return {
      Node: { name },
      [kind]: { name: n?.nodeClaim ?? '' },
      'capacity-type': n?.capacityType ?? '',
      'instance-type': n?.instanceType ?? '',
    };
  });
}

function lifecycleLines(env: LogEnv, e: SimEvent, kind: string): string[] {
  const lifecycle = `${env.noun}.lifecycle`;
  const claimOf = (name: string): NodeClaimRec | undefined => env.claims.get(name);
  const obj = (name: string): { kind: string; name: string } => ({ kind, name });
  switch (e.type) {
    case 'nodeclaim.created':
      env.claims.set(e.nodeClaim.name, e.nodeClaim);
      return [];
    case 'nodeclaim.launched': {
      const c = claimOf(e.nodeClaim);
      if (c) env.claims.set(c.name, { ...c, launch: e.launch });
      if (fromWorkspace(c)) return [];
      const alloc = allocatable(env, e.nodeClaim);
      return [
        line(
          env,
          e.t,
          'INFO',
          `launched ${env.noun}`,
          lifecycle,
          {
            'provider-id': providerID(e.launch.zone, e.nodeClaim),
            'instance-type': e.launch.instanceType,
            zone: e.launch.zone,
            'capacity-type': e.launch.capacityType,
            ...(alloc ? { allocatable: alloc } : {}),
          },
          obj(e.nodeClaim),
        ),
      ];
    }
    case 'nodeclaim.refused': {
      // queue.go StartCommand logs the command, then its error comes back wrapped by
      // createReplacementNodeClaims, disrupt() twice and Reconcile.
      const d = e.disruption;
      if (d === undefined) return [];
      const claim = env.noun === 'machine' ? 'machine' : 'node claim';
      const commandId = uuid(`command/${e.t}/refused`);
      const reason = d.reason.toLowerCase();
      return [
        line(env, e.t, 'INFO', 'disrupting node(s)', 'disruption', {
          'command-id': commandId,
          reason,
          decision: 'replace',
          'disrupted-node-count': d.nodes.length,
          'replacement-node-count': 1,
          'pod-count': d.pods,
          'disrupted-nodes': disruptedNodes(env, kind, d.nodes),
          'replacement-nodes': [
            {
              'capacity-type': d.capacityTypes.join(','),
              'instance-types': truncatedList(d.instanceTypes),
            },
          ],
        }),
        line(env, e.t, 'ERROR', 'Reconciler error', 'disruption', {
          error: `disrupting, disrupting candidates, disrupting candidates, launching replacement ${env.noun}, creating ${claim}, ${USAGE_EXCEEDS_LIMIT}`,
          reason,
          'command-id': commandId,
          'resource-name': e.resource,
          usage: formatQuantity(e.resource, e.usage),
          limit: formatQuantity(e.resource, e.limit),
        }),
      ];
    }
    case 'nodeclaim.failed':
      return [
        line(
          env,
          e.t,
          'ERROR',
          `failed launching ${env.noun}`,
          lifecycle,
          { error: e.error },
          obj(e.nodeClaim),
        ),
      ];
    case 'node.registered': {
      const c = e.node.nodeClaim === undefined ? undefined : claimOf(e.node.nodeClaim);
      if (!c || fromWorkspace(c)) return [];
      return [
        line(
          env,
          e.t,
          'INFO',
          `registered ${env.noun}`,
          lifecycle,
          { 'provider-id': providerID(e.node.zone, c.name), Node: { name: e.node.name } },
          obj(c.name),
        ),
      ];
    }
    case 'node.ready': {
      const c = e.nodeClaim === undefined ? undefined : claimOf(e.nodeClaim);
      if (!c || fromWorkspace(c)) return [];
      const alloc = allocatable(env, c.name);
      return [
        line(
          env,
          e.t,
          'INFO',
          `initialized ${env.noun}`,
          lifecycle,
          {
            'provider-id': providerID(c.launch?.zone ?? '', c.name),
            Node: { name: e.node },
            ...(alloc ? { allocatable: alloc } : {}),
          },
          obj(c.name),
        ),
      ];
    }
    case 'node.interrupted': {
      const n = env.timeline.final.nodes.get(e.node);
      return [
        line(env, e.t, 'INFO', 'initiating delete from interruption message', 'interruption', {
          queue: 'karpenter-interruption',
          messageKind: 'spot_interrupted',
          [kind]: { name: n?.nodeClaim ?? '' },
          action: 'CordonAndDrain',
          Node: { name: e.node },
        }),
      ];
    }
    case 'nodeclaim.deleting':
      if (e.node === undefined) return [];
      return [
        line(
          env,
          e.t,
          'INFO',
          'tainted node',
          'node.termination',
          {
            [kind]: { name: e.nodeClaim },
            'taint.Key': 'karpenter.sh/disrupted',
            'taint.Value': '',
            'taint.Effect': 'NoSchedule',
          },
          { kind: 'Node', name: e.node },
        ),
      ];
    case 'nodeclaim.deleted': {
      const c = claimOf(e.nodeClaim);
      return [
        ...(e.node === undefined
          ? []
          : [
              line(
                env,
                e.t,
                'INFO',
                'deleted node',
                'node.termination',
                { [kind]: { name: e.nodeClaim } },
                { kind: 'Node', name: e.node },
              ),
            ]),
        line(
          env,
          e.t,
          'INFO',
          `deleted ${env.noun}`,
          lifecycle,
          {
            'provider-id': providerID(c?.launch?.zone ?? '', e.nodeClaim),
            ...(e.node === undefined ? {} : { Node: { name: e.node } }),
          },
          obj(e.nodeClaim),
        ),
      ];
    }
    default:
      return [];
  }
}

/**
 * Karpenter's log lines for the events in (from, to]. Claims created before `from` are looked up
 * from the whole timeline so their later lines still have their details.
 */
export function karpenterLogLines(timeline: Timeline, from: number, to: number): string[] {
  const env: LogEnv = {
    timeline,
    noun: timeline.semantics === 'v1alpha5' ? 'machine' : 'nodeclaim',
    commit: stableHash(timeline.karpenterVersion).toString(16).padStart(8, '0').slice(0, 7),
    claims: new Map(),
  };
  const out: string[] = [];
  const { events } = timeline;
  let i = 0;
  while (i < events.length && (events[i]?.t ?? Infinity) <= to) {
    const t = events[i]?.t ?? 0;
    const group: SimEvent[] = [];
    for (; i < events.length && events[i]?.t === t; i++) group.push(events[i] as SimEvent);
    if (t <= from) {
      for (const e of group) {
        if (e.type === 'nodeclaim.created') env.claims.set(e.nodeClaim.name, e.nodeClaim);
        const c = e.type === 'nodeclaim.launched' ? env.claims.get(e.nodeClaim) : undefined;
        if (c && e.type === 'nodeclaim.launched')
          env.claims.set(c.name, { ...c, launch: e.launch });
      }
      continue;
    }
    out.push(...linesAt(env, t, group));
  }
  return out;
}

/** When the running Karpenter was (last) installed, or undefined when it is not running at t. */
export function installedSince(timeline: Timeline, t: number): number | undefined {
  let since: number | undefined = timeline.initial.karpenter.installed ? 0 : undefined;
  for (const e of timeline.events) {
    if (e.t > t) break;
    if (e.type === 'karpenter.changed') {
      if (!e.karpenter.installed) since = undefined;
      else since ??= e.t;
    }
  }
  return since;
}
