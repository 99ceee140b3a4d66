import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complete } from './complete.ts';
import { runCommand } from './run.ts';
import { at, oneNodeForWeb, WEB_NODE } from './testing.ts';

// Words a learner might type, in any order: the console must answer every line, never throw.
const WORDS = [
  'kubectl',
  'k',
  'helm',
  'get',
  'describe',
  'logs',
  'delete',
  'scale',
  'drain',
  'label',
  'taint',
  'apply',
  'install',
  'uninstall',
  'karpenter',
  'pods',
  'nodes',
  'nodeclaims',
  'nodepool',
  'deploy/karpenter',
  'web-1',
  WEB_NODE,
  '-o',
  'yaml',
  'wide',
  '-w',
  '-A',
  '-n',
  '-l',
  'app=web',
  '-L',
  '--tail=3',
  '--replicas=2',
  'a=b:NoSchedule',
  'x-',
  '--version',
  '1.0.0',
  '-f',
  '"quoted word"',
  '',
  '/',
  '=',
  '(',
  'in',
  'events',
  'top',
  'explain',
  'all',
  'pdb',
  'nodepool.spec.disruption',
  'pods,nodes',
  '--for',
  'pod/web-1',
  '--types=Warning',
  '--field-selector',
  'status.phase=Running',
  '--sort-by=.metadata.name',
  '--sort-by',
  '--no-headers',
  '-o=jsonpath={.items[*].metadata.name}',
  "'-o=jsonpath={range .items[*]}{.metadata.name}{end}'",
  '-ocustom-columns=N:.metadata.name',
  '--show-kind',
  '--',
  '|',
  ';',
  "'",
];

describe('the console with any input', () => {
  const ctxs = [at(oneNodeForWeb(), 60_000), at(oneNodeForWeb([], { installed: false }), 10_000)];

  it('answers every line with text and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }),
        fc.integer({ min: 0, max: 1 }),
        (words, i) => {
          const r = runCommand(words.join(' '), ctxs[i] ?? ctxs[0]!);
          expect(typeof r.output).toBe('string');
          if (r.action) expect(r.error).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('completes at any cursor position without throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }), fc.nat(), (words, n) => {
        const line = words.join(' ');
        const cursor = n % (line.length + 1);
        const c = complete(line, cursor, ctxs[0]!.state);
        expect(c.from).toBeLessThanOrEqual(cursor);
      }),
      { numRuns: 300 },
    );
  });
});
