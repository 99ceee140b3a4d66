import { describe, expect, it } from 'vitest';
import { emptyHistory, next, previous, remember } from './history.ts';

describe('console history', () => {
  it('walks back with ↑ and forward with ↓, ending on an empty line', () => {
    let h = remember(remember(emptyHistory, 'kubectl get nodes'), 'kubectl get pods');
    const up1 = previous(h);
    expect(up1.line).toBe('kubectl get pods');
    const up2 = previous(up1.history);
    expect(up2.line).toBe('kubectl get nodes');
    expect(previous(up2.history).line).toBe('kubectl get nodes');
    const down = next(up2.history);
    expect(down.line).toBe('kubectl get pods');
    expect(next(down.history).line).toBe('');
    h = remember(down.history, 'help');
    expect(h.position).toBe(3);
  });

  it('stores a repeated command once and ignores blank lines', () => {
    const h = remember(remember(remember(emptyHistory, 'help'), 'help'), '  ');
    expect(h.entries).toEqual(['help']);
  });
});
