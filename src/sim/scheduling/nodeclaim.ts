// A NodeClaim being built during the solve (scheduling/nodeclaim.go). CanAdd checks, in
// Karpenter's order, taints → template requirements → topology → instance types that still fit;
// Add commits. Check first, commit second keeps what-if simulation cheap.
import type { Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { Requirement, Requirements } from '../requirements.ts';
import type { Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import { exceededResources } from '../quantity.ts';
import { blockingRequirement, filterInstanceTypes } from './instancefilter.ts';
import { filterOptionSet } from './setfilter.ts';
import { HostPortUsage } from './hostports.ts';
import type { PodData } from './poddata.ts';
import { addInto, minOfResources, sum, type MutableResources } from './resources.ts';
import { listOf, sameRequirement } from './reqfast.ts';
import { OptionSet } from './optionset.ts';
import { conflictingKey, keyDetail, rejection, type Rejection } from './rejection.ts';
import { taintError, untoleratedTaints } from './taints.ts';
import type { Template } from './template.ts';
import type { Topology } from './topology/topology.ts';
import type { PodErrorDetail, PodErrorKind } from './types.ts';

export interface Acceptance {
  requirements: Requirements;
  /** A NodeClaim's options after the pod joins: the filter's list, or (when only the fit
   *  narrowed them) the template positions that drop out (setfilter.ts); neither = unchanged. */
  options?: InstanceType[] | undefined;
  /** Dense vectors of `options` (same order). */
  vecs?: Float64Array[] | undefined;
  dropped?: readonly number[] | undefined;
  minValuesRelaxed: boolean;
}

export type { Rejection };
export type CanAdd = { ok: true; value: Acceptance } | ({ ok: false } & Rejection);

function reject(...args: Parameters<typeof rejection>): CanAdd {
  return { ok: false, ...rejection(...args) };
}

function withMinValues(r: Requirement, minValues: number): Requirement {
  const reqs = Requirements.from(r.toSelectorList().map((s) => ({ ...s, minValues })));
  return reqs.get(r.key);
}

export class SchedulingNodeClaim {
  readonly pods: Pod[] = [];
  requirements: Requirements;
  requests: MutableResources = {};
  minValuesRelaxed = false;
  /** The options as a mask over the template's (optionset.ts). */
  private readonly set: OptionSet;

  constructor(
    readonly template: Template,
    readonly hostname: string,
    options: readonly InstanceType[],
    /** The template's options that passed the pool's remaining limits at creation (for the funnel). */
    readonly withinLimits: readonly InstanceType[],
    private readonly topology: Topology,
    /** Host ports in use: the NodeClaim's own (v1.13+), or, before v1.13 (#3022), one map every
     *  new NodeClaim of the template shares within a solve. */
    private readonly ports: HostPortUsage = new HostPortUsage(),
  ) {
    this.requirements = template.requirements.clone();
    this.requirements.add(
      Requirement.of({ key: LABEL.hostname, operator: 'In', values: [hostname] }),
    );
    this.set = new OptionSet(template.options, template.dense, options);
  }

  /** The instance types still possible, in the template's order. */
  get options(): readonly InstanceType[] {
    return this.set.items();
  }

  get optionCount(): number {
    return this.set.size;
  }

  /** The largest capacity of `key` among the options, as subtractMax computes it. */
  maxCapacity(key: string): number {
    return this.set.maxCapacity(key);
  }

  /** The option mask (OptionSet.snapshot) and a check against one, for finalize's sharing. */
  optionMask(): Uint8Array {
    return this.set.snapshot();
  }

  hasOptions(mask: Uint8Array, count: number): boolean {
    return this.set.sameAs(mask, count);
  }

  hasOption(it: InstanceType): boolean {
    return this.set.has(it);
  }

  /** The total fits the largest option on every resource (a necessary condition to fit one). */
  private mightFit(total: Resources): boolean {
    return this.set.fitsMax(this.template.dense.request(total));
  }

  /**
   * quick: reject on a cheap resource bound first. Only for claims whose error is discarded
   * (in-flight ones): the outcome is the same, the message would be less precise.
   */
  canAdd(pod: Pod, data: PodData, relaxMinValues: boolean, quick: boolean): CanAdd {
    const total = sum(this.requests, data.requests);
    if (quick && !this.mightFit(total))
      return reject('resources', 'exceeds the largest instance type');
    const te = taintError(this.template.taints, pod.spec.tolerations);
    if (te) {
      const first = untoleratedTaints(this.template.taints, pod.spec.tolerations)[0];
      return reject('taint', te, () => (first ? { taint: first } : {}));
    }

    let reqs = this.requirements;
    const touched: string[] = [];
    const podList = listOf(data.requirements);
    if (podList.length > 0) {
      const e = reqs.compatible(data.requirements, this.template.wellKnown);
      if (e) {
        const node = reqs;
        const why = () => keyDetail(conflictingKey(node, podList, this.template.wellKnown));
        return reject('requirements', `incompatible requirements, ${e}`, why);
      }
      reqs = reqs.clone();
      reqs.add(...podList);
      for (const r of podList) touched.push(r.key);
    }
    const alts = data.volumeAlternatives;
    if (!alts || alts.length === 0)
      return this.finish(pod, data, reqs, touched, total, relaxMinValues);
    // Volume topology (nodeclaim.go CanAdd): each alternative narrows the NodeClaim only; the first
    // that passes topology and the instance filter wins, else the last failure is the pod's error.
    let last: CanAdd | undefined;
    for (const alt of alts) {
      const e = reqs.compatible(alt, this.template.wellKnown);
      if (e) {
        const node = reqs;
        const list = listOf(alt);
        last = reject('volume', `incompatible volume requirements, ${e}`, () =>
          keyDetail(conflictingKey(node, list, this.template.wellKnown)),
        );
        continue;
      }
      const withAlt = reqs.clone();
      const list = listOf(alt);
      withAlt.add(...list);
      const r = this.finish(
        pod,
        data,
        withAlt,
        [...touched, ...list.map((x) => x.key)],
        total,
        relaxMinValues,
      );
      if (r.ok) return r;
      last = r;
    }
    return last ?? reject('volume', 'incompatible volume requirements');
  }

  /** Topology, then the instance types that still fit (the rest of CanAdd after the requirements). */
  private finish(
    pod: Pod,
    data: PodData,
    start: Requirements,
    touched: string[],
    total: Resources,
    relaxMinValues: boolean,
  ): CanAdd {
    let reqs = start;
    if (!this.topology.isFree(pod)) {
      const t = this.topology.addRequirements(pod, this.template.taints, data.strict, reqs);
      if ('failure' in t) {
        const { type, key, message } = t.failure;
        return reject(type === 'topology spread' ? 'topology' : 'affinity', message, () => ({
          key,
        }));
      }
      if (t.add.length > 0) {
        const extra = Requirements.from([]);
        extra.add(...t.add);
        const e = reqs.compatible(extra, this.template.wellKnown);
        if (e) {
          const node = reqs;
          const add = t.add;
          return reject('topology', e, () =>
            keyDetail(conflictingKey(node, add, this.template.wellKnown)),
          );
        }
        if (reqs === this.requirements) reqs = reqs.clone();
        reqs.add(...t.add);
        for (const r of t.add) touched.push(r.key);
      }
    }
    const changedKeys =
      reqs === this.requirements
        ? []
        : touched.filter((k) => !sameRequirement(reqs.get(k), this.requirements.get(k)));
    // One DaemonSet group, no host ports, no minValues (the common shape): the options that drop
    // out are found on the option set (setfilter.ts), without building a new list.
    const only = this.template.groups.length === 1 ? this.template.groups[0] : undefined;
    if (only && data.ports.length === 0 && !reqs.hasMinValues()) {
      const r = filterOptionSet({
        set: this.set,
        requirements: reqs,
        podRequests: data.requests,
        totalRequests: total,
        group: only,
        changedKeys,
        dense: this.template.dense,
      });
      const fe = r.error;
      if (!fe) {
        return {
          ok: true,
          value: { requirements: reqs, dropped: r.dropped, minValuesRelaxed: false },
        };
      }
      const final = reqs;
      return reject(
        fe.kind,
        () => fe.messageIn(this.template.filterMessage),
        () => this.filterDetail(fe.kind, final, total),
      );
    }
    const conflicts = this.ports;
    const result = filterInstanceTypes({
      options: this.options,
      requirements: reqs,
      podRequests: data.requests,
      totalRequests: total,
      groups: this.template.groups,
      groupBlocked: (g) =>
        data.ports.length > 0 &&
        (conflicts.conflicts(pod, data.ports) !== undefined ||
          g.ports.conflicts(pod, data.ports) !== undefined),
      relaxMinValues,
      changedKeys,
      dense: this.template.dense,
      vecs: this.set.vecs(),
    });
    let relaxed = false;
    if (relaxMinValues && result.unsatisfiable.size > 0) {
      // BestEffort: lower each unreachable minValues to what the remaining types reach.
      const fresh = Requirements.from([]);
      for (const r of reqs.values()) {
        const n = result.unsatisfiable.get(r.key);
        fresh.add(n === undefined ? r : withMinValues(r, n));
      }
      reqs = fresh;
      relaxed = true;
    }
    const fe = result.error;
    if (fe) {
      const final = reqs;
      return reject(
        fe.kind,
        () => fe.messageIn(this.template.filterMessage),
        () => this.filterDetail(fe.kind, final, total),
      );
    }
    return {
      ok: true,
      value: {
        requirements: reqs,
        options: result.remaining,
        minValuesRelaxed: relaxed,
        vecs: result.vecs,
      },
    };
  }

  private filterDetail(kind: PodErrorKind, reqs: Requirements, total: Resources): PodErrorDetail {
    if (kind === 'requirements') return keyDetail(blockingRequirement(this.options, reqs)?.key);
    if (kind !== 'resources') return {};
    let overhead: Resources | undefined;
    for (const g of this.template.groups) {
      overhead = overhead ? minOfResources(overhead, g.overhead) : g.overhead;
    }
    const max = this.template.dense.named(this.set.bounds().max);
    return { resources: exceededResources(sum(total, overhead ?? {}), max) };
  }

  add(pod: Pod, data: PodData, a: Acceptance): void {
    this.pods.push(pod);
    if (a.options) this.set.keepOnly(a.options, a.vecs);
    else if (a.dropped) this.set.remove(a.dropped);
    addInto(this.requests, data.requests);
    this.requirements = a.requirements;
    this.minValuesRelaxed ||= a.minValuesRelaxed;
    this.topology.register(LABEL.hostname, this.hostname);
    this.topology.record(pod, this.template.taints, a.requirements);
    this.ports.add(pod, [...data.ports]);
  }
}
