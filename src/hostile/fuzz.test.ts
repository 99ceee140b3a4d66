// Fuzzing the whole pipeline (issue 15 item 7): generated workspaces — YAML text, numbers, names,
// timings, budgets, actions — through the CLI's code path. Every run exits 0 or 1, never throws,
// stays inside the run budget, and gives the same output for the same seed.
//
// The unit suite runs a few dozen cases (seconds); `npm run fuzz` runs FUZZ_RUNS (default 300) with
// a fresh random seed each time, printing the seed so a failure can be replayed with FUZZ_SEED.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { RUN_BUDGET_MS } from './budget.ts';
import { runCliText } from './cli.ts';
import { PROTOTYPE_NAMES } from './protoWorkspace.ts';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 16);
// The unit suite is reproducible (a fixed seed); `npm run fuzz` explores (FUZZ_SEED=random).
const SEED =
  process.env['FUZZ_SEED'] === undefined || process.env['FUZZ_SEED'] === 'random'
    ? process.env['FUZZ_SEED'] === 'random'
      ? Math.floor(Math.random() * 2 ** 31)
      : 20261202
    : Number(process.env['FUZZ_SEED']);

/** Valid most of the time, hostile sometimes: so that runs reach the engine as well as validation. */
const mostly = <T>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, weight = 12): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight }, { arbitrary: odd, weight: 1 });

const hostileName = fc.oneof(
  fc.constantFrom('default', 'web', 'a', 'x-1', 'constructor', 'toString', '__proto__', ''),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  fc.string({ maxLength: 12 }),
);

// A name valid as a DNS label, a label key and a label value; prototype member names included.
const name = mostly(
  fc.oneof(
    fc.constantFrom('default', 'web', 'a', 'x-1', 'constructor', 'valueof'),
    fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
  ),
  hostileName,
  40,
);
const number = mostly(
  fc.integer({ min: 1, max: 12 }),
  fc.constantFrom(0, -1, 1.5, 1e300, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e-9),
);
const quantity = mostly(
  fc.constantFrom('1', '500m', '2Gi', '2', '0.001', '250m'),
  fc.constantFrom('1e309', '-1', 'lots', '1e16', '', '0', '1Ei'),
);
const duration = mostly(
  fc.oneof(
    fc.constantFrom('1s', '10s', '5m', '1h'),
    fc.nat({ max: 600 }).map((n) => `${n}s`),
  ),
  fc.constantFrom('0s', '168h', '169h', '2562047h', '1000000000h', 'soon'),
);
const cron = mostly(
  fc.constantFrom('@daily', '0 9 * * mon-fri', '0 0 1,15 * */1', '0 0 30 2 *', '*/5 * * * *'),
  fc
    .array(fc.constantFrom('*', '*/1', '*/0', '7', '61', '1-5', 'jan', '?', ',', '5/15', '-'), {
      minLength: 4,
      maxLength: 6,
    })
    .map((f) => f.join(' ')),
);
const labels = fc.dictionary(name, name, { maxKeys: 3 });
const command = fc
  .tuple(
    fc.constantFrom(
      'scale deployment',
      'cordon',
      'drain',
      'label node',
      'delete pod',
      'frobnicate',
    ),
    name,
    mostly(
      fc.constantFrom('--replicas=3', '--replicas=0', '--ignore-daemonsets', 'k=v'),
      fc.constantFrom('--replicas=1e9', '__proto__=x', 'constructor=y', ''),
    ),
  )
  .map(([verb, target, flag]) => `kubectl ${verb} ${target} ${flag}`.trim());

const nodePool = fc.record(
  {
    apiVersion: fc.constant('karpenter.sh/v1'),
    kind: fc.constant('NodePool'),
    metadata: fc.record({ name }),
    spec: fc.record(
      {
        weight: fc.integer({ min: 1, max: 100 }),
        limits: fc.dictionary(fc.constantFrom('cpu', 'memory', 'nodes'), quantity, {
          maxKeys: 3,
        }),
        disruption: fc.record(
          {
            consolidateAfter: duration,
            budgets: fc.array(
              fc.record(
                {
                  nodes: mostly(fc.constantFrom('0', '1', '10%'), fc.constantFrom('150%', '-1')),
                  schedule: cron,
                  duration: mostly(fc.constantFrom('1h', '8h', '30m'), duration),
                },
                { requiredKeys: ['nodes'] },
              ),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: [] },
        ),
        template: fc.record({
          metadata: fc.record({ labels }, { requiredKeys: [] }),
          spec: fc.record({
            nodeClassRef: fc.constant({
              group: 'karpenter.k8s.aws',
              kind: 'EC2NodeClass',
              name: 'default',
            }),
            requirements: fc.array(
              fc.record({
                key: fc.oneof(name, fc.constant('karpenter.sh/capacity-type')),
                operator: mostly(
                  fc.constantFrom('NotIn', 'Exists'),
                  fc.constantFrom('In', 'Gt', 'Bogus'),
                ),
                values: fc.array(name, { minLength: 1, maxLength: 2 }),
              }),
              { maxLength: 2 },
            ),
          }),
        }),
      },
      { requiredKeys: ['template'] },
    ),
  },
  { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] },
);

const deployment = fc.record({
  apiVersion: fc.constant('apps/v1'),
  kind: fc.constant('Deployment'),
  metadata: fc.record({ name, namespace: fc.constantFrom('default', 'team') }),
  spec: fc
    .tuple(labels, mostly(fc.integer({ min: 0, max: 20 }), number), quantity, name)
    .map(([l, replicas, cpu, image]) => ({
      replicas,
      selector: { matchLabels: { app: 'w', ...l } },
      template: {
        metadata: { labels: { app: 'w', ...l } },
        spec: {
          nodeSelector: l,
          containers: [{ name: 'c', image, resources: { requests: { cpu } } }],
        },
      },
    })),
});

const pdb = fc.record({
  apiVersion: fc.constant('policy/v1'),
  kind: fc.constant('PodDisruptionBudget'),
  metadata: fc.record({ name }),
  spec: fc.record(
    {
      minAvailable: mostly(fc.constantFrom(1, '50%'), fc.constantFrom(-1, '150%', '5', 1.5)),
      selector: fc.constant({ matchLabels: { app: 'w' } }),
    },
    { requiredKeys: ['selector'] },
  ),
});

const scenario = fc.record({
  apiVersion: fc.constant('lab.karpenter.playground/v1alpha1'),
  kind: fc.constant('Scenario'),
  metadata: fc.constant({ name: 'fuzz' }),
  spec: fc.record(
    {
      // Short runs: the budget is about work, not about simulating days in the unit suite.
      until: mostly(
        fc.constantFrom('2m', '5m', '10m'),
        fc.constantFrom('1000000000h', '169h', '0s'),
      ),
      seed: mostly(fc.nat({ max: 1000 }), fc.constantFrom(-1, 1.5, 2 ** 40)),
      images: fc.dictionary(name, fc.constant(['amd64']), { maxKeys: 2 }),
      karpenter: fc.record(
        {
          timings: fc.dictionary(
            mostly(
              fc.constantFrom('evictionRetry', 'launch'),
              fc.constantFrom('disruptionPoll', 'constructor', 'bogus'),
            ),
            duration,
            { maxKeys: 2 },
          ),
          featureGates: fc.dictionary(name, fc.boolean(), { maxKeys: 2 }),
        },
        { requiredKeys: [] },
      ),
      actions: fc.array(fc.record({ at: duration, run: command }), { maxLength: 4 }),
    },
    { requiredKeys: ['until'] },
  ),
});

/** A workspace's text: documents, sometimes with a mutation of the text itself. */
const workspace = fc
  .tuple(
    scenario,
    fc.array(nodePool, { minLength: 1, maxLength: 2 }),
    fc.array(deployment, { maxLength: 2 }),
    fc.option(pdb, { nil: undefined }),
    mostly<[number, string] | undefined>(
      fc.constant(undefined),
      fc.tuple(
        fc.nat(),
        fc.constantFrom('\t', '<<: *a\n', '&a ', '*a', '{', '"', '\n---\n', ': :'),
      ),
      6,
    ),
  )
  .map(([s, pools, deps, p, mutation]) => {
    const text = [s, ...pools, ...deps, ...(p ? [p] : [])].map((o) => stringify(o)).join('---\n');
    if (!mutation) return text;
    const at = mutation[0] % (text.length + 1);
    return text.slice(0, at) + mutation[1] + text.slice(at);
  });

describe('fuzzing the whole pipeline through the CLI path', { timeout: 600_000 }, () => {
  it(`exits 0 or 1, never throws, within ${RUN_BUDGET_MS} ms, the same for the same seed`, () => {
    let slowest = 0;
    let counts = { 0: 0, 1: 0 } as Record<number, number>;
    fc.assert(
      fc.property(workspace, fc.boolean(), (text, json) => {
        const args = json ? ['--json'] : [];
        const r = runCliText(text, args);
        slowest = Math.max(slowest, r.ms);
        counts = { ...counts, [r.code]: (counts[r.code] ?? 0) + 1 };
        if (process.env['FUZZ_DEBUG'])
          console.log(
            r.code,
            r.stderr
              .split('\n')
              .filter((l) => !/warning/.test(l))
              .slice(0, 2)
              .join(' | '),
          );
        expect([0, 1]).toContain(r.code);
        expect(r.ms).toBeLessThan(RUN_BUDGET_MS);
        expect(r.stderr + r.stdout).not.toMatch(/\[native code\]|\[object Object\]|\n\s+at /);
        const again = runCliText(text, args);
        expect(again.stdout).toBe(r.stdout);
        expect(again.stderr).toBe(r.stderr);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(
      `fuzz: seed ${SEED}, ${RUNS} workspaces (each run twice): exit 0 × ${counts[0]}, exit 1 × ${counts[1]}; slowest run ${Math.round(slowest)} ms`,
    );
  });
});
