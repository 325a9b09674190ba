/**
 * The heavy editor benchmark page (test/fixtures/apps/heavy-editor.ts): by default it holds nothing the Glide and
 * Supabase readers read; with `readable` their readers find what their own fixtures model (a table list, column
 * headers, an "Unrestricted" table whose header says "RLS disabled"). Read here with the readers themselves, so the
 * page cannot drift away from what `bench:builders --readable` claims to measure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readScreen } from '@/entrypoints/glide.content/readers';
import { readPage } from '@/entrypoints/supabase.content/readers';
import { pageOf } from '@/entrypoints/supabase.content/studio';
import { heavyEditorPage, heavyUrl } from '../fixtures/apps/heavy-editor';

/** The page's static HTML (its script builds the canvas and the grid's rows in a real browser; not run here). */
const load = (html: string) => {
  document.open();
  document.write(html.replace(/<script>[\s\S]*?<\/script>/g, ''));
  document.close();
  return document;
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('heavy editor page', () => {
  it('Glide: unreadable by default; with readable, the Data screen reader reads the list and the 40 column headers', () => {
    expect(readScreen(load(heavyEditorPage('glide', 20_000)), 'data')).toMatchObject({ status: 'unreadable' });
    const o = readScreen(load(heavyEditorPage('glide', 20_000, true)), 'data');
    expect(o.status).toBe('read');
    expect(o.tables).toHaveLength(30);
    expect(o.tables?.[0]).toMatchObject({ name: 'Customers', columnsComplete: true });
    expect(o.tables?.[0]?.columns).toHaveLength(40);
  });

  it('Supabase: no tables by default; with readable, the table editor reader finds the open table with RLS disabled', () => {
    const href = heavyUrl('supabase', 20_000, 0, true);
    const page = pageOf(href)!;
    expect(page.kind).toBe('table-editor');
    expect(readPage(load(heavyEditorPage('supabase', 20_000)), page, href).observation.tables).toEqual([]);
    const tables = readPage(load(heavyEditorPage('supabase', 20_000, true)), page, href).observation.tables ?? [];
    expect(tables).toHaveLength(20);
    expect(tables.find((t) => t.name === 'profiles')).toMatchObject({ rls: 'disabled', exposed: 'yes' });
    expect(tables.find((t) => t.name === 'profiles')?.columns).toHaveLength(40);
  });

  it('the readable parts sit outside the regions the page re-renders (outline, canvas, grid rows)', () => {
    for (const b of ['glide', 'supabase'] as const) {
      const d = load(heavyEditorPage(b, 20_000, true));
      expect(d.querySelector('#outline')!.children).toHaveLength(0);
      expect(d.querySelector('#props')!.firstElementChild?.matches('section, nav')).toBe(true);
    }
  });
});
