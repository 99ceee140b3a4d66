// The optional spot-interruption MODEL (issue 4 item 8, reference §4.2): off by default, enabled by
// Scenario spec.karpenter.interruptionModel. AWS publishes no per-instance interruption data, only
// the Spot Advisor's monthly frequency ranges ("<5%", "5-10%", … ">20%"); we take each range's
// midpoint as the chance a spot instance is interrupted within a month (730 h) and turn it into a
// constant hourly hazard. Every simulated hour each live spot node draws from a seeded stream; a
// hit is an ordinary interruption (2-minute notice, ICE mark, cordon and drain). It is a model and
// is labelled so in the timeline's assumptions.
import type { Sim } from './runtime.ts';

/** Midpoint of each Spot Advisor interruption range, as a fraction per month. */
export const BUCKET_MONTHLY_RATE: readonly number[] = [0.025, 0.075, 0.125, 0.175, 0.25];

export const HOURS_PER_MONTH = 730;
const HOUR_MS = 3_600_000;

export const INTERRUPTION_MODEL_NOTE =
  'spot interruptions: a seeded model (each spot node, every hour, hazard 1 − (1 − p)^(1/730) with p the midpoint of its Spot Advisor bucket: 2.5/7.5/12.5/17.5/25 % per month); not AWS data';

/** Hourly interruption probability for a Spot Advisor bucket; undefined when the type has none. */
export function hourlyHazard(bucket: number | undefined): number | undefined {
  const p = bucket === undefined ? undefined : BUCKET_MONTHLY_RATE[bucket];
  return p === undefined ? undefined : 1 - (1 - p) ** (1 / HOURS_PER_MONTH);
}

/** Draw once an hour (a poll: it never keeps a run "until quiet" alive on its own). */
export function startInterruptionModel(sim: Sim): void {
  const rng = sim.rng('interruption-model');
  const tick = (): void => {
    const nodes = [...sim.state.nodes.values()]
      .filter(
        (n) =>
          n.capacityType === 'spot' &&
          n.ready &&
          n.terminatedAt === undefined &&
          n.deletingAt === undefined &&
          n.reclaimAt === undefined,
      )
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const n of nodes) {
      const np = n.nodePool === undefined ? undefined : sim.state.nodePools.get(n.nodePool);
      const hazard = hourlyHazard(sim.instanceType(np, n.instanceType)?.interruptionBucket);
      if (hazard === undefined) continue;
      if (rng() >= hazard) continue;
      sim.k8s(
        'Warning',
        'SpotInterruptionModelled',
        `node/${n.name}`,
        `Interruption model: ${n.instanceType} (hourly hazard ${(hazard * 100).toFixed(3)}%) drew an interruption`,
      );
      sim.termination.interrupt(n.name);
    }
    sim.after(HOUR_MS, 'interruption.model', tick, false);
  };
  sim.after(HOUR_MS, 'interruption.model', tick, false);
}
