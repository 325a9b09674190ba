import { expect, it } from 'vitest';
import rule from '@/rules/supabase/supabase-exposed-auth-users';
import { resolveGuide } from '@/engine/fix';
import { describeRule } from '../../helpers/rule-cases';
import { REF, advisors, dashboard, lint, snippetOf } from '../../helpers/dashboard';

const LINT = lint('auth_users_exposed', { title: 'Exposed Auth Users', entity: 'user_emails' });

describeRule(rule, {
  flagged: [
    {
      name: 'the Security Advisor’s "Exposed Auth Users"',
      evidence: dashboard({ advisors: advisors(LINT) }),
      messages: ['lint'],
      severity: 'high',
      check: ([f]) => {
        expect(snippetOf(rule, f!)).toContain('revoke all on public.user_emails from anon, authenticated;');
        expect(resolveGuide(rule.meta.fix, [], { ref: REF, ...f!.vars }).primary.deepLink).toBe(
          `https://supabase.com/dashboard/project/${REF}/advisors/security?preset=ERROR&id=auth_users_exposed_public_user_emails`,
        );
      },
    },
  ],
  clean: [
    { name: 'no advisor run seen', evidence: dashboard() },
    { name: '"No errors detected"', evidence: dashboard({ advisors: advisors() }) },
  ],
  // The guide ends with "run the Security Advisor again": after the snippet, the lint is gone from the advisor.
  fixed: [
    {
      name: 'after the snippet, the advisor no longer reports it',
      before: dashboard({ advisors: advisors(LINT) }),
      after: dashboard({ advisors: advisors() }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the guide's snippet is SQL and its docs are the advisor lint's page.
it('supabase-exposed-auth-users: the guide shows SQL and links the lint’s page', () => {
  expect(rule.meta.fix.snippet?.language).toBe('sql');
  expect(rule.meta.fix.docs).toContain('0002_auth_users_exposed');
});
