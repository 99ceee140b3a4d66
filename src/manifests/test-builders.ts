// Builders for tests: small objects with the fields a test cares about, turned into YAML text.
import { stringify } from 'yaml';
import { formatDiagnostic } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { parseWorkspace } from './parse.ts';
import type { ParseOptions, Workspace } from './parse.ts';

type Obj = Record<string, unknown>;

export const yamlDocs = (...objects: Obj[]): string =>
  objects.map((o) => stringify(o)).join('---\n');

export function nodePool(
  spec: {
    requirements?: Obj[];
    name?: string;
    labels?: Obj;
    disruption?: Obj;
    weight?: unknown;
    extra?: Obj;
    nodeClassRef?: Obj;
    template?: Obj;
    apiVersion?: string;
  } = {},
): Obj {
  return {
    apiVersion: spec.apiVersion ?? 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: spec.name ?? 'default' },
    spec: {
      template: {
        ...(spec.labels ? { metadata: { labels: spec.labels } } : {}),
        spec: {
          nodeClassRef: spec.nodeClassRef ?? {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements: spec.requirements ?? [
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
          ],
          ...spec.template,
        },
      },
      ...(spec.disruption ? { disruption: spec.disruption } : {}),
      ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
      ...spec.extra,
    },
  };
}

export function deployment(
  o: {
    name?: string;
    replicas?: unknown;
    selector?: Obj;
    labels?: Obj;
    container?: Obj;
    podSpec?: Obj;
  } = {},
): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name ?? 'inflate' },
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      selector: o.selector ?? { matchLabels: { app: 'inflate' } },
      template: {
        metadata: { labels: o.labels ?? { app: 'inflate' } },
        spec: { containers: [{ name: 'app', image: 'pause', ...o.container }], ...o.podSpec },
      },
    },
  };
}

export function provisioner(spec: Obj = {}, name = 'default'): Obj {
  return {
    apiVersion: 'karpenter.sh/v1alpha5',
    kind: 'Provisioner',
    metadata: { name },
    spec: { providerRef: { name: 'default' }, ...spec },
  };
}

export const scenario = (karpenter: Obj): Obj => ({
  apiVersion: 'lab.karpenter.playground/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 's' },
  spec: { karpenter },
});

export const errors = (w: Workspace): Diagnostic[] =>
  w.diagnostics.filter((d) => d.severity === 'error');

/** `path: message` lines of the errors, the way a learner reads them. */
export function errorLines(text: string, opts: ParseOptions = {}): string[] {
  return errors(parseWorkspace(text, opts)).map((d) => `${d.path}: ${d.message}`);
}

export const show = (w: Workspace): string => w.diagnostics.map(formatDiagnostic).join('\n');
