/**
 * Property-based tests of what reads a Supabase project's answers (utils/supabase/app-classify.ts) and a page's
 * code for a project (app-discover.ts): any status, Content-Range, body (up to 1 MB) and error classifies into the
 * probe's schemas, and any page text gives a discovery the app schema accepts. Values in a body never reach the
 * result: only column names and counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyBuckets,
  classifyOpenApi,
  classifyTableAnswer,
  columnsOf,
  isAnonymousRequest,
  isWrongRequest,
  parseContentRange,
  parseSelect,
  restTableOf,
} from '@/utils/supabase/app-classify';
import { discoverSupabase } from '@/utils/supabase/app-discover';
import { ProbeSchema, ProbeTableSchema, SupabaseAppSchema } from '@/utils/supabase/app-evidence';

const MB = 1024 * 1024;
const status = fc.oneof(fc.constantFrom(0, 200, 206, 400, 401, 403, 404, 406, 500), fc.integer({ min: 0, max: 999 }));
const contentRange = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('0-0/*', '0-0/12', '*/0', '0-9/100', '0-0/99999999999999999999', '-1-0/5', '0-0/-3', ' 0-0/1 '),
);
/** Bodies as PostgREST and Storage send them, plus anything. */
const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.array(fc.dictionary(fc.string({ maxLength: 80 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 30 }), { maxLength: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({ code: fc.oneof(fc.constantFrom('42501', 'PGRST205', '42P01', 'PGRST301'), fc.string({ maxLength: 20 })), message: fc.string({ maxLength: 200 }) })
    .map((v) => JSON.stringify(v)),
  fc
    .array(fc.record({ id: fc.jsonValue({ maxDepth: 0 }), name: fc.string({ maxLength: 120 }), public: fc.jsonValue({ maxDepth: 0 }) }), { maxLength: 10 })
    .map((v) => JSON.stringify(v)),
);
const answer = fc.record(
  {
    status,
    contentRange,
    body: fc.oneof(
      body,
      fc.integer({ min: 1, max: MB }).map((n) => `[{"a":"${'x'.repeat(n)}"}]`),
    ),
    truncated: fc.boolean(),
    error: fc.string({ maxLength: 400 }),
  },
  { requiredKeys: ['status'] },
);
const table = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,40}$/), fc.constantFrom('profiles', 'users', 'orders'));

describe('Supabase REST and Storage answers', () => {
  it('a table answer of any shape classifies into the probe-table schema, with no row value in it', () => {
    fc.assert(
      fc.property(table, answer, (name, a) => {
        const t = classifyTableAnswer(name, a);
        const parsed = ProbeTableSchema.safeParse(t);
        expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
        expect(JSON.stringify(t)).not.toContain('x'.repeat(300));
      }),
      { numRuns: 300 },
    );
  });

  it('a bucket list of any shape classifies into the probe schema', () => {
    fc.assert(
      fc.property(answer, fc.integer({ min: 0, max: 999 }), (a, openapi) => {
        const probe = {
          state: 'complete',
          keyKind: 'anon-jwt',
          startedAt: 0,
          durationMs: 1,
          requests: 2,
          openapi: classifyOpenApi(openapi),
          buckets: classifyBuckets(a),
        };
        const parsed = ProbeSchema.safeParse(probe);
        expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('Content-Range, select=, rows and request helpers take any input', () => {
    fc.assert(
      fc.property(
        contentRange,
        fc.string({ maxLength: 300 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        (range, select, row, apikey, auth) => {
          const r = parseContentRange(range);
          if (r) {
            expect(Number.isInteger(r.rows) && r.rows >= 0).toBe(true);
            if (r.total !== undefined) expect(Number.isFinite(r.total) && r.total >= 0).toBe(true);
          }
          const s = parseSelect(select);
          expect(Array.isArray(s.columns) && Array.isArray(s.embeds)).toBe(true);
          const cols = columnsOf(row);
          if (cols) expect(cols.every((c) => typeof c === 'string')).toBe(true);
          expect([true, false, undefined]).toContain(isAnonymousRequest(apikey, auth));
          expect(typeof isWrongRequest({ status: 401, body: select })).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('restTableOf: any URL, a 20-char ref and a table name or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true }),
          fc.tuple(fc.stringMatching(/^[a-z0-9]{18,22}$/), fc.string({ maxLength: 80 })).map(([ref, t]) => `https://${ref}.supabase.co/rest/v1/${t}`),
        ),
        (url) => {
          const r = restTableOf(url);
          if (r) expect(r.ref).toMatch(/^[a-z0-9]{20}$/);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('Supabase discovery over any page text', () => {
  const ref = 'abcdefghijklmnopqrst';
  const code = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          `https://${ref}.supabase.co`,
          `https:\\/\\/${ref}.supabase.co`,
          '.from("profiles")',
          ".from('x').select(",
          '.from(`t`)',
          'createClient(',
          'eyJ',
          'sb_publishable_',
          '"',
          '\\',
        ),
        fc.string({ maxLength: 60 }),
      ),
      { maxLength: 200 },
    )
    .map((a) => a.join(''));
  it('any scripts give no app or one the app schema accepts', () => {
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 4 }), (texts) => {
        const { app, probeKeys } = discoverSupabase({
          sources: texts.map((text, i) => ({ kind: 'script', url: `https://app.example.com/${i}.js`, label: `${i}.js`, text, truncated: false })),
        });
        if (app) {
          const parsed = SupabaseAppSchema.safeParse(app);
          expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
        }
        expect(probeKeys.every((k) => /^[a-z0-9]{20}$/.test(k.ref))).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('a 1 MB bundle naming thousands of tables is read into the bounded app', () => {
    const text = `const u="https://${ref}.supabase.co";${Array.from({ length: 40_000 }, (_, i) => `.from("t${i}")`).join(';')}`;
    expect(text.length).toBeGreaterThan(MB / 2);
    const { app } = discoverSupabase({ sources: [{ kind: 'script', url: 'https://app.example.com/a.js', label: 'a.js', text, truncated: false }] });
    expect(app).toBeDefined();
    expect(SupabaseAppSchema.safeParse(app).success).toBe(true);
  });
});
