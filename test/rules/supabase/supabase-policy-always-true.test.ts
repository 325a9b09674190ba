import { expect, it } from 'vitest';
import rule, { allowsEveryRow } from '@/rules/supabase/supabase-policy-always-true';
import { describeRule } from '../../helpers/rule-cases';
import { advisors, dashboard, fixedBy, lint, policy, snippetOf, table } from '../../helpers/dashboard';

const TODOS = table({ name: 'todos', rls: 'enabled', exposed: 'yes', columns: ['id', 'user_id', 'task'] });
const ANON_INSERT = policy({ table: 'todos', name: 'Anyone can write', command: 'INSERT', roles: ['anon'], check: 'true', using: null });

describeRule(rule, {
  flagged: [
    {
      name: 'INSERT to anon WITH CHECK (true): high',
      evidence: dashboard({ tables: [TODOS], policies: [ANON_INSERT] }),
      messages: ['anyone'],
      severity: 'high',
      check: ([f]) => {
        expect(f!.message).toContain('Anyone can write');
        const code = snippetOf(rule, f!);
        expect(code).toContain('drop policy "Anyone can write" on public.todos;');
        expect(code).toContain('for insert to authenticated');
        expect(code).toContain('with check ((select auth.uid()) = user_id)');
      },
    },
    {
      name: 'UPDATE to authenticated USING (true): medium (any signed-in user edits every row)',
      evidence: dashboard({
        tables: [TODOS],
        policies: [policy({ table: 'todos', name: 'Edit', command: 'UPDATE', roles: ['authenticated'], using: ' ( true ) ', check: null })],
      }),
      messages: ['signed-in'],
      severity: 'medium',
    },
    {
      name: 'DELETE for every role (no TO clause) with USING (1=1)',
      evidence: dashboard({ policies: [policy({ table: 'todos', name: 'Del', command: 'DELETE', roles: ['public'], using: '1 = 1' })] }),
      messages: ['anyone'],
    },
    {
      name: 'from the Security Advisor with the detail open (policy and roles known)',
      evidence: dashboard({
        advisors: advisors(
          lint('rls_policy_always_true', {
            level: 'WARN',
            entity: 'todos',
            policy: 'Anyone can write',
            roles: ['anon'],
            detail: 'Table `public.todos` has an RLS policy `Anyone can write` for `INSERT` that allows unrestricted access.',
          }),
        ),
      }),
      messages: ['anyone'],
      check: ([f]) => expect(snippetOf(rule, f!)).toContain('for insert to authenticated'),
    },
    {
      name: 'the policy editor was open but its text could not be read: said, as not checked (info)',
      evidence: dashboard({
        tables: [TODOS],
        policies: [policy({ table: 'todos', name: 'Anyone can write', command: 'INSERT', roles: ['anon'], exprUnread: true })],
      }),
      messages: ['not-checked'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('“Anyone can write”'),
    },
    {
      name: 'policy seen and advisor agree: one finding',
      evidence: dashboard({
        tables: [TODOS],
        policies: [ANON_INSERT],
        advisors: advisors(lint('rls_policy_always_true', { entity: 'todos', policy: 'Anyone can write' })),
      }),
      messages: ['anyone'],
    },
  ],
  clean: [
    {
      name: 'SELECT USING (true) is public read, often meant (splinter skips it too)',
      evidence: dashboard({ policies: [policy({ table: 'countries', name: 'Read', command: 'SELECT', roles: ['anon'], using: 'true' })] }),
    },
    {
      name: 'a write policy that checks the owner',
      evidence: dashboard({
        policies: [
          policy({ table: 'todos', name: 'Own', command: 'ALL', roles: ['authenticated'], using: '(auth.uid() = user_id)', check: '(auth.uid() = user_id)' }),
        ],
      }),
    },
    {
      name: 'text unreadable once, read later: checked (nothing to say)',
      evidence: dashboard({
        policies: [
          policy({
            table: 'todos',
            name: 'Own',
            command: 'ALL',
            roles: ['authenticated'],
            using: '(auth.uid() = user_id)',
            check: '(auth.uid() = user_id)',
            exprUnread: true,
          }),
        ],
      }),
    },
    {
      name: 'expressions not shown (the policies list): no guess',
      evidence: dashboard({ policies: [policy({ table: 'todos', name: 'Anyone can write', command: 'INSERT', roles: ['anon'] })] }),
    },
    {
      name: 'service_role only',
      evidence: dashboard({ policies: [policy({ table: 'todos', name: 'Server', command: 'ALL', roles: ['service_role'], using: 'true', check: 'true' })] }),
    },
    { name: 'a restrictive policy', evidence: dashboard({ policies: [{ ...ANON_INSERT, permissive: false }] }) },
    {
      name: 'storage.objects policies (bucket rule)',
      evidence: dashboard({ policies: [policy({ schema: 'storage', table: 'objects', name: 'Up', command: 'INSERT', roles: ['anon'], check: 'true' })] }),
    },
  ],
  fixed: [{ name: 'replacing the policy with the snippet’s owner check', ...fixedBy(rule, { tables: [TODOS], policies: [ANON_INSERT] }) }],
});

it('allowsEveryRow follows splinter 0024', () => {
  expect(allowsEveryRow({ command: 'INSERT', permissive: true, check: null })).toBe(true);
  expect(allowsEveryRow({ command: 'UPDATE', permissive: true, using: 'true', check: null })).toBe(true);
  expect(allowsEveryRow({ command: 'UPDATE', permissive: true, using: '(auth.uid() = user_id)', check: null })).toBe(false);
  expect(allowsEveryRow({ command: 'SELECT', permissive: true, using: 'true' })).toBe(false);
});
