// The instance-type model every other module reads (CONTRACTS in ../CONTEXT.md): an instance type
// is requirements (the labels a node of that type carries), resources and offerings; an offering is
// one (zone × capacity type) with a price and whether it can be launched right now.

import type { Resources } from '../quantity.ts';
import { subtractResources } from '../quantity.ts';
import { LABEL } from '../labels.ts';
import type { Requirements } from '../requirements.ts';
import { Requirement } from '../requirements.ts';

export type CapacityType = 'spot' | 'on-demand' | 'reserved';

/** Karpenter's launch preference (§1.14): reserved first, then spot, then on-demand. */
export const CAPACITY_TYPES: readonly CapacityType[] = ['reserved', 'spot', 'on-demand'];

export interface Offering {
  readonly zone: string;
  readonly capacityType: CapacityType;
  /** USD per hour. */
  readonly price: number;
  /** Spot prices derived from Spot Advisor savings are estimates, not observed prices. */
  readonly priceIsEstimate: boolean;
  readonly available: boolean;
  // No Requirements object (upstream's offering carries zone In [z], capacity-type In [ct]): every
  // reader asks `zone` and `capacityType` directly, and a Map per offering was most of the cost of
  // building the EC2 catalog (1,345 types × zones × capacity types) in every CLI run.
}

export interface InstanceType {
  readonly name: string;
  readonly requirements: Requirements;
  readonly capacity: Resources;
  /** kube-reserved + system-reserved + eviction threshold. */
  readonly overhead: Resources;
  /** capacity − overhead. */
  readonly allocatable: Resources;
  readonly offerings: readonly Offering[];
  /** Bare metal, GPU or accelerator types (§1.14 ExoticInstanceTypeFilter). */
  readonly exotic: boolean;
  /** Spot Advisor interruption-frequency range index (0 "<5%" … 4 ">20%"), when known. */
  readonly interruptionBucket?: number;
}

export interface Catalog {
  readonly region: string;
  readonly zones: readonly string[];
  readonly instanceTypes: readonly InstanceType[];
  /** Where the types come from, shown to users ("EC2 us-east-1 …", "scenario", …). */
  readonly source: string;
  /** Set when the catalog is empty on purpose, e.g. no prices for the region. */
  readonly emptyReason?: string;
  /** Label keys this catalog's types define beyond the core and AWS ones (a Scenario catalog's
   *  `labels`). The provider knows their values, so they are well-known to scheduling: a pod may
   *  require one on a NodePool that leaves it undefined, as Karpenter's fake provider registers
   *  its `size`, `special` and `integer` labels. */
  readonly labelKeys?: readonly string[];
  /** A caveat about the prices to show with them (e.g. regional prices from an older date). */
  readonly priceNote?: string;
}

export interface OfferingSpec {
  zone: string;
  capacityType: CapacityType;
  price: number;
  available?: boolean;
  priceIsEstimate?: boolean;
}

// Requirement objects are immutable, and catalogs repeat the same few zone and capacity-type sets
// over thousands of types, so each set is built once and shared.
const sharedRequirement = new Map<string, Requirement>();

function requirementIn(key: string, values: readonly string[]): Requirement {
  const id = `${key}\u0000${values.join('\u0000')}`;
  let r = sharedRequirement.get(id);
  if (!r)
    sharedRequirement.set(id, (r = Requirement.of({ key, operator: 'In', values: [...values] })));
  return r;
}

export function makeOffering(o: OfferingSpec): Offering {
  return {
    zone: o.zone,
    capacityType: o.capacityType,
    price: o.price,
    priceIsEstimate: o.priceIsEstimate ?? false,
    available: o.available ?? true,
  };
}

export interface InstanceTypeSpec {
  name: string;
  /** Labels beyond instance-type / zone / capacity-type, as requirements (In, DoesNotExist …). */
  requirements: Requirements;
  capacity: Resources;
  overhead: Resources;
  offerings: readonly Offering[];
  exotic?: boolean;
  interruptionBucket?: number;
}

/** Assembles an InstanceType: adds the instance-type, zone and capacity-type requirements that
 *  follow from the name and the offerings, and computes allocatable. */
export function makeInstanceType(s: InstanceTypeSpec): InstanceType {
  const requirements = s.requirements.clone();
  // Like Karpenter, the labels come from *available* offerings only.
  const available = s.offerings.filter((o) => o.available);
  const zones = [...new Set(available.map((o) => o.zone))].sort();
  const cts = [...new Set(available.map((o) => o.capacityType))].sort();
  requirements.add(
    Requirement.of({ key: LABEL.instanceType, operator: 'In', values: [s.name] }),
    requirementIn(LABEL.zone, zones),
    requirementIn(LABEL.capacityType, cts),
  );
  return {
    name: s.name,
    requirements,
    capacity: s.capacity,
    overhead: s.overhead,
    allocatable: subtractResources(s.capacity, s.overhead),
    offerings: s.offerings,
    exotic: s.exotic ?? false,
    ...(s.interruptionBucket === undefined ? {} : { interruptionBucket: s.interruptionBucket }),
  };
}
