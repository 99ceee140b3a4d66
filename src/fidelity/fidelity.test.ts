// Karpenter's own test cases, translated to workspace files and run through the CLI's JSON
// (cases.ts explains the fixture format; docs/fidelity.md keeps the per-area table).
import { describe, expect, it } from 'vitest';
import { allCases } from './cases.ts';
import { check } from './expect.ts';
import { simulateFixture } from './harness.ts';

const cases = allCases();

for (const area of new Set(cases.map((c) => c.area))) {
  describe(`fidelity: ${area}`, { timeout: 60_000 }, () => {
    for (const c of cases.filter((x) => x.area === area)) {
      it(`${c.test} (${c.path})`, () => {
        expect(check(simulateFixture(c.path), c.expect)).toEqual([]);
      });
    }
  });
}

describe('the fidelity harness', { timeout: 60_000 }, () => {
  it('prints exactly the timeline `npm run -s simulate -- <file> --json` prints', async () => {
    const { spawnSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const { FIXTURES } = await import('./harness.ts');
    const path = 'scheduling/in-flight-second-node-when-pod-wont-fit.yaml';
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(FIXTURES, '..', 'cli', 'main.ts'), join(FIXTURES, path), '--json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    // The CLI wraps the timeline as a machine-readable document (docs/cli.md): apiVersion and kind
    // first, then exactly the timeline the suite asserts on.
    const { apiVersion, kind, ...timeline } = JSON.parse(r.stdout) as Record<string, unknown>;
    expect([apiVersion, kind]).toEqual(['cli.karpenter.playground/v1', 'Simulation']);
    expect(timeline).toEqual(simulateFixture(path));
  });
});
