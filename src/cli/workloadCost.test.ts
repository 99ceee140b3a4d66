// The report's "Cost by workload" section: what the $/h at the end pays for, in the table and in
// Markdown, and the same figures as the JSON (src/sim/engine/workloadCost.ts computes them).
import { describe, expect, it } from 'vitest';
import { cliRun as cli } from './testing.ts';

const EXAMPLE = 'examples/seed-lab-scale-up-and-down.yaml';

interface CostJSON {
  cost: {
    perHour: number;
    byWorkload: { workload: string; pods: number; perHour: number }[];
    idlePerHour: number;
  };
}

describe('cost by workload in the CLI report', { timeout: 60_000 }, () => {
  const json = JSON.parse(cli([EXAMPLE, '--json']).stdout) as CostJSON;
  const inflate = json.cost.byWorkload.find((w) => w.workload === 'Deployment/default/inflate');

  it('shares the $/h at the end between the workload and the idle rest', () => {
    expect(inflate?.pods).toBe(1); // scaled down to one replica at 3m
    expect(inflate?.perHour).toBeGreaterThan(0);
    const sum = json.cost.byWorkload.reduce((s, w) => s + w.perHour, 0) + json.cost.idlePerHour;
    expect(sum).toBeCloseTo(json.cost.perHour, 5);
  });

  it('prints the same figures as a table and as Markdown', () => {
    const money = (v: number) => `$${v.toFixed(4)}`;
    const share = (v: number) => `${Math.round((v / json.cost.perHour) * 100)}%`;
    const text = cli([EXAMPLE]).stdout;
    expect(text).toContain('Cost by workload at the end');
    expect(text).toMatch(
      new RegExp(
        `Deployment/default/inflate\\s+1\\s+\\${money(inflate?.perHour ?? 0)}\\s+${share(inflate?.perHour ?? 0)}`,
      ),
    );
    expect(text).toMatch(
      new RegExp(`idle \\(requested by no pod\\)\\s+-\\s+\\${money(json.cost.idlePerHour)}`),
    );
    const md = cli([EXAMPLE, '--output', 'markdown']).stdout;
    expect(md).toContain(
      `| Deployment/default/inflate | 1 | ${money(inflate?.perHour ?? 0)} | ${share(inflate?.perHour ?? 0)} |`,
    );
  });

  it('says nothing when no instance runs at the end', () => {
    const r = cli([EXAMPLE, '--until', '1s']); // the NodeClaim is not launched yet
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cost: $0.0000/h at the end');
    expect(r.stdout).not.toContain('Cost by workload');
  });
});
