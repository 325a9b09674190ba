import { defineRule, type FindingDraft } from '../../engine/rule';
import { BUCKET_SNIPPET, bucketVars, listOf, projectsOf } from '../../utils/supabase/app-findings';
import { BUCKET_LINK, STORAGE_DOCS } from '../../utils/supabase/links';

type M = 'public' | 'listing';

/**
 * Active (after consent): `GET /storage/v1/bucket` with the app's public key listed buckets. A public bucket serves
 * every file to anyone who has its address (`/storage/v1/object/public/<bucket>/<path>`); a bucket list visible to
 * logged-out visitors means a storage.buckets policy is broader than the app needs.
 */
export default defineRule<M>({
  meta: {
    id: 'app-bucket-public',
    title: 'Supabase storage open to logged-out visitors',
    severity: 'medium',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'Files in a public bucket are served to anyone with their address, without signing in; uploads such as ID photos or invoices belong in a private bucket read through signed URLs.',
    messages: {
      public: 'Bucket `{bucket}` is public: anyone can download any file in it by its address, and logged-out visitors can see it in the bucket list.',
      listing: 'Logged-out visitors can list the project’s storage buckets ({buckets}): a policy on storage.buckets allows the public key to read them.',
    },
    fix: {
      summary: 'Make buckets that hold user files private and serve files through signed URLs or storage policies for signed-in users.',
      steps: [
        'Supabase dashboard → Storage → the bucket (“Open settings”) → Edit bucket: switch off “Public bucket”.',
        'Serve files with signed URLs (`createSignedUrl`) or a storage.objects policy for signed-in users.',
        'Storage → Policies: remove select policies on storage.buckets or storage.objects that let `anon` read everything.',
        'Re-run the exposure check: the bucket list should come back empty.',
      ],
      deepLink: BUCKET_LINK,
      snippet: BUCKET_SNIPPET,
      docs: STORAGE_DOCS,
    },
  },
  check(evidence) {
    const out: FindingDraft<M>[] = [];
    for (const p of projectsOf(evidence)) {
      const b = p.probe?.buckets;
      if (b?.verdict !== 'listed') continue;
      for (const bucket of b.list.filter((x) => x.public)) {
        out.push({
          messageId: 'public',
          data: { bucket: bucket.id },
          evidence: `GET https://${p.ref}.supabase.co/storage/v1/bucket (public key) → ${b.status}; ${bucket.id}: public`,
          location: { kind: 'request', url: `https://${p.ref}.supabase.co/storage/v1/bucket`, name: bucket.id },
          identity: `${p.ref}/bucket/${bucket.id}`,
          vars: bucketVars(p.ref, bucket.id),
        });
      }
      out.push({
        messageId: 'listing',
        severity: 'low',
        data: { buckets: listOf(b.list.map((x) => x.id)) },
        evidence: `GET https://${p.ref}.supabase.co/storage/v1/bucket (public key) → ${b.status}; ${b.list.map((x) => `${x.id}${x.public ? ' (public)' : ''}`).join(', ')}`,
        location: { kind: 'request', url: `https://${p.ref}.supabase.co/storage/v1/bucket`, name: 'bucket list' },
        identity: `${p.ref}/bucket-list`,
        vars: { ref: p.ref },
      });
    }
    return out;
  },
});
