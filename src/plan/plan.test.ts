// Plans on examples/plan/: an AMI alias change, narrowed instance categories, a budget change
// alone and with the AMI change. Each report's figures are asserted, and the pacing rules they
// show: budget nodes "1" replaces one drifted node at a time, the PDB evicts one pod at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineObjects, parseWorkspace } from '../manifests/index.ts';
import { objectKey } from '../sim/engine/state.ts';
import { planReport, type PlanReport } from './report.ts';
import { runPlan } from './run.ts';
import { diffDocuments } from './diff.ts';

const load = (name: string) =>
  engineObjects(
    parseWorkspace(readFileSync(join(import.meta.dirname, '../../examples/plan', name), 'utf8')),
  );

function plan(after: string): PlanReport {
  const r = runPlan({ before: load('before.yaml'), after: load(after) });
  if (!r.ok) throw new Error(r.error);
  return planReport(r.run);
}

const C6A_LARGE = 0.0765;
const M5A_LARGE = 0.086;

describe('plan', { timeout: 120_000 }, () => {
  it('an AMI alias change drifts every node on that field, one at a time under budget "1"', () => {
    const r = plan('after-ami.yaml');
    expect(r.appliedAt).toBe(120);
    // "Replaced" is when the drifted node was gone, after it was decided.
    for (const d of r.drifted) {
      const x = r.replacements.find((p) => p.nodeClaim === d.nodeClaim);
      expect(d.replacedAt).toBe(x?.terminatedAt);
      expect(d.replacedAt).toBeGreaterThan(x?.decidedAt ?? Infinity);
    }
    expect(r.changes).toEqual([
      {
        kind: 'EC2NodeClass',
        name: 'default',
        action: 'configured',
        fields: [
          {
            path: 'spec.amiSelectorTerms[0].alias',
            before: '"al2023@v20241011"',
            after: '"al2023@v20241213"',
          },
        ],
      },
    ]);
    expect(r.drifted).toHaveLength(3);
    for (const d of r.drifted)
      expect(d).toMatchObject({
        cause: 'EC2NodeClass',
        fields: ['spec.amiSelectorTerms[0].alias'],
        instanceType: 'c6a.large',
      });
    expect(r.replacements.map((x) => x.reason)).toEqual(['Drifted', 'Drifted', 'Drifted']);
    // Budget "1": the next node is disrupted only after the previous one is gone.
    for (let i = 1; i < r.replacements.length; i++)
      expect(r.replacements[i]?.decidedAt).toBeGreaterThanOrEqual(
        r.replacements[i - 1]?.terminatedAt ?? Infinity,
      );
    expect(r.replacements.map((x) => x.decidedAt - r.appliedAt)).toEqual([0, 120, 230]);
    expect(r.blocked.some((b) => /due to blocking budget/.test(b.message))).toBe(true);
    // The PDB (maxUnavailable 1) refuses the second eviction until the first pod runs again.
    expect(
      r.blocked.some((b) => b.reason === 'FailedDraining' && /pdb default\/web/.test(b.message)),
    ).toBe(true);
    expect(r.pods).toHaveLength(6);
    for (const p of r.pods) {
      expect(p.replacement).not.toBeNull();
      expect(p.notRunningSeconds).toBe(2); // the replacement node was Ready before the drain
      expect(p.by).toBe('eviction');
    }
    expect(r.timeToConverge).toBe(342.1);
    expect(r.cost.beforePerHour).toBeCloseTo(3 * C6A_LARGE, 6);
    expect(r.cost.afterPerHour).toBeCloseTo(3 * C6A_LARGE, 6);
    expect(r.cost.deltaPerHour).toBe(0);
    expect(r.cost.transitionCost).toBeGreaterThan(0); // each replacement overlaps its old node
    expect(r.cost.transitionCost).toBeCloseTo(0.0069, 4);
    expect(r.pending).toEqual([]);
  });

  it('narrowing instance categories drifts on requirements and costs more per hour', () => {
    const r = plan('after-categories.yaml');
    expect(r.changes[0]?.fields).toEqual([
      {
        path: 'spec.template.spec.requirements[2].values',
        before: '["c","m","r"]',
        after: '["m"]',
      },
    ]);
    expect(r.drifted.map((d) => d.cause)).toEqual(['Requirements', 'Requirements', 'Requirements']);
    expect(r.drifted[0]?.why).toMatch(
      /label karpenter.k8s.aws\/instance-category=c no longer satisfies karpenter.k8s.aws\/instance-category In m/,
    );
    expect(r.replacements.flatMap((x) => x.replacedBy.map((b) => b.instanceType))).toEqual([
      'm5a.large',
      'm5a.large',
      'm5a.large',
    ]);
    expect(r.cost.beforePerHour).toBeCloseTo(3 * C6A_LARGE, 6);
    expect(r.cost.afterPerHour).toBeCloseTo(3 * M5A_LARGE, 6);
    expect(r.cost.deltaPerHour).toBeCloseTo(3 * (M5A_LARGE - C6A_LARGE), 6);
  });

  it('a budget change alone drifts nothing (budgets are outside the template hash)', () => {
    const r = plan('after-budget.yaml');
    expect(r.changes[0]?.fields.map((f) => f.path)).toEqual(['spec.disruption.budgets[0].nodes']);
    expect(r.drifted).toEqual([]);
    expect(r.replacements).toEqual([]);
    expect(r.pods).toEqual([]);
    expect(r.timeToConverge).toBe(0);
    expect(r.cost.spentDuringTransition).toBe(0);
  });

  it('with the budget at 100% every drifted node is disrupted at once; the PDB still paces pods', () => {
    const slow = plan('after-ami.yaml');
    const fast = plan('after-ami-budget.yaml');
    expect(fast.replacements.map((x) => x.decidedAt - fast.appliedAt)).toEqual([0, 0, 0]);
    expect(fast.replacements.every((x) => x.replacedBy.length === 1)).toBe(true);
    expect(fast.timeToConverge).toBe(120.7);
    expect(fast.timeToConverge).toBeLessThan(slow.timeToConverge);
    expect(fast.blocked.filter((b) => b.reason === 'FailedDraining').length).toBeGreaterThan(0);
    expect(fast.pods.every((p) => p.notRunningSeconds === 2)).toBe(true);
  });

  it('a Deployment change rolls out: every pod replaced, capacity added for the bigger pods', () => {
    const r = plan('after-requests.yaml');
    expect(r.changes[0]?.fields.map((f) => f.path)).toEqual([
      'spec.template.spec.containers[0].resources.requests.cpu',
      'spec.template.spec.containers[0].resources.requests.memory',
    ]);
    expect(r.drifted).toEqual([]);
    expect(r.pods).toHaveLength(6);
    expect(r.pods.every((p) => p.replacement !== null && p.runningAgainAt !== null)).toBe(true);
    // The rollout deletes the old pods; no drain evicts them.
    expect(r.pods.map((p) => p.by)).toEqual(Array(6).fill('rollout'));
    expect(r.nodes).toEqual({ before: 3, after: 6 }); // one 1-CPU pod per c6a.large (1930m allocatable)
    expect(r.cost.afterPerHour).toBeCloseTo(6 * C6A_LARGE, 6);
    expect(r.pending).toEqual([]);
  });

  it('a scale-down moves no pod: the deleted replicas are not evictions', () => {
    const text = readFileSync(join(import.meta.dirname, '../../examples/plan/before.yaml'), 'utf8');
    const after = engineObjects(parseWorkspace(text.replace('  replicas: 6\n', '  replicas: 2\n')));
    const r = runPlan({ before: load('before.yaml'), after });
    if (!r.ok) throw new Error(r.error);
    const report = planReport(r.run);
    expect(report.changes[0]?.fields.map((f) => f.path)).toEqual(['spec.replicas']);
    // Consolidation may still empty nodes; only pods Karpenter's drain evicted count as moved.
    expect(report.pods.every((p) => p.replacement !== null)).toBe(true);
    expect(report.pods.length).toBeLessThanOrEqual(2);
    expect(report.pending).toEqual([]);
  });

  // kubectl apply -f applies each object on its own: the API server refuses the Deployment's new
  // selector (immutable in apps/v1), and the PDB after it is still configured.
  it('a refused object is named refused, and the objects after it still apply', () => {
    const text = readFileSync(join(import.meta.dirname, '../../examples/plan/before.yaml'), 'utf8');
    const after = engineObjects(parseWorkspace(text.replaceAll('app: web', 'app: web2')));
    const r = runPlan({ before: load('before.yaml'), after });
    if (!r.ok) throw new Error(r.error);
    const report = planReport(r.run);
    expect(report.changes.map((c) => `${c.kind}/${c.name} ${c.action}`)).toEqual([
      'Deployment/web refused',
      'PodDisruptionBudget/web configured',
    ]);
    expect(report.applyError).toMatch(/^The Deployment "web" is invalid: spec\.selector/);
    const pdb = r.run.timeline.final.objects.get(
      objectKey({ kind: 'PodDisruptionBudget', metadata: { name: 'web' } }),
    ) as { spec: { selector: { matchLabels: Record<string, string> } } } | undefined;
    expect(pdb?.spec.selector.matchLabels).toEqual({ app: 'web2' });
  });

  // The seed example's Scenario scales inflate 0 → 5 → 1 while its document says replicas: 0;
  // kubectl apply of a changed template puts the manifest's 0 back, and the plan says so.
  it('a manifest replicas that resets a scaled count is listed against the live count', () => {
    const text = readFileSync(
      join(import.meta.dirname, '../../examples/seed-lab-scale-up-and-down.yaml'),
      'utf8',
    );
    const before = engineObjects(parseWorkspace(text));
    const after = engineObjects(parseWorkspace(text.replace('cpu: 1 }', 'cpu: 2 }')));
    const r = runPlan({ before, after });
    if (!r.ok) throw new Error(r.error);
    const report = planReport(r.run);
    expect(report.changes[0]?.fields.map((f) => [f.path, f.before, f.after, f.live])).toEqual([
      ['spec.replicas', '1', '0', true],
      ['spec.template.spec.containers[0].resources.requests.cpu', '1', '2', undefined],
    ]);
  });

  // The deployment controller moves ReplicaSet counts: the new one within desired + maxSurge,
  // the old one only while desired − maxUnavailable pods stay available (rollout.ts).
  it('a template that never runs stops the rollout: the old pods keep running', () => {
    const text = readFileSync(join(import.meta.dirname, '../../examples/plan/before.yaml'), 'utf8');
    const huge = text.replace(
      'requests: { cpu: 500m, memory: 512Mi }',
      "requests: { cpu: '500', memory: 512Mi }",
    );
    expect(huge).not.toBe(text);
    const r = runPlan({ before: load('before.yaml'), after: engineObjects(parseWorkspace(huge)) });
    if (!r.ok) throw new Error(r.error);
    const pods = [...r.run.timeline.final.pods.values()].filter((p) => !p.daemonSet);
    const running = pods.filter((p) => p.phase === 'Running');
    // 6 replicas: maxSurge 2, maxUnavailable 1 → 5 old pods Running, 3 new ones Pending.
    expect(running).toHaveLength(5);
    expect(pods.filter((p) => p.phase === 'Pending')).toHaveLength(3);
    expect(new Set(running.map((p) => p.pod.metadata.labels?.['pod-template-hash'])).size).toBe(1);
  });

  it('a document only in BEFORE stays, and an unchanged AFTER applies nothing', () => {
    const before = load('before.yaml');
    const r = runPlan({ before, after: before.filter((o) => o.kind !== 'PodDisruptionBudget') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.run.diff.apply).toEqual([]);
    expect(r.run.diff.notPruned).toEqual(['PodDisruptionBudget/default/web']);
    expect(r.run.timeline.events.some((e) => e.type === 'action')).toBe(false);
  });

  it('`namespace: default` written out is the namespace left out: unchanged, as kubectl apply says', () => {
    const before = load('before.yaml');
    const named = before.map((o) =>
      o.kind === 'Deployment' || o.kind === 'PodDisruptionBudget'
        ? ({ ...o, metadata: { ...o.metadata, namespace: 'default' } } as typeof o)
        : o,
    );
    const diff = diffDocuments(before, named);
    expect(diff.changes).toEqual([]);
    expect(diff.apply).toEqual([]);
    // And back: an export (namespace: default) against the repository's manifests (none).
    expect(diffDocuments(named, before).changes).toEqual([]);
    // A real namespace change is still one (another object, created).
    const moved = named.map((o) =>
      o.kind === 'Deployment'
        ? ({ ...o, metadata: { ...o.metadata, namespace: 'web' } } as typeof o)
        : o,
    );
    expect(diffDocuments(before, moved).changes).toMatchObject([
      { kind: 'Deployment', namespace: 'web', action: 'created' },
    ]);
  });

  it("an export's server-set annotations against a manifest without them: unchanged (three-way merge)", () => {
    const before = load('before.yaml');
    const exported = before.map((o) =>
      o.kind === 'Deployment'
        ? ({
            ...o,
            metadata: {
              ...o.metadata,
              annotations: { ...o.metadata.annotations, 'deployment.kubernetes.io/revision': '3' },
            },
          } as typeof o)
        : o,
    );
    expect(diffDocuments(exported, before).changes).toEqual([]);
    // A user's own annotation is still a change.
    const mine = before.map((o) =>
      o.kind === 'Deployment'
        ? ({ ...o, metadata: { ...o.metadata, annotations: { team: 'web' } } } as typeof o)
        : o,
    );
    expect(diffDocuments(mine, before).changes).toMatchObject([
      { kind: 'Deployment', fields: [{ path: 'metadata.annotations', before: '{"team":"web"}' }] },
    ]);
  });
});
