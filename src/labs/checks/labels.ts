// A check in words, shown before it has run ("5 pods app=inflate Running at 2m").
import { formatDuration } from '../../sim/engine/index.ts';
import type { Check } from '../types.ts';
import { selectorText, usd, when } from './facts.ts';

export function checkLabel(c: Check): string {
  switch (c.kind) {
    case 'karpenterInstalled':
      return `Karpenter ${c.version === undefined ? '' : `${c.version} `}is installed`;
    case 'poolServed':
      return `Karpenter serves "${c.name}"`;
    case 'podsRunning':
      return `${c.count} pod${c.count === 1 ? '' : 's'}${selectorText(c.selector)} Running ${when(c.at)}`;
    case 'noPendingPods':
      return `no pod is Pending ${when(c.at)}`;
    case 'allNodes': {
      const what = [c.capacityType, c.arch].filter(Boolean).join(' ');
      return c.at === undefined
        ? `every node launched is ${what}`
        : `every node is ${what} ${when(c.at)}`;
    }
    case 'nodeCount':
      return `${c.min ?? 0}${c.max === undefined ? '+' : c.max === c.min ? '' : `–${c.max}`} node(s) ${when(c.at)}`;
    case 'cheapestFittingInstance':
      return 'Karpenter launched the cheapest instance type that fits the pods';
    case 'nodeTerminated': {
      const win = `${c.after === undefined ? '' : ` after ${formatDuration(c.after)}`}${c.before === undefined ? '' : ` before ${formatDuration(c.before)}`}`;
      return c.max === 0 ? `no node is terminated${win}` : `a node is terminated${win}`;
    }
    case 'costPerHour':
      return `cost ${c.max === undefined ? '' : `≤ ${usd(c.max)}`}${c.min === undefined ? '' : ` ≥ ${usd(c.min)}`} ${when(c.at)}`;
    case 'event':
      return `a ${c.reason} event${c.object ? ` on ${c.object}` : ''}`;
    case 'podFailed':
      return `a pod${selectorText(c.selector)} fails with ${c.reason}`;
    case 'consolidated':
      return `Karpenter consolidates after ${formatDuration(c.after)}`;
  }
}
