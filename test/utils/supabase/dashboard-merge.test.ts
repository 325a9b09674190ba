/** utils/supabase/dashboard-merge.ts: page-by-page facts merged per project; complete lists replace, unknowns never erase. */
import { describe, expect, it } from 'vitest';
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import { dropStale, emptyDashboard, mergeObservation } from '@/utils/supabase/dashboard-merge';

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

describe('mergeObservation: what each list keeps', () => {
  const t = (x: object) => ({ schema: 'public', name: 't', ...x });

  it('starts from an empty record and lists the pages read, newest first, once each', () => {
    expect(emptyDashboard(REF)).toEqual({ ref: REF, tables: [], policies: [], buckets: [], pages: [] });
    let d = mergeObservation(undefined, REF, o({ page: 'cron', source: 'dom' }), 1);
    expect(d).toEqual({ ref: REF, tables: [], policies: [], buckets: [], pages: [{ kind: 'cron', seenAt: 1 }] });
    d = mergeObservation(d, REF, o({ page: 'storage', source: 'dom' }), 2);
    d = mergeObservation(d, REF, o({ page: 'cron', source: 'dom' }), 3);
    expect(d.pages).toEqual([
      { kind: 'cron', seenAt: 3 },
      { kind: 'storage', seenAt: 2 },
    ]);
  });

  it('a table keeps its kind, exposure, policy count and columns until a page says otherwise', () => {
    let d = mergeObservation(
      undefined,
      REF,
      o({ page: 'table-list', source: 'dom', tables: [t({ kind: 'view', exposed: 'no', policyCount: 2, columns: ['a'] })] }),
      1,
    );
    d = mergeObservation(d, REF, o({ page: 'table-editor', source: 'api', tables: [t({})] }), 2);
    expect(d.tables).toEqual([
      { schema: 'public', name: 't', kind: 'view', rls: 'unknown', exposed: 'no', policyCount: 2, columns: ['a'], source: 'api', seenAt: 2 },
    ]);
    d = mergeObservation(d, REF, o({ page: 'table-list', source: 'dom', tables: [t({ kind: 'table', exposed: 'yes', policyCount: 0, columns: [] })] }), 3);
    expect(d.tables[0]).toEqual({
      schema: 'public',
      name: 't',
      kind: 'table',
      rls: 'unknown',
      exposed: 'yes',
      policyCount: 0,
      columns: [],
      source: 'dom',
      seenAt: 3,
    });
  });

  it('a first sight with nothing known stores unknowns and no optional fields', () => {
    const d = mergeObservation(undefined, REF, o({ page: 'table-list', source: 'dom', tables: [t({})] }), 1);
    expect(d.tables).toEqual([{ schema: 'public', name: 't', kind: 'unknown', rls: 'unknown', exposed: 'unknown', source: 'dom', seenAt: 1 }]);
  });

  it('a complete list without a schema covers every schema; a partial list drops nothing; tables in the same name but another schema are distinct', () => {
    const both = o({ page: 'table-list', source: 'dom', tables: [t({}), { schema: 'private', name: 't' }] });
    let d = mergeObservation(undefined, REF, both, 1);
    expect(d.tables).toHaveLength(2);
    d = mergeObservation(d, REF, o({ page: 'table-list', source: 'dom', tables: [{ schema: 'public', name: 'u' }] }), 2);
    expect(d.tables).toHaveLength(3);
    d = mergeObservation(d, REF, o({ page: 'deep-audit', source: 'api', tablesComplete: true, tables: [{ schema: 'private', name: 't' }] }), 3);
    expect(d.tables.map((x) => `${x.schema}.${x.name}`)).toEqual(['private.t']);
  });

  it('the column budget drops the columns of the oldest tables first, keeping the tables', () => {
    const cols = Array.from({ length: 300 }, (_, i) => `c${i}`);
    let d = mergeObservation(undefined, REF, o({ page: 'table-list', source: 'dom', tables: [] }), 0);
    for (let i = 0; i < 201; i++)
      d = mergeObservation(d, REF, o({ page: 'table-editor', source: 'dom', tables: [{ schema: 'public', name: `t${i}`, columns: cols }] }), i + 1);
    expect(d.tables).toHaveLength(201);
    expect(d.tables.filter((x) => x.columns).length).toBe(200); // 200 × 300 = 60,000: exactly the budget
    expect(d.tables.find((x) => x.name === 't0')!.columns).toBeUndefined();
    expect(d.tables.find((x) => x.name === 't1')!.columns).toHaveLength(300);
    expect(d.tables[0]!.name).toBe('t200');
  });

  it('policies: a list-only read keeps the expressions, the bucket and "unreadable" seen before; a known expression clears "unreadable"', () => {
    const p = (x: object) => ({ schema: 'storage', table: 'objects', name: 'p', command: 'SELECT', ...x });
    let d = mergeObservation(undefined, REF, o({ page: 'storage-policies', source: 'dom', policies: [p({ bucket: 'avatars', exprUnread: true })] }), 1);
    expect(d.policies[0]).toMatchObject({ bucket: 'avatars', exprUnread: true });
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'dom', policies: [p({})] }), 2);
    expect(d.policies[0]).toMatchObject({ bucket: 'avatars', exprUnread: true, seenAt: 2 });
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'api', policies: [p({ using: 'true' })] }), 3);
    expect(d.policies[0]).toEqual({
      schema: 'storage',
      table: 'objects',
      name: 'p',
      command: 'SELECT',
      roles: [],
      rolesTruncated: false,
      permissive: true,
      using: 'true',
      bucket: 'avatars',
      source: 'api',
      seenAt: 3,
    });
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'dom', policies: [p({ bucket: 'docs', check: null })] }), 4);
    expect(d.policies[0]).toMatchObject({ using: 'true', check: null, bucket: 'docs' });
    expect(d.policies[0]).not.toHaveProperty('exprUnread');
  });

  it('policies of other tables stay when a card covers one table', () => {
    const p = (table: string) => ({ schema: 'public', table, name: 'p', command: 'ALL' });
    let d = mergeObservation(undefined, REF, o({ page: 'policies', source: 'dom', policies: [p('a'), p('b')] }), 1);
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'dom', policies: [], policyTables: [{ schema: 'public', name: 'a' }] }), 2);
    expect(d.policies.map((x) => x.table)).toEqual(['b']);
  });

  it('the expression budget turns the oldest expressions into "not shown", newest kept', () => {
    const expr = 'x'.repeat(2000);
    let d = mergeObservation(undefined, REF, o({ page: 'policies', source: 'dom' }), 0);
    for (let i = 0; i < 101; i++)
      d = mergeObservation(
        d,
        REF,
        o({ page: 'policies', source: 'dom', policies: [{ schema: 'public', table: `t${i}`, name: 'p', command: 'ALL', using: expr, check: expr }] }),
        i + 1,
      );
    expect(d.policies).toHaveLength(101);
    expect(d.policies.filter((x) => x.using !== undefined)).toHaveLength(100); // 100 × 4,000 = 400,000: exactly the budget
    const oldest = d.policies.find((x) => x.table === 't0')!;
    expect(oldest).not.toHaveProperty('using');
    expect(oldest).not.toHaveProperty('check');
  });

  it('buckets: a partial list keeps the others and what it does not say', () => {
    let d = mergeObservation(
      undefined,
      REF,
      o({
        page: 'storage',
        source: 'dom',
        buckets: [
          { id: 'a', name: 'a', public: true, listing: false, policyCount: 3 },
          { id: 'b', name: 'b' },
        ],
      }),
      1,
    );
    d = mergeObservation(d, REF, o({ page: 'storage', source: 'api', buckets: [{ id: 'a', name: 'A' }] }), 2);
    expect(d.buckets).toEqual([
      { id: 'a', name: 'A', public: true, listing: false, policyCount: 3, source: 'api', seenAt: 2 },
      { id: 'b', name: 'b', source: 'dom', seenAt: 1 },
    ]);
  });

  it('cron: an "unknown" read never replaces a known state, a known one does; the first read is kept whatever it says', () => {
    let d = mergeObservation(undefined, REF, o({ page: 'cron', source: 'dom', cron: { state: 'unknown', jobs: [] } }), 1);
    expect(d.cron).toEqual({ state: 'unknown', jobs: [], source: 'dom', seenAt: 1 });
    d = mergeObservation(d, REF, o({ page: 'cron', source: 'dom', cron: { state: 'jobs', jobs: [{ name: 'j' }] } }), 2);
    expect(d.cron).toMatchObject({ state: 'jobs', seenAt: 2 });
    d = mergeObservation(d, REF, o({ page: 'cron', source: 'dom', cron: { state: 'unknown', jobs: [] } }), 3);
    expect(d.cron).toMatchObject({ state: 'jobs', seenAt: 2 });
    d = mergeObservation(d, REF, o({ page: 'table-list', source: 'dom' }), 4);
    expect(d.cron).toMatchObject({ state: 'jobs', seenAt: 2 });
    d = mergeObservation(d, REF, o({ page: 'cron', source: 'api', cron: { state: 'no-jobs', jobs: [] } }), 5);
    expect(d.cron).toEqual({ state: 'no-jobs', jobs: [], source: 'api', seenAt: 5 });
  });

  it('advisors: a page read keeps the deep audit’s lints of its level; a newer deep audit replaces them; a lint seen again is one entry', () => {
    const lint = (name: string, level = 'ERROR') => ({ name, title: name, level, cacheKey: name });
    let d = mergeObservation(undefined, REF, o({ page: 'deep-audit', source: 'api', advisors: { levels: ['ERROR'], lints: [lint('a'), lint('b')] } }), 1);
    d = mergeObservation(d, REF, o({ page: 'advisors', source: 'dom', advisors: { levels: ['ERROR'], lints: [lint('b'), lint('c')] } }), 2);
    expect(d.advisors!.lints.map((l) => [l.name, l.source, l.seenAt])).toEqual([
      ['b', 'dom', 2],
      ['c', 'dom', 2],
      ['a', 'api', 1],
    ]);
    expect(d.advisors!.seenAt).toBe(2);
    d = mergeObservation(d, REF, o({ page: 'table-list', source: 'dom' }), 3);
    expect(d.advisors!.seenAt).toBe(2);
    d = mergeObservation(d, REF, o({ page: 'deep-audit', source: 'api', advisors: { levels: ['ERROR'], lints: [] } }), 4);
    expect(d.advisors).toEqual({ levels: ['ERROR'], lints: [], seenAt: 4 });
  });
});

describe('dropStale', () => {
  it('keeps what was seen at the cutoff or later, list by list; cron, advisors and the SQL gap as a whole', () => {
    let d = mergeObservation(undefined, REF, o({ page: 'table-list', source: 'dom', tables: [{ schema: 'public', name: 'old' }] }), 1);
    d = mergeObservation(
      d,
      REF,
      o({
        page: 'deep-audit',
        source: 'api',
        tables: [{ schema: 'public', name: 'new' }],
        policies: [{ schema: 'public', table: 'new', name: 'p', command: 'ALL' }],
        buckets: [{ id: 'b', name: 'b' }],
        cron: { state: 'no-jobs', jobs: [] },
        advisors: { levels: ['WARN'], lints: [{ name: 'x', title: 'x', level: 'WARN', cacheKey: 'x' }] },
        sqlUnavailable: { status: 403 },
      }),
      5,
    );
    const kept = dropStale(d, 5);
    expect(kept.tables.map((t) => t.name)).toEqual(['new']);
    expect(kept.policies).toHaveLength(1);
    expect(kept.buckets).toHaveLength(1);
    expect(kept.cron).toMatchObject({ state: 'no-jobs' });
    expect(kept.advisors!.lints).toHaveLength(1);
    expect(kept.sqlUnavailable).toMatchObject({ status: 403 });
    expect(kept.pages.map((p) => p.kind)).toEqual(['deep-audit']);
    expect(dropStale(d, 1).pages).toHaveLength(2);
    const none = dropStale(d, 6);
    expect(none).toEqual({ ref: REF, tables: [], policies: [], buckets: [], pages: [] });
  });

  it('drops old lints from advisors seen recently', () => {
    const lint = (name: string, level: string) => ({ name, title: name, level, cacheKey: name });
    let d = mergeObservation(undefined, REF, o({ page: 'advisors', source: 'dom', advisors: { levels: ['ERROR'], lints: [lint('a', 'ERROR')] } }), 1);
    d = mergeObservation(d, REF, o({ page: 'advisors', source: 'dom', advisors: { levels: ['WARN'], lints: [lint('b', 'WARN')] } }), 5);
    expect(dropStale(d, 3).advisors).toMatchObject({ levels: ['ERROR', 'WARN'], seenAt: 5 });
    expect(dropStale(d, 3).advisors!.lints.map((l) => l.name)).toEqual(['b']);
  });
});

describe('mergeObservation: cases from the mutation run', () => {
  it('a complete list keeps what was known of the tables it lists', () => {
    let d = mergeObservation(undefined, REF, o({ page: 'table-list', source: 'dom', tables: [{ schema: 'public', name: 't', rls: 'disabled' }] }), 1);
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'dom', tablesComplete: true, tables: [{ schema: 'public', name: 't' }] }), 2);
    expect(d.tables).toMatchObject([{ name: 't', rls: 'disabled', seenAt: 2 }]);
  });

  it('one known expression clears "unreadable", the check as well as the using clause', () => {
    const p = (x: object) => ({ schema: 'public', table: 't', name: 'p', command: 'INSERT', ...x });
    let d = mergeObservation(undefined, REF, o({ page: 'policies', source: 'dom', policies: [p({ exprUnread: true })] }), 1);
    d = mergeObservation(d, REF, o({ page: 'policies', source: 'api', policies: [p({ check: 'true' })] }), 2);
    expect(d.policies[0]).toMatchObject({ check: 'true' });
    expect(d.policies[0]).not.toHaveProperty('exprUnread');
  });

  it('a second "unknown" cron read refreshes an unknown one', () => {
    let d = mergeObservation(undefined, REF, o({ page: 'cron', source: 'dom', cron: { state: 'unknown', jobs: [] } }), 1);
    d = mergeObservation(d, REF, o({ page: 'cron', source: 'dom', cron: { state: 'unknown', jobs: [] } }), 2);
    expect(d.cron).toMatchObject({ state: 'unknown', seenAt: 2 });
  });

  it('keeps at most 200 buckets, the newest', () => {
    const buckets = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${from + i}`, name: `b${from + i}` }));
    let d = mergeObservation(undefined, REF, o({ page: 'storage', source: 'dom', buckets: buckets(0, 200) }), 1);
    d = mergeObservation(d, REF, o({ page: 'storage', source: 'dom', buckets: buckets(200, 1) }), 2);
    expect(d.buckets).toHaveLength(200);
    expect(d.buckets[0]!.id).toBe('b200');
  });
});
