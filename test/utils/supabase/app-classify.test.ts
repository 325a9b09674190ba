/** Classification of the documented Supabase answers (shared/reference/builders.md) and of hostile ones. */
import { describe, expect, it } from 'vitest';
import {
  classifyBuckets,
  classifyOpenApi,
  classifyTableAnswer,
  columnsOf,
  isAnonymousRequest,
  isWrongRequest,
  jwtRole,
  ownerOf,
  parseContentRange,
  parseSelect,
  personalColumns,
  restTableOf,
} from '@/utils/supabase/app-classify';
import { fakeRef, mintAnonKey, mintPublishableKey, mintSecretKey, mintServiceRoleKey } from '../../fixtures/apps/supabase-keys';

const rows = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: i, email: `p${i}@example.org` })));

describe('parseContentRange', () => {
  it.each([
    ['0-0/120', { rows: 1, total: 120 }],
    ['0-4/*', { rows: 5 }],
    ['*/0', { rows: 0, total: 0 }],
    ['*/*', { rows: 0 }],
    ['items 0-24/3573458', { rows: 25, total: 3573458 }],
  ])('%s', (v, want) => expect(parseContentRange(v)).toEqual(want));
  it('rejects junk', () => {
    for (const v of [undefined, '', 'bytes', '5-/9', '0-1/-3', 'a-b/c']) expect(parseContentRange(v)).toBeUndefined();
  });
});

describe('parseSelect', () => {
  it('keeps column names, strips aliases, casts and JSON paths, sets embeds apart', () => {
    expect(parseSelect('id,email:contact_email,total::text,meta->>color,author:profiles!fk(name,email),count()')).toEqual({
      columns: ['id', 'contact_email', 'total', 'meta'],
      embeds: ['profiles'],
    });
    expect(parseSelect('*')).toEqual({ columns: ['*'], embeds: [] });
    expect(parseSelect('"First Name",x')).toEqual({ columns: ['First Name', 'x'], embeds: [] });
  });
});

describe('restTableOf', () => {
  it('reads the table of a REST address and nothing else', () => {
    const ref = 'abcdefghijklmnopqrst';
    expect(restTableOf(`https://${ref}.supabase.co/rest/v1/profiles`)).toEqual({ ref, table: 'profiles' });
    expect(restTableOf(`https://${ref}.supabase.co/rest/v1/Order%20Items`)).toEqual({ ref, table: 'Order Items' });
    for (const u of [
      `https://${ref}.supabase.co/rest/v1/`,
      `https://${ref}.supabase.co/rest/v1/rpc`,
      `https://${ref}.supabase.co/rest/v1/rpc/f`,
      `http://${ref}.supabase.co/rest/v1/x`,
      `https://${ref}.supabase.com/rest/v1/x`,
      'nope',
    ]) {
      expect(restTableOf(u), u).toBeUndefined();
    }
  });
});

describe('isAnonymousRequest', () => {
  it('is anonymous with the public key alone or as bearer, not with a user session', () => {
    expect(isAnonymousRequest('k', undefined)).toBe(true);
    expect(isAnonymousRequest('k', 'Bearer k')).toBe(true);
    expect(isAnonymousRequest('k', 'Bearer user.jwt.token')).toBe(false);
    expect(isAnonymousRequest(undefined, 'Bearer k')).toBeUndefined();
  });

  // Supabase docs, "API keys": the new publishable key goes in `apikey` only (it is not a JWT, a Bearer of it is
  // rejected by the database); hand-written fetch code sends no x-client-info and no Prefer header.
  it('the new keys: sb_publishable_ in apikey only, no other header, is a logged-out request', () => {
    const ref = fakeRef(31);
    const pub = mintPublishableKey(31);
    expect(isAnonymousRequest(pub, undefined)).toBe(true);
    expect(isAnonymousRequest(` ${pub} `, '')).toBe(true);
    expect(isAnonymousRequest(pub, `Bearer ${pub}`)).toBe(true);
    // supabase-js on the new key with the anon JWT still configured as Bearer: no user session either.
    expect(isAnonymousRequest(pub, `Bearer ${mintAnonKey(ref)}`)).toBe(true);
    expect(isAnonymousRequest(mintAnonKey(ref), undefined)).toBe(true);
  });

  it('a secret or service_role key, a user JWT or another scheme is not a logged-out request', () => {
    const ref = fakeRef(32);
    expect(isAnonymousRequest(mintSecretKey(32), undefined)).toBe(false);
    expect(isAnonymousRequest(mintServiceRoleKey(ref), undefined)).toBe(false);
    expect(isAnonymousRequest(mintPublishableKey(32), `Bearer ${mintServiceRoleKey(ref)}`)).toBe(false);
    expect(isAnonymousRequest(mintPublishableKey(32), 'Basic dXNlcjpwYXNz')).toBe(false);
  });

  it('jwtRole reads the role claim, and nothing from what is not a JWT', () => {
    const ref = fakeRef(33);
    expect(jwtRole(mintAnonKey(ref))).toBe('anon');
    expect(jwtRole(mintServiceRoleKey(ref))).toBe('service_role');
    expect(jwtRole(mintPublishableKey(33))).toBeUndefined();
    expect(jwtRole('eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.sig')).toBeUndefined();
    expect(jwtRole('eyJ.eyJ.')).toBeUndefined();
    expect(jwtRole('x'.repeat(100_000))).toBeUndefined();
  });
});

describe('classifyTableAnswer: the documented answers', () => {
  it('200 [] is RLS on, nothing visible', () => {
    expect(classifyTableAnswer('votes', { status: 200, contentRange: '*/0', body: '[]' })).toEqual({ name: 'votes', status: 200, verdict: 'empty', count: 0 });
  });
  it('200/206 with rows is readable, with the count from Content-Range and column names only', () => {
    const t = classifyTableAnswer('profiles', { status: 206, contentRange: '0-0/120', body: rows(1) });
    expect(t).toEqual({ name: 'profiles', status: 206, verdict: 'readable', count: 120, columns: ['id', 'email'] });
    expect(JSON.stringify(t)).not.toContain('@example.org');
  });
  it('401 42501 is no grant; 404 PGRST205 and 42P01 are missing tables', () => {
    const noGrant = JSON.stringify({
      code: '42501',
      details: null,
      hint: 'Grant the required privileges to the current role with: GRANT SELECT ON public.t TO anon;',
      message: 'permission denied for table t',
    });
    expect(classifyTableAnswer('t', { status: 401, body: noGrant })).toMatchObject({ verdict: 'no-grant', code: '42501' });
    expect(
      classifyTableAnswer('x', {
        status: 404,
        body: '{"code":"PGRST205","details":null,"hint":null,"message":"Could not find the table \'public.x\' in the schema cache"}',
      }),
    ).toMatchObject({ verdict: 'missing', code: 'PGRST205' });
    expect(
      classifyTableAnswer('x', { status: 404, body: '{"code":"42P01","details":null,"hint":null,"message":"relation \\"public.x\\" does not exist"}' }),
    ).toMatchObject({ verdict: 'missing', code: '42P01' });
  });
  it('anything else is reported as unclear, never guessed', () => {
    expect(classifyTableAnswer('x', { status: 500, body: '{"message":"boom"}' })).toMatchObject({ verdict: 'unknown', note: 'unexpected answer (HTTP 500)' });
    expect(classifyTableAnswer('x', { status: 404, body: '<html>' })).toMatchObject({ verdict: 'unknown' });
    expect(classifyTableAnswer('x', { status: 401, body: '{"message":"Invalid API key"}' })).toMatchObject({
      verdict: 'unknown',
      note: expect.stringMatching(/refused/),
    });
    expect(classifyTableAnswer('x', { status: 200, body: '[{"id":1,"email":"oops"' })).toMatchObject({ verdict: 'unknown' });
    expect(classifyTableAnswer('x', { status: 200, body: '{"not":"a list"}' })).toMatchObject({ verdict: 'unknown' });
    expect(classifyTableAnswer('x', { status: 0, error: 'no answer within 5 s' })).toMatchObject({ verdict: 'unknown', note: 'no answer within 5 s' });
  });
  it('a huge answer with a range is readable with unknown columns; without a range it is unclear', () => {
    expect(classifyTableAnswer('x', { status: 206, contentRange: '0-0/9', body: '[{"blob":"xxxx', truncated: true })).toMatchObject({
      verdict: 'readable',
      count: 9,
      note: expect.stringMatching(/too large/),
    });
    expect(classifyTableAnswer('x', { status: 200, body: '[{"blob":"xxxx', truncated: true })).toMatchObject({ verdict: 'unknown' });
  });
  it('bounds and filters hostile column names', () => {
    const row = Object.fromEntries([...Array.from({ length: 500 }, (_, i) => [`c${i}`, 1]), ['bad"name', 1], ['new\nline', 1]]);
    const t = classifyTableAnswer('x', { status: 200, body: JSON.stringify([row]) });
    expect(t.columns).toHaveLength(100);
    expect(t.columns!.some((c) => /["\n]/.test(c))).toBe(false);
  });
});

describe('classifyOpenApi and classifyBuckets', () => {
  it('403 on the OpenAPI root is the documented lockdown', () => {
    expect(classifyOpenApi(403)).toEqual({ status: 403, verdict: 'locked' });
    expect(classifyOpenApi(200).verdict).toBe('open');
    expect(classifyOpenApi(500).verdict).toBe('unknown');
  });
  it('reads bucket ids and public flags only', () => {
    const body = JSON.stringify([
      { id: 'avatars', name: 'avatars', owner: '', public: true },
      { id: 'docs', public: false },
      { id: 'bad"id', public: true },
      'junk',
    ]);
    expect(classifyBuckets({ status: 200, body })).toEqual({
      status: 200,
      verdict: 'listed',
      list: [
        { id: 'avatars', public: true },
        { id: 'docs', public: false },
      ],
    });
    expect(classifyBuckets({ status: 200, body: '[]' }).verdict).toBe('empty');
    expect(classifyBuckets({ status: 403, body: '{}' }).verdict).toBe('denied');
    expect(classifyBuckets({ status: 200, body: 'garbage' }).verdict).toBe('unknown');
  });
});

describe('personal columns and owners', () => {
  it('flags personal and secret-looking columns, and plain `name` only on tables about people', () => {
    expect(personalColumns('profiles', ['id', 'name', 'email', 'phone', 'created_at', 'email_verified'])).toEqual(['email', 'phone', 'name']);
    expect(personalColumns('products', ['id', 'name', 'price'])).toEqual([]);
    expect(personalColumns('payments', ['iban', 'card_number', 'amount'])).toEqual(['iban', 'card_number']);
  });
  it('picks the owner column when evident', () => {
    expect(ownerOf('todos', ['id', 'user_id', 'title'])).toBe('user_id');
    expect(ownerOf('profiles', ['id', 'email'])).toBe('id');
    expect(ownerOf('products', ['id', 'title'])).toBeUndefined();
    expect(ownerOf('todos', undefined)).toBeUndefined();
  });
});

describe('cases from mutation testing', () => {
  const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const jwt = (payload: unknown) => `eyJhbGciOiJIUzI1NiJ9.${b64url(JSON.stringify(payload))}.c2ln`;
  const ref = 'abcdefghijklmnopqrst';

  it('parseContentRange: padding, units, many digits, and nothing before or after', () => {
    expect(parseContentRange('  0-4/10  ')).toEqual({ rows: 5, total: 10 });
    expect(parseContentRange('items  0-4/10')).toEqual({ rows: 5, total: 10 });
    expect(parseContentRange('10-14/100')).toEqual({ rows: 5, total: 100 });
    expect(parseContentRange('0-4 / 10')).toEqual({ rows: 5, total: 10 });
    expect(parseContentRange('5-2/10')).toEqual({ rows: 0, total: 10 });
    for (const v of ['1 0-4/10', 'x0-4/10', '0-4/10 x', '0-4/10x']) expect(parseContentRange(v), v).toBeUndefined();
  });

  it('restTableOf: the whole host and the whole path, and no table from a broken escape', () => {
    expect(restTableOf(`https://x${ref}.supabase.co/rest/v1/t`)).toBeUndefined();
    expect(restTableOf(`https://${ref}.supabase.co/x/rest/v1/t`)).toBeUndefined();
    expect(restTableOf(`https://${ref}.supabase.co/rest/v1/profiles/extra`)).toBeUndefined();
    expect(restTableOf(`https://${ref}.supabase.co/rest/v1/profiles/`)).toEqual({ ref, table: 'profiles' });
    expect(restTableOf(`https://${ref}.supabase.co/rest/v1/%E0%A4%A`)).toBeUndefined();
  });

  it('parseSelect: commas inside an embed, stray parentheses, spaces, quotes and invalid names', () => {
    expect(parseSelect('owner:profiles(id,email,name),title')).toEqual({ columns: ['title'], embeds: ['profiles'] });
    expect(parseSelect('a),b,c')).toEqual({ columns: ['b', 'c'], embeds: [] });
    expect(parseSelect('pp(b:c)')).toEqual({ columns: [], embeds: ['pp'] });
    expect(parseSelect('a: profiles (x)')).toEqual({ columns: [], embeds: ['profiles'] });
    expect(parseSelect('p(x),p(y),count(),2024(z)')).toEqual({ columns: [], embeds: ['p'] });
    expect(parseSelect('total ::text, id , id')).toEqual({ columns: ['total', 'id'], embeds: [] });
    expect(parseSelect('x"a","a"b,"ok"')).toEqual({ columns: ['ok'], embeds: [] });
    expect(parseSelect("a'b,c")).toEqual({ columns: ['c'], embeds: [] });
  });

  it('parseSelect: bounded by characters, items and columns', () => {
    const bad = (n: number, len = 1) => Array.from({ length: n }, () => `'${'x'.repeat(len - 1)}`);
    expect(parseSelect([...bad(50, 100), 'ok'].join(',')).columns).toEqual([]);
    expect(parseSelect([...bad(149), 'ok'].join(',')).columns).toEqual(['ok']);
    expect(parseSelect([...bad(200), 'ok'].join(',')).columns).toEqual([]);
    const cols = Array.from({ length: 120 }, (_, i) => `c${i}`);
    expect(parseSelect(cols.join(',')).columns).toEqual(cols.slice(0, 100));
  });

  it('jwtRole: a whole token only, trimmed, its role a string cut at 64 characters', () => {
    expect(jwtRole(` ${jwt({ role: 'anon' })} `)).toBe('anon');
    expect(jwtRole(`Bearer ${jwt({ role: 'anon' })}`)).toBeUndefined();
    expect(jwtRole(`${jwt({ role: 'anon' })}.more`)).toBeUndefined();
    expect(jwtRole(jwt({ role: ['anon'] }))).toBeUndefined();
    expect(jwtRole(jwt({ role: 7 }))).toBeUndefined();
    expect(jwtRole(jwt({ role: 'r'.repeat(100) }))).toBe('r'.repeat(64));
  });

  it('isAnonymousRequest: trimmed headers, the Bearer scheme in any case, one token after it', () => {
    expect(isAnonymousRequest(' k ', ' Bearer k ')).toBe(true);
    expect(isAnonymousRequest('k', 'bearer  k')).toBe(true);
    expect(isAnonymousRequest('k', 'x Bearer k')).toBe(false);
    expect(isAnonymousRequest('k', 'Bearer k extra')).toBe(false);
    expect(isAnonymousRequest('   ', undefined)).toBeUndefined();
  });

  it('columnsOf: own keys of one JSON object, valid names only, at most 100', () => {
    expect(columnsOf(null)).toBeUndefined();
    expect(columnsOf([{ a: 1 }])).toBeUndefined();
    expect(columnsOf('row')).toBeUndefined();
    expect(columnsOf(5)).toBeUndefined();
    expect(columnsOf({ a: 1, 'b"c': 2, d: 3 })).toEqual(['a', 'd']);
    expect(columnsOf(Object.create({ inherited: 1 }))).toEqual([]);
    const wide = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`c${i}`, i]));
    expect(columnsOf(wide)).toHaveLength(100);
  });

  it('isWrongRequest: only a complete 401 answer with the PGRST301 code', () => {
    const body = '{"code":"PGRST301","message":"Expected 3 parts in JWT; got 1"}';
    expect(isWrongRequest({ status: 401, body })).toBe(true);
    expect(isWrongRequest({ status: 401, body, truncated: true })).toBe(false);
    expect(isWrongRequest({ status: 403, body })).toBe(false);
    expect(isWrongRequest({ status: 401, body: '{"code":"42501"}' })).toBe(false);
    expect(isWrongRequest({ status: 401, body: 'not json' })).toBe(false);
    expect(isWrongRequest({ status: 401 })).toBe(false);
    expect(isWrongRequest({ status: 401, body: 'null' })).toBe(false);
  });

  it('classifyTableAnswer: every note, code and count exactly', () => {
    const t = (a: Parameters<typeof classifyTableAnswer>[1]) => classifyTableAnswer('t', a);
    const unclear = (status: number, note: string, code?: string) => ({ name: 't', status, ...(code ? { code } : {}), verdict: 'unknown', note });
    expect(t({ status: 0 })).toEqual(unclear(0, 'no answer'));
    expect(t({ status: 0, error: 'e'.repeat(300) }).note).toBe('e'.repeat(200));
    expect(t({ status: 200, body: '[1]' })).toEqual({ name: 't', status: 200, verdict: 'readable', note: 'rows are not JSON objects' });
    expect(t({ status: 200, body: '[]' })).toEqual({ name: 't', status: 200, verdict: 'empty' });
    expect(t({ status: 200, contentRange: '0-0/*', body: '[{"a":1}]' })).toEqual({ name: 't', status: 200, verdict: 'readable', columns: ['a'] });
    expect(t({ status: 200, contentRange: '0-0/*', body: '<html>' })).toEqual({ name: 't', status: 200, verdict: 'readable', note: 'answer was not JSON' });
    expect(t({ status: 200, contentRange: '*/0', body: '<html>' })).toEqual(unclear(200, 'answer was not a JSON list'));
    expect(t({ status: 200, body: '[', truncated: true })).toEqual({
      name: 't',
      status: 200,
      verdict: 'unknown',
      note: 'answer too large and without Content-Range',
    });
    expect(t({ status: 403, body: '{"code":"42501"}' })).toEqual({ name: 't', status: 403, code: '42501', verdict: 'no-grant' });
    expect(t({ status: 500, body: '{"code":"42501"}' })).toEqual(unclear(500, 'unexpected answer (HTTP 500 42501)', '42501'));
    expect(t({ status: 404, body: '{"code":"42501"}' }).verdict).toBe('unknown');
    expect(t({ status: 400, body: '{"code":"PGRST205"}' }).verdict).toBe('unknown');
    expect(t({ status: 401, body: '{"code":"PGRST301"}' })).toEqual(
      unclear(401, 'our request was wrong (401 PGRST301: the key was sent as a Bearer token), not a sign of protection', 'PGRST301'),
    );
    expect(t({ status: 403, body: '{"code":"PGRST301"}' }).note).toBe('unexpected answer (HTTP 403 PGRST301)');
    expect(t({ status: 401, body: '{"code":"x1"}' })).toEqual(unclear(401, 'the project refused the public key (401)'));
    expect(t({ status: 401, body: '{"code":"TOOLONGCODE1"}' })).toEqual(unclear(401, 'the project refused the public key (401)'));
    expect(t({ status: 401, body: '{"code":"aPGRST301"}' }).code).toBeUndefined();
    expect(t({ status: 401, body: '{"code":"PGRST301x"}' }).code).toBeUndefined();
    expect(t({ status: 401, body: '{"code":42501}' }).code).toBeUndefined();
    expect(t({ status: 401, body: 'null' }).code).toBeUndefined();
  });

  it('classifyBuckets: each status, truncated and odd answers, names as ids, at most 100', () => {
    expect(classifyBuckets({ status: 0 })).toEqual({ status: 0, verdict: 'unknown', list: [] });
    for (const status of [400, 401, 403])
      expect(classifyBuckets({ status, body: '[{"id":"a","public":true}]' })).toEqual({ status, verdict: 'denied', list: [] });
    expect(classifyBuckets({ status: 404, body: '[{"id":"a","public":true}]' })).toEqual({ status: 404, verdict: 'unknown', list: [] });
    expect(classifyBuckets({ status: 200, body: '[{"id":"a","public":true}]', truncated: true })).toEqual({ status: 200, verdict: 'unknown', list: [] });
    expect(classifyBuckets({ status: 200, body: '{"id":"a"}' })).toEqual({ status: 200, verdict: 'unknown', list: [] });
    const body = JSON.stringify([
      null,
      5,
      { name: 'by-name', public: true },
      { id: 7, name: 'n', public: false },
      { id: 'x', public: 'yes' },
      { public: true },
    ]);
    expect(classifyBuckets({ status: 200, body }).list).toEqual([
      { id: 'by-name', public: true },
      { id: 'n', public: false },
    ]);
    const many = JSON.stringify(Array.from({ length: 130 }, (_, i) => ({ id: `b${i}`, public: false })));
    expect(classifyBuckets({ status: 200, body: many }).list).toHaveLength(100);
  });

  it('personalColumns: every word for people, the name columns, and `*` left out', () => {
    for (const table of [
      'user',
      'users',
      'profile',
      'profiles',
      'customer',
      'members',
      'contact',
      'employee',
      'patient',
      'student',
      'lead',
      'account',
      'people',
      'person',
      'subscriber',
      'applicant',
      'client',
      'guest',
      'app_users',
      'users_archive',
    ])
      expect(personalColumns(table, ['name']), table).toEqual(['name']);
    for (const table of ['userss', 'superusers', 'products', 'leaderboard']) expect(personalColumns(table, ['name']), table).toEqual([]);
    expect(
      personalColumns('orders', [
        '*',
        'display_name',
        'displayname',
        'user_name',
        'username',
        'name',
        'surname',
        'name_x',
        'home_address',
        'birth_date',
        'gender',
        'salary',
        'nationality',
        'addressbook',
        'xaddress',
      ]),
      // `surname` is personal in the dashboard's list (columns.ts); the other names come from this function's own pattern.
    ).toEqual(['surname', 'home_address', 'birth_date', 'display_name', 'displayname', 'user_name', 'username', 'gender', 'salary', 'nationality']);
    expect(personalColumns('t', undefined)).toEqual([]);
    // `address` is in the dashboard's list and matches this function's pattern too: listed once.
    expect(personalColumns('users', ['address', 'street_address'])).toEqual(['address', 'street_address']);
  });
});

describe('cases from mutation testing (after the re-check)', () => {
  it('an embed inside an embed keeps its columns out of the list', () => {
    expect(parseSelect('p(q(x),z,w),k')).toEqual({ columns: ['k'], embeds: ['p'] });
  });

  it('a bucket named by a number is left out', () => {
    expect(classifyBuckets({ status: 200, body: '[{"name":7,"public":true}]' })).toEqual({ status: 200, verdict: 'empty', list: [] });
  });

  it('`member` is a table about people; `nickname`, `myusername` and `username_x` are not name columns', () => {
    expect(personalColumns('member', ['name'])).toEqual(['name']);
    expect(personalColumns('users', ['nickname', 'myusername', 'username_x'])).toEqual([]);
  });
});
