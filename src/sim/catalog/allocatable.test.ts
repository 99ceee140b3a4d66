import { describe, expect, it } from 'vitest';
import {
  eniLimitedPods,
  kubeReservedCpu,
  kubeReservedMemory,
  memoryCapacity,
} from './allocatable.ts';
import { MiB } from '../quantity.ts';

describe('allocatable formulas (§2)', () => {
  it.each([
    [1, 60],
    [2, 70],
    [4, 80],
    [8, 90],
    [16, 110],
    [64, 230],
    [96, 310],
  ])('reserves kube cpu for %i cores: %im', (cores, milli) => {
    expect(kubeReservedCpu(cores)).toBe(milli);
  });

  it('counts ENI-limited pods and never below zero usable ENIs', () => {
    expect(eniLimitedPods(3, 10)).toBe(29);
    expect(eniLimitedPods(8, 30)).toBe(234);
    expect(eniLimitedPods(2, 4, 2)).toBe(0);
  });

  it('reserves 11 MiB per pod plus 255 MiB', () => {
    expect(kubeReservedMemory(29)).toBe(574 * MiB);
  });

  it('subtracts the VM overhead (and Graviton CMA) from memory', () => {
    expect(memoryCapacity(8192, 'amd64')).toBe(7577 * MiB);
    expect(memoryCapacity(8192, 'arm64')).toBe(7518 * MiB);
  });
});
