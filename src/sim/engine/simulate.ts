// simulate(input) → Timeline: the engine's one entry point. Deterministic (the same input and seed
// give the same timeline, event for event) and total (bad input ends as data in the timeline —
// pending pods with reasons, failed actions, a refusal — never as an exception).
import type { StorageSettings } from '../storage/limits.ts';
import { catalogFromScenario, ec2Catalog, type Catalog } from '../catalog/index.ts';
import type { EC2NodeClass, KubeObject, NodePool, Scenario } from '../k8s.ts';
import type { TimedAction } from './actions.ts';
import { INTERRUPTION_MODEL_NOTE, startInterruptionModel } from './interruptionModel.ts';
import { actionWarning, Commands } from './commands.ts';
import { noDisruption, type DisruptionController } from './disruption.ts';
import { parseDuration, formatDuration } from './duration.ts';
import { notAnAction, parseCommand } from './kubectl.ts';
import { makeDisruptionContext } from './disruptionContext.ts';
import { Sim, type SimConfig } from './runtime.ts';
import { setUpWorkspace } from './setup.ts';
import { cloneState, emptyState } from './state.ts';
import type { ObjectField, StopReason, Timeline } from './timeline.ts';
import { ASSUMED_TIMINGS, JITTERED, resolveTimings } from './timing.ts';
import { semanticsOf, startingVersion } from '../version.ts';
import { MAX_STEPS_PER_INSTANT, MAX_UNTIL_MS } from './limits.ts';

export { MAX_STEPS_PER_INSTANT, MAX_UNTIL_MS };

/** Bad input: more live pods than this are refused with a clear message (issue 3). */
export const DEFAULT_MAX_PODS = 20_000;
/** A run "until quiet" never goes past this much simulated time. */
export const QUIET_CAP_MS = 6 * 3_600_000;
const MAX_EVENTS = 5_000_000;

export interface Progress {
  /** Simulated ms so far, of `total`. */
  done: number;
  total: number;
  phase: string;
  /** No `until`: the run ends when the cluster goes quiet, `total` is only the cap. */
  untilQuiet?: true;
}

export interface SimulationInput {
  /** The workspace (from parseWorkspace): Kubernetes/Karpenter objects and at most one Scenario. */
  objects: readonly KubeObject[];
  /** Documents held back for `kubectl apply -f <name>` actions. */
  heldBack?: Readonly<Record<string, readonly KubeObject[]>>;
  /** Overrides Scenario spec.seed (default 1). */
  seed?: number;
  /** Extra timed actions (the console, a lab step), after the Scenario's own. */
  actions?: readonly TimedAction[];
  /** ms; overrides Scenario spec.until. Undefined → until quiet (capped at 6 h). */
  until?: number;
  /** Replaces the catalog (tests); otherwise Scenario spec.instanceTypes or the EC2 catalog. */
  catalog?: Catalog;
  disruption?: DisruptionController;
  onProgress?: (p: Progress) => void;
  isCancelled?: () => boolean;
  maxPods?: number;
  snapshotEvery?: number;
}

export function simulate(input: SimulationInput): Timeline {
  const scenario = input.objects.find((o): o is Scenario => o.kind === 'Scenario');
  const spec = scenario?.spec ?? {};
  const k = spec.karpenter ?? {};
  const seed = input.seed ?? spec.seed ?? 1;
  const started = startingVersion(k.version);
  const semantics = semanticsOf(started);
  const version = started.text;
  const { timings, warnings } = resolveTimings(k);
  const region = spec.region ?? 'us-east-1';
  let catalogError: string | undefined;
  let baseCatalog: Catalog;
  try {
    baseCatalog =
      input.catalog ??
      (spec.instanceTypes
        ? catalogFromScenario(spec.instanceTypes, spec.zones)
        : ec2Catalog({ region, ...(spec.zones ? { zones: spec.zones } : {}) }));
  } catch (e) {
    // The manifests layer validates quantities first; this only guards direct callers.
    catalogError = `spec.instanceTypes: ${e instanceof Error ? e.message : String(e)}`;
    baseCatalog = { region, zones: spec.zones ?? [], instanceTypes: [], source: 'none' };
  }
  const nodeClasses = new Map(
    input.objects
      .filter((o): o is EC2NodeClass => o.kind === 'EC2NodeClass')
      .map((o) => [o.metadata.name ?? '', o]),
  );
  const catalogFor = (np: NodePool | undefined): Catalog => {
    if (input.catalog || spec.instanceTypes || !np) return baseCatalog;
    const kubelet =
      np.spec.template.spec.kubelet ??
      nodeClasses.get(np.spec.template.spec.nodeClassRef?.name ?? '')?.spec.kubelet;
    return kubelet ? ec2Catalog({ region, zones: [...baseCatalog.zones], kubelet }) : baseCatalog;
  };
  const config: SimConfig = {
    seed,
    timings,
    region,
    zones: baseCatalog.zones,
    catalogFor,
    images: spec.images ?? {},
    spotStrategy: k.spotAllocation ?? 'lowest-price',
    featureGates: k.featureGates ?? {},
    ...(k.minValuesPolicy ? { minValuesPolicy: k.minValuesPolicy } : {}),
    ...(k.preferencePolicy ? { preferencePolicy: k.preferencePolicy } : {}),
    maxPods: input.maxPods ?? DEFAULT_MAX_PODS,
    snapshotEvery: input.snapshotEvery ?? 2_000,
    disruption: input.disruption ?? noDisruption,
    storage: storageSettings(spec),
  };
  const karpenter = { installed: k.installed ?? true, version, semantics };
  const initial = emptyState(karpenter);
  const sim = new Sim(config, cloneState(initial));
  sim.warnings.push(...warnings);
  if (baseCatalog.emptyReason) sim.warnings.push(baseCatalog.emptyReason);
  if (baseCatalog.priceNote) sim.warnings.push(baseCatalog.priceNote);
  const jitter = `±${Math.round(timings.jitter * 100)}% seeded jitter`;
  const assumptions = ASSUMED_TIMINGS.map(
    (t) =>
      `${t}: ${formatDuration(timings[t])} (assumed${JITTERED.includes(t) ? `, ${jitter}` : ''})`,
  );
  const finish = (
    stoppedBy: StopReason,
    end: number,
    refused?: string,
    refusedAt?: ObjectField,
  ): Timeline => ({
    seed,
    karpenterVersion: version,
    semantics,
    end,
    stoppedBy,
    ...(refused === undefined ? {} : { refused }),
    ...(refusedAt === undefined ? {} : { refusedAt }),
    initial,
    events: sim.events,
    snapshots: sim.snapshots,
    final: sim.state,
    catalogSource: baseCatalog.source,
    assumptions,
    warnings: sim.warnings,
  });

  const scenarioField = (...path: string[]): ObjectField | undefined =>
    scenario ? { kind: 'Scenario', path } : undefined; // one Scenario per workspace
  if (catalogError !== undefined)
    return finish('refused', 0, catalogError, scenarioField('spec', 'instanceTypes'));
  const wanted = requestedPods(input.objects);
  if (wanted.total > config.maxPods) {
    return finish(
      'refused',
      0,
      `the workspace asks for ${wanted.total.toLocaleString('en-US')} pods; the lab simulates at most ${config.maxPods.toLocaleString('en-US')} (scale the replicas down)`,
      wanted.largest,
    );
  }
  const until = input.until ?? parseDuration(spec.until);
  if (until !== undefined && until > MAX_UNTIL_MS)
    return finish(
      'refused',
      0,
      `until ${formatDuration(until)} is longer than the lab simulates (at most ${formatDuration(MAX_UNTIL_MS)}, one week)`,
      input.until === undefined ? scenarioField('spec', 'until') : undefined,
    );
  for (const [name, docs] of Object.entries(input.heldBack ?? {}))
    sim.heldBack.set(name, [...docs]);

  sim.emit({ type: 'karpenter.changed', karpenter });
  setUpWorkspace(sim, input.objects);
  const commands = new Commands(sim);
  for (const a of [...scenarioActions(spec.actions ?? [], sim), ...(input.actions ?? [])]) {
    if (until !== undefined && a.at > until)
      sim.warnings.push(
        actionWarning(
          a.at,
          a.source,
          `: after the end of the run (${formatDuration(until)}), so it never runs`,
        ),
      );
    sim.agenda.push(a.at, 'action', () => commands.run(a));
  }
  const ctx = makeDisruptionContext(sim);
  // "Quiet" also needs the disruption controller to have looked at the cluster after its last
  // change: a scale-down just before the run would otherwise end unseen (no consolidation shown).
  let lastPollAt = -1;
  const poll = Math.max(1, config.disruption.interval ?? timings.disruptionPoll);
  const tick = (): void => {
    lastPollAt = sim.now;
    config.disruption.tick(ctx);
    sim.after(poll, 'disruption.poll', tick, false);
  };
  sim.agenda.push(poll, 'disruption.poll', tick, false);
  if (k.interruptionModel === true) {
    startInterruptionModel(sim);
    assumptions.push(INTERRUPTION_MODEL_NOTE);
  }

  const horizon = until ?? QUIET_CAP_MS;
  let steps = 0;
  let instant = -1;
  let stepsAtInstant = 0;
  for (;;) {
    const next = sim.agenda.peek();
    if (!next) return finish(until === undefined ? 'quiet' : 'until', until ?? sim.now);
    const seenByDisruption = lastPollAt >= (sim.events.at(-1)?.t ?? 0);
    if (until === undefined && sim.agenda.live === 0 && seenByDisruption)
      return finish('quiet', sim.now);
    if (next.t > horizon) {
      if (until === undefined)
        sim.warnings.push(
          `the cluster never went quiet; the run stopped at the ${formatDuration(QUIET_CAP_MS)} cap (set spec.until or --until)`,
        );
      return finish(until === undefined ? 'cap' : 'until', horizon);
    }
    if (next.t !== instant) [instant, stepsAtInstant] = [next.t, 0];
    else if (++stepsAtInstant > MAX_STEPS_PER_INSTANT) {
      const { message, at } = stuckAt(next.label, MAX_STEPS_PER_INSTANT, sim.now);
      sim.emit({ type: 'progress', note: message });
      return finish('budget', sim.now, message, at && scenarioField(...at));
    }
    sim.agenda.pop();
    sim.now = next.t;
    next.run();
    if (++steps % 256 === 0) {
      input.onProgress?.({
        done: sim.now,
        total: horizon,
        phase: 'simulating',
        ...(until === undefined ? { untilQuiet: true as const } : {}),
      });
      if (input.isCancelled?.()) {
        sim.emit({ type: 'progress', note: 'cancelled' });
        return finish('cancelled', sim.now);
      }
      if (sim.events.length > MAX_EVENTS) {
        sim.emit({ type: 'progress', note: `stopped after ${MAX_EVENTS} events` });
        return finish('cap', sim.now);
      }
    }
  }
}

/**
 * Replicas the workspace asks for up front (DaemonSet pods excluded: they depend on node count),
 * and the workload asking for the most, which a refusal points at.
 */
function requestedPods(objects: readonly KubeObject[]): { total: number; largest?: ObjectField } {
  let total = 0;
  let most = 0;
  let largest: ObjectField | undefined;
  for (const o of objects) {
    let n = 0;
    if (o.kind === 'Pod') n = 1;
    else if (o.kind === 'Deployment' || o.kind === 'ReplicaSet' || o.kind === 'StatefulSet')
      n = o.spec.replicas ?? 1;
    total += n;
    if (n > most && o.kind !== 'Pod') {
      most = n;
      largest = {
        kind: o.kind,
        ...(o.metadata.name === undefined ? {} : { name: o.metadata.name }),
        ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
        path: ['spec', 'replicas'],
      };
    }
  }
  return { total, ...(largest ? { largest } : {}) };
}

/** Which Scenario timing makes a task repeat without time moving (a zero delay), by task label. */
const TIMING_OF_TASK: Readonly<Record<string, string>> = {
  'drain.retry': 'evictionRetry',
  'disruption.poll': 'disruptionPoll',
};

/** The plain message of the steps-at-one-instant budget, and the Scenario field to blame if any. */
function stuckAt(label: string, max: number, now: number): { message: string; at?: string[] } {
  const timing = Object.hasOwn(TIMING_OF_TASK, label) ? TIMING_OF_TASK[label] : undefined;
  const message = `the run stopped at ${formatDuration(now)}: more than ${max.toLocaleString('en-US')} steps happened at that one instant without simulated time moving (the last was "${label}")${timing ? `; a zero spec.karpenter.timings.${timing} makes it retry at once, forever` : ''}`;
  return timing ? { message, at: ['spec', 'karpenter', 'timings', timing] } : { message };
}

/** Scenario spec.actions → timed actions; unparsable ones are scheduled as recorded failures. */
function scenarioActions(
  actions: NonNullable<Scenario['spec']['actions']>,
  sim: Sim,
): TimedAction[] {
  const out: TimedAction[] = [];
  for (const a of actions) {
    const at = parseDuration(a.at) ?? 0;
    if ('run' in a) {
      const r = parseCommand(a.run);
      if (r.ok) out.push({ at, action: r.action, source: a.run });
      else sim.warnings.push(actionWarning(String(a.at), a.run, `: ${notAnAction(r)}`));
    } else if ('interrupt' in a) {
      out.push({
        at,
        action: { kind: 'interrupt', node: a.interrupt.node },
        source: `interrupt ${a.interrupt.node}`,
      });
    } else {
      const forMs = parseDuration(a.ice.for);
      out.push({
        at,
        source: `ice ${a.ice.instanceType}`,
        action: {
          kind: 'ice',
          instanceType: a.ice.instanceType,
          ...(a.ice.zone === undefined ? {} : { zone: a.ice.zone }),
          ...(a.ice.capacityType === undefined ? {} : { capacityType: a.ice.capacityType }),
          ...(forMs === undefined ? {} : { forMs }),
        },
      });
    }
  }
  return out.sort((x, y) => x.at - y.at);
}

/** Scenario spec.storage and the catalog's own per-type volume limits. */
function storageSettings(spec: Scenario['spec']): StorageSettings {
  const st = spec.storage ?? {};
  const typeLimits = new Map<string, Record<string, number>>();
  for (const t of spec.instanceTypes ?? [])
    if (t.volumeLimits) typeLimits.set(t.name, t.volumeLimits);
  return {
    ebsCsiDriver: st.ebsCsiDriver ?? true,
    ...(st.volumeAttachLimit !== undefined ? { volumeAttachLimit: st.volumeAttachLimit } : {}),
    ...(st.reservedVolumeAttachments !== undefined
      ? { reservedVolumeAttachments: st.reservedVolumeAttachments }
      : {}),
    ...(typeLimits.size > 0 ? { typeLimits } : {}),
  };
}
