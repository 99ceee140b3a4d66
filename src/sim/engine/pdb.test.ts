// Which pods of a deleting node Karpenter provisions for (upstream Limits.IsCurrentlyReschedulable,
// pkg/utils/pdb/pdb.go, v1.4+ after kubernetes-sigs/karpenter#2033; the provisioning suite's
// "Deleting Nodes" cases are translated in src/fidelity/scheduling/deleting-node-*.yaml).
import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from '../k8s.ts';
import { podRec } from '../disruption/testing.ts';
import { currentlyReschedulable, fullyBlocking, terminatingButReschedulable } from './pdb.ts';
import { emptyState } from './state.ts';

const pdb = (name: string, spec: Omit<PodDisruptionBudget['spec'], 'selector'>) =>
  ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  }) satisfies PodDisruptionBudget;

const state = (version: string) => emptyState({ installed: true, version, semantics: 'v1' });
const web = podRec('web', { node: 'n1', phase: 'Running' });

describe('fullyBlocking (pdbItem.isFullyBlocking)', () => {
  it('is maxUnavailable 0 or "0%", or minAvailable "100%", whatever the pods', () => {
    expect(fullyBlocking(pdb('a', { maxUnavailable: 0 }))).toBe(true);
    expect(fullyBlocking(pdb('a', { maxUnavailable: '0%' }))).toBe(true);
    expect(fullyBlocking(pdb('a', { minAvailable: '100%' }))).toBe(true);
    // minAvailable 1 over one pod allows no disruption now, but is not fully blocking.
    expect(fullyBlocking(pdb('a', { minAvailable: 1 }))).toBe(false);
    expect(fullyBlocking(pdb('a', { maxUnavailable: 1 }))).toBe(false);
  });
});

describe('currentlyReschedulable', () => {
  it('leaves out, from v1.4, a pod a fully blocking PDB or two PDBs keep in place', () => {
    const s = state('v1.14.1');
    expect(currentlyReschedulable(web, s, 0, [])).toBe(true);
    expect(currentlyReschedulable(web, s, 0, [pdb('a', { maxUnavailable: 0 })])).toBe(false);
    expect(currentlyReschedulable(web, s, 0, [pdb('a', { minAvailable: 1 })])).toBe(true);
    const two = [pdb('a', { minAvailable: '50%' }), pdb('b', { maxUnavailable: 1 })];
    expect(currentlyReschedulable(web, s, 0, two)).toBe(false);
  });

  it('leaves out, from v1.4, a pod whose do-not-disrupt annotation holds', () => {
    const held = podRec('web', {
      node: 'n1',
      phase: 'Running',
      annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
    });
    expect(currentlyReschedulable(held, state('v1.14.1'), 0, [])).toBe(false);
    expect(currentlyReschedulable(held, state('v1.3.0'), 0, [])).toBe(true);
  });

  it('lets an unready pod go under an AlwaysAllow PDB', () => {
    const blocking = [pdb('a', { maxUnavailable: 0, unhealthyPodEvictionPolicy: 'AlwaysAllow' })];
    const pending = podRec('web', { node: 'n1', phase: 'Pending' });
    expect(currentlyReschedulable(pending, state('v1.14.1'), 0, blocking)).toBe(true);
    expect(currentlyReschedulable(web, state('v1.14.1'), 0, blocking)).toBe(false);
  });

  it('counts every such pod before v1.4', () => {
    expect(currentlyReschedulable(web, state('v1.3.0'), 0, [pdb('a', { maxUnavailable: 0 })])).toBe(
      true,
    );
  });
});

describe('terminatingButReschedulable (IsReschedulable)', () => {
  const sts = {
    ...podRec('db-0', { node: 'n1', phase: 'Terminating' }),
    owner: 'StatefulSet/default/db',
  };
  const dep = { ...sts, owner: 'Deployment/default/web' };
  it('counts a terminating StatefulSet pod from v0.34, and no other terminating pod', () => {
    expect(terminatingButReschedulable(sts, state('v1.14.1'))).toBe(true);
    expect(terminatingButReschedulable(sts, state('v0.34.0'))).toBe(true);
    expect(terminatingButReschedulable(sts, state('v0.33.0'))).toBe(false);
    expect(terminatingButReschedulable(dep, state('v1.14.1'))).toBe(false);
  });
  it('lets a terminating pod through do-not-disrupt and PDB checks (it is no longer evicted)', () => {
    expect(
      currentlyReschedulable(sts, state('v1.14.1'), 0, [pdb('a', { maxUnavailable: 0 })]),
    ).toBe(true);
  });
});
