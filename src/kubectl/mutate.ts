// Mutating commands: the engine's parseCommand turns the line into a typed Action; here we check
// it against the cluster at the cursor (kubectl would get NotFound from the API server) and print
// what kubectl / helm print on success. The action itself is handed back for the UI to add to the
// timeline and re-simulate — nothing changes until then.
import { parseCommand, type Action, type Target, type TimedAction } from '../sim/engine/index.ts';
import type { ConsoleContext } from './context.ts';
import { rfc1123 } from './format.ts';
import { claimExists, nodeExists } from './objects.ts';
import { qualified, resolveType } from './resources.ts';
import { notServed } from './get.ts';
import { unsupported } from './help.ts';

export interface MutationResult {
  output: string;
  error?: string;
  /** The console's own remark (not kubectl's text). */
  note?: string;
  action?: TimedAction;
}

const OBJECT_KIND: Readonly<Record<string, string>> = {
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  provisioner: 'Provisioner',
  poddisruptionbudget: 'PodDisruptionBudget',
  persistentvolumeclaim: 'PersistentVolumeClaim',
};

// Kinds the registry does not list but kubectl knows, for "kind.group" prefixes in messages.
const EXTRA_GROUPS: Readonly<Record<string, string>> = {
  replicaset: 'replicaset.apps',
  statefulset: 'statefulset.apps',
  poddisruptionbudget: 'poddisruptionbudget.policy',
};

function prefix(kind: string): string {
  const type = resolveType(kind);
  return type ? qualified(type) : (EXTRA_GROUPS[kind] ?? kind);
}

function exists(t: Target, ctx: ConsoleContext): boolean {
  const s = ctx.state;
  switch (t.kind) {
    case 'pod':
      return s.pods.has(`${t.namespace}/${t.name}`);
    case 'node': {
      const n = s.nodes.get(t.name);
      return n !== undefined && nodeExists(n);
    }
    case 'nodeclaim': {
      const c = s.nodeClaims.get(t.name);
      return c !== undefined && claimExists(c);
    }
    case 'nodepool':
      return s.nodePools.has(t.name);
    case 'provisioner':
      return s.objects.has(`Provisioner//${t.name}`);
    default:
      return s.objects.has(`${OBJECT_KIND[t.kind] ?? t.kind}/${t.namespace}/${t.name}`);
  }
}

/** NotFound / unknown-kind checks; undefined when the target is there. */
function checkTarget(t: Target, ctx: ConsoleContext, typed: string): string | undefined {
  const type = resolveType(t.kind);
  if (type && !type.served(ctx.state)) return notServed(typed);
  if (exists(t, ctx)) return undefined;
  const plural = type ? qualified(type, true) : `${prefix(t.kind).replace(/^(\w+)/, '$1s')}`;
  return `Error from server (NotFound): ${plural} "${t.name}" not found`;
}

function nodeCheck(name: string, ctx: ConsoleContext): string | undefined {
  return checkTarget({ kind: 'node', name, namespace: 'default' }, ctx, 'nodes');
}

function helmRelease(
  op: string,
  version: string | undefined,
  ctx: ConsoleContext,
  namespace: string,
): string {
  const revision =
    1 +
    ctx.timeline.events.filter(
      (e) => e.t <= ctx.t && e.type === 'action' && e.action.action.kind === 'helm' && !e.error,
    ).length;
  return [
    ...(op === 'upgrade'
      ? ['Release "karpenter" has been upgraded. Happy Helming!']
      : ['Pulled: public.ecr.aws/karpenter/karpenter:' + (version ?? 'latest')]),
    'NAME: karpenter',
    `LAST DEPLOYED: ${rfc1123(ctx.t)}`,
    `NAMESPACE: ${namespace}`,
    'STATUS: deployed',
    `REVISION: ${revision}`,
    'TEST SUITE: None',
  ].join('\n');
}

/** What the command prints on success, or its error (then no action is returned). */
function outcome(
  a: Action,
  line: string,
  ctx: ConsoleContext,
): { output: string } | { error: string } {
  const installed = ctx.state.karpenter.installed;
  const typedKind = /^(?:kubectl|k)\s+\S+\s+([\w.-]+)/.exec(line)?.[1]?.split('/')[0] ?? '';
  switch (a.kind) {
    case 'scale': {
      const err = checkTarget(a.target, ctx, typedKind);
      return err ? { error: err } : { output: `${prefix(a.target.kind)}/${a.target.name} scaled` };
    }
    case 'delete': {
      const err = checkTarget(a.target, ctx, typedKind);
      return err
        ? { error: err }
        : { output: `${prefix(a.target.kind)} "${a.target.name}" deleted` };
    }
    case 'annotate':
    case 'label': {
      const err = checkTarget(a.target, ctx, typedKind);
      return err
        ? { error: err }
        : {
            output: `${prefix(a.target.kind)}/${a.target.name} ${a.kind === 'label' ? 'labeled' : 'annotated'}`,
          };
    }
    case 'cordon':
    case 'uncordon': {
      const err = nodeCheck(a.node, ctx);
      if (err) return { error: err };
      const already = ctx.state.nodes.get(a.node)?.unschedulable === (a.kind === 'cordon');
      return { output: `node/${a.node} ${already ? 'already ' : ''}${a.kind}ed` };
    }
    case 'drain': {
      const err = nodeCheck(a.node, ctx);
      if (err) return { error: err };
      const pods = [...ctx.state.pods.values()].filter(
        (p) => p.nodeName === a.node && p.phase !== 'Terminating',
      );
      const daemon = pods.filter((p) => p.daemonSet);
      if (daemon.length > 0 && !/--ignore-daemonsets\b/.test(line))
        return {
          error: `error: unable to drain node "${a.node}" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map((p) => p.key).join(', ')}`,
        };
      const evicted = pods.filter((p) => !p.daemonSet);
      return {
        output: [
          `node/${a.node} cordoned`,
          ...(daemon.length > 0
            ? [`Warning: ignoring DaemonSet-managed Pods: ${daemon.map((p) => p.key).join(', ')}`]
            : []),
          ...evicted.map((p) => `evicting pod ${p.key}`),
          ...evicted.map((p) => `pod/${p.pod.metadata.name ?? ''} evicted`),
          `node/${a.node} drained`,
        ].join('\n'),
      };
    }
    case 'patch': {
      const err = checkTarget(a.target, ctx, typedKind);
      return err ? { error: err } : { output: `${prefix(a.target.kind)}/${a.target.name} patched` };
    }
    case 'taint': {
      const err = nodeCheck(a.node, ctx);
      return err
        ? { error: err }
        : { output: `node/${a.node} ${a.add.length > 0 ? 'tainted' : 'untainted'}` };
    }
    case 'apply': {
      const docs = ctx.documents?.[a.ref];
      if (ctx.documents && !docs) return { error: `error: the path "${a.ref}" does not exist` };
      if (!docs) return { output: `${a.ref} applied` };
      return {
        output: docs
          .map((o) => {
            const kind = o.kind.toLowerCase();
            const type = resolveType(kind);
            const name = o.metadata.name ?? '';
            const known = exists(
              { kind: kind as Target['kind'], name, namespace: o.metadata.namespace ?? 'default' },
              ctx,
            );
            return `${type ? qualified(type) : prefix(kind)}/${name} ${known ? 'configured' : 'created'}`;
          })
          .join('\n'),
      };
    }
    case 'applyObject':
      return {
        output: `${a.object.kind.toLowerCase()}/${a.object.metadata.name ?? ''} configured`,
      };
    case 'helm': {
      const ns = /(?:-n|--namespace)[ =](\S+)/.exec(line)?.[1] ?? 'default';
      if (a.op === 'uninstall')
        return installed
          ? { output: 'release "karpenter" uninstalled' }
          : { error: 'Error: uninstall: Release not loaded: karpenter: release: not found' };
      if (a.op === 'install' && installed)
        return { error: 'Error: INSTALLATION FAILED: cannot re-use a name that is still in use' };
      if (a.op === 'upgrade' && !installed && !/--install\b/.test(line))
        return { error: 'Error: UPGRADE FAILED: "karpenter" has no deployed releases' };
      return { output: helmRelease(a.op, a.version, ctx, ns) };
    }
    case 'interrupt': {
      const err = nodeCheck(a.node, ctx);
      return err
        ? { error: err }
        : {
            output: `spot interruption notice sent for node/${a.node}: EC2 reclaims the instance in 2 minutes`,
          };
    }
    case 'ice':
      return {
        output: `EC2 now answers InsufficientInstanceCapacity for ${a.instanceType}${a.capacityType ? ` (${a.capacityType})` : ''}${a.zone ? ` in ${a.zone}` : ''}`,
      };
  }
}

export function runMutation(line: string, ctx: ConsoleContext): MutationResult {
  const normalized = line.trim().replace(/^k\s/, 'kubectl ');
  const parsed = parseCommand(normalized);
  if (!parsed.ok) {
    const known = /^(kubectl|helm|interrupt|ice)\b/.test(normalized);
    return {
      output: '',
      error: known ? `error: ${parsed.error}` : unsupported(`"${line.trim()}"`),
    };
  }
  const r = outcome(parsed.action, normalized, ctx);
  if ('error' in r) return { output: '', error: r.error };
  const note = unchangedNote(parsed.action, ctx);
  return {
    output: r.output,
    ...(note ? { note } : {}),
    action: { at: ctx.t, action: parsed.action, source: normalized },
  };
}

/** kubectl says "scaled" either way; the console says when the count is already that. */
function unchangedNote(a: Action, ctx: ConsoleContext): string | undefined {
  if (a.kind !== 'scale') return undefined;
  const t = a.target;
  const o = ctx.state.objects.get(`${OBJECT_KIND[t.kind] ?? t.kind}/${t.namespace}/${t.name}`) as
    { spec?: { replicas?: number } } | undefined;
  const now = o?.spec?.replicas ?? (o ? 1 : undefined);
  return now === a.replicas
    ? `${t.name} already has ${now} ${now === 1 ? 'replica' : 'replicas'} here: nothing changes.`
    : undefined;
}
