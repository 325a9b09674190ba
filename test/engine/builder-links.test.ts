/**
 * A deployed Glide app (go.glideapps.com/play/<appId>, or a glide.page app whose id its uploads show) is linked to its
 * builder project (go.glideapps.com/app/<appId>), like a Supabase project and a Bubble app: both audits share a link
 * key, and the cockpit offers the builder's page. Audits built by the real engine from hand-made evidence
 * (test/helpers/glide.ts models bubble-glide.md §4: builder and /play/ URLs).
 */
import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { auditLinks, builderLinks } from '@/engine/checklist';
import { BUILDER_RULES, DEPLOYED_RULES } from '@/rules';
import { APP_ID, PEOPLE, glide, glideApp } from '../helpers/glide';
import { NOW } from '../helpers/evidence';

const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW, now: NOW };
const builder = buildAudit(glide({ tables: [PEOPLE] }), BUILDER_RULES, opts);

describe('a deployed Glide app and its builder', () => {
  it('/play/<appId>: linked by the app id in the address even when the visit did not name it', () => {
    const play = buildAudit(glideApp({}, `https://go.glideapps.com/play/${APP_ID}`), DEPLOYED_RULES, opts);
    expect(play.origin).toBe('https://go.glideapps.com');
    expect(auditLinks(play)).toContain(`glide:${APP_ID}`);
    expect(auditLinks(builder)).toEqual([`glide:${APP_ID}`]);
  });

  it('a glide.page app whose id is known (its uploads) is linked too; one whose id is not, is not', () => {
    const known = buildAudit(glideApp({ appId: APP_ID }), DEPLOYED_RULES, opts);
    expect(auditLinks(known)).toEqual([`glide:${APP_ID}`]);
    expect(auditLinks(buildAudit(glideApp({}), DEPLOYED_RULES, opts))).toEqual([]);
  });

  it('builderLinks: the Glide builder’s page for the deployed app, none for the builder’s own audit', () => {
    const play = buildAudit(glideApp({}, `https://go.glideapps.com/play/${APP_ID}`), DEPLOYED_RULES, opts);
    expect(builderLinks(play)).toEqual([{ key: `glide:${APP_ID}`, label: 'Glide builder', url: `https://go.glideapps.com/app/${APP_ID}/layout` }]);
    expect(builderLinks(builder)).toEqual([]);
  });

  it('ids that are not ids make no link (a hostile vars value never reaches a URL)', () => {
    const base = { platforms: [], origin: 'https://x.example', context: 'deployed' as const };
    expect(builderLinks({ ...base, vars: { appId: '../../evil' } })).toEqual([]);
    expect(
      builderLinks({ ...base, vars: { app: 'a"b' }, platforms: [{ id: 'bubble', name: 'Bubble', kind: 'platform', confidence: 'high', signals: [] }] }),
    ).toEqual([]);
    expect(builderLinks({ ...base, vars: {}, url: 'https://go.glideapps.com/play/abc/../x' })).toEqual([
      { key: 'glide:abc', label: 'Glide builder', url: 'https://go.glideapps.com/app/abc/layout' },
    ]);
  });
});
