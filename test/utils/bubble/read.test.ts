import { describe, expect, it } from 'vitest';
import { readBubbleApp, field, queryKeys } from '@/utils/bubble/read';
import { BUBBLE_LIMITS } from '@/utils/bubble/model';
import { fixtureKeys, hardenedApp, leakyApp, minimalApp, toEditor } from '../../fixtures/bubble/app';

const read = (json: unknown, as: 'export' | 'editor' = 'export') => readBubbleApp(as === 'editor' ? toEditor(json) : json, { source: as, appId: 'leaky-app' });

describe('readBubbleApp: one reader, two serialisations', () => {
  it('reads the export and the editor short codes into the same model', () => {
    for (const app of [leakyApp(), hardenedApp()]) {
      const a = read(app, 'export');
      const b = read(app, 'editor');
      expect({ ...b, source: 'export' }).toEqual(a);
    }
  });

  it('accepts the short code where the readable key is absent', () => {
    expect(field({ '%d': 'Name' }, 'display')).toBe('Name');
    expect(field({ display: 'A', '%d': 'B' }, 'display')).toBe('A');
    expect(field({ '%p3': { x: 1 } }, 'pages')).toEqual({ x: 1 });
    expect(field(Object.create({ display: 'inherited' }), 'display')).toBeUndefined();
  });

  it('reads privacy rules as documented (reference 1b): index-keyed view_fields, everyone fallback, conditions', () => {
    const m = read(leakyApp());
    const project = m.types.find((t) => t.key === 'project')!;
    expect(project.rules.map((r) => [r.key, r.conditional, r.searchFor, r.viewFields])).toEqual([
      ['owner_', true, true, ['title_text', 'owner_user']],
      ['everyone', false, false, []],
    ]);
    expect(m.types.map((t) => t.key)).not.toContain('old_type');
  });

  it('reads backend workflows: expose absent = exposed, auth_unecessary, ignore privacy, writes (reference 1d)', () => {
    const w = read(leakyApp(), 'editor').workflows;
    expect(w.map((x) => [x.name, x.exposed, x.noAuth, x.ignorePrivacy, x.deletes, x.creates])).toEqual([
      ['create_json_file', true, true, false, [], ['note']],
      ['stripe_webhook', true, true, true, ['invoice'], []],
      ['internal_only', false, true, false, [], []],
    ]);
    expect(w[1]!.detectData).toBe(true);
  });

  it('keeps API Connector rows that are not private, with masked keys only (reference 1c)', () => {
    const k = fixtureKeys();
    const m = read(leakyApp(k));
    expect(m.apiRows.map((r) => `${r.api}/${r.group}/${r.key}`)).toEqual([
      'Anthropic/shared_headers/x-api-key',
      'Maps/shared_params/publishable',
      'Auth service/headers/Authorization',
    ]);
    const text = JSON.stringify(m);
    for (const v of Object.values(k)) expect(text).not.toContain(v);
    expect(m.apiTokens).toEqual(['zapier']);
  });

  it('finds keys in query strings only when typed in', () => {
    expect(queryKeys('https://x.test/a?key=abc&q=[q]')).toEqual(['key']);
    expect(queryKeys('https://x.test/a?key=[key]&api_key=<k>')).toEqual([]);
    expect(queryKeys('https://x.test/a?%61pi_key=zz')).toEqual(['api_key']);
  });

  it('tolerates exports without reusable element definitions (reference 1a) and says so', () => {
    const app = leakyApp();
    delete app.element_definitions;
    expect(read(app).missing).toContain('element_definitions');
  });

  it('refuses JSON that is not a Bubble app, with a clear message', () => {
    expect(() => read([1, 2])).toThrow(/not a JSON object/);
    expect(() => read({ hello: 'world' })).toThrow(/Not a Bubble app/);
  });
});

describe('readBubbleApp: hostile models', () => {
  it('bounds names and lists, and keeps markup as plain text', () => {
    const evil = '<img src=x onerror=alert(1)>'.repeat(500);
    const types: Record<string, unknown> = {};
    for (let i = 0; i < BUBBLE_LIMITS.types + 50; i++) types[`t${i}`] = { display: evil, fields: { [evil]: { display: evil } } };
    const m = read(minimalApp({ types }));
    expect(m.types).toHaveLength(BUBBLE_LIMITS.types);
    expect(m.typesFound).toBe(BUBBLE_LIMITS.types + 50);
    expect(m.truncated).toBe(true);
    expect(m.types[0]!.display.length).toBeLessThanOrEqual(BUBBLE_LIMITS.name + 1);
    expect(m.types[0]!.display.startsWith('<img')).toBe(true); // text, rendered as text by the UI
  });

  it('survives __proto__ keys, wrong types and very deep nesting', () => {
    const json = JSON.parse(
      '{"user_types":{"__proto__":{"display":"P","fields":{"__proto__":{"display":"x"}}},"bad":5,"n":{"privacy_role":[1,2],"fields":"no"}},"settings":{"client_safe":{"app_rights":{"x":1},"pw_protection":"yes","apiconnector2":{"a":{"calls":{"c":{"url":42}}}}}}}',
    );
    let deep: Record<string, unknown> = { text: 'leaf' };
    for (let i = 0; i < 50_000; i++) deep = { elements: deep };
    json.pages = { p: deep };
    const m = read(json);
    expect(m.types.map((t) => t.key).sort()).toEqual(['__proto__', 'n']);
    expect(m.settings.appRights).toBeUndefined();
    expect(m.settings.pwProtection).toBeUndefined();
    expect(({} as Record<string, unknown>).display).toBeUndefined();
  });
});
