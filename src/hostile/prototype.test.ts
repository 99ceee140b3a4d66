// No prototype keys reach plain objects (issue 15 item 2): a workspace that uses an
// Object.prototype member name in every place where user text becomes a key (names, namespaces,
// label and annotation keys, image names, node selectors, taints, zones, instance types, extended
// resources, timing and feature-gate names) goes through the CLI path, every explanation and the
// console without throwing and without function source or "[object Object]" in what it prints.
import { describe, expect, it } from 'vitest';
import { answerConsole } from '../pipeline/console.ts';
import { explainTarget, simulateWorkspace } from '../pipeline/run.ts';
import { eventViews } from '../pipeline/frames.ts';
import { runCliText } from './cli.ts';
import { PROTOTYPE_NAMES, prototypeWorkspace } from './protoWorkspace.ts';

const LEAKS = /\[native code\]|function \w*\(|\[object Object\]|=> \{|undefined is not/;

const CONSOLE = (dns: string) => [
  'kubectl get nodes -L topology.kubernetes.io/zone',
  `kubectl get nodes -L ${dns}`,
  'kubectl get pods -A -o wide',
  `kubectl get pods -n ${dns} --show-labels`,
  `kubectl describe node ${dns}-static`,
  `kubectl describe nodepool ${dns}`,
  'kubectl get nodepools',
  'kubectl get nodeclaims',
  'kubectl get events -A',
  `kubectl get pods -l ${dns}=${dns} -n ${dns}`,
  `kubectl get ${dns}`,
  'kubectl logs -n karpenter deploy/karpenter',
];

describe('prototype-named keys everywhere user text becomes a key', { timeout: 120_000 }, () => {
  it.each(PROTOTYPE_NAMES)('%s: the CLI path, every explanation and the console', (name) => {
    const text = prototypeWorkspace(name);
    for (const args of [[], ['--json']]) {
      const r = runCliText(text, args);
      expect([0, 1]).toContain(r.code);
      expect(r.stdout + r.stderr).not.toMatch(LEAKS);
    }
    const { result, session } = simulateWorkspace(text, { file: 'w.yaml', seed: 1 });
    const end = result.end;
    // Every frame's cards, as the page asks for them (a result carries only summaries).
    const frames = result.frames.map((_, i) => session.frames.frame(i));
    const texts: string[] = [JSON.stringify(frames), JSON.stringify(eventViews(session.timeline))];
    const state = session.timeline.final;
    for (const key of state.nodes.keys())
      texts.push(JSON.stringify(explainTarget(session, { kind: 'node', t: end, key })));
    for (const key of state.pods.keys())
      texts.push(JSON.stringify(explainTarget(session, { kind: 'pod', t: end, key })));
    session.timeline.events.forEach((_, index) =>
      texts.push(JSON.stringify(explainTarget(session, { kind: 'event', index }))),
    );
    texts.push(JSON.stringify(explainTarget(session, { kind: 'summary', t: end })));
    const dns = name.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'x';
    for (const line of CONSOLE(dns)) {
      const reply = answerConsole(session, { op: 'run', line, t: end });
      texts.push(JSON.stringify(reply));
      texts.push(
        JSON.stringify(
          answerConsole(session, { op: 'complete', line, cursor: line.length, t: end }),
        ),
      );
    }
    for (const t of texts) expect(t).not.toMatch(LEAKS);
    // The workspace is valid and did something: pods exist and the run was not refused.
    expect(result.stoppedBy).not.toBe('refused');
    expect(state.pods.size).toBeGreaterThan(0);
  });
});
