// The catalog module's public surface (CONTRACTS in ../CONTEXT.md).
export type { CapacityType, Catalog, InstanceType, Offering, OfferingSpec } from './types.ts';
export { CAPACITY_TYPES, makeInstanceType, makeOffering } from './types.ts';
export { DEFAULT_REGION, DEFAULT_ZONES, ec2Catalog } from './ec2.ts';
export { INTERRUPTION_RANGES } from './ec2-data.ts';
export { TEST_ZONES, catalogFromScenario, fakePrice, isExotic } from './scenario.ts';
export {
  availableOfferings,
  cheapestOffering,
  compareOfferings,
  offeringCompatible,
  orderByPrice,
} from './query.ts';
export {
  FAKE_GPU_A,
  FAKE_GPU_B,
  FAKE_LABEL,
  FAKE_WELL_KNOWN_LABELS,
  defaultFakeCatalog,
  defaultFakeInstanceTypes,
  fakeInstanceType,
  fakeInstanceTypes,
  instanceTypesAssorted,
} from './fake.ts';
