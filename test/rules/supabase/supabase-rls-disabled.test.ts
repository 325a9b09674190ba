import { expect } from 'vitest';
import rule from '@/rules/supabase/supabase-rls-disabled';
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
    { name: 'no Data API permissions (since the 2026 change): low', evidence: dashboard({ tables: [table({ name: 'internal_notes', rls: 'disabled', exposed: 'no' })] }), messages: ['not-exposed'], severity: 'low' },
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
          lint('sensitive_columns_exposed', { entity: 'customers', detail: 'Table `public.customers` is exposed via API without RLS and contains potentially sensitive column(s): email, ssn. This may lead to data exposure.' }),
        ),
      }),
      messages: ['sensitive'],
      severity: 'critical',
      check: ([f]) => expect(f!.message).toContain('email, ssn'),
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
      evidence: dashboard({ tables: [table({ name: 't', rls: 'enabled', seenAt: NOW + 10 })], advisors: advisors(lint('rls_disabled_in_public', { seenAt: NOW })) }),
    },
    { name: 'nothing observed', evidence: dashboard() },
  ],
  fixed: [
    fixedBy(rule, { tables: [PROFILES, TODOS, HOSTILE] }),
    fixedBy(rule, { tables: [table({ name: 'posts', rls: 'disabled', exposed: 'yes' })], policies: [policy({ table: 'posts', name: 'Owners' })] }),
  ].map((c, i) => ({ name: i === 0 ? 'pasting each snippet (enable RLS + per-user policy) clears every table' : 'enabling RLS where policies exist', ...c })),
});
