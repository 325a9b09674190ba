import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/supabase-public-bucket';
import { resolveGuide } from '@/engine/fix';
import { NOW } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { REF, advisors, bucket, dashboard, fixedBy, lint, policy, snippetOf } from '../../helpers/dashboard';

const AVATARS = bucket({ id: 'avatars', public: true });
const LIST_POLICY = policy({ schema: 'storage', table: 'objects', name: 'Anyone can list avatars', command: 'SELECT', roles: ['public'], bucket: 'avatars' });

describeRule(rule, {
  flagged: [
    {
      name: 'a public bucket with a broad SELECT policy (storage policies page): listing, medium',
      evidence: dashboard({ buckets: [AVATARS], policies: [LIST_POLICY] }),
      messages: ['listing'],
      severity: 'medium',
      check: ([f]) => {
        const code = snippetOf(rule, f!);
        expect(code).toContain("update storage.buckets set public = false where id = 'avatars';");
        expect(code).toContain('drop policy "Anyone can list avatars" on storage.objects;');
        expect(resolveGuide(rule.meta.fix, [], { ref: REF, ...f!.vars }).primary.deepLink).toBe(
          `https://supabase.com/dashboard/project/${REF}/storage/buckets/avatars`,
        );
      },
    },
    {
      name: 'a listing policy seen through the Management API (USING bucket_id = …)',
      evidence: dashboard({
        buckets: [AVATARS],
        policies: [policy({ schema: 'storage', table: 'objects', name: 'List', command: 'SELECT', roles: ['anon'], using: "(bucket_id = 'avatars'::text)" })],
      }),
      messages: ['listing'],
    },
    {
      name: 'the Security Advisor’s "Public Bucket Allows Listing"',
      evidence: dashboard({
        advisors: advisors(
          lint('public_bucket_allows_listing', { level: 'WARN', schema: 'storage', entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars' }),
        ),
      }),
      messages: ['listing'],
    },
    { name: 'public, listing unknown: low', evidence: dashboard({ buckets: [AVATARS] }), messages: ['public'], severity: 'low' },
    {
      name: 'an id with a quote is a safe literal',
      evidence: dashboard({ buckets: [bucket({ id: "it's", public: true })] }),
      messages: ['public'],
      check: ([f]) => expect(snippetOf(rule, f!)).toContain("where id = 'it''s';"),
    },
  ],
  clean: [
    {
      name: 'a private bucket',
      evidence: dashboard({ buckets: [bucket({ id: 'invoices', public: false })], policies: [{ ...LIST_POLICY, bucket: 'invoices' }] }),
    },
    {
      name: 'a bucket made private after the advisor ran',
      evidence: dashboard({
        buckets: [bucket({ id: 'avatars', public: false, seenAt: NOW + 5 })],
        advisors: advisors(lint('public_bucket_allows_listing', { schema: 'storage', entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars' })),
      }),
    },
  ],
  fixed: [{ name: 'option 1 of the snippet: the bucket made private', ...fixedBy(rule, { buckets: [AVATARS], policies: [LIST_POLICY] }) }],
});

const FIND_BLOCK =
  "-- find the broad SELECT policies:\nselect policyname, roles, qual from pg_policies where schemaname = 'storage' and tablename = 'objects' and cmd in ('SELECT', 'ALL');\n-- then: drop policy \"<policy name>\" on storage.objects;";

// Found by mutation testing (docs/mutation.md): messages in full, evidence, location, identity, vars, severity, which
// storage policies allow listing (schema, table, command, roles, bucket by id or name, USING forms), advisor rows.
describe('supabase-public-bucket, cases from mutation testing', () => {
  const run = (d: Parameters<typeof dashboard>[0]) => findingsOf(rule, dashboard(d));
  const listing = (o: Partial<Parameters<typeof policy>[0]>) =>
    run({ buckets: [AVATARS], policies: [policy({ schema: 'storage', table: 'objects', name: 'P', command: 'SELECT', roles: ['anon'], ...o })] })[0]!.messageId;
  it('listing by policy: message, evidence, location, identity, vars in full', () => {
    const ev = dashboard({ buckets: [AVATARS], policies: [LIST_POLICY, { ...LIST_POLICY, name: 'Second' }] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('Bucket “avatars” is public and a broad SELECT policy lets anyone with the publishable key list all its files.');
    expect(f!.evidence).toBe('bucket avatars: public; listable (policy "Anyone can list avatars", "Second")');
    expect(f!.location).toEqual({ kind: 'storage', name: 'avatars' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'public_bucket_allows_listing_avatars'));
    expect(f!.severity).toBe('medium');
    expect(f!.vars).toEqual({
      bucket: 'avatars',
      bucket_literal: "'avatars'",
      listing_block: 'drop policy "Anyone can list avatars" on storage.objects;\ndrop policy "Second" on storage.objects;',
    });
  });
  it('public only: message, evidence, identity, vars in full', () => {
    const ev = dashboard({ buckets: [AVATARS, bucket({ id: 'private', public: false }), bucket({ id: 'unknown' })] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe(
      'Bucket “avatars” is public: anyone with a file’s URL can download it without signing in. Fine for avatars and logos, not for private uploads.',
    );
    expect(f!.evidence).toBe('bucket avatars: public');
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'public_bucket_avatars'));
    expect(f!.severity).toBe('low');
    expect(f!.vars).toEqual({ bucket: 'avatars', bucket_literal: "'avatars'", listing_block: FIND_BLOCK });
  });
  it('the bucket page saying it is listable', () => {
    const [f] = run({ buckets: [bucket({ id: 'avatars', public: true, listing: true })] });
    expect(f!.messageId).toBe('listing');
    expect(f!.evidence).toBe('bucket avatars: public; listable');
    expect(f!.vars!.listing_block).toBe(FIND_BLOCK);
    expect(run({ buckets: [bucket({ id: 'avatars', public: true, listing: false })] })[0]!.messageId).toBe('public');
  });
  it('advisor row: by cache key, by entity, its bucket name, evidence', () => {
    const ev = dashboard({
      advisors: advisors(
        lint('public_bucket_allows_listing', {
          title: 'Public Bucket Allows Listing',
          schema: 'storage',
          entity: 'Avatars',
          cacheKey: 'public_bucket_allows_listing_avatars',
        }),
      ),
    });
    const [f] = findingsOf(rule, ev);
    expect(f!.message).toBe('Bucket “Avatars” is public and a broad SELECT policy lets anyone with the publishable key list all its files.');
    expect(f!.evidence).toBe('bucket Avatars: public; listable; Security Advisor: Public Bucket Allows Listing');
    expect(f!.vars!.bucket).toBe('avatars');
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'public_bucket_allows_listing_avatars'));
    const byEntity = run({ advisors: advisors(lint('public_bucket_allows_listing', { schema: 'storage', entity: 'docs', cacheKey: 'other_key' })) });
    expect(byEntity[0]!.vars!.bucket).toBe('docs');
    expect(byEntity[0]!.location.name).toBe('docs');
    const noEntity = { ...lint('public_bucket_allows_listing', { cacheKey: 'x' }), entity: undefined };
    expect(run({ advisors: advisors(noEntity as never) })).toEqual([]);
    const keyOnly = { ...lint('public_bucket_allows_listing', { cacheKey: 'public_bucket_allows_listing_files' }), entity: undefined };
    expect(run({ advisors: advisors(keyOnly as never) })[0]!.location.name).toBe('files');
  });
  it('advisor row next to a seen bucket: merged into one finding, named as the bucket; the bucket found by its name too', () => {
    const l = lint('public_bucket_allows_listing', { title: 'T', schema: 'storage', entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars' });
    const [f, ...rest] = run({ buckets: [AVATARS], advisors: advisors(l) });
    expect(rest).toEqual([]);
    expect(f!.evidence).toBe('bucket avatars: public; listable; Security Advisor: T');
    const named = run({
      buckets: [bucket({ id: 'b1', name: 'Photos', public: true })],
      advisors: advisors(lint('public_bucket_allows_listing', { title: 'T', entity: 'Photos', cacheKey: 'k' })),
    });
    expect(named.map((x) => [x.vars!.bucket, x.location.name])).toEqual([['b1', 'Photos']]);
    const byKeyName = run({
      buckets: [bucket({ id: 'b1', name: 'Photos', public: true })],
      advisors: advisors(lint('public_bucket_allows_listing', { title: 'T', entity: 'x', cacheKey: 'public_bucket_allows_listing_Photos' })),
    });
    expect(byKeyName.map((x) => x.vars!.bucket)).toEqual(['b1']);
    const byEntityName = run({
      buckets: [bucket({ id: 'b1', name: 'Photos', public: true })],
      advisors: advisors(lint('public_bucket_allows_listing', { title: 'T', entity: 'Photos', cacheKey: 'public_bucket_allows_listing_zzz' })),
    });
    expect(byEntityName.map((x) => x.vars!.bucket)).toEqual(['b1']);
  });
  it('made private before the advisor ran, or at the same moment: the advisor row still counts only if it is newer', () => {
    const l = (seenAt: number) =>
      advisors(lint('public_bucket_allows_listing', { entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars', seenAt }));
    expect(run({ buckets: [bucket({ id: 'avatars', public: false, seenAt: NOW })], advisors: l(NOW) })).toEqual([]);
    expect(run({ buckets: [bucket({ id: 'avatars', public: false, seenAt: NOW })], advisors: l(NOW + 1) }).length).toBe(1);
    const renamed = run({
      buckets: [bucket({ id: 'b1', name: 'Photos', public: false, seenAt: NOW })],
      advisors: advisors(lint('public_bucket_allows_listing', { entity: 'b1', cacheKey: 'k', seenAt: NOW + 1 })),
    });
    expect(renamed.map((x) => [x.vars!.bucket, x.location.name])).toEqual([['b1', 'Photos']]);
    expect(run({ buckets: [bucket({ id: 'avatars', seenAt: NOW + 5 })], advisors: l(NOW) }).length).toBe(1);
  });
  it('which storage policies allow listing', () => {
    expect(listing({})).toBe('public');
    expect(listing({ bucket: 'avatars' })).toBe('listing');
    expect(listing({ bucket: 'avatars', command: 'ALL' })).toBe('listing');
    expect(listing({ bucket: 'avatars', command: 'INSERT' })).toBe('public');
    expect(listing({ bucket: 'avatars', permissive: false })).toBe('public');
    expect(listing({ bucket: 'avatars', schema: 'public' })).toBe('public');
    expect(listing({ bucket: 'avatars', table: 'buckets' })).toBe('public');
    expect(listing({ bucket: 'avatars', roles: ['authenticated'] })).toBe('listing');
    expect(listing({ bucket: 'avatars', roles: [] })).toBe('listing');
    expect(listing({ bucket: 'avatars', roles: ['service_role'] })).toBe('public');
    expect(listing({ bucket: 'other' })).toBe('public');
    expect(listing({ bucket: 'other', using: 'true' })).toBe('public');
    expect(listing({ using: null })).toBe('listing');
    expect(listing({ using: '(true)' })).toBe('listing');
    expect(listing({ using: "bucket_id = 'avatars'" })).toBe('listing');
    expect(listing({ using: " ((  BUCKET_ID  =  'avatars' :: text )) " })).toBe('listing');
    expect(listing({ using: "(bucket_id='avatars'::pg_catalog.text)" })).toBe('listing');
    expect(listing({ using: "(bucket_id = 'other'::text)" })).toBe('public');
    expect(listing({ using: "(bucket_id = 'avatars'::text) and auth.uid() is not null" })).toBe('public');
    expect(listing({ using: "x (bucket_id = 'avatars')" })).toBe('public');
    expect(listing({ using: "(bucket_id = 'avatars') x" })).toBe('public');
    expect(listing({ using: "(owner_id = 'avatars')" })).toBe('public');
    expect(listing({ using: "(bucket_id = 'avatars'::)" })).toBe('public');
  });
  it('a policy naming the bucket by id when its name differs', () => {
    const b = bucket({ id: 'b1', name: 'Photos', public: true });
    const pol = policy({ schema: 'storage', table: 'objects', name: 'P', command: 'SELECT', roles: ['anon'], bucket: 'b1' });
    expect(run({ buckets: [b], policies: [pol] })[0]!.messageId).toBe('listing');
  });
  it('an advisor row is matched to its own bucket among several', () => {
    const found = run({
      buckets: [bucket({ id: 'aaa', public: true }), AVATARS],
      advisors: advisors(lint('public_bucket_allows_listing', { entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars' })),
    });
    expect(found.map((f) => `${f.location.name}:${f.messageId}`).sort()).toEqual(['aaa:public', 'avatars:listing']);
  });
  it('two advisor rows for one bucket: both named in the evidence', () => {
    const [f, ...rest] = run({
      buckets: [AVATARS],
      advisors: advisors(
        lint('public_bucket_allows_listing', { title: 'A', entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars' }),
        lint('public_bucket_allows_listing', { title: 'B', entity: 'avatars', cacheKey: 'public_bucket_allows_listing_avatars', level: 'WARN' }),
      ),
    });
    expect(rest).toEqual([]);
    expect(f!.evidence).toBe('bucket avatars: public; listable; Security Advisor: A; Security Advisor: B');
  });
  it('a bucket found by its name in a policy; a quote in the id inside USING', () => {
    const b = bucket({ id: 'b1', name: 'Photos', public: true });
    const pol = (o: Partial<Parameters<typeof policy>[0]>) =>
      policy({ schema: 'storage', table: 'objects', name: 'P', command: 'SELECT', roles: ['anon'], ...o });
    expect(run({ buckets: [b], policies: [pol({ bucket: 'Photos' })] })[0]!.messageId).toBe('listing');
    const q = bucket({ id: "it's", public: true });
    expect(run({ buckets: [q], policies: [pol({ using: "(bucket_id = 'it''s'::text)" })] })[0]!.messageId).toBe('listing');
    expect(run({ buckets: [q], policies: [pol({ using: "(bucket_id = 'it''s''::text)" })] })[0]!.messageId).toBe('public');
    const q2 = bucket({ id: "a'b'c", public: true });
    expect(run({ buckets: [q2], policies: [pol({ using: "(bucket_id = 'a''b''c'::text)" })] })[0]!.messageId).toBe('listing');
  });
});

describe('supabase-public-bucket fix guide, cases from mutation testing', () => {
  it('the 0025 lint docs, an SQL snippet', () => {
    const g = resolveGuide(rule.meta.fix, [], { ref: REF, bucket: 'avatars' }).primary;
    expect(g.docs).toBe('https://supabase.com/docs/guides/database/database-linter?lint=0025_public_bucket_allows_listing');
    expect(g.snippet?.language).toBe('sql');
  });
});
