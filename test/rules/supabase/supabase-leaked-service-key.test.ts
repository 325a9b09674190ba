import { describe, expect, it } from 'vitest';
import rule, { isLeakedKeyLint } from '@/rules/supabase/supabase-leaked-service-key';
import { resolveGuide } from '@/engine/fix';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
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

// Found by mutation testing (docs/mutation.md): the loose title match, evidence, location, and evidence without an advisor.
describe('supabase-leaked-service-key, cases from mutation testing', () => {
  const only = (name: string, title: string) => findingsOf(rule, dashboard({ advisors: advisors({ ...LEAK, name, title }) }));
  it('a lint name with "leak" and "key" is enough, whatever the title', () => expect(only('leaked_api_key', 'Something new')).toHaveLength(1));
  it('a name with only one of the two words is matched by its title alone', () => {
    expect(only('leak_detected', 'Exposure')).toEqual([]);
    expect(only('api_key_age', 'Exposure')).toEqual([]);
  });
  it.each([
    ['Leaked  service key', 1],
    ['Leaked secret key', 1],
    ['Leaked secretkey', 1],
    ['Leaked service  key', 1],
    ['Leaked service role  key', 1],
    ['Leaked service_role key', 1],
  ])('title "%s" matches: %i', (title, n) => expect(only('x', title)).toHaveLength(n));
  it('evidence quotes the title and the detail; location is API keys; identity is the cache key', () => {
    const ev = dashboard({ advisors: advisors({ ...LEAK, detail: 'found in a public repository' }) });
    const [f] = findingsOf(rule, ev);
    expect(f!.message).toBe(
      'Security Advisor: “Leaked Service Key Detected”. Anyone who has the key has full access to the project’s data until it is rotated.',
    );
    expect(f!.evidence).toBe('Leaked Service Key Detected: found in a public repository');
    expect(f!.location).toEqual({ kind: 'builder', name: 'API keys' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'leaked_service_key'));
    expect(findingsOf(rule, dashboard({ advisors: advisors(LEAK) }))[0]!.evidence).toBe('Leaked Service Key Detected');
  });
  it('nothing without the dashboard or its advisor', () => {
    expect(findingsOf(rule, evidence())).toEqual([]);
    expect(findingsOf(rule, dashboard())).toEqual([]);
  });
});
