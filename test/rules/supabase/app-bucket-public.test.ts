import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/app-bucket-public';
import { guideForFinding } from '@/engine/fix';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { REF, supabaseEvidence } from '../../helpers/supabase';

const buckets = (list: { id: string; public: boolean }[]) =>
  supabaseEvidence([{ probe: { buckets: { status: 200, verdict: list.length ? 'listed' : 'empty', list } } }]);
const AUDIT = { platforms: [], origin: 'https://app.example.com', url: 'https://app.example.com/', vars: {} };

describeRule(rule, {
  flagged: [
    {
      name: 'a public bucket and the list visible to logged-out visitors',
      evidence: buckets([
        { id: 'avatars', public: true },
        { id: 'invoices', public: false },
      ]),
      messages: ['public', 'listing'],
      check: (fs) => {
        const pub = fs.find((f) => f.messageId === 'public')!;
        expect(pub.severity).toBe('medium');
        const g = guideForFinding(pub, AUDIT, () => rule)!;
        expect(g.primary.deepLink).toBe(`https://supabase.com/dashboard/project/${REF}/storage/buckets/avatars`);
        expect(g.primary.snippet!.code).toContain("update storage.buckets set public = false where id = 'avatars';");
        expect(fs.find((f) => f.messageId === 'listing')!.severity).toBe('low');
      },
    },
    {
      name: 'a bucket id that is not a bucket name (a quote, a semicolon) never reaches a snippet',
      evidence: supabaseEvidence([
        {
          probe: {
            buckets: {
              status: 200,
              verdict: 'listed',
              list: [
                { id: "x'; drop table y; --", public: true },
                { id: 'media.v2', public: true },
              ],
            },
          },
        },
      ]),
      messages: ['public', 'listing'],
      check: (fs) =>
        expect(guideForFinding(fs.find((f) => f.messageId === 'public')!, AUDIT, () => rule)!.primary.snippet!.code).toContain("where id = 'media.v2';"),
    },
    { name: 'private buckets listed: listing only', evidence: buckets([{ id: 'invoices', public: false }]), messages: ['listing'] },
  ],
  clean: [
    { name: 'the documented default: [] for the public key', evidence: buckets([]) },
    { name: 'listing denied', evidence: supabaseEvidence([{ probe: { buckets: { status: 403, verdict: 'denied', list: [] } } }]) },
    { name: 'no check ran', evidence: supabaseEvidence([{ skipped: 'no-consent' }]) },
  ],
  fixed: [{ name: 'bucket made private and the listing policy removed', before: buckets([{ id: 'avatars', public: true }]), after: buckets([]) }],
});

// Found by mutation testing (docs/mutation.md): wording, evidence, location, identity and the listing's values.
describe('app-bucket-public, cases from mutation testing', () => {
  it('what each finding says and points at', () => {
    const ev = buckets([
      { id: 'avatars', public: true },
      { id: 'invoices', public: false },
    ]);
    const fs = findingsOf(rule, ev);
    const pub = fs.find((f) => f.messageId === 'public')!;
    const list = fs.find((f) => f.messageId === 'listing')!;
    expect(pub.message).toMatch(/^Bucket `avatars` is public: anyone can download/);
    expect(pub.evidence).toBe(`GET https://${REF}.supabase.co/storage/v1/bucket (public key) → 200; avatars: public`);
    expect(pub.location).toEqual({ kind: 'request', url: `https://${REF}.supabase.co/storage/v1/bucket`, name: 'avatars' });
    expect(pub.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, `${REF}/bucket/avatars`));
    expect(list.message).toMatch(/^Logged-out visitors can list the project’s storage buckets \(`avatars`, `invoices`\)/);
    expect(list.evidence).toBe(`GET https://${REF}.supabase.co/storage/v1/bucket (public key) → 200; avatars (public), invoices`);
    expect(list.location).toEqual({ kind: 'request', url: `https://${REF}.supabase.co/storage/v1/bucket`, name: 'bucket list' });
    expect(list.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, `${REF}/bucket-list`));
    expect(list.vars).toEqual({ ref: REF });
  });
});
