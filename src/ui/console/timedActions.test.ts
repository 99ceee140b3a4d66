import { describe, expect, it } from 'vitest';
import { addTimedAction } from './timedActions.ts';
import { parseWorkspace } from '../../manifests/index.ts';

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
