/** "Show me" messages (utils/highlight.ts): built from a finding's location, read back only when exactly well-formed. */
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT, highlightMessage, labelMatches, readHighlight } from '@/utils/highlight';

describe('highlight messages', () => {
  it('round-trips a builder finding’s location; a finding without a name has nothing to show', () => {
    const m = highlightMessage({ kind: 'builder', name: 'public.profiles' })!;
    expect(readHighlight(m)).toEqual({ type: HIGHLIGHT, name: 'public.profiles', kind: 'builder' });
    expect(highlightMessage({ kind: 'header' })).toBeUndefined();
  });

  it.each([
    null,
    'x',
    { type: HIGHLIGHT },
    { type: HIGHLIGHT, name: 1, kind: 'builder' },
    { type: HIGHLIGHT, name: 'a', kind: 'builder', extra: 1 },
    { type: HIGHLIGHT, name: 'a'.repeat(301), kind: 'builder' },
  ])('refuses %j', (raw) => expect(readHighlight(raw)).toBeUndefined());

  it('matches marker labels: schema.table, a bucket, a table named without its schema', () => {
    expect(labelMatches('public.profiles', 'public.profiles')).toBe(true);
    expect(labelMatches('bucket avatars', 'avatars')).toBe(true);
    expect(labelMatches('public.profiles', 'profiles')).toBe(true);
    expect(labelMatches('private.profiles', 'profiles')).toBe(false);
  });
});
