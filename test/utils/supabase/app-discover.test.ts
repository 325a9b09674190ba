/** Passive discovery of a deployed app's Supabase project, keys and tables: pure, from the page's text and requests. */
import { describe, expect, it } from 'vitest';
import type { HttpResponse, Source } from '@/utils/evidence/evidence';
import { SupabaseAppSchema, SUPABASE_LIMITS } from '@/utils/supabase/app-evidence';
import { discoverSupabase } from '@/utils/supabase/app-discover';
import { fakeRef, mintAnonKey, mintPublishableKey, mintSecretKey, mintServiceRoleKey } from '../../fixtures/apps/supabase-keys';
import { FAKE_KEYS, seeded } from '../secrets/fake-keys';

const REF = fakeRef(1);
const URL_ = `https://${REF}.supabase.co`;
const ANON = mintAnonKey(REF);
const src = (text: string, kind: Source['kind'] = 'script', url = 'https://app.example.com/assets/index.js'): Source => ({
  kind,
  url,
  label: 'index.js',
  text,
  truncated: false,
});
const response = (url: string, over: Partial<HttpResponse> = {}): HttpResponse => ({
  url,
  status: 200,
  type: 'xmlhttprequest',
  headers: [],
  source: 'webRequest',
  ...over,
});

describe('discoverSupabase', () => {
  it('finds nothing (and scans nothing) on a page without a Supabase project', () => {
    expect(discoverSupabase({ sources: [src(`const k="${ANON}";fetch("/api")`)] })).toEqual({ app: undefined, probeKeys: [] });
  });

  it('finds the project URL, the anon key (kind and masked only) and the tables of .from() in all three quote styles', () => {
    const code = `const c=createClient("${URL_}","${ANON}");c.from('profiles').select('*');c.from("polls").select("id");c.from(\`votes\`).select();`;
    const { app, probeKeys } = discoverSupabase({ sources: [src(code)] });
    const p = app!.projects[0]!;
    expect(p).toMatchObject({ ref: REF, url: URL_, tablesFound: 3 });
    expect(p.tables.map((t) => t.name)).toEqual(['profiles', 'polls', 'votes']);
    expect(p.keys).toEqual([{ kind: 'anon-jwt', masked: expect.stringMatching(/^eyJ…/), fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) }]);
    expect(JSON.stringify(app)).not.toContain(ANON);
    expect(probeKeys).toEqual([{ ref: REF, kind: 'anon-jwt', value: ANON }]);
    // What goes into Evidence validates as Evidence.
    expect(SupabaseAppSchema.safeParse(app).success).toBe(true);
  });

  it('does not take storage buckets, Array.from, Buffer.from, dates or template literals with ${} for tables', () => {
    const code = `createClient("${URL_}","${ANON}");sb.storage.from('avatars');Array.from("abc");Buffer.from('aGk=');Uint8Array.from("xy");Temporal.PlainDate.from('2020-01-01');sb.from(\`t_\${x}\`);x.from("2024-01-01");sb.from('tasks')`;
    const p = discoverSupabase({ sources: [src(code)] }).app!.projects[0]!;
    expect(p.tables.map((t) => t.name)).toEqual(['tasks']);
  });

  it('ranks chained supabase-js calls before other libraries’ unchained `.from("…")` (e.g. mapbox-gl’s)', () => {
    const code = `createClient("${URL_}","${ANON}");const a=e.I.from("mapbox-reserved-lut"),l=1;sb.from("tasks").select("*");sb.from('notes') .insert({});`;
    expect(discoverSupabase({ sources: [src(code)] }).app!.projects[0]!.tables.map((t) => t.name)).toEqual(['tasks', 'notes', 'mapbox-reserved-lut']);
  });

  it('never offers a secret or service_role key for probing, but records its kind', () => {
    const code = `createClient("${URL_}","${mintServiceRoleKey(REF)}");var s="${mintSecretKey()}";`;
    const { app, probeKeys } = discoverSupabase({ sources: [src(code)] });
    expect(app!.projects[0]!.keys.map((k) => k.kind).sort()).toEqual(['secret', 'service-role-jwt']);
    expect(probeKeys).toEqual([]);
  });

  it('takes an sb_publishable_ key for the project when there is exactly one', () => {
    const pk = mintPublishableKey();
    const one = discoverSupabase({ sources: [src(`createClient("${URL_}","${pk}")`)] });
    expect(one.probeKeys).toEqual([{ ref: REF, kind: 'publishable', value: pk }]);
    const two = discoverSupabase({ sources: [src(`a("${URL_}");b("https://${fakeRef(2)}.supabase.co","${pk}")`)] });
    expect(two.app!.projects).toHaveLength(2);
    expect(two.probeKeys).toEqual([]); // whose key is it? not guessed
  });

  it('pairs a legacy key with its project by its ref claim, and finds a project from the claim alone (custom domain)', () => {
    const other = fakeRef(3);
    const { app, probeKeys } = discoverSupabase({ sources: [src(`createClient("https://api.example.com","${mintAnonKey(other)}");x("${URL_}")`)] });
    expect(app!.projects.map((p) => p.ref).sort()).toEqual([REF, other].sort());
    expect(probeKeys.map((k) => k.ref)).toEqual([other]);
  });

  it('reads JSON-escaped project URLs (config blobs)', () => {
    const { app } = discoverSupabase({ sources: [src(`{"supabaseUrl":"https:\\/\\/${REF}.supabase.co","anon":"${ANON}"}`, 'data-blob')] });
    expect(app!.projects[0]!.ref).toBe(REF);
  });

  it('records the page’s own requests: status, Content-Range rows/total, select= columns and anonymity, requested tables first', () => {
    const responses = [
      response(`${URL_}/rest/v1/profiles`, {
        status: 206,
        headers: [['Content-Range', '0-4/12']],
        supabase: { method: 'GET', select: ['id', 'full_name', 'email'], anonymous: true },
      }),
      response(`${URL_}/rest/v1/rpc/get_stats`, { supabase: { method: 'POST', anonymous: true } }),
      response(`${URL_}/auth/v1/user`),
    ];
    const { app } = discoverSupabase({ sources: [src(`c=createClient("${URL_}","${ANON}");c.from("polls")`)], responses });
    const p = app!.projects[0]!;
    expect(p.tables.map((t) => t.name)).toEqual(['profiles', 'polls']);
    expect(p.tables[0]).toMatchObject({
      name: 'profiles',
      requested: true,
      inCode: false,
      selected: ['id', 'full_name', 'email'],
      requests: [{ method: 'GET', status: 206, rows: 5, total: 12, select: ['id', 'full_name', 'email'], anonymous: true }],
    });
  });

  it('finds tables and select= columns in the page’s request list when webRequest saw nothing (quick audit)', () => {
    const reqUrl = `${URL_}/rest/v1/orders?select=id,total,customer:customers(email)&status=eq.open`;
    const { app } = discoverSupabase({ sources: [src(reqUrl, 'request-url', `${URL_}/rest/v1/orders`)], resources: [`${URL_}/rest/v1/orders`] });
    const p = app!.projects[0]!;
    expect(p.tables.map((t) => t.name)).toEqual(['orders', 'customers']);
    expect(p.tables[0]!.selected).toEqual(['id', 'total']);
    expect(JSON.stringify(app)).not.toContain('open'); // filter values are never read
  });

  it('stays bounded on a bundle naming 5,000 tables', () => {
    const bundle = (n: number) => `createClient("${URL_}","${ANON}");${Array.from({ length: n }, (_, i) => `s.from("t_${i}").select()`).join(';')}`;
    const p = discoverSupabase({ sources: [src(bundle(5000))] }).app!.projects[0]!;
    expect(p.tablesFound).toBe(5000);
    expect(p.tables).toHaveLength(SUPABASE_LIMITS.tables);
    expect(SupabaseAppSchema.parse({ projects: [p] }).projects[0]!.tables).toHaveLength(SUPABASE_LIMITS.tables);
    // Twice the tables named: the same capped list kept, only the count grows.
    const twice = discoverSupabase({ sources: [src(bundle(10_000))] }).app!.projects[0]!;
    expect(twice.tablesFound).toBe(10_000);
    expect(twice.tables).toEqual(p.tables);
  });

  it('keeps at most 10 projects when a page names many', () => {
    const code = Array.from({ length: 40 }, (_, i) => `"https://${fakeRef(100 + i)}.supabase.co"`).join(',');
    expect(discoverSupabase({ sources: [src(code)] }).app!.projects).toHaveLength(SUPABASE_LIMITS.projects);
  });

  it('ignores look-alike hosts (a bogus project URL is kept only in the exact documented shape)', () => {
    const code = `x("https://${REF}.supabase.co.evil.example/");y("https://short.supabase.co");z("https://${REF.toUpperCase()}.supabase.co")`;
    expect(discoverSupabase({ sources: [src(code)] }).app).toBeUndefined();
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target"): where a project, key or table may come from, and
// what each request and table entry records. Fixtures: supabase-js and PostgREST URL shapes as in the tests above.
describe('discoverSupabase: cases from mutation testing', () => {
  const tableNames = (input: Parameters<typeof discoverSupabase>[0]) => discoverSupabase(input).app?.projects[0]?.tables.map((t) => t.name);

  it('finds the project from the page’s requests alone, or from its resource list alone', () => {
    expect(discoverSupabase({ responses: [response(`${URL_}/auth/v1/user`)] }).app!.projects.map((p) => p.ref)).toEqual([REF]);
    expect(discoverSupabase({ resources: [`${URL_}/rest/v1/todos`] }).app!.projects[0]).toEqual({
      ref: REF,
      url: URL_,
      keys: [],
      tables: [{ name: 'todos', inCode: false, requested: true, selected: [], requests: [] }],
      tablesFound: 1,
    });
  });

  it('a mention of .supabase.co without a project address is no project; unreadable addresses are skipped', () => {
    expect(discoverSupabase({ sources: [src('see docs at supabase.co or https://x.supabase.com')] }).app).toBeUndefined();
    expect(discoverSupabase({ resources: ['https://app.example.com/.supabase.co', 'not a url .supabase.co'] }).app).toBeUndefined();
    expect(discoverSupabase({ responses: [response('https://cdn.example.com/x.supabase.co.js')] }).app).toBeUndefined();
  });

  it('reads protocol-relative and http project addresses, and not a longer host or name', () => {
    expect(discoverSupabase({ sources: [src(`a("//${REF}.supabase.co/rest/v1/")`)] }).app!.projects[0]!.ref).toBe(REF);
    expect(discoverSupabase({ sources: [src(`a("http://${REF}.supabase.co")`)] }).app!.projects[0]!.ref).toBe(REF);
    expect(discoverSupabase({ sources: [src(`a("https://${REF}.supabase.co.")`)] }).app!.projects[0]!.ref).toBe(REF);
    for (const bad of [`https://${REF}.supabase.com`, `https://${REF}.supabase.co-x`, `https://${REF}.supabase.co.evil`, `https://${REF}x.supabase.co`])
      expect(discoverSupabase({ sources: [src(`a("${bad}")`)] }).app, bad).toBeUndefined();
  });

  it('keeps the first 10 projects in the order found: requests, then resources, then code', () => {
    const refs = Array.from({ length: 12 }, (_, i) => fakeRef(200 + i));
    const { app } = discoverSupabase({
      responses: [response(`https://${refs[0]}.supabase.co/auth/v1/user`)],
      resources: [`https://${refs[1]}.supabase.co/rest/v1/t`],
      sources: [
        src(
          refs
            .slice(2)
            .map((r) => `"https://${r}.supabase.co"`)
            .join(','),
        ),
      ],
    });
    expect(app!.projects.map((p) => p.ref)).toEqual(refs.slice(0, 10));
  });

  it('ignores secrets of other providers on a Supabase page', () => {
    const other = FAKE_KEYS['groq-api-key'](seeded(5)).value;
    const { app, probeKeys } = discoverSupabase({ sources: [src(`createClient("${URL_}","${ANON}");const g="${other}";`)] });
    expect(app!.projects[0]!.keys.map((k) => k.kind)).toEqual(['anon-jwt']);
    expect(probeKeys).toHaveLength(1);
  });

  it('one probe key per project: the first anon key found', () => {
    const second = mintAnonKey(REF, 7);
    const { app, probeKeys } = discoverSupabase({ sources: [src(`createClient("${URL_}","${ANON}");x("${second}")`)] });
    expect(app!.projects[0]!.keys).toHaveLength(2);
    expect(probeKeys).toEqual([{ ref: REF, kind: 'anon-jwt', value: ANON }]);
  });

  it('one probe key per project: the first publishable key found, and none beside an anon key already taken', () => {
    const [pk1, pk2] = [mintPublishableKey(11), mintPublishableKey(12)];
    expect(discoverSupabase({ sources: [src(`createClient("${URL_}","${pk1}");x("${pk2}")`)] }).probeKeys).toEqual([
      { ref: REF, kind: 'publishable', value: pk1 },
    ]);
    expect(discoverSupabase({ sources: [src(`createClient("${URL_}","${pk1}");x("${ANON}")`)] }).probeKeys).toEqual([
      { ref: REF, kind: 'anon-jwt', value: ANON },
    ]);
  });

  it('a legacy key whose ref claim is not a project ref is not paired by it (one project: it is that project’s, not probed)', () => {
    const odd = mintAnonKey('Not-A-Ref');
    const one = discoverSupabase({ sources: [src(`createClient("${URL_}","${odd}")`)] });
    expect(one.app!.projects[0]!.keys.map((k) => k.kind)).toEqual(['anon-jwt']);
    expect(one.probeKeys).toEqual([]);
    // No project address at all: the key names no project, so there is none.
    expect(discoverSupabase({ sources: [src(`// .supabase.co\ncreateClient("https://api.example.com","${odd}")`)] }).app).toBeUndefined();
  });

  it('a service_role key names its project by its ref claim, and is recorded there, never probed', () => {
    const other = fakeRef(4);
    const { app, probeKeys } = discoverSupabase({ sources: [src(`x("${URL_}");// .supabase.co\ny("${mintServiceRoleKey(other)}")`)] });
    expect(app!.projects.find((p) => p.ref === other)!.keys.map((k) => k.kind)).toEqual(['service-role-jwt']);
    expect(app!.projects.find((p) => p.ref === REF)!.keys).toEqual([]);
    expect(probeKeys).toEqual([]);
  });

  it('a project beyond the first 10 named by a key claim is not added, and its key is not given to another', () => {
    const refs = Array.from({ length: 10 }, (_, i) => `"https://${fakeRef(300 + i)}.supabase.co"`).join(',');
    const { app, probeKeys } = discoverSupabase({ sources: [src(`${refs};k("${mintAnonKey(fakeRef(399))}")`)] });
    expect(app!.projects).toHaveLength(10);
    expect(app!.projects.flatMap((p) => p.keys)).toEqual([]);
    expect(probeKeys).toEqual([]);
  });

  it('records each captured request: method, status, rows and total when known, select and anonymity when known', () => {
    const responses = [
      response(`${URL_}/rest/v1/notes`, { status: 200, headers: [['content-range', '0-1/*']], supabase: { method: 'GET', anonymous: false } }),
      response(`${URL_}/rest/v1/notes`, { status: 401 }),
    ];
    const t = discoverSupabase({ responses }).app!.projects[0]!.tables[0]!;
    expect(t).toEqual({
      name: 'notes',
      inCode: false,
      requested: true,
      selected: [],
      requests: [
        { method: 'GET', status: 200, rows: 2, anonymous: false },
        { method: 'OTHER', status: 401 },
      ],
    });
  });

  it('keeps at most 5 requests per table, and none that were not seen passively (refetch, probe)', () => {
    const many = Array.from({ length: 7 }, (_, i) => response(`${URL_}/rest/v1/notes`, { status: 200 + i }));
    expect(discoverSupabase({ responses: many }).app!.projects[0]!.tables[0]!.requests.map((r) => r.status)).toEqual([200, 201, 202, 203, 204]);
    const notPassive = [
      response(`${URL_}/rest/v1/notes`, { source: 'refetch', supabase: { method: 'GET', select: ['id', 'email'] } }),
      response(`${URL_}/rest/v1/notes`, { source: 'probe' }),
    ];
    expect(discoverSupabase({ responses: notPassive }).app!.projects[0]!.tables[0]).toMatchObject({ requested: true, selected: ['id', 'email'], requests: [] });
  });

  it('select= columns: `*` is not a column, each name once, in order, across requests', () => {
    const responses = [
      response(`${URL_}/rest/v1/notes`, { supabase: { method: 'GET', select: ['*', 'id', 'title'] } }),
      response(`${URL_}/rest/v1/notes`, { supabase: { method: 'GET', select: ['title', 'owner'] } }),
    ];
    expect(discoverSupabase({ responses }).app!.projects[0]!.tables[0]!.selected).toEqual(['id', 'title', 'owner']);
  });

  it('requests to another project’s host, or that are not a table, add no table', () => {
    const other = `https://${fakeRef(5)}.supabase.co`;
    const responses = [response(`${URL_}/auth/v1/token`), response(`${URL_}/rest/v1/rpc/f`), response(`${URL_}/storage/v1/bucket`)];
    expect(tableNames({ responses, resources: [`${URL_}/rest/v1/`] })).toEqual([]);
    // A project's table is listed under it only.
    const { app } = discoverSupabase({ responses: [response(`${URL_}/rest/v1/a`), response(`${other}/rest/v1/b`)] });
    expect(app!.projects.map((p) => [p.ref, p.tables.map((t) => t.name)])).toEqual([
      [REF, ['a']],
      [fakeRef(5), ['b']],
    ]);
  });

  it('request addresses: the table before ? or #, select= read up to #, embeds as tables', () => {
    const reqs = [`${URL_}/rest/v1/a#frag`, `${URL_}/rest/v1/b?select=id,name#x`, `${URL_}/rest/v1/c?order=id`, `${URL_}/rest/v1/d?select=*,owner:users(id)`];
    const p = discoverSupabase({ sources: reqs.map((u) => src(u, 'request-url', u)) }).app!.projects[0]!;
    expect(p.tables.map((t) => [t.name, t.selected])).toEqual([
      ['a', []],
      ['b', ['id', 'name']],
      ['c', []],
      ['d', []],
      ['users', []],
    ]);
  });

  it('reads .from() in inline scripts, HTML and config blobs, not in request addresses or storage keys', () => {
    const code = `x("${URL_}");sb.from('t1').select()`;
    for (const kind of ['inline-script', 'html', 'data-blob', 'script'] as const) expect(tableNames({ sources: [src(code, kind)] }), kind).toEqual(['t1']);
    for (const kind of ['request-url', 'storage-key'] as const) expect(tableNames({ sources: [src(code, kind)] }), kind).toEqual([]);
  });

  it('.from() spelling: spaces inside the call and before the chained call, each chained verb, 64 characters at most', () => {
    const long = `t${'x'.repeat(62)}`; // 63 characters: the longest table name kept
    const code = `x("${URL_}");a.from( 'spaced' );a.from("up").update({});a.from("ups") . upsert({});a.from("del").delete();a.from("ins").insert({});a.from('${long}');a.from('${long}x')`;
    expect(tableNames({ sources: [src(code)] })).toEqual(['up', 'ups', 'del', 'ins', 'spaced', long]);
  });

  it('a .from() on an unnamed receiver counts; receivers are matched whole, close before the call', () => {
    const code = `x("${URL_}");getClient().from('a1').select();myArray.from('a2');Arrays.from('a3');mystorage.from('a4');StringUtil.from('a5');sb .from('a6')`;
    expect(tableNames({ sources: [src(code)] })).toEqual(['a1', 'a3', 'a4', 'a5', 'a6']);
  });

  it('stops remembering table names after 10,000 (a hostile bundle)', () => {
    const code = `x("${URL_}");${Array.from({ length: 10_005 }, (_, i) => `s.from("t_${i}")`).join(';')}`;
    expect(discoverSupabase({ sources: [src(code)] }).app!.projects[0]!.tablesFound).toBe(10_000);
  });

  it('tables named in code belong to every project found (projects seen in requests first), after each project’s own requested tables', () => {
    const other = `https://${fakeRef(6)}.supabase.co`;
    const { app } = discoverSupabase({
      sources: [src(`x("${URL_}","${other}");s.from('shared').select()`)],
      responses: [response(`${other}/rest/v1/own`)],
    });
    expect(app!.projects.map((p) => p.tables.map((t) => [t.name, t.inCode, t.requested]))).toEqual([
      [
        ['own', false, true],
        ['shared', true, false],
      ],
      [['shared', true, false]],
    ]);
  });

  it('a table both requested and in code is listed once, with both facts', () => {
    const p = discoverSupabase({ sources: [src(`x("${URL_}");s.from('notes').select()`)], resources: [`${URL_}/rest/v1/notes`] }).app!.projects[0]!;
    expect(p.tables).toEqual([{ name: 'notes', inCode: true, requested: true, selected: [], requests: [] }]);
    expect(p.tablesFound).toBe(1);
  });

  it('keeps at most 200 requested tables per project and 100 select= columns per table', () => {
    const names = Array.from({ length: 205 }, (_, i) => `r_${i}`);
    const first200 = names.slice(0, 200);
    const fromResources = discoverSupabase({ resources: names.map((n) => `${URL_}/rest/v1/${n}?select=id`) }).app!.projects[0]!;
    expect([fromResources.tablesFound, fromResources.tables.map((t) => t.name)]).toEqual([200, first200]);
    const responses = names.map((n) => response(`${URL_}/rest/v1/${n}`, { supabase: { method: 'GET', select: ['id'] } }));
    const fromRequests = discoverSupabase({ responses }).app!.projects[0]!;
    expect([fromRequests.tablesFound, fromRequests.tables.map((t) => t.name)]).toEqual([200, first200]);
    const cols = Array.from({ length: 105 }, (_, i) => `c${i}`);
    const one = discoverSupabase({ responses: [response(`${URL_}/rest/v1/wide`, { supabase: { method: 'GET', select: cols } })] });
    expect(one.app!.projects[0]!.tables[0]!.selected).toEqual(cols.slice(0, 100));
  });

  it('requests to an 11th project’s tables are dropped with it', () => {
    const refs = Array.from({ length: 11 }, (_, i) => fakeRef(400 + i));
    const responses = refs.map((r) => response(`https://${r}.supabase.co/rest/v1/t`));
    const resources = [`https://${refs[10]}.supabase.co/rest/v1/u?select=id`];
    const { app } = discoverSupabase({ responses, resources });
    expect(app!.projects.map((p) => p.ref)).toEqual(refs.slice(0, 10));
    expect(app!.projects.map((p) => p.tables.map((t) => t.name))).toEqual(refs.slice(0, 10).map(() => ['t']));
  });

  it('a ref claim is exactly 20 lower-case letters or digits to name a project', () => {
    for (const ref of [`${fakeRef(8)}x`, `X${fakeRef(8)}`, fakeRef(8).slice(1)]) {
      const { app } = discoverSupabase({ sources: [src(`// .supabase.co\ncreateClient("https://api.example.com","${mintAnonKey(ref)}")`)] });
      expect(app, ref).toBeUndefined();
    }
  });

  it('a table named only in code has no columns and no requests; a request without a total records none', () => {
    const p = discoverSupabase({ sources: [src(`x("${URL_}");s.from('solo').select()`)] }).app!.projects[0]!;
    expect(p.tables).toStrictEqual([{ name: 'solo', inCode: true, requested: false, selected: [], requests: [] }]);
    const responses = [response(`${URL_}/rest/v1/notes`, { headers: [['content-range', '0-1/*']], supabase: { method: 'GET' } })];
    expect(discoverSupabase({ responses }).app!.projects[0]!.tables[0]!.requests).toStrictEqual([{ method: 'GET', status: 200, rows: 2 }]);
  });

  it('a key alone, beside requests to other hosts, is no sign of Supabase', () => {
    const input = { sources: [src(`const k="${ANON}"`)], responses: [response('https://api.example.com/x')], resources: ['https://cdn.example.com/a.js'] };
    expect(discoverSupabase(input)).toEqual({ app: undefined, probeKeys: [] });
  });

  it('one source naming the project is enough among several that do not', () => {
    expect(discoverSupabase({ sources: [src('console.log(1)'), src(`createClient("${URL_}")`)] }).app!.projects[0]!.ref).toBe(REF);
  });
});
