// v1alpha5 Provisioner (Karpenter ≤ v0.31): the CRD's types plus the validating webhook's rules,
// worded like knative FieldErrors as the webhook returned them.

import type { Taint } from '../../sim/k8s.ts';
import type { Rule, Spec, Violation } from './dsl.ts';
import { any, arr, bool, cel, int, map, obj, str } from './dsl.ts';
import {
  annotations,
  labelValueErrors,
  metadata,
  qualifiedNameErrors,
  resourceList,
  taintEffect,
} from './common.ts';
import { kubeletSpec } from './kubelet.ts';
import { v1alpha5RestrictedLabel } from './labels.ts';
import { isIntString } from './nodepool.ts';

// ---------- v1alpha5 Provisioner: the webhook's rules (knative FieldError wording) ----------

const provisionerSpecRules: Rule = ((s: {
  ttlSecondsAfterEmpty?: number;
  consolidation?: { enabled?: boolean };
  provider?: unknown;
  providerRef?: unknown;
  labels?: Record<string, string>;
  requirements?: { key: string; operator: string; values?: string[] }[];
  taints?: Taint[];
  startupTaints?: Taint[];
}) => {
  const out: Violation[] = [];
  if (s.consolidation?.enabled === true && s.ttlSecondsAfterEmpty !== undefined)
    out.push({
      path: ['ttlSecondsAfterEmpty'],
      message:
        'expected exactly one, got both: spec.consolidation.enabled, spec.ttlSecondsAfterEmpty',
    });
  if (s.provider !== undefined && s.providerRef !== undefined)
    out.push({
      path: ['providerRef'],
      message: 'expected exactly one, got both: spec.provider, spec.providerRef',
    });
  if (s.provider === undefined && s.providerRef === undefined)
    out.push({
      path: [],
      message: 'expected exactly one, got neither: spec.provider, spec.providerRef',
    });
  for (const [k, value] of Object.entries(s.labels ?? {})) {
    const details = [
      ...(k === 'karpenter.sh/provisioner-name' ? ['restricted'] : []),
      ...qualifiedNameErrors(k),
      ...(v1alpha5RestrictedLabel(k) ? [v1alpha5RestrictedLabel(k) as string] : []),
    ];
    for (const d of details)
      out.push({ path: ['labels', k], message: `invalid key name ${JSON.stringify(k)}: ${d}` });
    for (const e of labelValueErrors(value))
      out.push({ path: ['labels', k], message: `invalid value: ${value}, ${e}` });
  }
  (s.requirements ?? []).forEach((r, i) => {
    const at = ['requirements', i];
    const bad = (m: string) => out.push({ path: at, message: `invalid value: ${m}` });
    if (r.key === 'karpenter.sh/provisioner-name') bad(`${r.key} is restricted`);
    if (!['In', 'NotIn', 'Gt', 'Lt', 'Exists', 'DoesNotExist'].includes(r.operator))
      bad(
        `key ${r.key} has an unsupported operator ${r.operator} not in [In NotIn Gt Lt Exists DoesNotExist]`,
      );
    const restricted = v1alpha5RestrictedLabel(r.key);
    if (restricted) bad(restricted);
    for (const e of qualifiedNameErrors(r.key)) bad(`key ${r.key} is not a qualified name, ${e}`);
    for (const value of r.values ?? [])
      for (const e of labelValueErrors(value)) bad(`invalid value ${value} for key ${r.key}, ${e}`);
    if (r.operator === 'In' && (r.values?.length ?? 0) === 0)
      bad(`key ${r.key} with operator ${r.operator} must have a value defined`);
    if (
      (r.operator === 'Gt' || r.operator === 'Lt') &&
      !(r.values?.length === 1 && isIntString(r.values[0]))
    )
      bad(`key ${r.key} with operator ${r.operator} must have a single positive integer value`);
  });
  const seen = new Set<string>();
  for (const field of ['taints', 'startupTaints'] as const) {
    (s[field] ?? []).forEach((t, i) => {
      const id = `${t.key}=${t.effect}`;
      if (seen.has(id))
        out.push({ path: [field, i], message: `duplicate taint Key/Effect pair ${id}` });
      seen.add(id);
    });
  }
  return out;
}) as Rule;

const v1alpha5Taint = obj(
  { key: str(), value: str(), effect: taintEffect, timeAdded: str() },
  { required: ['key', 'effect'] },
);

export function provisionerV1alpha5(): Spec {
  const nonNegative = (description: string) =>
    int({
      description,
      format: 'int64',
      rules: [cel<number>('invalid value: cannot be negative', (n) => n >= 0)],
    });
  return obj(
    {
      metadata: metadata(false),
      spec: obj(
        {
          labels: map(str(), { description: 'Labels put on every node.' }),
          annotations,
          taints: arr(v1alpha5Taint),
          startupTaints: arr(v1alpha5Taint),
          requirements: arr(
            obj(
              { key: str({ completion: 'labelKeys' }), operator: str(), values: arr(str()) },
              { required: ['key', 'operator'] },
            ),
            {
              description:
                'Node constraints. The AWS webhook adds linux, amd64, on-demand and c/m/r generation > 2 for keys you do not set.',
            },
          ),
          kubeletConfiguration: kubeletSpec(),
          providerRef: obj({ apiVersion: str(), kind: str(), name: str() }, { required: ['name'] }),
          provider: any({ description: 'Deprecated inline AWS settings; use providerRef.' }),
          ttlSecondsAfterEmpty: nonNegative(
            'Delete a node this many seconds after its last pod leaves. Excludes consolidation.enabled.',
          ),
          ttlSecondsUntilExpired: nonNegative('Replace nodes older than this many seconds.'),
          limits: obj({
            resources: resourceList('Caps on the total capacity of the provisioner.'),
          }),
          weight: int({ minimum: 1, maximum: 100 }),
          consolidation: obj({
            enabled: bool({ description: 'Remove or replace under-used nodes.' }),
          }),
        },
        { rules: [provisionerSpecRules] },
      ),
      status: any(),
    },
    { required: ['metadata', 'spec'] },
  );
}
