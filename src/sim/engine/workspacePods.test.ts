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
