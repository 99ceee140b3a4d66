// --field-selector: `field=value`, `field==value`, `field!=value`, comma-separated and ANDed, over
// the fields the API server lets you select on for that kind (every kind: metadata.name and
// metadata.namespace; pods, nodes and events a few more — see selectableFields on each kind). An
// unknown field fails with the API server's own message, as in a real cluster.
import type { ResourceType } from './resourceType.ts';

export type FieldSelector = (fields: Readonly<Record<string, string>>) => boolean;

/** Fields every kind supports. */
export const METADATA_FIELDS = ['metadata.name', 'metadata.namespace'] as const;

function gvr(type: ResourceType): string {
  return `{"${type.group}" "v1" "${type.plural}"}`;
}

/** A selector for this kind, or the error text kubectl prints. */
export function parseFieldSelector(
  text: string,
  type: ResourceType,
  labelSelector = '',
): FieldSelector | { error: string } {
  const tests: FieldSelector[] = [];
  const known = [...METADATA_FIELDS, ...(type.selectableFields ?? [])];
  for (const clause of text.split(',')) {
    const c = clause.trim();
    if (c === '') continue;
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(c);
    if (!m) return { error: `error: invalid selector: '${text}'; can't understand '${c}'` };
    const [, field = '', op, value = ''] = m;
    if (!known.includes(field)) {
      const why =
        type.group === ''
          ? `field label not supported: ${field}`
          : `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
      return {
        error: `Error from server (BadRequest): Unable to find ${gvr(type)} that match label selector "${labelSelector}", field selector "${text}": ${why}`,
      };
    }
    tests.push(op === '!=' ? (f) => (f[field] ?? '') !== value : (f) => (f[field] ?? '') === value);
  }
  return (fields) => tests.every((t) => t(fields));
}
