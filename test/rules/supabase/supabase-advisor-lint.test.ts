import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/supabase-advisor-lint';
import { resolveGuide } from '@/engine/fix';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
import { REF, advisors, dashboard, lint } from '../../helpers/dashboard';

const SEARCH_PATH = lint('function_search_path_mutable', { title: 'Function Search Path Mutable', level: 'WARN', entity: 'handle_new_user' });

describeRule(rule, {
  flagged: [
    {
      name: 'a warning without a rule of its own: low, linked to the advisor',
      evidence: dashboard({ advisors: advisors(SEARCH_PATH) }),
      messages: ['lint'],
      severity: 'low',
      check: ([f]) => {
        expect(f!.message).toBe('Security Advisor (WARN): Function Search Path Mutable on public.handle_new_user.');
        expect(resolveGuide(rule.meta.fix, [], { ref: REF, ...f!.vars }).primary.deepLink).toBe(
          `https://supabase.com/dashboard/project/${REF}/advisors/security?preset=WARN&id=function_search_path_mutable_public_handle_new_user`,
        );
      },
    },
    {
      name: 'an unknown error lint: high',
      evidence: dashboard({ advisors: advisors(lint('some_new_lint', { title: 'Some New Lint' })) }),
      messages: ['lint'],
      severity: 'high',
    },
  ],
  clean: [
    {
      name: 'lints with rules of their own are left to them',
      evidence: dashboard({
        advisors: advisors(lint('rls_disabled_in_public'), lint('security_definer_view'), lint('leaked_service_key', { title: 'Leaked Service Key Detected' })),
      }),
    },
    { name: 'no errors detected', evidence: dashboard({ advisors: advisors() }) },
  ],
  fixed: [{ name: 're-running the advisor after the fix', before: dashboard({ advisors: advisors(SEARCH_PATH) }), after: dashboard({ advisors: advisors() }) }],
});

// Found by mutation testing (docs/mutation.md): lints without a schema or an entity, evidence, location, identity.
describe('supabase-advisor-lint, cases from mutation testing', () => {
  it('entity with its schema: message, evidence with the detail, location, identity', () => {
    const ev = dashboard({ advisors: advisors({ ...SEARCH_PATH, detail: 'role mutable search_path' }) });
    const [f] = findingsOf(rule, ev);
    expect(f!.evidence).toBe('Function Search Path Mutable (public.handle_new_user): role mutable search_path');
    expect(f!.location).toEqual({ kind: 'builder', name: 'public.handle_new_user' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, SEARCH_PATH.cacheKey));
  });
  it('entity without a schema', () => {
    const [f] = findingsOf(rule, dashboard({ advisors: advisors({ ...SEARCH_PATH, schema: undefined }) }));
    expect(f!.message).toBe('Security Advisor (WARN): Function Search Path Mutable on handle_new_user.');
    expect(f!.evidence).toBe('Function Search Path Mutable (handle_new_user)');
  });
  it('no entity: the title stands alone and names the location', () => {
    const [f] = findingsOf(
      rule,
      dashboard({ advisors: advisors(lint('auth_otp_long_expiry', { title: 'Auth OTP long expiry', level: 'INFO', entity: undefined })) }),
    );
    expect(f!.message).toBe('Security Advisor (INFO): Auth OTP long expiry.');
    expect(f!.severity).toBe('info');
    expect(f!.evidence).toBe('Auth OTP long expiry');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Auth OTP long expiry' });
  });
  it('none of the lints with a rule of their own', () => {
    // Written out, not read from LINTS_WITH_RULES: the list is what is under test.
    const own = [
      'rls_disabled_in_public',
      'policy_exists_rls_disabled',
      'sensitive_columns_exposed',
      'rls_enabled_no_policy',
      'rls_policy_always_true',
      'rls_references_user_metadata',
      'public_bucket_allows_listing',
      'auth_users_exposed',
      'security_definer_view',
    ].map((name) => lint(name, { title: name }));
    expect(findingsOf(rule, dashboard({ advisors: advisors(...own) }))).toEqual([]);
  });
  it('nothing without the dashboard or its advisor', () => {
    expect(findingsOf(rule, evidence())).toEqual([]);
    expect(findingsOf(rule, dashboard())).toEqual([]);
  });
});
