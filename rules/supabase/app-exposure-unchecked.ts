import { defineRule, type FindingDraft } from '../../engine/rule';
import { listOf, projectsOf } from '../../utils/supabase/app-findings';
import { POLICIES_LINK, RLS_DOCS } from '../../utils/supabase/links';

type M = 'no-consent' | 'no-public-key';

/**
 * Passive: the app runs on a Supabase project, and what a logged-out visitor can read there was not checked,
 * either because nobody consented to the exposure check for this site or because the page holds no publishable key.
 */
export default defineRule<M>({
  meta: {
    id: 'app-exposure-unchecked',
    title: 'Supabase tables found: what anyone can read was not checked',
    severity: 'info',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'Every visitor gets the app’s Supabase address and public key, so each table the app uses is one request away from anyone; only Row Level Security decides what they can read.',
    messages: {
      'no-consent':
        'The app uses Supabase project {ref} and {count} ({tables}). Whether a logged-out visitor can read them was not checked: if you own this app or are authorised to test it, tick the box under “Supabase exposure check” in the popup (one read-only request per table).',
      'no-public-key':
        'The app uses Supabase project {ref} and {count} ({tables}), but no publishable (anon) key for it is in the page, so the read-only check cannot run (it never uses a secret key).',
    },
    fix: {
      summary: 'Check that every table the app uses has Row Level Security on, with policies that match who may read what.',
      steps: [
        'If you own the app: popup → “Supabase exposure check” → tick “I own this app or am authorised to test it” → Run.',
        'Or by hand: Supabase dashboard → Authentication → Policies: every table listed needs RLS enabled and a policy.',
        'Advisors → Security Advisor must not show “RLS Disabled in Public”.',
      ],
      deepLink: POLICIES_LINK,
      docs: RLS_DOCS,
    },
  },
  check(evidence) {
    const out: FindingDraft<M>[] = [];
    for (const p of projectsOf(evidence)) {
      if (p.probe || (p.skipped !== 'no-consent' && p.skipped !== 'no-public-key')) continue;
      const names = p.tables.map((t) => t.name);
      out.push({
        messageId: p.skipped,
        data: {
          ref: p.ref,
          count: p.tablesFound === 1 ? '1 table' : `${p.tablesFound} tables`,
          tables: names.length ? listOf(names) : 'no table names found in its code or requests',
        },
        evidence: `https://${p.ref}.supabase.co · keys: ${p.keys.map((k) => `${k.kind} ${k.masked}`).join(', ') || 'none'} · tables: ${names.slice(0, 20).join(', ') || 'none found'}${names.length > 20 ? ', …' : ''}`,
        location: { kind: 'script', url: `https://${p.ref}.supabase.co`, name: p.ref },
        identity: p.ref,
        vars: { ref: p.ref },
      });
    }
    return out;
  },
});
