import { defineRule } from '../../engine/rule';
import type { DashboardLint } from '../../utils/supabase/dashboard-evidence';
import { dashboardOf } from '../../utils/supabase/dashboard-findings';
import { DASHBOARD } from '../../utils/supabase/links';

/** The advisor's "Leaked Service Key Detected" (its lint name is unverified: match the title loosely too). */
export function isLeakedKeyLint(l: Pick<DashboardLint, 'name' | 'title'>): boolean {
  return /leak/.test(l.name) && /key/.test(l.name) ? true : /leaked\s+(service|secret)[\s_-]*(role\s+)?key/i.test(l.title);
}

export default defineRule({
  meta: {
    id: 'supabase-leaked-service-key',
    title: 'Supabase found this project’s secret key in public',
    severity: 'critical',
    category: 'supabase',
    checklist: 'secrets',
    surfaces: ['builder', 'supabase-advisors'],
    confidence: 'high',
    rationale:
      'The service_role / secret key bypasses every RLS policy: whoever found it can read, change and delete all data and files of the project until the key is rotated.',
    messages: {
      lint: 'Security Advisor: “{title}”. Anyone who has the key has full access to the project’s data until it is rotated.',
    },
    fix: {
      summary: 'Rotate the leaked key now, then move every use of it to server-side secrets.',
      steps: [
        'Settings → API keys (button below): create a new secret key (or roll the legacy JWT secret), then delete or disable the leaked one.',
        'Update servers and Edge Functions that used the old key (Edge Functions → Secrets).',
        'Remove the key from where it leaked (repository, front-end bundle, no-code field) and from its history.',
        'Check Authentication and table data for changes made while the key was public.',
      ],
      deepLink: `${DASHBOARD}/settings/api-keys`,
      docs: 'https://supabase.com/docs/guides/api/api-keys',
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    return (d.advisors?.lints ?? []).filter(isLeakedKeyLint).map((l) => ({
      messageId: 'lint' as const,
      data: { title: l.title },
      evidence: `${l.title}${l.detail ? `: ${l.detail}` : ''}`,
      location: { kind: 'builder' as const, name: 'API keys' },
      identity: l.cacheKey,
    }));
  },
});
