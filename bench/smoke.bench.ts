import type { BenchCase } from './harness.ts';

// Keeps the harness itself honest until engine cases land: a fixed amount of integer work.
export const cases: BenchCase[] = [
  {
    suite: 'harness',
    name: 'sum-1e6',
    run: () => {
      let s = 0;
      for (let i = 0; i < 1_000_000; i++) s = (s + i) % 1_000_003;
      return { checksum: s };
    },
  },
];
