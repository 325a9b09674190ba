/** utils/supabase/dashboard-merge.ts: page-by-page facts merged per project; complete lists replace, unknowns never erase. */
import { describe, expect, it } from 'vitest';
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import { dropStale, mergeObservation } from '@/utils/supabase/dashboard-merge';

const REF = 'qwertyuiopasdfghjklz';
const o = (x: unknown) => DashboardObservationSchema.parse(x);

describe('mergeObservation', () => {
  it('unknown facts never erase known ones; known ones replace', () => {
    let d = mergeObservation(
      undefined,
      REF,
      o({ page: 'table-list', source: 'dom', tables: [{ schema: 'public', name: 't', rls: 'disabled', exposed: 'yes' }] }),
      1,
    );
    d = mergeObservation(d, REF, o({ page: 'table-editor', source: 'dom', tables: [{ schema: 'public', name: 't', columns: ['a'] }] }), 2);
    expect(d.tables[0]).toMatchObject({ rls: 'disabled', exposed: 'yes', columns: ['a'], seenAt: 2 });
    d = mergeObservation(d, REF, o({ page: 'table-editor', source: 'dom', tables: [{ schema: 'public', name: 't', rls: 'enabled' }] }), 3);
    expect(d.tables[0]).toMatchObject({ rls: 'enabled', exposed: 'yes', columns: ['a'] });
  });

  it('a complete list drops tables that are gone (deleted, renamed), in its schema only', () => {
    let d = mergeObservation(
      undefined,
      REF,
      o({
        page: 'table-list',
        source: 'dom',
        tables: [
          { schema: 'public', name: 'a' },
          { schema: 'public', name: 'b' },
          { schema: 'private', name: 'c' },
        ],
      }),
      1,
    );
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'dom', schema: 'public', tablesComplete: true, tables: [{ schema: 'public', name: 'a' }] }), 2);
    expect(d.tables.map((t) => t.name).sort()).toEqual(['a', 'c']);
  });

  it('a policies card replaces that table’s policies but keeps expressions seen before', () => {
    let d = mergeObservation(
      undefined,
      REF,
      o({
        page: 'policies',
        source: 'dom',
        policies: [{ schema: 'public', table: 't', name: 'p', command: 'INSERT', roles: ['anon'], check: 'true', using: null }],
      }),
      1,
    );
    d = mergeObservation(
      d,
      REF,
      o({
        page: 'policies',
        source: 'dom',
        policies: [
          { schema: 'public', table: 't', name: 'p', command: 'INSERT', roles: ['anon'] },
          { schema: 'public', table: 't', name: 'q', command: 'SELECT' },
        ],
        policyTables: [{ schema: 'public', name: 't' }],
      }),
      2,
    );
    expect(d.policies.find((p) => p.name === 'p')).toMatchObject({ check: 'true', using: null });
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'dom', policies: [], policyTables: [{ schema: 'public', name: 't' }] }), 3);
    expect(d.policies).toEqual([]);
  });

  it('an advisor tab replaces the lints of its level only', () => {
    const lint = (name: string, level: string) => ({ name, title: name, level, cacheKey: name });
    let d = mergeObservation(undefined, REF, o({ page: 'advisors', source: 'dom', advisors: { levels: ['ERROR'], lints: [lint('a', 'ERROR')] } }), 1);
    d = mergeObservation(d, REF, o({ page: 'advisors', source: 'dom', advisors: { levels: ['WARN'], lints: [lint('b', 'WARN')] } }), 2);
    expect(d.advisors!.lints.map((l) => l.name).sort()).toEqual(['a', 'b']);
    d = mergeObservation(d, REF, o({ page: 'advisors', source: 'dom', advisors: { levels: ['ERROR'], lints: [] } }), 3);
    expect(d.advisors!.lints.map((l) => l.name)).toEqual(['b']);
    expect(d.advisors!.levels.sort()).toEqual(['ERROR', 'WARN']);
  });

  it('buckets: a complete list replaces; public stays known when a later page does not say', () => {
    let d = mergeObservation(
      undefined,
      REF,
      o({
        page: 'storage',
        source: 'dom',
        buckets: [
          { id: 'a', name: 'a', public: true },
          { id: 'b', name: 'b' },
        ],
        bucketsComplete: true,
      }),
      1,
    );
    d = mergeObservation(d, REF, o({ page: 'deep-audit', source: 'api', buckets: [{ id: 'a', name: 'a', listing: true }] }), 2);
    expect(d.buckets.find((b) => b.id === 'a')).toMatchObject({ public: true, listing: true, source: 'api' });
    d = mergeObservation(d, REF, o({ page: 'storage', source: 'dom', buckets: [{ id: 'a', name: 'a', public: false }], bucketsComplete: true }), 3);
    expect(d.buckets.map((b) => [b.id, b.public])).toEqual([['a', false]]);
  });

  it('a record for another project is never merged into', () => {
    const other = mergeObservation(undefined, 'zxcvbnmlkjhgfdsapoiu', o({ page: 'table-list', source: 'dom', tables: [{ schema: 'public', name: 'x' }] }), 1);
    expect(mergeObservation(other, REF, o({ page: 'cron', source: 'dom' }), 2).tables).toEqual([]);
  });

  it('the deep audit’s SQL gap holds until a newer deep audit ran its SQL checks; page reads leave it', () => {
    const advisorOnly = { page: 'deep-audit', source: 'api', buckets: [{ id: 'b', name: 'b', public: false }], bucketsComplete: true };
    let d = mergeObservation(undefined, REF, o({ ...advisorOnly, sqlUnavailable: { status: 404 } }), 1);
    expect(d.sqlUnavailable).toEqual({ status: 404, source: 'api', seenAt: 1 });
    d = mergeObservation(d, REF, o({ page: 'table-list', source: 'dom', tables: [{ schema: 'public', name: 't' }] }), 2);
    expect(d.sqlUnavailable).toMatchObject({ status: 404, seenAt: 1 });
    expect(dropStale(d, 1).sqlUnavailable).toMatchObject({ status: 404 });
    expect(dropStale(d, 2).sqlUnavailable).toBeUndefined();
    d = mergeObservation(d, REF, o({ ...advisorOnly, tables: [{ schema: 'public', name: 't', rls: 'enabled' }], tablesComplete: true }), 3);
    expect(d.sqlUnavailable).toBeUndefined();
  });

  it('dropStale drops what is older than the window', () => {
    const d = mergeObservation(
      undefined,
      REF,
      o({ page: 'cron', source: 'dom', cron: { state: 'no-jobs', jobs: [] }, tables: [{ schema: 'public', name: 'x' }] }),
      10,
    );
    expect(dropStale(d, 5).tables).toHaveLength(1);
    expect(dropStale(d, 11)).toEqual({ ref: REF, tables: [], policies: [], buckets: [], pages: [] });
  });
});

describe('bounds', () => {
  it('keeps the merged record small whatever the pages show: a total budget for column names', () => {
    let d = mergeObservation(undefined, REF, o({ page: 'table-list', source: 'dom', tables: [] }), 0);
    const cols = Array.from({ length: 300 }, (_, i) => `column_number_${i}`);
    for (let i = 0; i < 300; i++)
      d = mergeObservation(d, REF, o({ page: 'table-editor', source: 'dom', tables: [{ schema: 'public', name: `t${i}`, columns: cols }] }), i + 1);
    const total = d.tables.reduce((n, t) => n + (t.columns?.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(60_000);
    expect(d.tables.find((t) => t.name === 't299')!.columns).toHaveLength(300); // the newest keep theirs
    expect(JSON.stringify(d).length).toBeLessThan(2_000_000);
  });
});
