import { defineRule, type FindingDraft } from '../../engine/rule';
import type { DashboardPolicy, SupabaseDashboard } from '../../utils/supabase/dashboard-evidence';
import { alwaysTrue, anyoneRole, dashboardOf, lintsNamed, signedInRole } from '../../utils/supabase/dashboard-findings';
import { BUCKET_LINK, lintDocs } from '../../utils/supabase/links';
import { literal, quotePolicy } from '../../utils/supabase/sql';

type M = 'listing' | 'public';

/** storage.objects SELECT policies that let browsers list a bucket (splinter 0025's test, on what was seen). */
function listingPolicies(d: SupabaseDashboard, id: string, name: string): DashboardPolicy[] {
  return d.policies.filter((p) => {
    if (p.schema !== 'storage' || p.table !== 'objects' || !['SELECT', 'ALL'].includes(p.command) || !p.permissive) return false;
    if (!anyoneRole(p.roles) && !signedInRole(p.roles)) return false;
    if (p.bucket !== undefined) return p.bucket === id || p.bucket === name;
    if (p.using === undefined) return false;
    if (p.using === null || alwaysTrue(p.using)) return true;
    const m = /^\s*\(*\s*bucket_id\s*=\s*'((?:[^']|'')*)'(\s*::\s*[\w.]+)?\s*\)*\s*$/i.exec(p.using);
    return !!m && m[1]!.replace(/''/g, "'") === id;
  });
}

export default defineRule({
  meta: {
    id: 'supabase-public-bucket',
    title: 'Public storage bucket that lets anyone list its files',
    severity: 'medium',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-dashboard'],
    confidence: 'high',
    rationale:
      'Files in a public bucket can be downloaded by anyone who has their URL; a broad SELECT policy on storage.objects also lets anyone list every file, so guessable or private uploads (invoices, IDs, exports) become findable.',
    messages: {
      listing: 'Bucket “{bucket_name}” is public and a broad SELECT policy lets anyone with the publishable key list all its files.',
      public:
        'Bucket “{bucket_name}” is public: anyone with a file’s URL can download it without signing in. Fine for avatars and logos, not for private uploads.',
    },
    fix: {
      summary: 'Make the bucket private (serve files with signed URLs), or keep it public and drop the policy that allows listing.',
      steps: [
        'Open the bucket (button below) → Edit bucket: switch "Public bucket" off if its files are not meant for everyone; the app then uses signed URLs (`createSignedUrl`).',
        'To keep it public for direct links, remove the broad SELECT policy on storage.objects: public URLs work without it.',
        'Or run the snippet in the SQL editor (option 1 or 2).',
        'Check the Security Advisor again: "Public Bucket Allows Listing" disappears.',
      ],
      deepLink: BUCKET_LINK,
      snippet: {
        language: 'sql',
        fill: true,
        code: '-- Option 1: make the bucket private (files then need a signed URL or a policy):\nupdate storage.buckets set public = false where id = {bucket_literal};\n\n-- Option 2: keep it public, but stop clients listing every file (direct file URLs keep working):\n{listing_block}',
      },
      docs: lintDocs('0025_public_bucket_allows_listing'),
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    const lints = lintsNamed(d, 'public_bucket_allows_listing');
    const buckets = new Map(
      d.buckets.filter((b) => b.public === true).map((b) => [b.id, { id: b.id, name: b.name, listing: b.listing === true, from: [] as string[] }]),
    );
    for (const l of lints) {
      const id = l.cacheKey.startsWith('public_bucket_allows_listing_') ? l.cacheKey.slice('public_bucket_allows_listing_'.length) : l.entity;
      if (!id) continue;
      const known = d.buckets.find((b) => b.id === id || b.name === id || b.name === l.entity);
      if (known && known.public === false && known.seenAt >= l.seenAt) continue; // made private since
      const entry = buckets.get(known?.id ?? id) ?? { id: known?.id ?? id, name: known?.name ?? l.entity ?? id, listing: true, from: [] };
      entry.listing = true;
      entry.from.push(`Security Advisor: ${l.title}`);
      buckets.set(entry.id, entry);
    }
    const out: FindingDraft<M>[] = [];
    for (const b of buckets.values()) {
      const policies = listingPolicies(d, b.id, b.name);
      const listing = b.listing || policies.length > 0;
      const block = policies.length
        ? policies.map((p) => `drop policy ${quotePolicy(p.name)} on storage.objects;`).join('\n')
        : "-- find the broad SELECT policies:\nselect policyname, roles, qual from pg_policies where schemaname = 'storage' and tablename = 'objects' and cmd in ('SELECT', 'ALL');\n-- then: drop policy \"<policy name>\" on storage.objects;";
      out.push({
        messageId: listing ? 'listing' : 'public',
        data: { bucket_name: b.name },
        evidence: `bucket ${b.name}: public${listing ? `; listable${policies.length ? ` (policy ${policies.map((p) => `"${p.name}"`).join(', ')})` : ''}` : ''}${b.from.length ? `; ${b.from.join('; ')}` : ''}`,
        location: { kind: 'storage', name: b.name },
        identity: listing ? `public_bucket_allows_listing_${b.id}` : `public_bucket_${b.id}`,
        severity: listing ? 'medium' : 'low',
        vars: { bucket: b.id, bucket_literal: literal(b.id), listing_block: block },
      });
    }
    return out;
  },
});
