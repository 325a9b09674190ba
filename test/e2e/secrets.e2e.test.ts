/**
 * The deployed-app secret audit in real Chromium: one fake key per provider planted in TinyPoll's bundle, plus keys in
 * an inline script, a __NEXT_DATA__ blob, a request the page makes and a storage key name. The extension must find
 * them, classify them, name where they are, and keep nothing but masked previews in its storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinyPoll } from '../fixtures/apps/tinypoll';
import { FAKE_KEYS, plantedKeys, seeded } from '../utils/secrets/fake-keys';
import { auditThroughExtension, type HeadlessAuditResult } from '../../scripts/lib/headless';
import { startHarness, type Harness } from './harness';

const PLANTED = plantedKeys(2026);
const INLINE = FAKE_KEYS['openai-project-key'](seeded(31)).value;
const BLOB = FAKE_KEYS['supabase-service-role-jwt'](seeded(32)).value;
const QUERY = FAKE_KEYS['google-gemini-api-key'](seeded(33)).value;

// Each key in its own statement with ordinary minified code between, as in a real bundle.
const FILLER = 'function q(a,b){for(var c=0;c<a.length;c++)b(a[c],c);return a}var u=q([1,2,3],function(){});'.repeat(4);
const bundle = PLANTED.map((k, i) => `var k${i}=${JSON.stringify(k.snippet)};${FILLER}`).join('\n');
const body = `
<script>window.cfg = { ai: { key: "${INLINE}" } };</script>
<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"serviceKey":"${BLOB}"}}}</script>
<script>
  fetch('/api/track?model=gemini&key=' + ${JSON.stringify(QUERY.slice(0, 10))} + ${JSON.stringify(QUERY.slice(10))});
  localStorage.setItem('sb-abcdefghijklmnopqrst-auth-token', '{}');
</script>`;

let h: Harness;
let r: HeadlessAuditResult;
beforeAll(async () => {
  h = await startHarness([await startTinyPoll({ bundleExtra: bundle, bodyExtra: body })]);
  r = await auditThroughExtension(h.browser, 'https://tinypoll.test/', 600);
});
afterAll(async () => h?.close());

describe('secrets shipped by a deployed app', () => {
  it('finds every planted key in the bundle, named by file, shown only as prefix + last 4', () => {
    const inBundle = r.audit!.findings.filter((f) => f.location.name === 'app.js');
    const shown = inBundle.map((f) => f.evidence).join('\n');
    const missed = PLANTED.filter((k) => !shown.includes(`…${k.value.slice(-4)}`)).map((k) => k.provider);
    expect(missed).toEqual([]);
  });

  it('never reports a planted secret as merely publishable', () => {
    // The key a finding is about is in its message ("Provider (masked) is in …"); its evidence also shows the masked
    // neighbours (e.g. a Twilio Auth Token beside its Account SID), which is not a verdict on them.
    const info = r
      .audit!.findings.filter((f) => f.ruleId === 'publishable-key-in-page')
      .map((f) => f.message)
      .join('\n');
    const wrong = PLANTED.filter((k) => k.exposure === 'secret' && info.includes(`…${k.value.slice(-4)})`)).map((k) => k.provider);
    expect(wrong).toEqual([]);
  });

  it('reports publishable keys as info only, with what to check instead', () => {
    const info = r.audit!.findings.filter((f) => f.ruleId === 'publishable-key-in-page');
    expect(info.length).toBeGreaterThanOrEqual(PLANTED.filter((k) => k.exposure === 'publishable').length);
    for (const f of info) expect(f.severity).toBe('info');
  });

  it('finds keys in an inline script, a data blob and a request URL', () => {
    const where = (name: RegExp) => r.audit!.findings.filter((f) => f.ruleId === 'secret-exposed' && name.test(f.location.name ?? ''));
    expect(where(/^inline script/).length).toBeGreaterThanOrEqual(1);
    expect(where(/__NEXT_DATA__/).length).toBeGreaterThanOrEqual(1);
    expect(where(/\/api\/track/).length).toBe(1);
  });

  it('never stores a raw key: only masked previews and fingerprints reach extension storage', async () => {
    const dump = await h.browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    for (const k of [...PLANTED.map((p) => p.value), INLINE, BLOB, QUERY]) expect(dump.includes(k), k.slice(0, 12)).toBe(false);
    expect(dump).toContain('secret-exposed');
  });

  it('gates a deploy: critical findings are present', () => {
    expect(r.audit!.findings.some((f) => f.severity === 'critical')).toBe(true);
  });
});

declare const chrome: typeof import('wxt/browser').browser;
