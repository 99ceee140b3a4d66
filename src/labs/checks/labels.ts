// A check in words, shown before it has run ("5 pods app=inflate Running at 2m").
import { formatDuration } from '../../sim/engine/index.ts';
import type { Check } from '../types.ts';
import { selectorText, usd, when, windowText } from './facts.ts';
import { AUTOSCALER_NAMES, metricName } from './autoscalers.ts';
import { METRICS } from '../../explain/autoscalers.ts';

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
      if (c.nodePool !== undefined)
        return `every node of "${c.nodePool}" is ${what}${c.at === undefined ? '' : ` ${when(c.at)}`}`;
      return c.at === undefined
        ? `every node launched is ${what}`
        : `every node is ${what} ${when(c.at)}`;
    }
    case 'nodeCount':
      return `${range(c)} ${filtered(c)} ${when(c.at)}`;
    case 'nodesLaunched':
      return `${range(c)} ${filtered(c)} launched`;
    case 'podsSpread':
      return `pods${selectorText(c.selector)} spread over ${c.topologyKey} with skew ≤ ${c.maxSkew}${c.minDomains === undefined ? '' : ` in ≥ ${c.minDomains} domains`} ${when(c.at)}`;
    case 'disruptionsAtOnce':
      return `at most ${c.max} node(s) disrupted at a time${windowText(c)}`;
    case 'nodeDisrupted': {
      const win = windowText(c);
      const of = c.nodePool === undefined ? '' : ` of "${c.nodePool}"`;
      return c.max === 0
        ? `no node${of} is disrupted as ${c.reason}${win}`
        : `${c.min === 1 ? 'a node' : `${c.min}+ nodes`}${of} ${c.min === 1 ? 'is' : 'are'} disrupted as ${c.reason}${win}`;
    }
    case 'workspaceValid':
      return 'the workspace has no errors';
    case 'minPodsRunning':
      return `at least ${c.min} pod(s)${selectorText(c.selector)} Running at every moment${windowText(c)}`;
    case 'autoscalerMetric': {
      const bounds = [
        c.min === undefined ? '' : `≥ ${METRICS[c.metric].format(c.min)}`,
        c.max === undefined ? '' : `≤ ${METRICS[c.metric].format(c.max)}`,
      ].filter(Boolean);
      return `${AUTOSCALER_NAMES[c.autoscaler]}: ${metricName(c.metric)} ${bounds.join(' and ')}`;
    }
    case 'autoscalerBetter':
      return `${AUTOSCALER_NAMES[c.better]} beats the other on ${metricName(c.metric)}`;
    case 'cheapestFittingInstance':
      return 'Karpenter launched the cheapest instance type that fits the pods';
    case 'nodeTerminated': {
      const win = windowText(c);
      return c.max === 0 ? `no node is terminated${win}` : `a node is terminated${win}`;
    }
    case 'costPerHour':
      return `cost ${c.max === undefined ? '' : `≤ ${usd(c.max)}`}${c.min === undefined ? '' : ` ≥ ${usd(c.min)}`} ${when(c.at)}`;
    case 'event':
      return `a ${c.reason} event${c.object ? ` on ${c.object}` : ''}${c.message ? ` saying "${c.message}"` : ''}`;
    case 'podFailed':
      return `a pod${selectorText(c.selector)} fails with ${c.reason}`;
    case 'consolidated':
      return `Karpenter consolidates after ${formatDuration(c.after)}`;
    case 'plan':
      return planCheckLabel(c);
    case 'podZone':
      return `pods${selectorText(c.selector)} run ${c.zone === undefined ? 'in their volumes’ zone' : `in ${c.zone}`} ${when(c.at)}`;
    case 'claimBound':
      return `${c.name === undefined ? `claims${selectorText(c.selector)} are` : `claim ${c.name} is`} Bound${c.zone === undefined ? '' : ` in ${c.zone}`} ${when(c.at)}`;
    case 'podPending':
      return `a pod${selectorText(c.selector)} is Pending${c.message === undefined ? '' : ` saying "${c.message}"`} ${when(c.at)}`;
    case 'volumesPerNode':
      return `no node has more than ${c.max} volume(s) attached`;
  }
}

function range(c: { min?: number; max?: number }): string {
  return `${c.min ?? 0}${c.max === undefined ? '+' : c.max === c.min ? '' : `–${c.max}`}`;
}

function filtered(c: { nodePool?: string; capacityType?: string }): string {
  return `${c.capacityType === undefined ? '' : `${c.capacityType} `}node(s)${c.nodePool === undefined ? '' : ` of "${c.nodePool}"`}`;
}

const signedUsd = (v: number): string => `${v < 0 ? '−' : '+'}${usd(Math.abs(v))}`;

function planCheckLabel(c: Extract<Check, { kind: 'plan' }>): string {
  const parts = [
    c.minDrifted === undefined ? '' : `at least ${c.minDrifted} NodeClaims drift`,
    c.field === undefined ? '' : `on ${c.field}`,
    c.maxConverge === undefined ? '' : `converges within ${formatDuration(c.maxConverge)}`,
    c.maxNotRunning === undefined
      ? ''
      : `no pod down longer than ${formatDuration(c.maxNotRunning)}`,
    c.maxCostDelta === undefined ? '' : `the cost changes by at most ${signedUsd(c.maxCostDelta)}`,
    c.minCostDelta === undefined ? '' : `the cost changes by at least ${signedUsd(c.minCostDelta)}`,
  ].filter(Boolean);
  return `the plan of kubectl apply -f ${c.document ?? '…'}: ${parts.join(', ')}`;
}
