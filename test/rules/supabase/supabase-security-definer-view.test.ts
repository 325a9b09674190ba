import { expect, it } from 'vitest';
import rule from '@/rules/supabase/supabase-security-definer-view';
import { resolveGuide } from '@/engine/fix';
import { describeRule } from '../../helpers/rule-cases';
import { REF, advisors, dashboard, lint, snippetOf } from '../../helpers/dashboard';

const LINT = lint('security_definer_view', { title: 'Security Definer View', entity: 'user_emails' });

describeRule(rule, {
  flagged: [
    {
      name: 'the Security Advisor’s "Security Definer View"',
      evidence: dashboard({ advisors: advisors(LINT) }),
      messages: ['lint'],
      severity: 'high',
      check: ([f]) => {
        expect(snippetOf(rule, f!)).toContain('alter view public.user_emails set (security_invoker = on);');
        expect(resolveGuide(rule.meta.fix, [], { ref: REF, ...f!.vars }).primary.deepLink).toBe(
          `https://supabase.com/dashboard/project/${REF}/advisors/security?preset=ERROR&id=security_definer_view_public_user_emails`,
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
it('supabase-security-definer-view: the guide shows SQL and links the lint’s page', () => {
  expect(rule.meta.fix.snippet?.language).toBe('sql');
  expect(rule.meta.fix.docs).toContain('0010_security_definer_view');
});
