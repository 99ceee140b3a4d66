import { describe, expect, it } from 'vitest';
import { execute, parseFieldPath, parseTemplate, evaluate } from './jsonpath.ts';

const list = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { 'karpenter.sh/nodepool': 'default' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }], capacity: { cpu: 2 } },
    },
    {
      metadata: { name: 'b', labels: {} },
      status: { conditions: [{ type: 'Ready', status: 'False' }], capacity: { cpu: 8 } },
    },
  ],
};
const run = (t: string): string => execute(parseTemplate(t), list);

describe('kubectl JSONPath templates', () => {
  it('prints every match of an expression separated by spaces', () => {
    expect(run('{.items[*].metadata.name}')).toBe('a b');
    expect(run('{.items[0].metadata.name}')).toBe('a');
    expect(run('{.items[-1].metadata.name}')).toBe('b');
    expect(run('{$.kind}')).toBe('List');
  });

  it('ranges with literal text and escapes', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.capacity.cpu}{"\\n"}{end}')).toBe(
      'a\t2\nb\t8\n',
    );
    expect(run('names: {.items[*].metadata.name}!')).toBe('names: a b!');
  });

  it('filters, escaped dots and bracket keys', () => {
    expect(run('{.items[?(@.status.capacity.cpu>4)].metadata.name}')).toBe('b');
    expect(run('{range .items[*]}{.status.conditions[?(@.type=="Ready")].status} {end}')).toBe(
      'True False ',
    );
    expect(run('{.items[0].metadata.labels.karpenter\\.sh/nodepool}')).toBe('default');
    expect(run("{.items[0].metadata.labels['karpenter.sh/nodepool']}")).toBe('default');
  });

  it('prints nothing for a missing key and JSON for objects', () => {
    expect(run('{.items[*].spec.nodeName}')).toBe('');
    expect(run('{.items[0].status.capacity}')).toBe('{"cpu":2}');
  });

  it('says what is wrong with a template', () => {
    expect(() => parseTemplate('{.items[}')).toThrow('unclosed array, expected ] at character 7');
    expect(() => parseTemplate('{.items')).toThrow('unclosed action at character 1');
    expect(() => parseTemplate('{range .items[*]}{.a}')).toThrow('range without end');
    expect(() => parseTemplate('{..name}')).toThrow('recursive descent');
  });

  it('reads bare field paths for --sort-by and custom-columns', () => {
    expect(evaluate(parseFieldPath('.metadata.name'), list.items[1])).toEqual(['b']);
    expect(evaluate(parseFieldPath('{.status.capacity.cpu}'), list.items[1])).toEqual([8]);
    expect(() => parseFieldPath('metadata.name')).toThrow('is not a field path');
  });
});
