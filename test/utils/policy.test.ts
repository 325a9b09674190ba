/** The organisation policy from managed storage (utils/policy.ts, docs/policy.md): fields checked one by one; active checks off means no consent counts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { POLICY_FIELDS, activeChecksAllowed, parsePolicy, readPolicy } from '@/utils/policy';
import { storageOf } from '@/utils/storage/store';
import { CHECKLIST_ITEM_IDS } from '@/engine/checklist';
import { SEVERITIES } from '@/engine/severity';

const ROOT = path.resolve(__dirname, '../..');

describe('parsePolicy', () => {
  it('keeps valid fields, drops bad and unknown ones with a reason each', () => {
    const { policy, problems } = parsePolicy({
      allowActiveChecks: false,
      requiredChecklistItems: ['admin-mfa', 'rate-limits'],
      severityOverrides: { headers: 'low', 'csp-missing': 'high' },
      maxRetentionDays: 'forever',
      surprise: 1,
    });
    expect(policy).toEqual({
      allowActiveChecks: false,
      requiredChecklistItems: ['admin-mfa', 'rate-limits'],
      severityOverrides: { headers: 'low', 'csp-missing': 'high' },
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/maxRetentionDays/);
    expect(problems.join('\n')).toMatch(/unknown policy field "surprise"/);
  });

  it('an unknown checklist item or severity drops that field', () => {
    expect(parsePolicy({ requiredChecklistItems: ['nope'] }).policy).toEqual({});
    expect(parsePolicy({ severityOverrides: { headers: 'urgent' } }).policy).toEqual({});
  });

  it('no policy (or Firefox rejecting the read) is an empty one: active checks allowed', async () => {
    expect(await readPolicy(undefined)).toEqual({ policy: {}, problems: [] });
    expect(await readPolicy({ get: () => Promise.reject(new Error('Managed storage manifest not found')) })).toEqual({ policy: {}, problems: [] });
    expect(activeChecksAllowed({})).toBe(true);
    expect(activeChecksAllowed({ allowActiveChecks: false })).toBe(false);
  });
});

describe('active checks off by policy', () => {
  it('no consent counts and none can be given', async () => {
    fakeBrowser.reset();
    const area = fakeBrowser.storage.local;
    const origin = 'https://app.example.com';
    await storageOf(area).grantConsent('supabase-exposure-check', origin, 'popup', 1);
    const managed = { get: async () => ({ allowActiveChecks: false }) };
    const store = storageOf(area, () => undefined, managed);
    expect(await store.getConsent('supabase-exposure-check', origin)).toBeUndefined();
    expect(await store.grantConsent('supabase-deep-audit', 'abcdefghijklmnopqrst', 'popup')).toBe(false);
    const allowed = storageOf(area, () => undefined, { get: async () => ({}) });
    expect(await allowed.getConsent('supabase-exposure-check', origin)).toBeDefined();
  });
});

describe('the documented schema and examples agree with the code', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'public/managed_schema.json'), 'utf8'));
  it('Chrome managed_schema.json lists exactly the policy fields, with the item ids and severities', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(POLICY_FIELDS).sort());
    expect(schema.properties.requiredChecklistItems.items.enum).toEqual(CHECKLIST_ITEM_IDS);
    expect(schema.properties.severityOverrides.additionalProperties.enum).toEqual([...SEVERITIES]);
  });
  it('the Chrome and Firefox examples are valid policies', () => {
    const chrome = JSON.parse(readFileSync(path.join(ROOT, 'docs/examples/chrome-policy.json'), 'utf8'));
    const firefox = JSON.parse(readFileSync(path.join(ROOT, 'docs/examples/firefox-policies.json'), 'utf8'));
    const managed = (v: { Value: unknown }) => v.Value;
    const fromChrome = Object.fromEntries(Object.entries(chrome).map(([k, v]) => [k, managed(v as { Value: unknown })]));
    expect(parsePolicy(fromChrome).problems).toEqual([]);
    const ext = firefox.policies['3rdparty'].Extensions['micro-app-auditor@example.org'];
    expect(parsePolicy(ext).problems).toEqual([]);
    expect(parsePolicy(ext).policy).toEqual(parsePolicy(fromChrome).policy);
  });
});
