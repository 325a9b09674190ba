import { defineRule } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { dashboardOf } from '../../utils/supabase/dashboard-findings';
import { DASHBOARD } from '../../utils/supabase/links';
import { isLeakedKeyLint } from './supabase-leaked-service-key';

/** Lints with a rule of their own (a more precise message, severity and fix). */
export const LINTS_WITH_RULES = new Set([
  'rls_disabled_in_public',
  'policy_exists_rls_disabled',
  'sensitive_columns_exposed',
  'rls_enabled_no_policy',
  'rls_policy_always_true',
  'rls_references_user_metadata',
  'public_bucket_allows_listing',
  'auth_users_exposed',
  'security_definer_view',
]);

const BY_LEVEL: Record<string, Severity> = { ERROR: 'high', WARN: 'low', INFO: 'info' };

export default defineRule({
  meta: {
    id: 'supabase-advisor-lint',
    title: 'Security Advisor finding',
    severity: 'medium',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-advisors'],
    confidence: 'high',
    rationale:
      'Supabase’s Security Advisor (splinter) checks the database for known weaknesses; its errors are exploitable as they stand, its warnings weaken defence in depth.',
    messages: {
      lint: 'Security Advisor ({level}): {title}{about}.',
    },
    fix: {
      summary: 'Open the finding in the Security Advisor and follow its remediation.',
      steps: [
        'Advisors → Security Advisor (button below) opens the finding with Supabase’s explanation.',
        'Follow "Learn more" for the lint’s remediation page (Summary, Ramification, How to resolve, Example).',
        'Re-run the advisor ("Rerun linter") until the finding is gone.',
      ],
      deepLink: `${DASHBOARD}/advisors/security?preset={preset}&id={id}`,
      docs: 'https://supabase.com/docs/guides/database/database-advisors',
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    return (d.advisors?.lints ?? [])
      .filter((l) => !LINTS_WITH_RULES.has(l.name) && !isLeakedKeyLint(l))
      .map((l) => {
        const entity = l.entity ? `${l.schema ? `${l.schema}.` : ''}${l.entity}` : undefined;
        return {
          messageId: 'lint' as const,
          data: { level: l.level, title: l.title, about: entity ? ` on ${entity}` : '' },
          evidence: `${l.title}${entity ? ` (${entity})` : ''}${l.detail ? `: ${l.detail}` : ''}`,
          location: { kind: 'builder' as const, name: entity ?? l.title },
          identity: l.cacheKey,
          severity: BY_LEVEL[l.level] ?? 'medium',
          vars: { preset: l.level, id: l.cacheKey },
        };
      });
  },
});
