// Builds the DisruptionContext a disruption controller acts through (see disruption.ts).
import { solve } from '../scheduling/index.ts';
import type { DisruptionContext } from './disruption.ts';
import type { Sim } from './runtime.ts';

export function makeDisruptionContext(sim: Sim): DisruptionContext {
  let draws = 0;
  return {
    get now() {
      return sim.now;
    },
    get state() {
      return sim.state;
    },
    get semantics() {
      return sim.state.karpenter.semantics;
    },
    timings: sim.config.timings,
    featureGates: sim.config.featureGates,
    rng: sim.rng('disruption'),
    catalog: sim.config.catalogFor(undefined),
    simulate(pods, opts) {
      // Its own random stream: dry runs must not shift the choices real provisioning makes.
      const input = sim.provisioner.solveInput(pods, new Set(opts?.excludeNodes ?? []), 'dry-run');
      const rng = input.options.rng;
      input.options.rng = () => {
        draws++;
        return rng();
      };
      return solve(input);
    },
    get dryRunDraws() {
      return draws;
    },
    get stateVersion() {
      return sim.events.length;
    },
    taint(node, taint) {
      const n = sim.state.nodes.get(node);
      if (!n || n.taints.some((t) => t.key === taint.key && t.effect === taint.effect)) return;
      sim.emit({ type: 'node.updated', node, patch: { taints: [...n.taints, taint] } });
    },
    untaint(node, key) {
      const n = sim.state.nodes.get(node);
      if (!n) return;
      sim.emit({
        type: 'node.updated',
        node,
        patch: { taints: n.taints.filter((t) => t.key !== key) },
      });
      sim.scheduler.requestPass();
    },
    createNodeClaims(plans) {
      return plans.map((p) => sim.lifecycle.create(p));
    },
    deleteNodeClaim(name, reason) {
      sim.termination.deleteNodeClaim(name, reason);
    },
    event(type, reason, object, message) {
      sim.k8s(type, reason, object, message);
    },
    after(ms, label, fn) {
      sim.after(ms, label, fn);
    },
  };
}
