import { describe, expect, it } from 'vitest';
import { decideOpenLink } from './openLink.ts';

describe('opening a link over local work', () => {
  const mine = 'kind: Deployment\nmetadata: {name: mine}\n';
  const theirs = 'kind: Deployment\nmetadata: {name: theirs}\n';

  it('asks when the learner has work of their own', () => {
    expect(decideOpenLink(mine, theirs)).toBe('ask');
  });

  it('does nothing to the text when the link holds the same workspace', () => {
    expect(decideOpenLink(mine, mine.replace(/\n/g, '  \r\n'))).toBe('same');
  });

  it('opens directly over an empty or untouched workspace', () => {
    expect(decideOpenLink('  \n', theirs)).toBe('open');
    expect(decideOpenLink('default: 1\n', theirs, ['default: 1'])).toBe('open');
  });

  it('still asks when the default was edited, even a little', () => {
    expect(decideOpenLink('default: 2\n', theirs, ['default: 1'])).toBe('ask');
  });
});
