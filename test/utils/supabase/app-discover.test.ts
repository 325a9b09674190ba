/** Passive discovery of a deployed app's Supabase project, keys and tables: pure, from the page's text and requests. */
import { describe, expect, it } from 'vitest';
import type { HttpResponse, Source } from '@/utils/evidence/evidence';
import { SupabaseAppSchema, SUPABASE_LIMITS } from '@/utils/supabase/app-evidence';
import { discoverSupabase } from '@/utils/supabase/app-discover';
import { fakeRef, mintAnonKey, mintPublishableKey, mintSecretKey, mintServiceRoleKey } from '../../fixtures/apps/supabase-keys';

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
