// filterInstanceTypesByRequirements (§1.7, nodeclaim.go): which of a NodeClaim's instance-type
// options still work once a pod joins — labels intersect, pods + DaemonSet overhead fit the
// allocatable, and an available offering matches the zone/capacity-type requirements. When none
// is left, the error says which criteria no single type met, in Karpenter's words.
import { Requirements, type Requirement } from '../requirements.ts';
import type { Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { PodErrorKind } from './types.ts';
import type { DaemonGroup } from './daemons.ts';
import { fitsIn, formatResources, maxOfResources, minOfResources, sum } from './resources.ts';
import { DenseIndex, type DenseRequest } from './dense.ts';
import {
  hasAvailableOffering,
  intersectsAll,
  listOf,
  typeCompatible,
  zoneAndCapacityType,
} from './reqfast.ts';
import { LABEL } from '../labels.ts';

export class InstanceTypeFilterError {
  requirementsMet = false;
  fits = false;
  hasOffering = false;
  requirementsAndFits = false;
  requirementsAndOffering = false;
  fitsAndOffering = false;
  minValuesError: string | undefined;
  private minDaemon: Resources | undefined;
  private maxDaemon: Resources | undefined;

  constructor(
    readonly requirements: Requirements,
    readonly podRequests: Resources,
  ) {}

  trackDaemonOverhead(r: Resources): void {
    this.minDaemon = this.minDaemon ? minOfResources(this.minDaemon, r) : r;
    this.maxDaemon = this.maxDaemon ? maxOfResources(this.maxDaemon, r) : r;
  }

  private resourcesString(): string {
    if (!this.minDaemon || !this.maxDaemon || Object.keys(this.minDaemon).length === 0) {
      return formatResources(this.podRequests);
    }
    const min = formatResources(sum(this.minDaemon, this.podRequests));
    const max = formatResources(sum(this.maxDaemon, this.podRequests));
    return min === max ? min : `min=${min}, max=${max}`;
  }

  get kind(): PodErrorKind {
    if (this.minValuesError) return 'minValues';
    if (!this.requirementsMet) return 'requirements';
    if (!this.fits) return 'resources';
    if (!this.hasOffering) return 'offering';
    if (this.requirementsAndFits) return 'offering';
    if (this.fitsAndOffering) return 'requirements';
    if (this.requirementsAndOffering) return 'resources';
    return 'other';
  }

  /** The reason no type was left (FailureReason); the m-vs-M hint rides on "enough resources". */
  private reason(): { text: string; typo: string } {
    if (this.minValuesError) return { text: this.minValuesError, typo: '' };
    const { requirementsMet: r, fits: f, hasOffering: o } = this;
    const plain = (text: string) => ({ text, typo: '' });
    if (!r && !f && !o) {
      return plain(
        'no instance type met the scheduling requirements or had enough resources or had a required offering',
      );
    }
    if (!r && !f)
      return plain('no instance type met the scheduling requirements or had enough resources');
    if (!r && !o) {
      return plain('no instance type met the scheduling requirements or had a required offering');
    }
    if (!f && !o) return plain('no instance type had enough resources or had a required offering');
    if (!r) return plain('no instance type met all requirements');
    if (!f) {
      const typo =
        (this.podRequests['cpu'] ?? 0) >= 1e9 ? ' (CPU request >= 1 Million, m vs M typo?)' : '';
      return { text: 'no instance type has enough resources', typo };
    }
    if (!o) return plain('no instance type has the required offering');
    if (this.requirementsAndFits) {
      return plain(
        'no instance type which met the scheduling requirements and had enough resources, had a required offering',
      );
    }
    if (this.fitsAndOffering) {
      return plain(
        'no instance type which had enough resources and the required offering met the scheduling requirements',
      );
    }
    if (this.requirementsAndOffering) {
      return plain(
        'no instance type which met the scheduling requirements and the required offering had the required resources',
      );
    }
    return plain('no instance type met the requirements/resources/offering tuple');
  }

  /** v1.3+ (nodeclaim.go's InstanceTypeFilterError): "<reason>, requirements=…, resources=…". */
  get message(): string {
    const { text, typo } = this.reason();
    return `${text}, requirements=${this.requirements.toString()}, resources=${this.resourcesString()}${typo}`;
  }

  /** Before v1.3 (nodeclaim.go Add): "no instance type satisfied resources … and requirements … (<reason>)". */
  get satisfiedMessage(): string {
    const { text, typo } = this.reason();
    return `no instance type satisfied resources ${this.resourcesString()} and requirements ${this.requirements.toString()} (${text}${typo})`;
  }

  /** The message in the words of the Karpenter running (VersionOptions.filterMessage). */
  messageIn(style: FilterMessage): string {
    return style === 'satisfied' ? this.satisfiedMessage : this.message;
  }
}

/** How a filter error reads: v1.3+ `fields`, before v1.3 `satisfied` (version.ts). */
export type FilterMessage = 'fields' | 'satisfied';

export interface FilterResult {
  remaining: InstanceType[];
  /** Dense vectors of `remaining` (same order), when a dense index is given. */
  vecs: Float64Array[] | undefined;
  /** minValues keys the remaining types cannot reach → how many distinct values they do reach. */
  unsatisfiable: Map<string, number>;
  error: InstanceTypeFilterError | undefined;
}

/**
 * minValues (SatisfiesMinValues): the distinct values per key with minValues across the types.
 * Worked example: instance-type In [it-1 it-2] minValues 2, remaining [it-2] → {instance-type: 1}.
 */
export function unsatisfiedMinValues(
  types: readonly InstanceType[],
  reqs: Requirements,
): Map<string, number> {
  const out = new Map<string, number>();
  const keyed = listOf(reqs).filter((r) => r.minValues !== undefined);
  for (const r of keyed) {
    const seen = new Set<string>();
    for (const it of types) {
      const v = it.requirements.has(r.key) ? it.requirements.get(r.key) : undefined;
      if (v && !v.complement) for (const x of v.values) seen.add(x);
    }
    if (seen.size < (r.minValues ?? 0)) out.set(r.key, seen.size);
  }
  return out;
}

export function minValuesMessage(keys: Iterable<string>): string {
  return `minValues requirement is not met for label(s) (label(s)=[${[...keys].sort().join(' ')}])`;
}

export interface FilterArgs {
  options: readonly InstanceType[];
  requirements: Requirements;
  podRequests: Resources;
  /** Pods already on the NodeClaim plus this one (daemon overhead is added per group). */
  totalRequests: Resources;
  groups: readonly DaemonGroup[];
  /** Groups whose DaemonSet host ports clash with the pod are skipped. */
  groupBlocked: (g: DaemonGroup) => boolean;
  relaxMinValues: boolean;
  /**
   * The keys whose requirement changed since every option was last checked. Options only ever
   * narrow alongside the requirements, so the other keys (and, unless zone or capacity type
   * changed, the offerings) are still compatible. undefined = check everything.
   */
  changedKeys?: readonly string[];
  /** The template's dense allocatable index; when given, fit checks use it and vecs come back. */
  dense?: DenseIndex;
  /** The options' dense vectors, aligned with `options` (saves a lookup per option). */
  vecs?: readonly Float64Array[];
}

export function filterInstanceTypes(a: FilterArgs): FilterResult {
  const err = new InstanceTypeFilterError(a.requirements, a.podRequests);
  const [zone, ct] = zoneAndCapacityType(a.requirements);
  const perGroupTotals = new Map<DaemonGroup, Resources>();
  for (const g of a.groups) {
    if (a.groupBlocked(g)) continue;
    if (Object.keys(g.overhead).length > 0) {
      err.trackDaemonOverhead(g.overhead);
      perGroupTotals.set(g, sum(a.totalRequests, g.overhead));
    } else perGroupTotals.set(g, a.totalRequests);
  }
  const dense = a.dense;
  const denseTotals = new Map<Resources, DenseRequest>();
  if (dense) for (const t of perGroupTotals.values()) denseTotals.set(t, dense.request(t));
  const remaining: InstanceType[] = [];
  const changed = a.changedKeys?.map((k) => a.requirements.get(k));
  const offeringsChanged =
    !a.changedKeys || a.changedKeys.some((k) => k === LABEL.zone || k === LABEL.capacityType);
  const single = a.groups.length === 1 ? perGroupTotals.get(a.groups[0] as DaemonGroup) : undefined;
  const remainingVecs: Float64Array[] = [];
  const singleDense = single && dense ? denseTotals.get(single) : undefined;
  if (singleDense && a.vecs && changed?.length === 0 && !offeringsChanged) {
    // The common case — nothing but the totals changed: every option is still compatible and
    // offered, so only the fit is checked, on the options' dense vectors.
    const { vecs } = a;
    for (let i = 0; i < a.options.length; i++) {
      const v = vecs[i] as Float64Array;
      if (!DenseIndex.fits(singleDense, v)) continue;
      remaining.push(a.options[i] as InstanceType);
      remainingVecs.push(v);
    }
    fitOnlyFlags(err, a.options.length, remaining.length);
    return finish(a, err, remaining, remainingVecs);
  }
  for (const it of a.options) {
    const total =
      a.groups.length === 1 ? single : perGroupTotals.get(groupOfType(a.groups, it) as DaemonGroup);
    if (!total) continue; // its group's host ports clash with the pod
    const compat = changed
      ? intersectsAll(it.requirements, changed)
      : typeCompatible(it, a.requirements);
    const dt = dense ? denseTotals.get(total) : undefined;
    const fit = dense && dt ? DenseIndex.fits(dt, dense.vec(it)) : fitsIn(total, it.allocatable);
    const offering = offeringsChanged ? hasAvailableOffering(it, zone, ct) : true;
    if (judgeOption(err, compat, fit, offering)) {
      if (dense) {
        const v = dense.vec(it);
        remainingVecs.push(v);
      }
      remaining.push(it);
    }
  }
  return finish(a, err, remaining, dense ? remainingVecs : undefined);
}

/** One option's verdict folded into the error's flags; true when the option stays. */
export function judgeOption(
  err: InstanceTypeFilterError,
  compat: boolean,
  fit: boolean,
  offering: boolean,
): boolean {
  err.requirementsMet ||= compat;
  err.fits ||= fit;
  err.hasOffering ||= offering;
  err.requirementsAndFits ||= compat && fit && !offering;
  err.requirementsAndOffering ||= compat && offering && !fit;
  err.fitsAndOffering ||= fit && offering && !compat;
  return compat && fit && offering;
}

/** The flags of a pass where every option met the requirements and was offered, and only the
 *  fit decided: `kept` of `options` fit. */
export function fitOnlyFlags(err: InstanceTypeFilterError, options: number, kept: number): void {
  err.requirementsMet = options > 0;
  err.hasOffering = options > 0;
  err.fits = kept > 0;
  err.requirementsAndOffering = kept < options;
}

function finish(
  a: FilterArgs,
  err: InstanceTypeFilterError,
  remaining: InstanceType[],
  vecs: Float64Array[] | undefined,
): FilterResult {
  let unsatisfiable = new Map<string, number>();
  if (a.requirements.hasMinValues()) {
    unsatisfiable = unsatisfiedMinValues(remaining, a.requirements);
    if (unsatisfiable.size > 0 && !a.relaxMinValues) {
      err.minValuesError = minValuesMessage(unsatisfiable.keys());
      return { remaining: [], vecs: [], unsatisfiable, error: err };
    }
  }
  const error = remaining.length === 0 ? err : undefined;
  return { remaining, vecs, unsatisfiable, error };
}

// Types are shared objects; a WeakMap per group list finds a type's group without a scan.
const groupIndex = new WeakMap<readonly DaemonGroup[], Map<InstanceType, DaemonGroup>>();

export function groupOfType(
  groups: readonly DaemonGroup[],
  it: InstanceType,
): DaemonGroup | undefined {
  let idx = groupIndex.get(groups);
  if (!idx) {
    idx = new Map();
    for (const g of groups) for (const t of g.types) idx.set(t, g);
    groupIndex.set(groups, idx);
  }
  return idx.get(it);
}

/** The first key on which no option's labels meet the requirements (for a plain-words reason). */
export function blockingRequirement(
  options: readonly InstanceType[],
  reqs: Requirements,
): Requirement | undefined {
  for (const r of listOf(reqs)) {
    const one = Requirements.from([]);
    one.add(r);
    if (!options.some((it) => typeCompatible(it, one))) return r;
  }
  return undefined;
}
