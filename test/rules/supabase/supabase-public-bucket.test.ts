import { expect } from 'vitest';
import rule from '@/rules/supabase/supabase-public-bucket';
import { resolveGuide } from '@/engine/fix';
import { NOW } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';
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
