import { expect } from 'vitest';
import rule from '@/rules/supabase/supabase-advisor-lint';
import { resolveGuide } from '@/engine/fix';
import { describeRule } from '../../helpers/rule-cases';
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
