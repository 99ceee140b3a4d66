import { describe, expect, it } from 'vitest';
import { commonPrefix, complete } from './complete.ts';
import { at, oneNodeForWeb, WEB_NODE } from './testing.ts';

const state = at(oneNodeForWeb(), 60_000).state;
const notInstalled = at(oneNodeForWeb([], { installed: false }), 60_000).state;
const candidates = (line: string, s = state): string[] => complete(line, line.length, s).candidates;

describe('tab completion', () => {
  it('completes the command, then kubectl’s verbs', () => {
    expect(candidates('he')).toEqual(['helm', 'help']);
    expect(candidates('kubectl de')).toEqual(['delete', 'describe']);
  });

  it('offers the resource types the cluster serves', () => {
    expect(candidates('kubectl get node')).toEqual(['nodeclaims', 'nodepools', 'nodes']);
    expect(candidates('kubectl get node', notInstalled)).toEqual(['nodes']);
  });

  it('offers object names of the chosen type, also in type/name form', () => {
    expect(candidates('kubectl describe pod ')).toEqual(['web-1']);
    expect(candidates('kubectl get nodeclaim/')).toEqual(['nodeclaim/default-abcde']);
    expect(candidates('kubectl cordon ip')).toEqual([WEB_NODE]);
    expect(candidates('kubectl taint nodes ')).toEqual([WEB_NODE]);
  });

  it('offers flags and their values', () => {
    expect(candidates('kubectl get pods -')).toContain('-o');
    expect(candidates('kubectl get pods -o ')).toEqual([
      'custom-columns=',
      'json',
      'jsonpath=',
      'name',
      'wide',
      'yaml',
    ]);
    expect(candidates('kubectl logs -n ')).toEqual(['default', 'karpenter']);
  });

  it('walks helm install karpenter <chart> --version', () => {
    expect(candidates('helm ')).toEqual(['install', 'uninstall', 'upgrade']);
    expect(candidates('helm install ')).toEqual(['karpenter']);
    expect(candidates('helm install karpenter ')).toEqual([
      'oci://public.ecr.aws/karpenter/karpenter',
    ]);
    expect(
      candidates('helm install karpenter oci://public.ecr.aws/karpenter/karpenter --version 0.'),
    ).toEqual(['0.31.0', '0.37.0']);
  });

  it('says where the completed word starts, so the UI can replace it', () => {
    expect(complete('kubectl get pods web', 16, state)).toEqual({ from: 12, candidates: ['pods'] });
  });

  it('inserts the common prefix of several candidates', () => {
    expect(commonPrefix(['nodeclaims', 'nodepools', 'nodes'])).toBe('node');
    expect(commonPrefix([])).toBe('');
  });

  it('completes the new commands, their flags and flag values', () => {
    expect(candidates('kubectl top ')).toEqual(['nodes', 'pods']);
    expect(candidates('kubectl get pods --fie')).toEqual(['--field-selector=']);
    expect(candidates('kubectl get pods --field-selector status.')).toEqual([
      'status.nominatedNodeName=',
      'status.phase=',
      'status.podIP=',
    ]);
    expect(candidates('kubectl events --types ')).toEqual(['Normal', 'Warning']);
    expect(candidates('kubectl get a')).toEqual(['all']);
    expect(candidates('kubectl ex')).toEqual(['explain']);
  });
});
