// Which Nodes and NodeClaims a stretch of the event log touched, by name: the disruption
// controller's drift and expiry scans (DisruptionContext.nodeObjectsChangedSince) and ClusterView's
// StateNode list (patched instead of rebuilt) look only at those. The state moves only by events
// (state.ts applyInPlace), so an event naming neither cannot change a node or claim record; one
// that may change any (a pool, node class, object or setting) makes the answer undefined.
import type { NodeObjectChanges } from './disruption.ts';
import type { SimEvent } from './events.ts';

/**
 * The NodeClaims and Nodes named by the events at `at[from…]` (state.ts applyInPlace is the only
 * way the state moves), each set in the order of its first event (a new node's or claim's first
 * event is its creation: the order the state's maps list them in); undefined at an event that may
 * change any (pools, node classes, objects, settings).
 */
export function touched(
  events: readonly SimEvent[],
  at: readonly number[],
  from: number,
): NodeObjectChanges | undefined {
  const nodeClaims = new Set<string>();
  const nodes = new Set<string>();
  for (let k = from; k < at.length; k++) {
    const e = events[at[k] as number] as SimEvent;
    switch (e.type) {
      case 'nodeclaim.created':
        nodeClaims.add(e.nodeClaim.name);
        break;
      case 'nodeclaim.launched':
      case 'nodeclaim.failed':
        nodeClaims.add(e.nodeClaim);
        break;
      case 'nodeclaim.deleting':
      case 'nodeclaim.deleted':
        nodeClaims.add(e.nodeClaim);
        if (e.node !== undefined) nodes.add(e.node);
        break;
      case 'node.registered':
        nodes.add(e.node.name);
        if (e.node.nodeClaim !== undefined) nodeClaims.add(e.node.nodeClaim);
        break;
      case 'node.ready':
        nodes.add(e.node);
        if (e.nodeClaim !== undefined) nodeClaims.add(e.nodeClaim);
        break;
      case 'node.updated':
      case 'node.draining':
      case 'node.interrupted':
        nodes.add(e.node);
        break;
      // Neither nodes nor claims (a kubectl action changes them through events of its own).
      case 'offering.unavailable':
      case 'offering.available':
      case 'claim.created':
      case 'volume.provisioned':
      case 'action':
      case 'progress':
        break;
      default:
        return undefined;
    }
  }
  return { nodeClaims, nodes };
}
