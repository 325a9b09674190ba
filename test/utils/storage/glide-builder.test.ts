/**
 * The Glide builder record (key glide-builder:<appId>) through utils/storage: read back as written, garbage and a
 * record filed under another app dropped with a logged reason; and the background's merge-and-store path
 * (entrypoints/background/glide-store.ts) keeping one record per app.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KEYS } from '@/utils/storage/keys';
import { storageOf, type StorageLog } from '@/utils/storage/store';
import { GlideObservationSchema } from '@/utils/glide/builder-evidence';
import { mergeGlideObservation } from '@/utils/glide/merge';
import { glideEvidence, recordGlideObservation } from '@/entrypoints/background/glide-store';

const APP = 'AbCdEfGhIjKlMnOpQrSt';
const OTHER = 'ZyXwVuTsRqPoNmLkJiHg';
const area = () => fakeBrowser.storage.local;
const obs = GlideObservationSchema.parse({ screen: 'access', status: 'read', access: { mode: 'public' } });

let log: ReturnType<typeof vi.fn<StorageLog>>;
let store: ReturnType<typeof storageOf>;
beforeEach(() => {
  fakeBrowser.reset();
  log = vi.fn<StorageLog>();
  store = storageOf(area(), log);
});

describe('glide-builder:<appId>', () => {
  it('reads back what was saved', async () => {
    const rec = mergeGlideObservation(undefined, APP, obs, 1000);
    await store.saveGlideBuilder(APP, rec);
    expect(await store.loadGlideBuilder(APP)).toEqual(rec);
    expect(log).not.toHaveBeenCalled();
  });

  it('drops garbage and a record filed under another app, saying why', async () => {
    await area().set({ [KEYS.glideBuilder(APP)]: { appId: APP, tables: 'nope' } });
    expect(await store.loadGlideBuilder(APP)).toBeUndefined();
    expect((await area().get(KEYS.glideBuilder(APP)))[KEYS.glideBuilder(APP)]).toBeUndefined();
    await area().set({ [KEYS.glideBuilder(APP)]: mergeGlideObservation(undefined, OTHER, obs, 1000) });
    expect(await store.loadGlideBuilder(APP)).toBeUndefined();
    expect(log.mock.calls.map((c) => c[1])).toEqual([
      expect.stringContaining('unreadable Glide builder record'),
      'Glide builder record filed under another app dropped',
    ]);
  });

  it('the background merges observations per app and keeps apps apart', async () => {
    const now = Date.now();
    await recordGlideObservation(APP, obs, now);
    await recordGlideObservation(
      APP,
      GlideObservationSchema.parse({ screen: 'data', status: 'read', tables: [{ name: 'Customers', columns: [{ name: 'Email' }] }] }),
      now + 1,
    );
    const g = await glideEvidence(APP, now + 2);
    expect(g?.access?.mode).toBe('public');
    expect(g?.tables.map((t) => t.name)).toEqual(['Customers']);
    expect(await glideEvidence(OTHER, now + 2)).toBeUndefined();
  });
});
