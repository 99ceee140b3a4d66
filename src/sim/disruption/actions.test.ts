// The command text of Karpenter's consolidation events (ConsolidationCandidate, ConsolidationRejected).
import { describe, expect, it } from 'vitest';
import { commandString, commandText } from './actions.ts';

const cmd = (nodes: string[], replacements: number) => ({
  candidates: nodes.map((name) => ({ node: { name } })),
  replacements: Array.from({ length: replacements }, () => ({})),
});

// upstream: pkg/controllers/disruption/consolidation_logging_test.go
// test: TestCommand_String (its five cases)
describe('Command.String before the command has an ID', () => {
  it.each([
    ['delete single node', cmd(['node-1'], 0), 'delete: [node-1]'],
    ['delete multiple nodes', cmd(['node-1', 'node-2'], 0), 'delete: [node-1, node-2]'],
    ['replace with single replacement', cmd(['node-1'], 1), 'replace: [node-1] -> [1 replacement]'],
    [
      'replace with multiple replacements',
      cmd(['node-1'], 2),
      'replace: [node-1] -> [2 replacements]',
    ],
    ['empty command', cmd([], 0), 'no-op: []'],
  ])('%s', (_name, c, expected) => expect(commandString(c)).toBe(expected));
});

// upstream: pkg/controllers/disruption/types.go Command.StringForNode (no test of its own)
describe('Command.StringForNode', () => {
  it('one node of several names itself and the size of the move', () => {
    expect(commandText(cmd(['a', 'b', 'c'], 1), 'b')).toBe(
      'replace: [b] (part of 3-node consolidation)',
    );
  });
  it('a single-node command is the whole command', () => {
    expect(commandText(cmd(['a'], 1), 'a')).toBe('replace: [a] -> [1 replacement]');
  });
});
