import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../k8s.ts';
import type { DisruptionController } from './disruption.ts';
import { toJSON } from './json.ts';
import { simulate } from './simulate.ts';
import { deployment, existingNode, fakeType, nodePool, scenario } from './testing.ts';

const TYPES = [fakeType('small', 2, 4, { price: 0.1 }), fakeType('large', 8, 32, { price: 0.4 })];

describe('workload controllers', () => {
  it('names Deployment pods <name>-<template hash>-<5 chars> and StatefulSet pods by ordinal', () => {
    const sts: KubeObject = { ...deployment('db', { replicas: 3 }), kind: 'StatefulSet' };
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: TYPES }),
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
        sts,
      ],
    });
    const names = toJSON(tl).pods.map((p) => p.name);
    expect(
      names.filter((n) =>
        /^inflate-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n),
      ),
    ).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('db-')).sort()).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it('scales a StatefulSet down from the highest ordinal', () => {
    const sts: KubeObject = { ...deployment('db', { replicas: 3 }), kind: 'StatefulSet' };
    const tl = simulate({
      objects: [
        scenario({
          instanceTypes: TYPES,
          actions: [{ at: '2m', run: 'kubectl scale statefulset db --replicas=1' }],
        }),
        nodePool('default'),
        sts,
      ],
    });
    expect(toJSON(tl).pods.map((p) => p.name)).toEqual(['db-0']);
  });

  it('adopts workspace pods of a Deployment instead of creating extra replicas', () => {
    const node = existingNode('ip-10-0-1-1.ec2.internal', {
      'kubernetes.io/arch': 'amd64',
      'node.kubernetes.io/instance-type': 'large',
      'topology.kubernetes.io/zone': 'test-zone-1',
    });
    const running: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-6d4cf56db6-abcde',
        namespace: 'default',
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4cf56db6', controller: true },
        ],
      },
      spec: {
        nodeName: 'ip-10-0-1-1.ec2.internal',
        containers: [{ name: 'web', resources: { requests: { cpu: '1' } } }],
      },
    };
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: TYPES }),
        nodePool('default'),
        node,
        deployment('web', { replicas: 1 }),
        running,
      ],
    });
    const pods = toJSON(tl).pods;
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatchObject({ name: 'web-6d4cf56db6-abcde', phase: 'Running' });
  });

  it('applies a held-back document by name (kubectl apply -f)', () => {
    const tl = simulate({
      objects: [
        scenario({
          instanceTypes: TYPES,
          actions: [{ at: '30s', run: 'kubectl apply -f late-app.yaml' }],
        }),
        nodePool('default'),
      ],
      heldBack: { 'late-app.yaml': [deployment('late', { replicas: 2 })] },
    });
    const json = toJSON(tl);
    expect(json.pods).toHaveLength(2);
    expect(json.nodes[0]?.createdAt).toBeGreaterThan(30);
  });

  it('records an unparsable Scenario action as a warning listing the supported commands', () => {
    const tl = simulate({
      objects: [
        scenario({
          instanceTypes: TYPES,
          actions: [{ at: '0s', run: 'kubectl rollout restart deployment x' }],
        }),
        nodePool('default'),
      ],
    });
    expect(tl.warnings.join('\n')).toMatch(/unsupported kubectl command "rollout".*kubectl scale/);
  });
});

describe('the disruption seam', () => {
  it('calls the controller every 10 s and lets it delete a node through a graceful drain', () => {
    const ticks: number[] = [];
    let done = false;
    const deleteFirstNodeAt2m: DisruptionController = {
      name: 'test',
      tick(ctx) {
        ticks.push(ctx.now);
        if (done || ctx.now < 120_000) return;
        const claim = [...ctx.state.nodeClaims.values()].find((c) => c.phase === 'Initialized');
        if (!claim) return;
        done = true;
        ctx.event(
          'Normal',
          'DisruptionTerminating',
          `nodeclaim/${claim.name}`,
          'Disrupting NodeClaim: Underutilized',
        );
        ctx.deleteNodeClaim(claim.name, 'Underutilized');
      },
    };
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: TYPES }),
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
      ],
      disruption: deleteFirstNodeAt2m,
      until: 300_000,
    });
    expect(ticks.slice(0, 3)).toEqual([10_000, 20_000, 30_000]);
    const json = toJSON(tl);
    expect(json.nodes.filter((n) => n.state === 'terminated')).toHaveLength(1);
    expect(json.pods.every((p) => p.phase === 'Running')).toBe(true);
    expect(json.nodes.filter((n) => n.state === 'ready')).toHaveLength(1);
  });

  it('offers a side-effect-free provisioning dry run', () => {
    let planned = -1;
    const probe: DisruptionController = {
      name: 'probe',
      tick(ctx) {
        if (planned >= 0 || ctx.now < 120_000) return;
        const node = [...ctx.state.nodes.values()][0];
        const pods = [...ctx.state.pods.values()]
          .filter((p) => p.nodeName === node?.name)
          .map((p) => p.pod);
        planned = ctx.simulate(pods, { excludeNodes: [node?.name ?? ''] }).newNodeClaims.length;
      },
    };
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: TYPES }),
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
      ],
      disruption: probe,
      until: 200_000,
    });
    expect(planned).toBe(1);
    expect(tl.events.filter((e) => e.type === 'nodeclaim.created')).toHaveLength(1);
  });
});

describe('node commands', () => {
  it('terminates a node deleted while a kubectl drain is still running', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const objects = (actions: { at: string; run: string }[]) => [
      scenario({ instanceTypes: TYPES, actions }),
      nodePool('default'),
      pdb,
      deployment('web', { replicas: 3 }),
    ];
    const node = toJSON(simulate({ objects: objects([]) })).nodes[0]?.name ?? '';
    const tl = simulate({
      objects: objects([
        { at: '2m', run: `kubectl drain ${node}` },
        { at: '2m1s', run: `kubectl delete node ${node}` },
      ]),
    });
    const json = toJSON(tl);
    expect(json.nodes.find((n) => n.name === node)?.state).toBe('terminated');
    expect(json.pods.filter((p) => p.phase === 'Running')).toHaveLength(3);
  });

  it('cordons, labels and taints nodes through kubectl actions', () => {
    const node =
      toJSON(
        simulate({
          objects: [
            scenario({ instanceTypes: TYPES }),
            nodePool('default'),
            deployment('a', { replicas: 1 }),
          ],
        }),
      ).nodes[0]?.name ?? '';
    const tl = simulate({
      objects: [
        scenario({
          instanceTypes: TYPES,
          actions: [
            { at: '1m', run: `kubectl cordon ${node}` },
            { at: '1m', run: `kubectl label node ${node} team=blue` },
            { at: '1m', run: `kubectl taint nodes ${node} dedicated=x:PreferNoSchedule` },
          ],
        }),
        nodePool('default'),
        deployment('a', { replicas: 1 }),
      ],
    });
    const n = tl.final.nodes.get(node);
    expect(n?.unschedulable).toBe(true);
    expect(n?.labels.team).toBe('blue');
    expect(n?.taints).toContainEqual({ key: 'dedicated', value: 'x', effect: 'PreferNoSchedule' });
    expect(toJSON(tl).nodes.find((x) => x.name === node)?.state).toBe('cordoned');
  });
});

describe('workspace pods naming a node', () => {
  it('leaves a pod whose spec.nodeName names no Node Pending with that reason, never scheduling it elsewhere', () => {
    const stray: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default' },
      spec: { nodeName: 'ip-10-9-9-9.ec2.internal', containers: [{ name: 'c' }] },
    };
    const tl = simulate({
      objects: [scenario({ instanceTypes: TYPES }), nodePool('default'), stray],
    });
    const pod = toJSON(tl).pods[0];
    expect(pod).toMatchObject({ phase: 'Pending', nodeName: null });
    expect(pod?.reason).toMatch(/names no Node/);
    expect(tl.events.some((e) => e.type === 'nodeclaim.created')).toBe(false);
  });
});
