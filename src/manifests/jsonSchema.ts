// JSON Schemas for monaco-yaml (markers, completion, hover), generated from the same specs the
// validator uses. One workspace file holds many kinds, so the top-level schema dispatches on
// apiVersion + kind with if/then (monaco-yaml completes both from the top-level enums first).
// Catalog values (instance types, families, zones …) become `examples` — suggestions, never
// errors: the authoritative diagnostics come from parseWorkspace.

import { KINDS, isServed } from './registry.ts';
import type { Spec } from './schema/dsl.ts';
import { SCHEDULING_LABEL_KEYS } from './schema/labels.ts';
import { LATEST } from './version.ts';
import type { KarpenterVersion } from './version.ts';

export interface CatalogValues {
  readonly instanceTypes?: readonly string[];
  readonly families?: readonly string[];
  readonly categories?: readonly string[];
  readonly zones?: readonly string[];
  /** Names of node classes in the workspace, for nodeClassRef.name. */
  readonly nodeClasses?: readonly string[];
}

export interface MonacoSchema {
  readonly uri: string;
  readonly fileMatch: string[];
  readonly schema: JsonSchema;
}
export type JsonSchema = { [key: string]: unknown };

/** Values a well-known label can take, for completion of requirement values and nodeSelectors. */
export function valuesForLabel(values: CatalogValues): Record<string, readonly string[]> {
  return {
    'node.kubernetes.io/instance-type': values.instanceTypes ?? [],
    'karpenter.k8s.aws/instance-family': values.families ?? [],
    'karpenter.k8s.aws/instance-category': values.categories ?? [],
    'topology.kubernetes.io/zone': values.zones ?? [],
    'karpenter.sh/capacity-type': ['spot', 'on-demand', 'reserved'],
    'kubernetes.io/arch': ['amd64', 'arm64'],
    'kubernetes.io/os': ['linux', 'windows'],
    'karpenter.k8s.aws/instance-cpu-manufacturer': ['intel', 'amd', 'aws'],
    'karpenter.k8s.aws/instance-hypervisor': ['nitro', 'xen'],
    'karpenter.k8s.aws/instance-tenancy': ['default', 'dedicated'],
  };
}

/** `shared` collects the definitions of specs that carry an `id` (filled in as they are met). */
export function toJsonSchema(
  spec: Spec,
  values: CatalogValues,
  shared: JsonSchema = {},
): JsonSchema {
  const byLabel = valuesForLabel(values);
  const completion = (s: Spec): readonly string[] | undefined => {
    switch (s.completion) {
      case 'labelKeys':
        return SCHEDULING_LABEL_KEYS;
      case undefined:
        return s.examples;
      default:
        return values[s.completion];
    }
  };
  const walk = (s: Spec): JsonSchema => {
    if (s.id === undefined) return walkInner(s);
    const name = `spec.${s.id}`;
    if (!(name in shared)) {
      shared[name] = {}; // placeholder first: a recursive spec refers to itself
      shared[name] = walkInner(s);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const walkInner = (s: Spec): JsonSchema => {
    const common: JsonSchema = {
      ...(s.description ? { description: s.description, markdownDescription: s.description } : {}),
      ...(s.default !== undefined ? { default: s.default } : {}),
    };
    switch (s.type) {
      case 'any':
        return common;
      case 'string': {
        const catalogList =
          s.completion && s.completion !== 'labelKeys' ? values[s.completion] : undefined;
        if (catalogList && catalogList.length > 0)
          return {
            type: 'string',
            ...common,
            allOf: [{ $ref: `#/definitions/${catalogDef(s.completion ?? '')}` }],
          };
        const ex = completion(s);
        return {
          type: 'string',
          ...common,
          ...(s.enum ? { enum: [...s.enum] } : {}),
          ...(s.pattern ? { pattern: s.pattern.source } : {}),
          ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
          ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
          ...(ex && ex.length > 0 && !s.enum ? { examples: [...ex] } : {}),
        };
      }
      case 'integer':
      case 'number':
        return {
          type: s.type,
          ...common,
          ...(s.minimum !== undefined ? { minimum: s.minimum } : {}),
          ...(s.maximum !== undefined ? { maximum: s.maximum } : {}),
        };
      case 'boolean':
        return { type: 'boolean', ...common };
      case 'int-or-string':
        return {
          type: ['integer', 'string'],
          ...common,
          ...(s.pattern ? { pattern: s.pattern.source } : {}),
        };
      case 'array':
        return {
          type: 'array',
          ...common,
          items: walk(s.items),
          ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
          ...(s.minItems !== undefined ? { minItems: s.minItems } : {}),
        };
      case 'object': {
        const properties: JsonSchema = {};
        for (const [k, v] of Object.entries(s.properties ?? {})) properties[k] = walk(v);
        // Label maps: offer the well-known keys with their catalog values.
        if (s.completion === 'labelKeys' && s.additionalProperties)
          for (const key of SCHEDULING_LABEL_KEYS) {
            const ex = byLabel[key];
            properties[key] = ex && ex.length > 0 ? { $ref: labelRef(key) } : { type: 'string' };
          }
        const out: JsonSchema = {
          type: 'object',
          ...common,
          ...(Object.keys(properties).length > 0 ? { properties } : {}),
          ...(s.required && s.required.length > 0 ? { required: [...s.required] } : {}),
          ...(s.additionalProperties ? { additionalProperties: walk(s.additionalProperties) } : {}),
        };
        // Requirement-shaped objects: complete `values` from the chosen `key`.
        const keySpec = s.properties?.key;
        if (keySpec?.completion === 'labelKeys' && s.properties?.values) {
          out.allOf = Object.entries(byLabel)
            .filter(([, ex]) => ex.length > 0)
            .map(([key]) => ({
              if: { properties: { key: { const: key } }, required: ['key'] },
              then: { properties: { values: { items: { $ref: labelRef(key) } } } },
            }));
        }
        return out;
      }
    }
  };
  return walk(spec);
}

// Catalog lists can be long (hundreds of instance types): they live once in `definitions` and
// every label map or requirement refers to them.
const labelDef = (key: string): string => `label.${key.replace(/[/~]/g, '_')}`;
const catalogDef = (source: string): string => `catalog.${source}`;
const labelRef = (key: string): string => `#/definitions/${labelDef(key)}`;

const defName = (apiVersion: string, kind: string): string =>
  `${kind}.${apiVersion.replace(/\//g, '.')}`;

/** The workspace schema: every kind this Karpenter version serves, dispatched on apiVersion/kind. */
export function workspaceSchema(
  values: CatalogValues = {},
  version: KarpenterVersion = LATEST,
): JsonSchema {
  const served = KINDS.filter((d) => isServed(d, version));
  const definitions: JsonSchema = {};
  for (const d of served) {
    const body = toJsonSchema(d.spec(version), values, definitions);
    const props = (body.properties ?? {}) as JsonSchema;
    definitions[defName(d.apiVersion, d.kind)] = {
      ...body,
      description: d.description,
      properties: { apiVersion: { const: d.apiVersion }, kind: { const: d.kind }, ...props },
    };
  }
  const sources = ['instanceTypes', 'families', 'categories', 'zones', 'nodeClasses'] as const;
  for (const source of sources) {
    const list = values[source];
    if (list && list.length > 0)
      definitions[catalogDef(source)] = { type: 'string', examples: [...list] };
  }
  for (const [key, ex] of Object.entries(valuesForLabel(values))) {
    if (ex.length === 0) continue;
    const source = sources.find((src) => values[src] === ex);
    definitions[labelDef(key)] = source
      ? { type: 'string', allOf: [{ $ref: `#/definitions/${catalogDef(source)}` }] }
      : { type: 'string', examples: [...ex] };
  }
  definitions['List.v1'] = {
    type: 'object',
    description: 'A list of objects, as printed by `kubectl get -o yaml`.',
    properties: {
      apiVersion: { const: 'v1' },
      kind: { const: 'List' },
      items: { type: 'array', items: { $ref: '#' } },
    },
  };
  const pairs = [...served.map((d) => [d.apiVersion, d.kind] as const), ['v1', 'List'] as const];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Karpenter Lab workspace',
    type: 'object',
    properties: {
      apiVersion: {
        type: 'string',
        enum: [...new Set(pairs.map(([a]) => a))],
        description: 'The API group and version of the object.',
      },
      kind: {
        type: 'string',
        enum: [...new Set(pairs.map(([, k]) => k))],
        description: 'The kind of object.',
      },
    },
    required: ['apiVersion', 'kind'],
    allOf: pairs.map(([apiVersion, kind]) => ({
      if: {
        properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: `#/definitions/${defName(apiVersion, kind)}` },
    })),
    definitions,
  };
}

/** monaco-yaml's `schemas` option. */
export function buildSchemas(
  values: CatalogValues = {},
  opts: { version?: KarpenterVersion; fileMatch?: string[]; uri?: string } = {},
): MonacoSchema[] {
  return [
    {
      uri: opts.uri ?? 'inmemory://karpenter-lab/workspace.schema.json',
      fileMatch: opts.fileMatch ?? ['*.yaml', '*.yml'],
      schema: workspaceSchema(values, opts.version ?? LATEST),
    },
  ];
}
