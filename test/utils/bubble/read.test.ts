import { describe, expect, it } from 'vitest';
import { CREDENTIAL_NAME, field, queryKeys, readBubbleApp, scanClientText } from '@/utils/bubble/read';
import { BUBBLE_LIMITS } from '@/utils/bubble/model';
import { scanSecrets } from '@/utils/secrets/index';
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

/** The one call of an app whose API Connector has that call alone. */
const callOf = (c: Record<string, unknown>) =>
  read(minimalApp({ clientSafe: { apiconnector2: { g: { human: 'G', calls: { c: { name: 'C', ...c } } } } } })).apiCalls[0]!;

/** A privacy rule of the model: nothing allowed unless `over` says. */
const rule = (key: string, over: Record<string, unknown> = {}) => ({
  key,
  display: key,
  conditional: false,
  viewAll: false,
  searchFor: false,
  viewAttachments: false,
  autoBinding: false,
  viewFields: [],
  ...over,
});

/** The model with each found key reduced to what a test can state without the generated key itself. */
const shape = (m: ReturnType<typeof read>) => ({
  ...m,
  apiRows: m.apiRows.map(({ secret, ...r }) => ({ ...r, ...(secret ? { secret: `${secret.provider}/${secret.exposure}/${secret.severity}` } : {}) })),
  apiCalls: m.apiCalls.map((c) => ({ ...c, urlSecrets: c.urlSecrets.map((s) => s.provider), responseSecrets: c.responseSecrets.map((s) => s.provider) })),
  secrets: m.secrets.map((s) => `${s.provider}/${s.exposure}/${s.severity} in ${s.where}${s.apiToken ? ' (the app’s own API token)' : ''}`),
});

describe('readBubbleApp: the whole model of the fixture apps', () => {
  /** A type of the model: its fields as [key, display, type (default text)], privacy rules present unless `over` says. */
  const type = (key: string, display: string, fields: [string, string, string?][], over: Record<string, unknown>) => ({
    key,
    display,
    fields: fields.map(([k, d, t = 'text']) => ({ key: k, display: d, type: t })),
    hasPrivacyRoles: true,
    ...over,
  });
  const wf = (id: string, name: string, over: Record<string, unknown> = {}) => ({
    id,
    name,
    kind: 'APIEvent',
    exposed: true,
    noAuth: false,
    ignorePrivacy: false,
    detectData: false,
    conditional: false,
    creates: [],
    changes: false,
    deletes: [],
    schedulesItself: false,
    ...over,
  });
  const call = (api: string, name: string, host: string, over: Record<string, unknown> = {}) => ({
    api,
    call: name,
    host,
    urlKeys: [],
    urlSecrets: [],
    responseTokens: [],
    responseSecrets: [],
    ...over,
  });

  it('reads the leaky app into exactly this model, from either serialisation', () => {
    const expected = {
      source: 'export',
      appId: 'leaky-app',
      types: [
        type(
          'user',
          'User',
          [
            ['name_text', 'Name'],
            ['phone_text', 'Phone number'],
          ],
          { hasPrivacyRoles: false, rules: [], exposedApi: true },
        ),
        type(
          'project',
          'Project',
          [
            ['title_text', 'Title'],
            ['owner_user', 'Owner', 'user'],
          ],
          {
            rules: [
              rule('owner_', { display: 'owner', conditional: true, searchFor: true, viewAttachments: true, viewFields: ['title_text', 'owner_user'] }),
              rule('everyone'),
            ],
          },
        ),
        type(
          'note',
          'Note',
          [
            ['title_text', 'Title'],
            ['body_text', 'Body'],
          ],
          { rules: [rule('everyone', { searchFor: true, viewFields: ['title_text'] })] },
        ),
        type(
          'invoice',
          'Invoice',
          [
            ['iban_text', 'IBAN'],
            ['amount_number', 'Amount', 'number'],
          ],
          {
            rules: [rule('everyone', { viewAll: true, searchFor: true })],
            exposedApi: true,
          },
        ),
      ],
      typesFound: 4,
      apiRows: [
        { api: 'Anthropic', group: 'shared_headers', key: 'x-api-key', secret: 'anthropic-api-key/secret/critical', credentialName: true },
        { api: 'Maps', group: 'shared_params', key: 'publishable', secret: 'stripe-publishable-key/publishable/info', credentialName: false },
        { api: 'Auth service', call: 'Login', group: 'headers', key: 'Authorization', credentialName: true },
      ],
      apiCalls: [
        call('Anthropic', 'Upload File (File API)', 'api.anthropic.com'),
        call('Anthropic', 'Delete file', 'api.anthropic.com'),
        call('Maps', 'Geocode', 'maps.googleapis.com', { urlKeys: ['key'], urlSecrets: ['google-api-key'] }),
        call('Auth service', 'Login', 'auth.example.test', { responseTokens: ['access_token'] }),
      ],
      workflows: [
        wf('bTvkQ1', 'create_json_file', { noAuth: true, creates: ['note'] }),
        wf('bTwH1', 'stripe_webhook', { noAuth: true, ignorePrivacy: true, detectData: true, deletes: ['invoice'] }),
        wf('bTin1', 'internal_only', { exposed: false, noAuth: true }),
      ],
      settings: { exposesDataApi: true, exposesWorkflowApi: true, hideSwagger: false, appRights: 'public', pwProtection: false },
      secrets: ['bubble-api-token/secret/critical in page index (the app’s own API token)', 'stripe-secret-key/secret/critical in page index'],
      apiTokens: ['zapier'],
      missing: ['element_definitions'],
      truncated: false,
    };
    expect(shape(read(leakyApp()))).toEqual(expected);
    expect(shape(read(leakyApp(), 'editor'))).toEqual({ ...expected, source: 'editor' });
  });

  it('reads the hardened app into exactly this model: nothing to report but its settings and its safe workflows', () => {
    const expected = {
      source: 'export',
      appId: 'leaky-app',
      typesFound: 4,
      apiRows: [],
      apiCalls: [
        call('Anthropic', 'Upload File (File API)', 'api.anthropic.com'),
        call('Maps', 'Geocode', 'maps.googleapis.com'),
        call('Auth service', 'Login', 'auth.example.test'),
      ],
      workflows: [
        wf('bTvkQ1', 'create_json_file', { creates: [] }),
        wf('bTpg1', 'purge_old_records', { exposed: false, deletes: ['invoice'], schedulesItself: true }),
      ],
      settings: { exposesDataApi: false, exposesWorkflowApi: true, hideSwagger: true, appRights: 'private', pwProtection: true, pwProtectionDevOnly: true },
      secrets: [],
      apiTokens: ['zapier'],
      missing: ['element_definitions'],
      truncated: false,
    };
    for (const as of ['export', 'editor'] as const) {
      const m = shape(read(hardenedApp(), as));
      expect({ ...m, types: undefined }).toEqual({ ...expected, source: as, types: undefined });
      expect(m.types.map((t) => [t.key, t.hasPrivacyRoles, t.rules.map((r) => `${r.key}${r.conditional ? ' (conditional)' : ''}`)])).toEqual([
        ['user', true, ['self_ (conditional)', 'everyone']],
        ['project', true, ['owner_ (conditional)', 'everyone']],
        ['note', true, ['owner_ (conditional)', 'everyone']],
        ['invoice', true, ['owner_ (conditional)', 'everyone']],
      ]);
    }
  });
});

describe('readBubbleApp: each part, at its edges', () => {
  const k = fixtureKeys(23);

  it('accepts an app with any one of its four parts, and lists exactly the parts it lacks', () => {
    expect(read({ settings: {} }).missing).toEqual(['settings.client_safe', 'settings.secure', 'api', 'user_types', 'element_definitions']);
    expect(read({ user_types: {} }).missing).toEqual(['settings.client_safe', 'settings.secure', 'api', 'element_definitions']);
    // A list of types is read (by index), so it is neither missing nor "not an app".
    expect(read({ user_types: [] }).missing).toEqual(['settings.client_safe', 'settings.secure', 'api', 'element_definitions']);
    expect(read({ settings: {}, user_types: 'types' }).missing).toContain('user_types');
    expect(() => read({ user_types: 'types' })).toThrow('Not a Bubble app');
    expect(read({ pages: { p: {} } }).missing).toEqual(['settings.client_safe', 'settings.secure', 'api', 'user_types', 'element_definitions']);
    expect(read({ api: {} }).missing).toEqual(['settings.client_safe', 'settings.secure', 'user_types', 'element_definitions']);
    expect(read({ '%p3': { p: {} } }, 'editor').missing).toHaveLength(5);
    expect(() => read({ apis: {}, page: {}, '%p': {} })).toThrow('Not a Bubble app: none of settings, user_types, pages or api is present.');
    expect(() => read(null)).toThrow('Not a Bubble app: the file is not a JSON object.');
    const full = minimalApp({ reusables: { r1: { name: 'Header' } } });
    expect(read(full).missing).toEqual([]);
    expect(read(full, 'editor').missing).toEqual([]);
  });

  it('reads fields: deleted and malformed ones left out, display and type defaulted, bounded per type', () => {
    const fields: Record<string, unknown> = { a_text: { display: 'A', value: 'text' }, gone_text: { display: 'Gone', deleted: true }, bad: 'x', bare_text: {} };
    for (let i = 0; i < BUBBLE_LIMITS.fieldsPerType + 5; i++) fields[`f${i}_number`] = { display: `F${i}`, value: 'number' };
    for (const as of ['export', 'editor'] as const) {
      const t = read(minimalApp({ types: { thing: { fields } } }), as).types[0]!;
      expect(t.display).toBe('thing');
      expect(t.fields).toHaveLength(BUBBLE_LIMITS.fieldsPerType);
      expect(t.fields.slice(0, 3)).toEqual([
        { key: 'a_text', display: 'A', type: 'text' },
        { key: 'bare_text', display: 'bare_text', type: '' },
        { key: 'f0_number', display: 'F0', type: 'number' },
      ]);
    }
  });

  it('reads privacy rules: malformed ones left out, permissions strictly true, API writes only when set, bounded', () => {
    const role: Record<string, unknown> = {
      writer_: {
        display: 'writer',
        condition: { type: 'Empty' },
        permissions: { view_all: 'yes', create_via_api: true, modify_via_api: false, delete_via_api: 'no' },
      },
      empty_: { condition: {}, permissions: { auto_binding: true, view_attachments: true, view_fields: ['a_text', 7, '', 'b_text'] } },
      bad: 3,
      everyone: { display: 'everyone', condition: { type: 'CurrentUser' }, permissions: {} },
    };
    const t = read(minimalApp({ types: { thing: { display: 'Thing', privacy_role: role, exposed_api: 'yes' } } })).types[0]!;
    expect(t.rules).toEqual([
      rule('writer_', { display: 'writer', createViaApi: true, modifyViaApi: false }),
      rule('empty_', { viewAttachments: true, autoBinding: true, viewFields: ['a_text', 'b_text'] }),
      // The fallback rule applies to everyone, whatever condition it carries.
      rule('everyone'),
    ]);
    expect(t.hasPrivacyRoles).toBe(true);
    expect('exposedApi' in t).toBe(false);
    const many: Record<string, unknown> = {};
    for (let i = 0; i < BUBBLE_LIMITS.rulesPerType + 3; i++)
      many[`r${i}_`] = { permissions: { view_fields: Array.from({ length: BUBBLE_LIMITS.viewFields + 2 }, (_, j) => `f${j}`) } };
    const bounded = read(minimalApp({ types: { thing: { privacy_role: many } } })).types[0]!;
    expect(bounded.rules).toHaveLength(BUBBLE_LIMITS.rulesPerType);
    expect(bounded.rules[0]!.viewFields).toHaveLength(BUBBLE_LIMITS.viewFields);
    // A role object with no rule in it is no privacy rule at all.
    expect(read(minimalApp({ types: { thing: { privacy_role: {} } } })).types[0]!.hasPrivacyRoles).toBe(false);
    expect(read(minimalApp({ types: { thing: { privacy_role: { x: 1 } } } })).types[0]!.hasPrivacyRoles).toBe(false);
  });

  it('reads a rule whose condition is in the editor’s short code, and types listed as an array', () => {
    const app = minimalApp({ types: { thing: { privacy_role: { mine_: { permissions: {} } } } } });
    const editor = toEditor(app) as { user_types: { thing: { privacy_role: { mine_: Record<string, unknown> } } } };
    editor.user_types.thing.privacy_role.mine_['%c'] = { '%x': 'Empty' };
    expect(readBubbleApp(editor, { source: 'editor' }).types[0]!.rules[0]!.conditional).toBe(false);
    editor.user_types.thing.privacy_role.mine_['%c'] = { '%x': 'CurrentUser' };
    expect(readBubbleApp(editor, { source: 'editor' }).types[0]!.rules[0]!.conditional).toBe(true);
    const listed = read({ settings: {}, user_types: [{ display: 'First' }, { display: 'Second', deleted: true }, { display: 'Third' }] });
    expect(listed.types.map((t) => [t.key, t.display])).toEqual([
      ['0', 'First'],
      ['2', 'Third'],
    ]);
    expect(listed.missing).not.toContain('user_types');
  });

  it('bounds types at the limit exactly: truncated only past it', () => {
    const types = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, { display: `T${i}` }]));
    const at = read(minimalApp({ types: types(BUBBLE_LIMITS.types) }));
    expect([at.types.length, at.typesFound, at.truncated]).toEqual([BUBBLE_LIMITS.types, BUBBLE_LIMITS.types, false]);
    const past = read(minimalApp({ types: types(BUBBLE_LIMITS.types + 1) }));
    expect([past.types.length, past.typesFound, past.truncated]).toEqual([BUBBLE_LIMITS.types, BUBBLE_LIMITS.types + 1, true]);
  });

  it('cuts names at the limit exactly, and keeps a name of the limit whole', () => {
    const long = 'n'.repeat(BUBBLE_LIMITS.name + 40);
    const exact = 'e'.repeat(BUBBLE_LIMITS.name);
    const m = read(minimalApp({ types: { [long]: { display: exact } } }));
    expect(m.types[0]!.key).toBe('n'.repeat(BUBBLE_LIMITS.name));
    expect(m.types[0]!.display).toBe(exact);
  });

  it('keeps only the settings that are there, each of its own type', () => {
    const m = read(
      minimalApp({
        clientSafe: { exposes_get_api: 'true', hide_swagger_api: false, pw_protection_dev_only: false, allow_iframe: 'always', app_rights: 'public' },
      }),
    );
    expect(m.settings).toEqual({
      exposesWorkflowApi: false,
      hideSwagger: false,
      appRights: 'public',
      pwProtection: true,
      pwProtectionDevOnly: false,
      allowIframe: 'always',
    });
    expect(Object.keys(read({ settings: { client_safe: {} } }).settings)).toEqual([]);
  });

  it('compares the app’s own API token values of 16 characters and more, and names tokens by name or id', () => {
    const token15 = 'abcdefghijklmno';
    const token16 = 'a1b2c3d4e5f6g7h8';
    const app = minimalApp({
      secure: { api_tokens: { t1: { name: 'zapier', private_key: token16 }, t2: { private_key: token15 }, t3: 'odd' } },
      pages: { p: { name: 'home', text: `Authorization: Bearer ${token16} and ${token15} here` } },
    });
    const m = read(app);
    expect(m.apiTokens).toEqual(['zapier', 't2', 't3']);
    expect(m.secrets.filter((s) => s.apiToken).map((s) => [s.where, s.masked])).toEqual([['page home', '…g7h8']]);
  });

  it('reads API Connector groups and calls: names from human, name or id; deleted and malformed calls left out', () => {
    const m = read(
      minimalApp({
        clientSafe: {
          apiconnector2: {
            g1: { name: 'Named', calls: { c1: { url: 'https://a.example.test/x' }, c2: { deleted: true, url: 'https://gone.test/' }, c3: 5 } },
            g2: { calls: { c4: { name: 'Four', url: 42 } } },
            g3: 'not a group',
          },
        },
      }),
      'editor',
    );
    expect(m.apiCalls.map((c) => [c.api, c.call, c.host])).toEqual([
      ['Named', 'c1', 'a.example.test'],
      ['g2', 'Four', ''],
    ]);
  });

  it('reads rows in every group of a call, shared ones only at the API', () => {
    const api = {
      g: {
        human: 'Svc',
        shared_headers: { s1: { key: 'Authorization', value: 'Bearer local-value' } },
        calls: {
          c: {
            name: 'Call',
            url: 'https://svc.example.test/v1',
            headers: { h1: { key: 'X-Api-Key', value: 'typed-in-value' } },
            params: { p1: { key: 'token', value: '   ' } },
            url_params: { u1: { key: 'secret', value: '[secret]' } },
            body_params: { b1: { key: 'password', value: 'hunter2-typed' }, b2: { key: 'pass', value: 'x', deleted: true } },
            shared_headers: { s2: { key: 'api_key', value: 'not read here' } },
          },
        },
      },
    };
    const rows = read(minimalApp({ clientSafe: { apiconnector2: api } })).apiRows;
    expect(rows.map((r) => `${r.call ?? '-'}/${r.group}/${r.key}/${r.credentialName}`)).toEqual([
      '-/shared_headers/Authorization/true',
      'Call/headers/X-Api-Key/true',
      'Call/body_params/password/true',
    ]);
    expect(rows.every((r) => r.api === 'Svc' && r.secret === undefined)).toBe(true);
  });

  it('reads a row’s key and value from the editor’s short codes, and skips a row the editor marks deleted', () => {
    const rows = { r1: { '%k': 'x-api-key', '%v': k.anthropic }, r2: { '%k': 'key', '%v': 'typed-value', '%del': true } };
    const m = readBubbleApp({ settings: { client_safe: { apiconnector2: { g: { human: 'A', shared_headers: rows } } } } }, { source: 'editor' });
    expect(m.apiRows.map((r) => [r.key, r.secret?.provider])).toEqual([['x-api-key', 'anthropic-api-key']]);
  });
});

describe('readBubbleApp: calls, workflows and text, at their edges', () => {
  const k = fixtureKeys(29);

  it('reads the host of a call URL: protocol-relative, any case, leading spaces; nothing for other schemes', () => {
    expect(callOf({ url: '  HTTPS://API.Example.TEST:8443/v1?x=1' }).host).toBe('api.example.test:8443');
    expect(callOf({ url: '//cdn.example.test/a' }).host).toBe('cdn.example.test');
    expect(callOf({ url: 'http://plain.example.test#frag' }).host).toBe('plain.example.test');
    expect(callOf({ url: 'ftp://files.example.test/' }).host).toBe('');
    expect(callOf({ url: 'see https://later.example.test/' }).host).toBe('');
    expect(callOf({ url: `https://${'h'.repeat(300)}.test/` }).host).toBe(`${'h'.repeat(BUBBLE_LIMITS.name - 1)}…`); // the model's bound
  });

  it('names the token keys of a call’s saved response, in any of its three forms, lowercased and once each', () => {
    const r = callOf({
      types: '{"Access_Token": "abcdefgh1234", "token" :"short"}',
      full_response: { refresh_token: 'refresh-value-1234', nested: { ID_TOKEN: 'eyJ-not-a-jwt-here' }, session_token: '<session>' },
    });
    expect(r.responseTokens).toEqual(['access_token', 'refresh_token', 'id_token']);
    expect(callOf({ full_response: '{"api_key":"0123456789abcdef","jwt":"[jwt]"}' }).responseTokens).toEqual(['api_key']);
    expect(callOf({ types: '{"access_token":"tok\\"en-with-quote"}' }).responseTokens).toEqual([]);
    expect(callOf({}).responseTokens).toEqual([]);
  });

  it('scans a call’s URL and saved response with the secret engine', () => {
    const r = callOf({ url: `https://api.example.test/v1?token=${k.openai}`, full_response: { echo: k.stripeSecret } });
    expect(r.urlKeys).toEqual(['token']);
    expect(r.urlSecrets.map((s) => s.provider)).toEqual(['openai-api-key']);
    expect(r.responseSecrets.map((s) => s.provider)).toEqual(['stripe-secret-key']);
    const text = JSON.stringify(r);
    expect(text).not.toContain(k.openai);
    expect(text).not.toContain(k.stripeSecret);
  });

  it('reads query keys: names that say credential with a typed-in value, once each, at most 20', () => {
    expect(queryKeys('https://x.test/a')).toEqual([]);
    expect(queryKeys('token=abc')).toEqual([]);
    expect(queryKeys('?key=abc')).toEqual(['key']);
    expect(queryKeys('https://x.test/a?=abc&token&api_key=&secret=  ')).toEqual([]);
    expect(queryKeys('https://x.test/a?x=1#token=abc')).toEqual(['token']);
    expect(queryKeys('https://x.test/a?key=a&KEY=b&key=c')).toEqual(['key', 'KEY']);
    expect(queryKeys('https://x.test/a?%E0%A4%A=1&key=2')).toEqual(['key']);
    const many = Array.from({ length: 30 }, (_, i) => `key=${i}`);
    expect(queryKeys(`https://x.test/?${many.join('&')}`)).toEqual(['key']);
    const names = [
      'authorization',
      'proxy-authorization',
      'x-api-key',
      'api-key',
      'api_key',
      'api key',
      'apikey',
      'key',
      'access-key',
      'accesskey',
      'access_token',
      'auth-token',
      'authtoken',
      'token',
      'secret',
      'client_secret',
      'app-secret',
      'password',
      'pass',
      'bearer',
      'x-auth-token',
      'private_key',
      'privatekey',
    ];
    expect(queryKeys(`https://x.test/?${names.map((n) => `${encodeURIComponent(n)}=v`).join('&')}`)).toEqual(names.slice(0, 20));
    expect(queryKeys('https://x.test/?keys=v&monkey=v&tokens=v&my_token=v&passwords=v&api--key=v')).toEqual([]);
    const hundred = Array.from({ length: 100 }, (_, i) => `p${i}=v`).join('&');
    expect(queryKeys(`https://x.test/?${hundred}&key=v`)).toEqual([]);
  });

  it('reads workflows: kinds, names, conditions, and each kind of write action', () => {
    const actions = {
      '0': { type: 'NewThing', properties: { thing_type: 'custom.order' } },
      '1': { type: 'NewThing', properties: {} },
      '2': { type: 'ChangeListOfThings' },
      '3': { type: 'DeleteThing', properties: { to_delete: 'x' } },
      '4': { type: 'DeleteListOfThings' },
      '5': { type: 'NewThing', properties: { thing_type: 'custom.order' } },
      '6': { type: 'ScheduleAPIEventOnList', properties: { api_event: 'w1' } },
    };
    const api = {
      w1: { type: 'RecurringEvent', properties: { expose: true, condition: { type: 'Message' } }, actions },
      w2: { type: 'Mystery', name: 'by name', id: 'id2', properties: { parameter_def: 'manual' }, actions: { '0': { type: 'ChangeThing' } } },
      w3: { id: 'id3', properties: { raw_data: null } },
      w4: { type: 'CustomEvent', deleted: true },
      w5: 'not a workflow',
    };
    for (const as of ['export', 'editor'] as const) {
      const w = read(minimalApp({ api }), as).workflows;
      expect(w.map((x) => [x.id, x.name, x.kind, x.exposed, x.conditional, x.detectData, x.creates, x.changes, x.deletes, x.schedulesItself])).toEqual([
        ['w1', 'w1', 'RecurringEvent', true, true, false, ['order', '(a thing)'], true, ['(a thing)', '(a list of things)'], true],
        ['id2', 'by name', 'other', true, false, false, [], true, [], false],
        ['id3', 'id3', 'other', true, false, true, [], false, [], false],
      ]);
    }
    const kinds = ['APIEvent', 'DatabaseTriggerEvent', 'CustomEvent'].map((type) => read(minimalApp({ api: { w: { type } } })).workflows[0]!.kind);
    expect(kinds).toEqual(['APIEvent', 'DatabaseTriggerEvent', 'CustomEvent']);
  });

  it('bounds workflows at the limit exactly', () => {
    const api = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`w${i}`, { type: 'APIEvent' }]));
    const at = read(minimalApp({ api: api(BUBBLE_LIMITS.workflows) }));
    expect([at.workflows.length, at.truncated]).toEqual([BUBBLE_LIMITS.workflows, false]);
    const past = read(minimalApp({ api: api(BUBBLE_LIMITS.workflows + 1) }));
    expect([past.workflows.length, past.truncated]).toEqual([BUBBLE_LIMITS.workflows, true]);
  });

  it('keeps the app id only when it looks like one', () => {
    expect(readBubbleApp(minimalApp(), { source: 'export', appId: 'my-app-2' }).appId).toBe('my-app-2');
    expect('appId' in readBubbleApp(minimalApp(), { source: 'export', appId: 'My App' })).toBe(false);
    expect('appId' in readBubbleApp(minimalApp(), { source: 'export', appId: '' })).toBe(false);
    expect('appId' in readBubbleApp(minimalApp(), { source: 'export' })).toBe(false);
  });

  it('scans text typed into pages, reusables, backend workflows and client-safe settings, naming where', () => {
    const m = read(
      minimalApp({
        pages: { p1: { name: 'checkout', elements: { e: { properties: { text: `key ${k.stripeSecret}` } } } } },
        reusables: { r1: { name: 'Header', html: `<script>const k = "${k.openai}"</script>` }, r2: { html: 'short' } },
        api: { w1: { properties: { wf_name: 'sync' }, actions: { '0': { properties: { body: `Bearer ${k.anthropic}` } } } } },
        clientSafe: { custom_header: `<meta content="${k.google}">`, apiconnector2: { g: { shared_headers: { h: { key: 'k', value: k.openai } } } } },
      }),
    );
    expect(m.secrets.map((s) => `${s.provider} in ${s.where}`)).toEqual([
      'stripe-secret-key in page checkout',
      'openai-api-key in reusable Header',
      'anthropic-api-key in backend workflow sync',
      'google-api-key in settings (client-safe)',
    ]);
    expect(JSON.stringify(m)).not.toContain(k.stripeSecret);
  });

  it('reports one key once per place, skips short strings and text nested deeper than 64 levels', () => {
    let deep: Record<string, unknown> = { text: `deep ${k.openai}` };
    for (let i = 0; i < 64; i++) deep = { elements: deep };
    let shallow: Record<string, unknown> = { text: `ok ${k.anthropic}` };
    for (let i = 0; i < 63; i++) shallow = { elements: shallow };
    const m = read(
      minimalApp({ pages: { a: { name: 'a', one: k.stripeSecret, two: `again ${k.stripeSecret}` }, b: { name: 'b', deep }, c: { name: 'c', shallow } } }),
    );
    expect(m.secrets.map((s) => `${s.provider} in ${s.where}`)).toEqual(['stripe-secret-key in page a', 'anthropic-api-key in page c']);
    expect(m.truncated).toBe(false);
  });
});

describe('readBubbleApp: short codes and the secrets bound', () => {
  it('finds pages under each of the editor’s page codes, the first one present winning', () => {
    expect(field({ '%p2': 'two', '%p1': 'one' }, 'pages')).toBe('two');
    expect(field({ '%p1': 'one' }, 'pages')).toBe('one');
    expect(field({ '%p1': 'one' }, 'elements')).toBeUndefined();
    expect(field({ 'Stryker was here': 1, other: 2 }, 'unknown')).toBeUndefined();
    const page = { '%nm': 'legacy', text: `key ${fixtureKeys(31).stripeSecret}` };
    expect(readBubbleApp({ '%p1': { p: page } }, { source: 'editor' }).secrets.map((s) => s.where)).toEqual(['page legacy']);
  });

  it('keeps at most the secrets bound, and says the model was cut', () => {
    // One past the bound: the cut is flagged at the 201st secret, not later.
    const keys = Array.from({ length: BUBBLE_LIMITS.secrets + 1 }, (_, i) => fixtureKeys(1000 + i).openai);
    const m = read(minimalApp({ pages: { p: { name: 'many', text: keys.join('\n') } } }));
    expect(m.secrets).toHaveLength(BUBBLE_LIMITS.secrets);
    expect(m.truncated).toBe(true);
    const at = read(minimalApp({ pages: { p: { name: 'many', text: keys.slice(0, BUBBLE_LIMITS.secrets).join('\n') } } }));
    expect([at.secrets.length, at.truncated]).toEqual([BUBBLE_LIMITS.secrets, false]);
  });
});

describe('readBubbleApp: cases from mutation testing (second run)', () => {
  const k = fixtureKeys(37);
  const rowsOf = (rows: Record<string, unknown>, call?: Record<string, unknown>) =>
    read(
      minimalApp({
        clientSafe: { apiconnector2: { g: { human: 'G', ...(call ? { calls: { c: { name: 'C', ...call, headers: rows } } } : { shared_headers: rows }) } } },
      }),
    ).apiRows;

  it('names every credential spelling, whole names only', () => {
    for (const n of [
      'accesstoken',
      'access-token',
      'clientsecret',
      'client_secret',
      'appsecret',
      'app-secret',
      'privatekey',
      'private-key',
      'API KEY',
      'Api-Key',
    ])
      expect(CREDENTIAL_NAME.test(n), n).toBe(true);
    for (const n of ['privatexkey', 'accessxtoken', 'my_token', 'tokens', 'keyboard', 'passport', 'secretary']) expect(CREDENTIAL_NAME.test(n), n).toBe(false);
  });

  it('treats only a whole `<param>` or `[param]` as filled at run time', () => {
    const kept = (value: string) => rowsOf({ r: { key: 'token', value } }).length;
    expect([kept('[p]'), kept(' <p> '), kept('abc [p]'), kept('[p] abc'), kept('x[p]'), kept('[p]x'), kept('<p>y')]).toEqual([0, 0, 1, 1, 1, 1, 1]);
  });

  it('reads a row: private and non-text values left out, the name trimmed, the call’s host and the 64 KB cut applied', () => {
    expect(rowsOf({ r: { key: 'x-api-key', value: k.anthropic, private: true } })).toEqual([]);
    expect(rowsOf({ r: { key: 'token', value: 42 } })).toEqual([]);
    expect(rowsOf({ r: { key: ' token ', value: 'typed' } }).map((r) => [r.key, r.credentialName])).toEqual([[' token ', true]]);
    const gemini = rowsOf({ r: { key: 'k', value: k.google } }, { url: 'https://generativelanguage.googleapis.com/v1/models' });
    expect(gemini.map((r) => r.secret?.provider)).toEqual(['google-gemini-api-key']);
    expect(rowsOf({ r: { key: 'k', value: k.google } }).map((r) => r.secret?.provider)).toEqual(['google-api-key']);
    expect(rowsOf({ r: { key: 'k', value: `${'x'.repeat(64 * 1024)} ${k.openai}` } })).toEqual([]);
    expect(rowsOf({ r: { key: 'k', value: `${'x'.repeat(64 * 1024 - 200)} ${k.openai}` } }).map((r) => r.secret?.provider)).toEqual(['openai-api-key']);
  });

  it('reads a call: its own rows in every group but not the shared ones, its URL up to 8 KB, with its host as a hint', () => {
    const rows = read(
      minimalApp({
        clientSafe: {
          apiconnector2: {
            g: {
              human: 'G',
              calls: { c: { name: 'C', shared_params: { s: { key: 'token', value: 'typed' } }, params: { p: { key: 'secret', value: 'typed' } } } },
            },
          },
        },
      }),
    ).apiRows;
    expect(rows.map((r) => `${r.call}/${r.group}/${r.key}`)).toEqual(['C/params/secret']);
    expect(callOf({ url: `https://generativelanguage.googleapis.com/v1/models?key=${k.google}` }).urlSecrets.map((s) => s.provider)).toEqual([
      'google-gemini-api-key',
    ]);
    expect(callOf({ url: `https://x.example.test/?q=${'a'.repeat(8192)}&token=${k.openai}` }).urlSecrets).toEqual([]);
    expect(callOf({})).toMatchObject({ host: '', urlKeys: [], urlSecrets: [], responseTokens: [], responseSecrets: [] });
  });

  it('scans a saved response once, whichever form it is in, with its parts kept apart', () => {
    expect(callOf({ full_response: `{"echo":"${k.stripeSecret}"}` }).responseSecrets.map((s) => s.provider)).toEqual(['stripe-secret-key']);
    expect(callOf({ types: k.stripeSecret, full_response: k.openai }).responseSecrets.map((s) => s.provider)).toEqual(['stripe-secret-key', 'openai-api-key']);
  });

  it('bounds calls, rows, workflow actions and written types at the limit, saying so past it where the model keeps the flag', () => {
    const calls = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, { url: 'https://x.example.test/' }]));
    const onlyCalls = read(minimalApp({ clientSafe: { apiconnector2: { g: { calls: calls(BUBBLE_LIMITS.apiCalls + 1) } } } }));
    expect([onlyCalls.apiCalls.length, onlyCalls.truncated]).toEqual([BUBBLE_LIMITS.apiCalls, true]);
    const atCalls = read(minimalApp({ clientSafe: { apiconnector2: { g: { calls: calls(BUBBLE_LIMITS.apiCalls) } } } }));
    expect([atCalls.apiCalls.length, atCalls.truncated]).toEqual([BUBBLE_LIMITS.apiCalls, false]);
    const rows = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`r${i}`, { key: 'token', value: `v${i}` }]));
    const onlyRows = read(minimalApp({ clientSafe: { apiconnector2: { g: { shared_headers: rows(BUBBLE_LIMITS.apiRows + 1) } } } }));
    expect([onlyRows.apiRows.length, onlyRows.truncated]).toEqual([BUBBLE_LIMITS.apiRows, true]);
    const atRows = read(minimalApp({ clientSafe: { apiconnector2: { g: { shared_headers: rows(BUBBLE_LIMITS.apiRows) } } } }));
    expect([atRows.apiRows.length, atRows.truncated]).toEqual([BUBBLE_LIMITS.apiRows, false]);
    const actions: Record<string, unknown> = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [String(i), { type: 'ChangeThing' }]));
    actions['500'] = { type: 'NewThing', properties: { thing_type: 'custom.late' } };
    expect(read(minimalApp({ api: { w: { actions } } })).workflows[0]!.creates).toEqual([]);
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [String(i), { type: 'NewThing', properties: { thing_type: `custom.t${i}` } }]));
    expect(read(minimalApp({ api: { w: { actions: many } } })).workflows[0]!.creates).toHaveLength(20);
  });

  it('reads what a workflow schedules and writes exactly', () => {
    const wf = (actions: Record<string, unknown>, props: Record<string, unknown> = {}) =>
      read(minimalApp({ api: { wrap: { id: 'wid', properties: props, actions } } })).workflows[0]!;
    expect(wf({ '0': { type: 'ScheduleAPIEvent', properties: { api_event: 'wrap' } } }).schedulesItself).toBe(true);
    expect(wf({ '0': { type: 'ScheduleAPIEvent', properties: { api_event: 'wid' } } }).schedulesItself).toBe(true);
    expect(wf({ '0': { type: 'ScheduleAPIEvent', properties: { api_event: 'other' } } }).schedulesItself).toBe(false);
    expect(wf({ '0': { type: 'ScheduleAPIEvent', properties: {} } }).schedulesItself).toBe(false);
    expect(wf({ '0': { type: 'SendEmail', properties: { api_event: 'wid' } } }).schedulesItself).toBe(false);
    expect(wf({ '0': { type: 'NewThing', properties: { thing_type: 'notcustom.order' } } }).creates).toEqual(['notcustom.order']);
    expect(wf({}, { parameter_def: 'auto' }).detectData).toBe(true);
    expect(wf({}, { parameter_def: '' }).detectData).toBe(false);
  });

  it('reads text at 16 characters and at the 64th level, and not a leaf’s text past 64 KB', () => {
    const token = 'a1b2c3d4e5f6g7h8';
    const m = read(minimalApp({ secure: { api_tokens: { t: { name: 'zap', private_key: token } } }, pages: { p: { name: 'p', exact: token } } }));
    expect(m.secrets.map((s) => [s.provider, s.providerName, s.where, s.apiToken])).toEqual([
      ['bubble-api-token', 'Bubble Data/Workflow API token', 'page p', true],
    ]);
    let at64: Record<string, unknown> = { text: `ok ${k.anthropic}` };
    for (let i = 0; i < 63; i++) at64 = { elements: at64 };
    let at65: Record<string, unknown> = { text: `deep ${k.openai}` };
    for (let i = 0; i < 64; i++) at65 = { elements: at65 };
    expect(read(minimalApp({ pages: { a: { name: 'a', at64 }, b: { name: 'b', at65 } } })).secrets.map((s) => `${s.provider} in ${s.where}`)).toEqual([
      'anthropic-api-key in page a',
    ]);
    expect(read(minimalApp({ pages: { p: { name: 'p', text: `${'x'.repeat(64 * 1024)} ${k.openai}` } } })).secrets).toEqual([]);
  });

  it('reports the app’s own API token once per place, even where the engine also recognises it', () => {
    const token = k.bubbleToken;
    const tokens = { t1: { name: 'one', private_key: token }, t2: { name: 'two', private_key: 'q1w2e3r4t5y6u7i8o9p0' } };
    const text = `https://leaky-app.bubbleapps.io/api/1.1/obj/user Authorization: Bearer ${token} and q1w2e3r4t5y6u7i8o9p0`;
    const m = read(minimalApp({ secure: { api_tokens: tokens }, pages: { p: { name: 'p', text }, q: { name: 'q', text } } }));
    expect(m.secrets.map((s) => `${s.provider} ${s.masked} in ${s.where}`)).toEqual([
      `bubble-api-token …${token.slice(-4)} in page p`,
      'bubble-api-token …o9p0 in page p',
      `bubble-api-token …${token.slice(-4)} in page q`,
      'bubble-api-token …o9p0 in page q',
    ]);
    // The listed token's entry carries the fingerprint the engine gives it, so the two are one finding.
    expect(m.secrets[0]!.fingerprint).toBe(scanSecrets(text).find((x) => x.provider === 'bubble-api-token')!.fingerprint);
  });

  it('skips the API Connector only at the top of the client-safe settings', () => {
    const m = read(minimalApp({ clientSafe: { custom: { apiconnector2: `x ${k.openai}` }, apiconnector2: { g: { note: `y ${k.stripeSecret}` } } } }));
    expect(m.secrets.map((s) => `${s.provider} in ${s.where}`)).toEqual(['openai-api-key in settings (client-safe)']);
  });
});

describe('scanClientText: the character budget', () => {
  const k = fixtureKeys(41);
  const scan = (pages: Record<string, unknown>, budget: number) => scanClientText({ pages }, undefined, new Set(), budget);

  it('stops before a part once the budget is spent, and says the text was cut', () => {
    const pages = { p1: { name: 'one', text: 'x'.repeat(61) }, p2: { name: 'two', text: `key ${k.openai}` } };
    expect(scan(pages, 61)).toEqual({ secrets: [], truncated: true });
    const more = scan(pages, 1000);
    expect([more.secrets.map((s) => s.where), more.truncated]).toEqual([['page two'], false]);
  });

  it('stops inside a part at the leaf that crosses the budget', () => {
    // Leaves are read last key first: `a` (80), then `c` (30) crosses 100, and the key is never reached.
    const page = { name: 'p', key: `k ${k.openai}`, c: 'z'.repeat(30), a: 'y'.repeat(80) };
    expect(scan({ p: page }, 100)).toEqual({ secrets: [], truncated: true });
    expect(scan({ p: page }, 1000).secrets.map((s) => s.provider)).toEqual(['openai-api-key']);
  });

  it('does not call a text cut when it fills the budget exactly', () => {
    // 61 chars in one part, budget 61: all of it is read, nothing is left over.
    expect(scan({ p: { name: 'one', text: 'x'.repeat(61) } }, 61)).toEqual({ secrets: [], truncated: false });
    // Two leaves joined by one separator: 30 + 1 + 30.
    expect(scan({ p: { name: 'one', a: 'x'.repeat(30), b: 'y'.repeat(30) } }, 61)).toEqual({ secrets: [], truncated: false });
    expect(scan({ p: { name: 'one', a: 'x'.repeat(30), b: 'y'.repeat(30) } }, 60)).toEqual({ secrets: [], truncated: true });
  });

  it('keeps reading while what is left covers the text', () => {
    const pages = { p1: { name: 'one', text: 'x'.repeat(50) }, p2: { name: 'two', text: `key ${k.openai}` } };
    const r = scan(pages, 52 + k.openai.length + 5);
    expect([r.secrets.map((s) => s.where), r.truncated]).toEqual([['page two'], false]);
  });
});

describe('readBubbleApp: a Bubble token the app does not list', () => {
  it('marks a Bubble API token the engine finds as an API token, even when the app does not list it', () => {
    const token = fixtureKeys(43).bubbleToken;
    const text = `https://other-app.bubbleapps.io/api/1.1/obj/user Authorization: Bearer ${token}`;
    const m = read(minimalApp({ pages: { p: { name: 'p', text } } }));
    expect(m.secrets.map((s) => [s.provider, s.apiToken])).toEqual([['bubble-api-token', true]]);
  });
});
