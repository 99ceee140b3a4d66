// Shared vocabulary: object metadata, label maps, quantities, names — with Kubernetes' own
// messages. Quantities are compared exactly with src/sim/quantity.ts.

import { toCanonical, tryParseQuantity } from '../../sim/quantity.ts';
import type { Violation } from './dsl.ts';
import { any, arr, bool, int, intOrString, map, named, obj, str } from './dsl.ts';
import type { Rule, Spec } from './dsl.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Kubernetes quantity grammar, as in the CRDs' `limits` pattern. */
export const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

export const MSG = {
  subdomain:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  label:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  namePart:
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  labelValue:
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  quantity:
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
} as const;

/** Errors of k8s.io/apimachinery IsQualifiedName (label keys, taint keys), [] when valid. */
export function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix = '', n = ''] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))
      errs.push(`prefix part ${MSG.subdomain}`);
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  else if (!QUALIFIED_NAME.test(name)) errs.push(MSG.namePart);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  if (value.length > 63) return ['must be no more than 63 characters'];
  return LABEL_VALUE.test(value) ? [] : [MSG.labelValue];
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Exact value in milli-units, or undefined when the text is not a quantity. */
export function quantityMilli(q: string | number): bigint | undefined {
  const r = tryParseQuantity(q);
  return r.ok ? r.milli : undefined;
}

const labelMapRule: Rule = ((labels: Record<string, unknown>) => {
  const out: Violation[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const e of qualifiedNameErrors(k))
      out.push({ path: [k], message: `Invalid value: ${JSON.stringify(k)}: ${e}` });
    if (typeof v === 'string')
      for (const e of labelValueErrors(v))
        out.push({ path: [k], message: `Invalid value: ${JSON.stringify(v)}: ${e}` });
  }
  return out;
}) as Rule;

export const labelMap = (description = 'Labels: string keys and values used by selectors.'): Spec =>
  map(str(), { description, rules: [labelMapRule], completion: 'labelKeys' });

export const annotations = map(str(), { description: 'Annotations: free-form string metadata.' });

export const quantity = (description?: string): Spec =>
  intOrString({
    pattern: QUANTITY,
    patternHint: 'a Kubernetes quantity such as 500m, 2, 1.5, 512Mi or 4Gi',
    patternMessage: MSG.quantity,
    ...(description ? { description } : {}),
  });

/**
 * Why this resource's quantity is beyond what the engine holds exactly (integers up to 2^53−1 in
 * millicores for cpu, base units for the rest), or undefined. Not-a-quantity is the pattern's job.
 */
export function quantityRangeError(resource: string, q: unknown): string | undefined {
  if ((typeof q !== 'string' && typeof q !== 'number') || !QUANTITY.test(String(q).trim()))
    return undefined;
  const r = tryParseQuantity(q);
  const unit = resource === 'cpu' ? 'millicores' : resource === 'memory' ? 'bytes' : 'units';
  const beyond = `Invalid value: ${JSON.stringify(String(q))}: ${resource} beyond the largest amount the lab holds exactly (2^53−1 ${unit})`;
  if (!r.ok) return beyond;
  try {
    toCanonical(resource, r.milli);
    return undefined;
  } catch {
    return beyond;
  }
}

/** Every quantity of a resource map within the exact range, located at the entry. */
export const exactQuantities: Rule = ((list: Record<string, unknown>) =>
  Object.entries(list).flatMap(([k, v]) => {
    const message = quantityRangeError(k, v);
    return message ? [{ path: [k], message }] : [];
  })) as Rule;

/** One quantity field of a known resource, within the exact range. */
export const exactQuantity = (resource: string): Rule =>
  ((q: unknown) => {
    const message = quantityRangeError(resource, q);
    return message ? [{ path: [], message }] : [];
  }) as Rule;

export const resourceList = (description: string): Spec =>
  map(quantity(), { description, rules: [exactQuantities] });

const nameRule = (kind: 'subdomain' | 'label'): Rule =>
  ((name: string) => {
    const ok =
      kind === 'label' ? name.length <= 63 && DNS1123_LABEL.test(name) : isDns1123Subdomain(name);
    return ok
      ? []
      : [
          {
            path: [],
            message: `Invalid value: ${JSON.stringify(name)}: ${kind === 'label' ? MSG.label : MSG.subdomain}`,
          },
        ];
  }) as Rule;

const nameRequired: Rule = ((m: { name?: string; generateName?: string }) =>
  m.name === undefined && m.generateName === undefined
    ? [{ path: ['name'], message: 'Required value: name or generateName is required' }]
    : []) as Rule;

export function metadata(namespaced: boolean, opts: { template?: boolean } = {}): Spec {
  const id = opts.template
    ? 'ObjectMeta.template'
    : namespaced
      ? 'ObjectMeta'
      : 'ObjectMeta.cluster';
  return named(
    id,
    obj(
      {
        name: str({
          description: 'The object name: lowercase letters, digits, "-" and ".".',
          rules: [nameRule('subdomain')],
        }),
        generateName: str({ description: 'A prefix; the server appends random characters.' }),
        ...(namespaced
          ? {
              namespace: str({
                description: 'Namespace (default: "default").',
                rules: [nameRule('label')],
              }),
            }
          : {}),
        labels: labelMap(),
        annotations,
        uid: str(),
        creationTimestamp: str(),
        deletionTimestamp: str(),
        ownerReferences: arr(
          obj(
            {
              apiVersion: str(),
              kind: str(),
              name: str(),
              uid: str(),
              controller: bool(),
              blockOwnerDeletion: bool(),
            },
            { required: ['apiVersion', 'kind', 'name'] },
          ),
        ),
      },
      {
        description: 'Standard object metadata.',
        rules: opts.template ? [] : [nameRequired],
        // Fields `kubectl get -o yaml` prints that the lab does not use.
        ignored: [
          'resourceVersion',
          'generation',
          'selfLink',
          'managedFields',
          'finalizers',
          'deletionGracePeriodSeconds',
        ],
      },
    ),
  );
}

export const taintEffect = str({
  enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  description:
    'NoSchedule: new pods without a toleration are not scheduled. PreferNoSchedule: avoided if possible. NoExecute: running pods without a toleration are evicted too.',
});

export { any, int };
