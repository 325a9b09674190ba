import { expect } from 'vitest';
import rule from '@/rules/supabase/app-bucket-public';
import { guideForFinding } from '@/engine/fix';
import { describeRule } from '../../helpers/rule-cases';
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
