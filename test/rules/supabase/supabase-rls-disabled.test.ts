import { expect, it } from 'vitest';
import rule, { DECISIONS, decide } from '@/rules/supabase/supabase-rls-disabled';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import { describeRule } from '../../helpers/rule-cases';
import { NOW } from '../../helpers/evidence';
import { REF, advisors, dashboard, fixedBy, lint, policy, snippetOf, table } from '../../helpers/dashboard';

const PROFILES = table({ name: 'profiles', rls: 'disabled', exposed: 'yes', columns: ['id', 'email', 'full_name', 'phone', 'created_at'] });
const TODOS = table({ name: 'todos', rls: 'disabled', exposed: 'yes', columns: ['id', 'user_id', 'task'] });
const HOSTILE = table({ name: 'evil"); drop table users; --', rls: 'disabled', exposed: 'yes', columns: ['id'] });

describeRule(rule, {
  flagged: [
    {
      name: 'an Unrestricted table whose columns look personal is critical, with splinter’s cache key as identity',
      evidence: dashboard({ tables: [PROFILES] }),
      messages: ['sensitive'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('public.profiles');
        expect(f!.message).toContain('email');
        expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, `https://supabase.com/dashboard/project/${REF}`, 'rls_disabled_in_public_public_profiles'));
        const code = snippetOf(rule, f!);
        expect(code).toContain('alter table public.profiles enable row level security;');
        expect(code).toContain('using ((select auth.uid()) = id)'); // a profile row's id is its user's id
        const link = resolveGuide(rule.meta.fix, [], { ref: REF, ...f!.vars }).primary.deepLink;
        expect(link).toBe(`https://supabase.com/dashboard/project/${REF}/auth/policies?schema=public&search=profiles`);
      },
    },
    {
      name: 'RLS off on a reachable table: high, and the policy uses its owner column',
      evidence: dashboard({ tables: [TODOS] }),
      messages: ['exposed'],
      severity: 'high',
      check: ([f]) => expect(snippetOf(rule, f!)).toContain('(select auth.uid()) = user_id'),
    },
    {
      name: 'older wording (badge only, exposure unknown): high, "if the Data API reaches it"',
      evidence: dashboard({ tables: [table({ name: 'notes', rls: 'disabled', columns: ['id', 'body'] })] }),
      messages: ['maybe-exposed'],
      severity: 'high',
      check: ([f]) => expect(snippetOf(rule, f!)).toContain('user_id is a guess'),
    },
    {
      name: 'no Data API permissions (since the 2026 change): low',
      evidence: dashboard({ tables: [table({ name: 'internal_notes', rls: 'disabled', exposed: 'no' })] }),
      messages: ['not-exposed'],
      severity: 'low',
    },
    {
      name: 'policies written but RLS off (Policy Exists RLS Disabled): the policies do nothing',
      evidence: dashboard({ tables: [table({ name: 'posts', rls: 'disabled', exposed: 'yes' })], policies: [policy({ table: 'posts', name: 'Owners' })] }),
      messages: ['policies-ignored'],
      check: ([f]) => expect(snippetOf(rule, f!)).not.toContain('create policy'),
    },
    {
      name: 'from the Security Advisor alone (RLS Disabled in Public + Sensitive Columns Exposed): one critical finding',
      evidence: dashboard({
        advisors: advisors(
          lint('rls_disabled_in_public', { entity: 'customers' }),
          lint('sensitive_columns_exposed', {
            entity: 'customers',
            detail:
              'Table `public.customers` is exposed via API without RLS and contains potentially sensitive column(s): email, ssn. This may lead to data exposure.',
          }),
        ),
      }),
      messages: ['sensitive'],
      severity: 'critical',
      check: ([f]) => expect(f!.message).toContain('email, ssn'),
    },
    {
      name: 'RLS seen on, then a newer advisor run says it is off again: the newer fact wins (freshness compared)',
      evidence: dashboard({
        tables: [table({ name: 't', rls: 'enabled', seenAt: NOW })],
        advisors: advisors(lint('rls_disabled_in_public', { seenAt: NOW + 10 })),
      }),
      messages: ['maybe-exposed'],
      severity: 'high',
    },
    {
      name: 'personal columns but exposure unknown (no badge, no grants known): high, never critical',
      evidence: dashboard({ tables: [table({ name: 'people', rls: 'disabled', columns: ['id', 'email', 'phone'] })] }),
      messages: ['maybe-sensitive'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toMatch(/If the Data API reaches it/),
    },
    {
      name: 'the page’s "Sensitive Columns Exposed" row (no detail on the row): exposed and sensitive, critical',
      evidence: dashboard({
        advisors: advisors(lint('rls_disabled_in_public', { entity: 'customers' }), lint('sensitive_columns_exposed', { entity: 'customers' })),
      }),
      messages: ['sensitive'],
      severity: 'critical',
      check: ([f]) => expect(f!.message).toContain('named in the Security Advisor'),
    },
    {
      name: 'a table named like an injection: the snippet quotes it, so the name cannot end the statement',
      evidence: dashboard({ tables: [HOSTILE] }),
      messages: ['exposed'],
      check: ([f]) => {
        const code = snippetOf(rule, f!);
        expect(code).toContain('alter table public."evil""); drop table users; --" enable row level security;');
        expect(code.split('\n').filter((l) => /^\s*drop table/i.test(l))).toEqual([]);
      },
    },
  ],
  clean: [
    { name: 'RLS on', evidence: dashboard({ tables: [table({ name: 'profiles', rls: 'enabled', exposed: 'yes', columns: ['email'] })] }) },
    { name: 'RLS state not shown (no badge)', evidence: dashboard({ tables: [table({ name: 'profiles', exposed: 'yes' })] }) },
    { name: 'a view (its RLS is its tables’)', evidence: dashboard({ tables: [table({ name: 'v', kind: 'view', rls: 'disabled', exposed: 'yes' })] }) },
    {
      name: 'an advisor finding superseded by RLS seen on since',
      evidence: dashboard({
        tables: [table({ name: 't', rls: 'enabled', seenAt: NOW + 10 })],
        advisors: advisors(lint('rls_disabled_in_public', { seenAt: NOW })),
      }),
    },
    { name: 'nothing observed', evidence: dashboard() },
  ],
  fixed: [
    fixedBy(rule, { tables: [PROFILES, TODOS, HOSTILE] }),
    fixedBy(rule, { tables: [table({ name: 'posts', rls: 'disabled', exposed: 'yes' })], policies: [policy({ table: 'posts', name: 'Owners' })] }),
  ].map((c, i) => ({ name: i === 0 ? 'pasting each snippet (enable RLS + per-user policy) clears every table' : 'enabling RLS where policies exist', ...c })),
});

it('the decision table covers every case, and only known exposure with personal columns is critical', () => {
  for (const exposed of ['yes', 'no', 'unknown'] as const)
    for (const sensitive of [true, false])
      for (const policies of [true, false]) {
        const d = decide({ exposed, sensitive, policies });
        expect(d.severity === 'critical', `${exposed}/${sensitive}/${policies}`).toBe(exposed === 'yes' && sensitive);
      }
  expect(new Set(DECISIONS.map((r) => r.message))).toEqual(new Set(Object.keys(rule.meta.messages)));
});
