import { expect, it } from 'vitest';
import rule, { isLeakedKeyLint } from '@/rules/supabase/supabase-leaked-service-key';
import { resolveGuide } from '@/engine/fix';
import { describeRule } from '../../helpers/rule-cases';
import { REF, advisors, dashboard, lint } from '../../helpers/dashboard';

const LEAK = lint('leaked_service_key', { title: 'Leaked Service Key Detected', entity: undefined, schema: undefined, cacheKey: 'leaked_service_key' });

describeRule(rule, {
  flagged: [
    {
      name: 'the advisor found the secret key in public',
      evidence: dashboard({ advisors: advisors(LEAK) }),
      messages: ['lint'],
      severity: 'critical',
      check: ([f]) => {
        expect(resolveGuide(rule.meta.fix, [], { ref: REF }).primary.deepLink).toBe(`https://supabase.com/dashboard/project/${REF}/settings/api-keys`);
        expect(f!.message).toContain('rotated');
      },
    },
    {
      name: 'an unknown lint name, matched by its title',
      evidence: dashboard({ advisors: advisors({ ...LEAK, name: 'service_key_exposure', title: 'Leaked service role key detected' }) }),
      messages: ['lint'],
    },
  ],
  clean: [{ name: 'other lints', evidence: dashboard({ advisors: advisors(lint('rls_disabled_in_public')) }) }],
  fixed: [
    { name: 'after rotating, the advisor no longer reports it', before: dashboard({ advisors: advisors(LEAK) }), after: dashboard({ advisors: advisors() }) },
  ],
});

it('matches only leaked-key lints', () => expect(isLeakedKeyLint({ name: 'x', title: 'RLS Disabled in Public' })).toBe(false));
