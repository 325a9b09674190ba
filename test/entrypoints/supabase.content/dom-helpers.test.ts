/**
 * The dashboard readers' shared helpers, where they were made cheaper for the 500-table sidebar: `norm`'s fast path
 * gives the same result as the full normalisation, and `hasExactText` finds a badge or button from its words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { norm } from '@/entrypoints/supabase.content/studio';
import { norm as glideNorm } from '@/entrypoints/glide.content/anchors';
import { hasExactText } from '@/entrypoints/supabase.content/readers/dom';
import { TableNames } from '@/entrypoints/supabase.content/readers/table-list';

/** The normalisation without the fast path (what norm computed before it had one). */
const slow = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2192/g, '->')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

describe('norm', () => {
  it('equals the full normalisation on any text (property)', () => {
    const ch = fc.constantFrom('a', 'B', ' ', '  ', '\t', '\n', '\u00a0', '\u2019', '\u201c', 'É', '1', '-', 'İ', 'K', '\u2192', '>');
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 30 }).map((a) => a.join('')),
        (s) => {
          expect(norm(s)).toBe(slow(s));
          expect(glideNorm(s)).toBe(slow(s)); // one normalisation for both builders' readers (utils/text.ts)
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(norm(s)).toBe(slow(s));
      }),
      { numRuns: 2000 },
    );
  });
  it('empty and missing text', () => {
    expect(norm(null)).toBe('');
    expect(norm(undefined)).toBe('');
    expect(norm('')).toBe('');
  });
});

describe('hasExactText', () => {
  const root = (html: string) => {
    document.body.innerHTML = `<div id="r">${html}</div>`;
    return document.getElementById('r')!;
  };
  it('finds the badge whose whole text is the word, not a longer text that contains it', () => {
    const r = root('<a><span>orders</span><span>unrestricted access notes</span><span class="b"> Unrestricted </span></a>');
    expect(hasExactText(r, 'unrestricted')).toBe(r.querySelector('.b'));
  });
  it('finds a phrase split across elements from either word', () => {
    const r = root('<p>Some text</p><button class="x">Enable <b>RLS</b></button>');
    expect(hasExactText(r, 'enable rls')).toBe(r.querySelector('.x'));
    const r2 = root('<p>Some text</p><button class="y"><i>Enable</i> RLS</button>');
    expect(hasExactText(r2, ['disable rls', 'enable rls'])).toBe(r2.querySelector('.y'));
  });
  it('the root itself, and nothing when no element is exactly the text', () => {
    const r = root('Public');
    expect(hasExactText(r, 'public')).toBe(r);
    expect(hasExactText(root('<span>Public bucket</span>'), 'public')).toBeUndefined();
  });
  it('stays bounded: only the first `max` text nodes are looked at', () => {
    const r = root(`${'<span>x</span>'.repeat(300)}<span class="late">Unrestricted</span>`);
    expect(hasExactText(r, 'unrestricted', 200)).toBeUndefined();
    expect(hasExactText(r, 'unrestricted', 400)).toBe(r.querySelector('.late'));
  });
});

describe('TableNames (the table list is virtualised: names seen before)', () => {
  const listed = (ids: number[], prefix = 't') =>
    ids.map((i) => ({
      id: String(i),
      link: document.createElement('a'),
      table: { schema: 'public', name: `${prefix}${i}`, rls: 'unknown', exposed: 'unknown' } as const,
    }));
  it('remembers per project, a newer name wins, bounded', () => {
    const names = new TableNames();
    names.learn('aaaaaaaaaaaaaaaaaaaa', listed([1, 2]));
    expect(names.get('aaaaaaaaaaaaaaaaaaaa', '2')).toEqual({ schema: 'public', name: 't2' });
    expect(names.get('bbbbbbbbbbbbbbbbbbbb', '2')).toBeUndefined();
    expect(names.get('aaaaaaaaaaaaaaaaaaaa', undefined)).toBeUndefined();
    names.learn('aaaaaaaaaaaaaaaaaaaa', listed([2], 'renamed'));
    expect(names.get('aaaaaaaaaaaaaaaaaaaa', '2')?.name).toBe('renamed2');
    names.learn('aaaaaaaaaaaaaaaaaaaa', listed(Array.from({ length: TableNames.MAX + 50 }, (_, i) => i + 10)));
    expect(names.get('aaaaaaaaaaaaaaaaaaaa', String(TableNames.MAX + 50))).toBeUndefined(); // over the bound: not kept
    expect(names.get('aaaaaaaaaaaaaaaaaaaa', '1')?.name).toBe('t1'); // kept
    names.learn('bbbbbbbbbbbbbbbbbbbb', listed([3]));
    expect(names.get('aaaaaaaaaaaaaaaaaaaa', '1')).toBeUndefined(); // another project: forgotten
    expect(names.get('bbbbbbbbbbbbbbbbbbbb', '3')?.name).toBe('t3');
  });
});
