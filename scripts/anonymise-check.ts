// Every example, fidelity fixture and lab step, anonymised (src/share/anonymise.ts) and simulated
// before and after: prints each workspace whose run changed and the totals; exits 1 if any did.
//   npm run -s anonymise-check [-- <name filter>]
import { firstDifference, sweepCases } from '../src/share/anonymiseSweep.ts';

const filter = process.argv[2];
let same = 0;
let changed = 0;
for (const [name, text] of sweepCases(true)) {
  if (filter && !name.includes(filter)) continue;
  const diff = firstDifference(text);
  if (diff === undefined) same++;
  else {
    changed++;
    console.log(`CHANGED ${name}: ${diff}`);
  }
}
console.log(`${same} workspaces simulate the same anonymised, ${changed} changed`);
process.exit(changed === 0 ? 0 : 1);
