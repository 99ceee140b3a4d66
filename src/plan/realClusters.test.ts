// Realistic exports (examples/exports/) through import, simulate and plan: an EKS cluster in
// eu-west-1 whose nodes belong to a managed node group, and a Karpenter v1 cluster with NodeClaims
// whose EC2NodeClass moves to a newer AMI. Each report's figures are asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unmanagedCapacity } from '../explain/unmanaged.ts';
import { engineObjects, parseWorkspace } from '../manifests/index.ts';
import { importYaml } from '../share/import.ts';
import { regionalRows } from '../sim/catalog/ec2-regional.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { simulate } from '../sim/engine/simulate.ts';
import { planReport } from './report.ts';
import { runPlan } from './run.ts';

const imported = (name: string) => {
  const text = readFileSync(join(import.meta.dirname, '../../examples/exports', name), 'utf8');
  const r = importYaml([{ name, text }]);
  if (!r.ok) throw new Error(r.error);
  return r;
};
const objectsOf = (text: string) => {
  const ws = parseWorkspace(text);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return engineObjects(ws);
};
const EU_M5_XLARGE = 0.214;

describe('an EKS cluster with a managed node group in eu-west-1', { timeout: 120_000 }, () => {
  const r = imported('eks-eu-west-1-managed-node-group.yaml');

  it('imports the region and zones from the nodes and names the node group as not Karpenter’s', () => {
    expect(r.notes).toContain(
      "Region eu-west-1 and zones eu-west-1a, eu-west-1b come from the nodes' labels (Scenario spec.region, spec.zones).",
    );
    expect(r.notes.some((n) => /eu-west-1 on-demand prices are from 2022-11-22/.test(n))).toBe(
      true,
    );
    expect(r.notes).toContain(
      "2 node(s) are not Karpenter's (EKS managed node group general: 2): they stay as they are, and Karpenter neither disrupts nor consolidates them.",
    );
    expect(r.text).toMatch(/^ {2}region: eu-west-1$/m);
  });

  it('prices the node group at eu-west-1 rates and estimates what a NodePool would save', () => {
    const objects = objectsOf(r.text);
    const input = { objects, disruption: karpenterDisruption() };
    const t = simulate(input);
    expect(t.warnings.some((w) => /from 2022-11-22/.test(w))).toBe(true);
    const nodes = [...t.final.nodes.values()];
    expect(nodes.map((n) => n.price)).toEqual([EU_M5_XLARGE, EU_M5_XLARGE]);
    expect(nodes.every((n) => n.nodeClaim === undefined)).toBe(true); // Karpenter does not own them
    const u = unmanagedCapacity(input, t);
    expect(u?.nodes.map((n) => n.owner)).toEqual([
      'EKS managed node group general',
      'EKS managed node group general',
    ]);
    expect(u?.perHour).toBeCloseTo(2 * EU_M5_XLARGE, 6);
    expect(u?.replacement).toMatchObject({ with: "the workspace's NodePools", pending: [] });
    expect(u?.replacement?.perHour).toBeCloseTo(0.1642, 4);
    expect(u?.replacement?.savingPerHour).toBeCloseTo(0.2638, 4);
  });

  it('launches Karpenter’s new nodes in eu-west-1 zones at eu-west-1 prices', () => {
    const text = r.text.replace(
      'name: imported-cluster\nspec:\n',
      'name: imported-cluster\nspec:\n  actions: [{at: 0s, run: kubectl scale deployment web -n shop --replicas=30}]\n',
    );
    const t = simulate({ objects: objectsOf(text), disruption: karpenterDisruption() });
    const launched = [...t.final.nodeClaims.values()].flatMap((c) => (c.launch ? [c.launch] : []));
    expect(launched.length).toBeGreaterThan(0);
    const eu = new Map((regionalRows('eu-west-1') ?? []).map((row) => [row.name, row.onDemandUsd]));
    for (const l of launched) {
      expect(l.zone).toMatch(/^eu-west-1[ab]$/);
      expect(l.price).toBe(eu.get(l.instanceType));
    }
    expect([...t.final.pods.values()].filter((p) => p.phase !== 'Running')).toEqual([]);
  });

  it('says so when the region has no prices instead of using us-east-1', () => {
    const text = r.text.replace('region: eu-west-1', 'region: mx-central-1');
    const t = simulate({ objects: objectsOf(text), disruption: karpenterDisruption() });
    expect(t.warnings.some((w) => /no EC2 prices for region mx-central-1/.test(w))).toBe(true);
    expect([...t.final.nodes.values()].every((n) => n.price === 0)).toBe(true);
  });
});

describe(
  'a Karpenter v1 cluster with NodeClaims, planning an AMI change',
  { timeout: 120_000 },
  () => {
    const r = imported('karpenter-v1-nodeclaims.yaml');

    it('drifts the three NodeClaims one at a time; the first one’s pods fit on the others', () => {
      const before = objectsOf(r.text);
      const after = objectsOf(r.text.replace('al2023@v20241011', 'al2023@v20241213'));
      const out = runPlan({ before, after });
      if (!out.ok) throw new Error(out.error);
      const p = planReport(out.run);
      expect(p.drifted).toHaveLength(3);
      expect(p.drifted.every((d) => d.fields[0] === 'spec.amiSelectorTerms[0].alias')).toBe(true);
      expect(p.replacements.map((x) => x.replacedBy.length)).toEqual([0, 1, 1]);
      expect(p.replacements.map((x) => x.decidedAt - p.appliedAt)).toEqual([0, 70, 180]);
      expect(p.nodes).toEqual({ before: 3, after: 2 });
      expect(p.cost.beforePerHour).toBeCloseTo(0.459, 6);
      expect(p.cost.afterPerHour).toBeCloseTo(0.306, 6);
      expect(p.pods.every((m) => m.notRunningSeconds === 2)).toBe(true);
      expect(p.pending).toEqual([]);
    });
  },
);
