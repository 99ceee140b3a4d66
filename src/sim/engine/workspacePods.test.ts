// Workspace pods already on a node at t = 0 (setup.ts): finished ones (status.phase Succeeded or
// Failed) and ones being deleted (metadata.deletionTimestamp), as the fidelity cases of
// disruption/suite_test.go "… terminal pods" / "… terminating pods" write them.
import { describe, expect, it } from 'vitest';
import { engineObjects, parseWorkspace } from '../../manifests/index.ts';
import { simulate } from './simulate.ts';

const NODE = `apiVersion: v1
kind: Node
metadata: { name: node-a }
status: { capacity: { cpu: '4', memory: 8Gi, pods: '10' }, allocatable: { cpu: '4', memory: 8Gi, pods: '10' } }
`;
const pod = (name: string, extra: { meta?: string; status?: string } = {}) => `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}${extra.meta ?? ''} }
spec: { nodeName: node-a, containers: [{ name: c, image: pause }] }
${extra.status ?? ''}
`;

const run = (text: string) =>
  simulate({ objects: engineObjects(parseWorkspace(text)), until: 120_000 });

describe('workspace pods at t = 0', () => {
  it('keeps a finished pod on its node as Completed or Error; another status is dropped', () => {
    const t = run(
      NODE +
        pod('done', { status: 'status: { phase: Succeeded }' }) +
        pod('broke', { status: 'status: { phase: Failed }' }) +
        pod('busy', { status: 'status: { phase: Pending }' }),
    );
    const at = (name: string) => t.final.pods.get(`default/${name}`);
    expect(at('done')).toMatchObject({ phase: 'Failed', reason: 'Completed', nodeName: 'node-a' });
    expect(at('broke')).toMatchObject({ phase: 'Failed', reason: 'Error', nodeName: 'node-a' });
    expect(at('busy')).toMatchObject({ phase: 'Running', nodeName: 'node-a' });
  });

  it('holds a pod with a deletionTimestamp Terminating until that moment', () => {
    const t = run(
      NODE +
        pod('leaving', { meta: ", deletionTimestamp: '2024-01-01T00:00:30Z'" }) +
        pod('staying', { meta: ", deletionTimestamp: '2024-01-01T01:00:00Z'" }),
    );
    const gone = t.events.find((e) => e.type === 'pod.deleted' && e.pod === 'default/leaving');
    expect(gone?.t).toBe(30_000);
    expect(t.final.pods.get('default/staying')?.phase).toBe('Terminating');
  });
});

describe('finished pods of a workload', () => {
  const WEB = `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: pause, resources: { requests: { cpu: 100m } } }] }
`;
  const owned = (name: string, status: string) =>
    pod(name, {
      meta: `, labels: { app: web }, ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-6d9f8, controller: true }]`,
      status,
    });

  // A ReplicaSet counts only active pods (controller_utils.go FilterActivePods: not Succeeded, not
  // Failed, not being deleted): an evicted pod a real cluster still lists gets a replacement.
  it('a Deployment replaces a pod that Failed (e.g. Evicted) before the run; the failed one stays listed', () => {
    const t = run(
      NODE +
        WEB +
        owned('web-6d9f8-a', 'status: { phase: Running }') +
        owned('web-6d9f8-b', 'status: { phase: Failed, reason: Evicted }'),
    );
    const web = [...t.final.pods.values()].filter((p) => p.owner === 'Deployment/default/web');
    expect(web.filter((p) => p.phase === 'Running')).toHaveLength(2);
    expect(t.final.pods.get('default/web-6d9f8-b')).toMatchObject({ phase: 'Failed' });
  });
});
