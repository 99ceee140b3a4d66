// A console command that changes the cluster becomes a timed action in the workspace's Scenario
// document ("at 2m: kubectl scale deployment inflate --replicas=1"), so the whole story replays from
// the text, survives reloads and travels in share links. Only the Scenario's actions list changes.
import { editWorkspace, parseWorkspace } from '../../manifests/index.ts';
import { formatDuration } from '../../sim/engine/index.ts';
import { appendDocument } from '../editor/documents.ts';

export type AddResult = { ok: true; text: string } | { ok: false; error: string };

export function addTimedAction(text: string, atMs: number, command: string): AddResult {
  const at = formatDuration(Math.max(0, Math.floor(atMs / 1000) * 1000));
  const action = { at, run: command };
  const ws = parseWorkspace(text);
  const scenario = ws.scenario;
  if (!scenario) {
    return {
      ok: true,
      text: appendDocument(
        text,
        [
          'apiVersion: lab.karpenter.playground/v1alpha1',
          'kind: Scenario',
          'metadata:',
          '  name: console',
          'spec:',
          '  actions:',
          `    - at: ${at}`,
          `      run: ${JSON.stringify(command)}`,
          '',
        ].join('\n'),
      ),
    };
  }
  const target = { kind: 'Scenario', name: scenario.metadata.name ?? '' };
  const n = scenario.spec.actions?.length ?? 0;
  return n > 0
    ? editWorkspace(text, {
        target,
        ops: [{ op: 'set', path: ['spec', 'actions', n], value: action }],
      })
    : editWorkspace(text, {
        target,
        ops: [{ op: 'set', path: ['spec', 'actions'], value: [action] }],
      });
}
