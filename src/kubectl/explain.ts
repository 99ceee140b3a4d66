// `kubectl explain TYPE[.field…]` from the JSON Schemas the editor already uses
// (manifests/jsonSchema.ts), printed in kubectl's plaintext layout (explain/v2 plaintext.tmpl):
// GROUP / KIND / VERSION, FIELD: name <type>, DESCRIPTION wrapped at 76 columns, then FIELDS
// sorted by name with `<type>`, -required-, up to four enum values and their descriptions.
// The schemas carry the fields the lab models, so explain shows those (named in CONTEXT.md).
import { toJsonSchema, type JsonSchema } from '../manifests/jsonSchema.ts';
import { isServed, KINDS, type KindDef } from '../manifests/registry.ts';
import { LATEST, parseKarpenterVersion } from '../manifests/version.ts';
import type { ConsoleContext } from './context.ts';
import { flagValue, hasFlag, type Args } from './flags.ts';
import { notServed } from './get.ts';
import { resolveType } from './resources.ts';
import type { CommandResult } from './run.ts';

const TYPE_META: Readonly<Record<string, JsonSchema>> = {
  apiVersion: {
    type: 'string',
    description:
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
  },
  kind: {
    type: 'string',
    description:
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.',
  },
};

/** Sprig's `wrap n`: break lines at the last space before n columns (long words stay whole). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out;
}

const indent = (lines: string[], n: number): string[] => lines.map((l) => ' '.repeat(n) + l);

function resolve(s: JsonSchema, defs: JsonSchema): JsonSchema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  return (defs[ref.replace('#/definitions/', '')] as JsonSchema | undefined) ?? s;
}

/** plaintext.tmpl's typeGuess: string, integer, Object, []Object, map[string]string, … */
function typeGuess(raw: JsonSchema, defs: JsonSchema): string {
  const s = resolve(raw, defs);
  if (s.items) return `[]${typeGuess(s.items as JsonSchema, defs)}`;
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    return `map[string]${typeGuess(s.additionalProperties as JsonSchema, defs)}`;
  if (Array.isArray(s.type)) return 'IntOrString';
  if (s.type === 'object' || s.type === undefined) return 'Object';
  return String(s.type);
}

function properties(s: JsonSchema, defs: JsonSchema): Record<string, JsonSchema> {
  const r = resolve(s, defs);
  if (r.items) return properties(r.items as JsonSchema, defs);
  if (r.additionalProperties && typeof r.additionalProperties === 'object' && !r.properties)
    return properties(r.additionalProperties as JsonSchema, defs);
  return (r.properties ?? {}) as Record<string, JsonSchema>;
}

function required(s: JsonSchema, defs: JsonSchema): string[] {
  const r = resolve(s, defs);
  if (r.items) return required(r.items as JsonSchema, defs);
  return (r.required ?? []) as string[];
}

function enumLine(s: JsonSchema, indentBy: number): string[] {
  const values = s.enum as unknown[] | undefined;
  if (!values || values.length === 0) return [];
  const shown = values.slice(0, 4).map((v) => (v === '' ? '""' : String(v)));
  return [`${' '.repeat(indentBy)}enum: ${shown.join(', ')}${values.length > 4 ? ', ....' : ''}`];
}

function fieldList(s: JsonSchema, defs: JsonSchema, recursive: boolean, level: number): string[] {
  const props = properties(s, defs);
  const req = required(s, defs);
  return Object.keys(props)
    .sort()
    .flatMap((name) => {
      const f = resolve(props[name] as JsonSchema, defs);
      const pad = level * 2;
      const head = `${' '.repeat(pad)}${name}\t<${typeGuess(props[name] as JsonSchema, defs)}>${req.includes(name) ? ' -required-' : ''}`;
      if (recursive) return [head, ...fieldList(f, defs, true, level + 1)];
      const description = typeof f.description === 'string' ? f.description : '<no description>';
      return [head, ...enumLine(f, pad), ...indent(wrap(description, 78 - pad), pad + 2), ''];
    });
}

function kindFor(word: string): string | undefined {
  const type = resolveType(word);
  if (type) return type.kind;
  const w = word.toLowerCase();
  return KINDS.find((k) => k.kind.toLowerCase() === w || `${k.kind.toLowerCase()}s` === w)?.kind;
}

export function explain(a: Args, ctx: ConsoleContext): CommandResult {
  const arg = a.positional[0];
  if (arg === undefined)
    return {
      output: '',
      error:
        'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    };
  const o = flagValue(a, 'output');
  if (o !== undefined && o !== 'plaintext')
    return { output: '', error: `error: unsupported output format "${o}", allowed: plaintext` };
  const [typeWord = '', ...path] = arg.split('.');
  const version = parseKarpenterVersion(ctx.state.karpenter.version) ?? LATEST;
  const kind = kindFor(typeWord);
  const type = resolveType(typeWord);
  if (!kind || (type && !type.served(ctx.state))) return { output: '', error: notServed(typeWord) };
  const wanted = flagValue(a, 'api-version');
  const def: KindDef | undefined = KINDS.find(
    (k) =>
      k.kind === kind &&
      (k.generations === undefined || ctx.state.karpenter.installed) &&
      isServed(k, version) &&
      (wanted === undefined || k.apiVersion === wanted),
  );
  if (!def)
    return type
      ? {
          output: '',
          error: `error: the console has no schema for ${kind}: it is made by the cluster, not written in the workspace`,
        }
      : { output: '', error: notServed(typeWord) };
  const defs: JsonSchema = {};
  const body = toJsonSchema(def.spec(version), {}, defs);
  const root: JsonSchema = {
    ...body,
    description: def.description,
    properties: { ...TYPE_META, ...((body.properties ?? {}) as JsonSchema) },
  };
  const [group, ver] = def.apiVersion.includes('/')
    ? (def.apiVersion.split('/') as [string, string])
    : ['', def.apiVersion];
  const lines = [
    ...(group ? [`GROUP:      ${group}`] : []),
    `KIND:       ${def.kind}`,
    `VERSION:    ${ver}`,
    '',
  ];
  let schema = root;
  for (const [i, field] of path.entries()) {
    const sub = properties(schema, defs)[field];
    if (!sub) return { output: '', error: `error: field "${field}" does not exist` };
    if (i === path.length - 1) {
      const r = resolve(sub, defs);
      const values = (r.enum as unknown[] | undefined) ?? [];
      lines.push(
        `FIELD: ${field} <${typeGuess(sub, defs)}>`,
        ...(values.length > 0 ? ['ENUM:', ...values.map((v) => `    ${String(v)}`)] : []),
        '',
        '',
      );
    }
    schema = resolve(sub, defs);
  }
  const description = typeof schema.description === 'string' ? schema.description : '<empty>';
  const fields = fieldList(schema, defs, hasFlag(a, 'recursive'), 1);
  lines.push('DESCRIPTION:', ...indent(wrap(description, 76), 4), '    ');
  if (fields.length > 0) lines.push('FIELDS:', ...fields);
  return { output: lines.join('\n').trimEnd() };
}
