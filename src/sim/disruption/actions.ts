// What the UI and the CLI read about each disruption action: the nodes, the pods moved and the
// $/h saved — kept as data and also spelled out in the event message.
import type { CommandReason, MethodName } from './types.ts';

export interface ActionRecord {
  time: number;
  method: MethodName;
  reason: CommandReason;
  decision: 'delete' | 'replace';
  nodes: {
    name: string;
    instanceType: string;
    capacityType: string;
    price: number;
    pods: string[];
  }[];
  replacements: { instanceTypes: string[]; capacityTypes: string[] }[];
  /** Σ candidate prices − Σ cheapest replacement prices (USD/h). */
  savingsPerHour: number;
}

/** "Disrupting via Underutilized/replace: 1 node (ip-…: m5.large on-demand $0.0960/h, 2 pods) → 1 spot node [c6a.large, …]; saves $0.0540/h; moves 2 pods" */
export function actionMessage(a: ActionRecord): string {
  const pods = a.nodes.reduce((s, n) => s + n.pods.length, 0);
  // Long commands (emptiness over 100 nodes) name the first three nodes and count the rest.
  const shown = a.nodes
    .slice(0, 3)
    .map(
      (n) =>
        `${n.name}: ${n.instanceType} ${n.capacityType} $${n.price.toFixed(4)}/h, ${n.pods.length} pod(s)`,
    );
  const nodes =
    a.nodes.length > 3 ? `${shown.join('; ')}; +${a.nodes.length - 3} more` : shown.join('; ');
  const repl =
    a.replacements.length === 0
      ? 'no replacement'
      : a.replacements
          .map(
            (r) =>
              `1 ${r.capacityTypes.join('/')} node [${r.instanceTypes.slice(0, 3).join(', ')}${r.instanceTypes.length > 3 ? `, +${r.instanceTypes.length - 3}` : ''}]`,
          )
          .join(' + ');
  const saved =
    a.savingsPerHour >= 0
      ? `saves $${a.savingsPerHour.toFixed(4)}/h`
      : `costs $${(-a.savingsPerHour).toFixed(4)}/h more`;
  return `Disrupting via ${a.method} (${a.reason}/${a.decision}): ${a.nodes.length} node(s) (${nodes}) → ${repl}; ${saved}; moves ${pods} pod(s)`;
}

type CommandShape = {
  candidates: readonly { node: { name: string } }[];
  replacements: readonly unknown[];
};

/**
 * Karpenter's text for a command before it has an ID (`Command.String`, the form its consolidation
 * events carry): `replace: [node-a] -> [1 replacement]`, `delete: [node-a, node-b]`.
 */
export function commandString(cmd: CommandShape): string {
  const decision =
    cmd.candidates.length === 0 ? 'no-op' : cmd.replacements.length > 0 ? 'replace' : 'delete';
  const sources = cmd.candidates.map((c) => c.node.name).join(', ');
  const n = cmd.replacements.length;
  return n > 0 && cmd.candidates.length > 0
    ? `${decision}: [${sources}] -> [${n} ${n === 1 ? 'replacement' : 'replacements'}]`
    : `${decision}: [${sources}]`;
}

/** `Command.StringForNode`: one node of several says `replace: [node-a] (part of 3-node consolidation)`. */
export function commandText(cmd: CommandShape, node: string): string {
  if (cmd.candidates.length <= 1) return commandString(cmd);
  const decision = cmd.replacements.length > 0 ? 'replace' : 'delete';
  return `${decision}: [${node}] (part of ${cmd.candidates.length}-node consolidation)`;
}
