/** Merging what each Glide builder screen showed into the per-app picture (utils/glide/merge.ts). */
import { describe, expect, it } from 'vitest';
import { GlideObservationSchema, type GlideObservationInput } from '@/utils/glide/builder-evidence';
import { dropStaleGlide, mergeGlideObservation } from '@/utils/glide/merge';
import { rowOwnerState } from '@/utils/glide/classify';

const APP = 'AbCdEfGhIjKlMnOpQrSt';
const obs = (o: GlideObservationInput) => GlideObservationSchema.parse(o);

describe('mergeGlideObservation', () => {
  it('a column menu read later adds the Row Owner state to the table the grid showed', () => {
    let g = mergeGlideObservation(
      undefined,
      APP,
      obs({
        screen: 'data',
        status: 'read',
        tables: [{ name: 'Customers', columns: [{ name: 'Email' }, { name: 'Name' }], columnsComplete: true }],
        tablesComplete: true,
      }),
      1,
    );
    g = mergeGlideObservation(
      g,
      APP,
      obs({ screen: 'data', status: 'read', tables: [{ name: 'Customers', columns: [{ name: 'Email', rowOwner: 'no' }] }] }),
      2,
    );
    expect(g.tables[0]!.columns).toEqual([
      { name: 'Email', rowOwner: 'no', computed: 'unknown' },
      { name: 'Name', rowOwner: 'unknown', computed: 'unknown' },
    ]);
    expect(g.tables[0]!.columnsComplete).toBe(true);
    expect(rowOwnerState(g.tables[0]!)).toBe('unknown');
  });

  it('a complete table list drops deleted tables; an unreadable screen keeps what was known', () => {
    let g = mergeGlideObservation(undefined, APP, obs({ screen: 'data', status: 'read', tables: [{ name: 'A' }, { name: 'B' }], tablesComplete: true }), 1);
    g = mergeGlideObservation(g, APP, obs({ screen: 'data', status: 'read', tables: [{ name: 'A' }], tablesComplete: true }), 2);
    expect(g.tables.map((t) => t.name)).toEqual(['A']);
    g = mergeGlideObservation(g, APP, obs({ screen: 'access', status: 'read', access: { mode: 'public' } }), 3);
    g = mergeGlideObservation(g, APP, obs({ screen: 'access', status: 'unreadable', missing: 'the "Access" heading' }), 4);
    expect(g.access?.mode).toBe('public');
    expect(g.screens.find((s) => s.screen === 'access')).toMatchObject({ status: 'unreadable', missing: 'the "Access" heading' });
  });

  it('an unclear workflow screen never replaces a list seen before', () => {
    let g = mergeGlideObservation(undefined, APP, obs({ screen: 'workflows', status: 'read', workflows: { state: 'none' } }), 1);
    g = mergeGlideObservation(g, APP, obs({ screen: 'workflows', status: 'read', workflows: { state: 'unknown' } }), 2);
    expect(g.workflows?.state).toBe('none');
  });

  it('"Show API": the team token’s fingerprint is kept (never the token); token-shaped values seen anywhere are kept to match it, in any order', () => {
    const fp = 'a1b2c3d4e5f60718';
    let g = mergeGlideObservation(
      undefined,
      APP,
      obs({ screen: 'data', status: 'read', tokenCandidates: [{ fingerprint: fp, place: 'column', field: 'Orders → Notes' }] }),
      1,
    );
    g = mergeGlideObservation(g, APP, obs({ screen: 'api', status: 'read', apiPanel: { shape: 'uuid', fingerprint: fp, masked: '…16AF' } }), 2);
    expect(g.apiPanel).toEqual({ shape: 'uuid', seenAt: 2 });
    expect(g.teamTokens).toEqual([{ fingerprint: fp, masked: '…16AF', seenAt: 2 }]);
    expect(g.tokenCandidates).toEqual([{ fingerprint: fp, place: 'column', field: 'Orders → Notes', seenAt: 1 }]);
    // A masked panel records its shape only, and keeps the token seen before.
    g = mergeGlideObservation(g, APP, obs({ screen: 'api', status: 'read', apiPanel: { shape: 'hidden' } }), 3);
    expect(g.apiPanel?.shape).toBe('hidden');
    expect(g.teamTokens).toHaveLength(1);
    expect(dropStaleGlide(g, 3).tokenCandidates).toEqual([]);
    expect(dropStaleGlide(g, 3).teamTokens).toEqual([]);
  });

  it('another app’s record is not merged into', () => {
    const other = mergeGlideObservation(undefined, 'ZzZzZzZzZzZzZzZzZzZz', obs({ screen: 'access', status: 'read', access: { mode: 'public' } }), 1);
    expect(mergeGlideObservation(other, APP, obs({ screen: 'data', status: 'read' }), 2).access).toBeUndefined();
  });

  it('drops stale facts', () => {
    const g = mergeGlideObservation(undefined, APP, obs({ screen: 'access', status: 'read', access: { mode: 'public' } }), 1);
    expect(dropStaleGlide(g, 5)).toEqual({ appId: APP, tables: [], secrets: [], urlHashes: [], teamTokens: [], tokenCandidates: [], screens: [] });
  });

  it('hostile names are bounded and stripped of control characters', () => {
    const o = obs({ screen: 'data', status: 'read', tables: [{ name: `x\u0000y${'z'.repeat(500)}` }] });
    expect(o.tables[0]!.name.startsWith('xy')).toBe(true);
    expect(o.tables[0]!.name.length).toBeLessThanOrEqual(201);
  });
});
