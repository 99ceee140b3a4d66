import { describe, expect, it } from 'vitest';
import {
  addTimedAction,
  applyConsoleAction,
  horizonNote,
  setClusterAutoscaler,
} from './workspaceEdits.ts';
import { parseWorkspace } from '../manifests/index.ts';

const deployment = `# my work
apiVersion: apps/v1
kind: Deployment
metadata:
  name: inflate # the app
spec:
  replicas: 5
  selector: {matchLabels: {app: inflate}}
  template:
    metadata: {labels: {app: inflate}}
    spec:
      containers: [{name: c, image: pause}]
`;

function actions(text: string) {
  return parseWorkspace(text).scenario?.spec.actions ?? [];
}

describe('console commands as timed actions', () => {
  it('adds a Scenario document when there is none, leaving the rest of the text alone', () => {
    const r = addTimedAction(deployment, 125_400, 'kubectl scale deployment inflate --replicas=1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text.startsWith(deployment.trimEnd())).toBe(true);
    expect(actions(r.text)).toEqual([
      { at: '2m5s', run: 'kubectl scale deployment inflate --replicas=1' },
    ]);
    expect(parseWorkspace(r.text).diagnostics).toEqual([]);
  });

  it('appends to an existing Scenario in time order of typing', () => {
    const first = addTimedAction(deployment, 0, 'kubectl scale deployment inflate --replicas=5');
    if (!first.ok) throw new Error(first.error);
    const second = addTimedAction(
      first.text,
      300_000,
      'kubectl scale deployment inflate --replicas=1',
    );
    if (!second.ok) throw new Error(second.error);
    expect(actions(second.text).map((a) => a.at)).toEqual(['0s', '5m']);
    expect(second.text).toContain('name: inflate # the app');
  });
});

describe('console commands at the start of the timeline', () => {
  const scale = (replicas: number) => ({
    kind: 'scale' as const,
    target: { kind: 'deployment' as const, name: 'inflate', namespace: 'default' },
    replicas,
  });

  it('scale at t = 0 changes replicas in place and keeps comments', () => {
    const r = applyConsoleAction(
      deployment,
      0,
      'kubectl scale deployment inflate --replicas=2',
      scale(2),
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.as).toBe('manifest');
    expect(r.text).toContain('replicas: 2');
    expect(r.text).toContain('name: inflate # the app');
    expect(r.text).toContain('# my work');
    expect(actions(r.text)).toEqual([]);
  });

  it('patch at t = 0 edits the object in place; later it is a timed action, quoted for a shell', () => {
    const command = `kubectl patch deployment inflate -p '{"spec":{"replicas":3,"paused":null}}'`;
    const patch = {
      kind: 'patch' as const,
      target: { kind: 'deployment' as const, name: 'inflate', namespace: 'default' },
      patch: { spec: { replicas: 3, paused: null } },
      type: 'strategic' as const,
    };
    const now = applyConsoleAction(deployment, 0, command, patch);
    if (!now.ok) throw new Error(now.error);
    expect(now.as).toBe('manifest');
    expect(now.text).toContain('replicas: 3');
    const later = applyConsoleAction(deployment, 50_000, command, patch);
    if (!later.ok) throw new Error(later.error);
    expect(actions(later.text)).toEqual([{ at: '50s', run: command }]);
  });

  it('label at t = 0 adds the label to the object', () => {
    const r = applyConsoleAction(deployment, 0, 'kubectl label deployment inflate team=a', {
      kind: 'label',
      target: { kind: 'deployment', name: 'inflate', namespace: 'default' },
      set: { team: 'a' },
      remove: [],
    });
    if (!r.ok) throw new Error(r.error);
    expect(parseWorkspace(r.text).objects[0]?.object.metadata.labels).toEqual({ team: 'a' });
  });

  it('later in the timeline, or for objects the workspace lacks, it becomes a timed action', () => {
    const later = applyConsoleAction(
      deployment,
      60_000,
      'kubectl scale deployment inflate --replicas=1',
      scale(1),
    );
    if (!later.ok) throw new Error(later.error);
    expect(later.as).toBe('action');
    expect(later.text).toContain('replicas: 5');
    expect(actions(later.text)).toEqual([
      { at: '1m', run: 'kubectl scale deployment inflate --replicas=1' },
    ]);
    const missing = applyConsoleAction(
      deployment,
      0,
      'kubectl scale deployment other --replicas=1',
      {
        ...scale(1),
        target: { kind: 'deployment', name: 'other', namespace: 'default' },
      },
    );
    if (!missing.ok) throw new Error(missing.error);
    expect(actions(missing.text)).toHaveLength(1);
  });

  it('reports the time exactly as it wrote it (the playhead at 300.6 s is written and told as 5m)', () => {
    const r = applyConsoleAction(
      deployment,
      300_600,
      'kubectl scale deployment inflate --replicas=1',
      scale(1),
    );
    if (!r.ok || r.as !== 'action') throw new Error('expected a timed action');
    expect(r.at).toBe('5m');
    expect(actions(r.text)).toEqual([
      { at: r.at, run: 'kubectl scale deployment inflate --replicas=1' },
    ]);
  });
});

describe('the Compare tab’s node group form', () => {
  const ca = (text: string) => parseWorkspace(text).scenario?.spec.clusterAutoscaler;

  it('adds a Scenario with spec.clusterAutoscaler when there is none', () => {
    const r = setClusterAutoscaler(deployment, 'instanceType', 'm5.2xlarge');
    if (!r.ok) throw new Error(r.error);
    expect(r.text.startsWith(deployment.trimEnd())).toBe(true);
    expect(ca(r.text)).toEqual({ instanceType: 'm5.2xlarge' });
    expect(parseWorkspace(r.text).diagnostics).toEqual([]);
  });

  it('sets one field of an existing Scenario, keeping its actions', () => {
    const withAction = addTimedAction(
      deployment,
      0,
      'kubectl scale deployment inflate --replicas=5',
    );
    if (!withAction.ok) throw new Error(withAction.error);
    const a = setClusterAutoscaler(withAction.text, 'instanceType', 'c5.xlarge');
    if (!a.ok) throw new Error(a.error);
    const b = setClusterAutoscaler(a.text, 'capacityType', 'spot');
    if (!b.ok) throw new Error(b.error);
    expect(ca(b.text)).toEqual({ instanceType: 'c5.xlarge', capacityType: 'spot' });
    expect(actions(b.text)).toHaveLength(1);
  });
});

describe('horizonNote', () => {
  it('says when an action leaves a fixed-length run no time to show what follows', () => {
    expect(horizonNote(180_000, 180_000, 'until')).toBe(
      "The run stops at 3m (the Scenario's spec.until): nothing after this action is simulated. Raise spec.until, or remove it to run until the cluster is quiet, to see what Karpenter does next.",
    );
    expect(horizonNote(150_000, 180_000, 'until')).toContain(
      'only 30s of it comes after this action',
    );
    // Room enough, or a run that goes on until the cluster is quiet: nothing to say.
    expect(horizonNote(120_000, 180_000, 'until')).toBeUndefined();
    expect(horizonNote(180_000, 180_000, 'quiet')).toBeUndefined();
    expect(horizonNote(180_000, 180_000, 'cap')).toBeUndefined();
  });
});
