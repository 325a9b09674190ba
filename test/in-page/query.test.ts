import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { first, selectorParts, take } from '@/in-page/query';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('selectorParts', () => {
  it('splits a selector list at its top-level commas only', () => {
    expect(selectorParts('h1, h2,h3 , [role="heading"]')).toEqual(['h1', 'h2', 'h3', '[role="heading"]']);
    expect(selectorParts('input:not([type="hidden"]):not([type="checkbox"]), textarea')).toEqual([
      'input:not([type="hidden"]):not([type="checkbox"])',
      'textarea',
    ]);
    expect(selectorParts(':is(a, b) > c, d')).toEqual([':is(a, b) > c', 'd']);
    expect(selectorParts('[title="a, b"], [title=\'c,d\'], e')).toEqual(['[title="a, b"]', "[title='c,d']", 'e']);
    expect(selectorParts('[title="say \\"x, y\\""], p')).toEqual(['[title="say \\"x, y\\""]', 'p']);
    expect(selectorParts('a\\,b, c')).toEqual(['a\\,b', 'c']);
    expect(selectorParts('button')).toEqual(['button']);
    expect(selectorParts(' , a,, ')).toEqual(['a']);
  });

  it('returns the same frozen answer for the same list', () => {
    const a = selectorParts('li, [role="listitem"]');
    expect(selectorParts('li, [role="listitem"]')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('take and first over a document', () => {
  it('list the parts’ matches in document order, once each, up to max', () => {
    document.body.innerHTML = `
      <h2 id="a">A</h2>
      <div role="heading" id="b">B</div>
      <section><h1 id="c">C</h1><h2 role="heading" id="d">D</h2></section>
      <h3 id="e">E</h3>`;
    const sel = 'h1, h2, h3, [role="heading"]';
    expect(take(document, sel, 10).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(take(document, sel, 3).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(take(document, sel, 0)).toEqual([]);
    expect(first(document, sel)?.id).toBe('a');
    expect(first(document, 'h3, [role="heading"]')?.id).toBe('b');
    expect(first(document, 'h5, h6')).toBeUndefined();
    expect(take(document, 'h5, h6', 5)).toEqual([]);
  });

  it('query each part on its own over a document, and the list as it is under an element', () => {
    document.body.innerHTML = '<main><h1>x</h1><h2>y</h2></main>';
    const spy = vi.spyOn(document, 'querySelectorAll');
    take(document, 'h1, h2', 5);
    expect(spy.mock.calls.map((c) => c[0])).toEqual(['h1', 'h2']);
    const main = document.querySelector('main')!;
    const el = vi.spyOn(main, 'querySelectorAll');
    expect(take(main, 'h1, h2', 5)).toHaveLength(2);
    expect(el.mock.calls.map((c) => c[0])).toEqual(['h1, h2']);
  });

  it('a selector that does not parse throws, as querySelectorAll does', () => {
    expect(() => take(document, 'h1, [', 5)).toThrow();
  });

  // Property: over random trees and random lists, the answers are the document's own.
  const TAGS = ['div', 'span', 'li', 'h2', 'button', 'section'] as const;
  const ROLES = ['listitem', 'heading', 'button', 'dialog'] as const;
  const SELECTORS = [
    'div',
    'span',
    'li',
    'h2',
    'button',
    '[role="listitem"]',
    '[role="heading"]',
    '[role="button"]',
    '[role="dialog"]',
    'section > li',
    'div:not([role])',
    '[data-k="a, b"]',
  ];
  type Node = { tag: (typeof TAGS)[number]; role?: (typeof ROLES)[number]; k: boolean; kids: Node[] };
  const node: fc.Memo<Node> = fc.memo((n) =>
    fc.record({
      tag: fc.constantFrom(...TAGS),
      role: fc.option(fc.constantFrom(...ROLES), { nil: undefined }),
      k: fc.boolean(),
      kids: n > 1 ? fc.array(node(n - 1), { maxLength: 4 }) : fc.constant([]),
    }),
  );
  const build = (n: Node): HTMLElement => {
    const el = document.createElement(n.tag);
    if (n.role) el.setAttribute('role', n.role);
    if (n.k) el.setAttribute('data-k', 'a, b');
    for (const c of n.kids) el.append(build(c));
    return el;
  };

  it('equal querySelectorAll / querySelector for any tree and list (property)', () => {
    fc.assert(
      fc.property(
        fc.array(node(4), { minLength: 1, maxLength: 5 }),
        fc.uniqueArray(fc.constantFrom(...SELECTORS), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 40 }),
        (trees, sels, max) => {
          document.body.replaceChildren(...trees.map(build));
          const list = sels.join(', ');
          const want = [...document.querySelectorAll(list)].slice(0, max);
          expect(take(document, list, max)).toEqual(want);
          expect(first(document, list)).toBe(document.querySelector(list) ?? undefined);
        },
      ),
      { numRuns: 200 },
    );
  });
});
