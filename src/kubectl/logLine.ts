// One Karpenter log line: zap's JSON encoder with controller-runtime's fields (controller, the
// reconciled object, reconcileID) in the order the real controller writes them.
import type { NodeClaimRec, Timeline } from '../sim/engine/index.ts';
import { logTime, stableHash, truncatedList } from './format.ts';
import { quantities } from './objects.ts';

export type Fields = Record<string, unknown>;

export interface LogEnv {
  timeline: Timeline;
  /** "nodeclaim" or "machine" (v1alpha5). */
  noun: string;
  commit: string;
  claims: Map<string, NodeClaimRec>;
}

export function uuid(seed: string): string {
  const hex = [0, 1, 2, 3]
    .map((i) => stableHash(`${seed}#${i}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function line(
  env: LogEnv,
  t: number,
  level: 'INFO' | 'ERROR',
  message: string,
  controller: string,
  fields: Fields,
  object?: { kind: string; name: string },
): string {
  const head: Fields = {
    level,
    time: logTime(t),
    logger: 'controller',
    message,
    commit: env.commit,
    controller,
  };
  if (object) {
    head.controllerGroup = object.kind === 'Node' ? '' : 'karpenter.sh';
    head.controllerKind = object.kind;
    head[object.kind] = { name: object.name };
    head.namespace = '';
    head.name = object.name;
  } else {
    head.namespace = '';
    head.name = '';
  }
  head.reconcileID = uuid(`${controller}/${object?.name ?? ''}/${t}/${message}`);
  return JSON.stringify({ ...head, ...fields });
}

/** A node's allocatable as the launch log prints it (known once the node has registered). */
export function allocatable(env: LogEnv, claim: string): Fields | undefined {
  for (const n of env.timeline.final.nodes.values())
    if (n.nodeClaim === claim) return quantities(n.allocatable);
  return undefined;
}

/** Workspace nodes come with a synthesized claim; Karpenter never launched them, so no logs. */
export function fromWorkspace(c: NodeClaimRec | undefined): boolean {
  return (
    c !== undefined &&
    c.funnel.length === 0 &&
    c.plannedPods.length === 0 &&
    Object.keys(c.requests).length === 0
  );
}

export function createdLine(env: LogEnv, t: number, c: NodeClaimRec, controller: string): string {
  const NodeClaim = env.noun === 'machine' ? 'Machine' : 'NodeClaim';
  return line(env, t, 'INFO', `created ${env.noun}`, controller, {
    NodePool: { name: c.nodePool },
    [NodeClaim]: { name: c.name },
    requests: quantities(c.requests),
    'instance-types': truncatedList(c.instanceTypes),
  });
}

/** The lines one instant of the timeline produces (events with the same time). */
