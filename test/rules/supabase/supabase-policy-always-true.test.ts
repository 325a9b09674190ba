import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule, { allowsEveryRow } from '@/rules/supabase/supabase-policy-always-true';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
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

// Found by mutation testing (docs/mutation.md): messages in full, evidence, location, identity, vars, severity, the
// verbs, the roles (truncated, mixed, custom), RLS off, the unread policies, the advisor rows and their commands.
describe('supabase-policy-always-true, cases from mutation testing', () => {
  const run = (d: Parameters<typeof dashboard>[0]) => findingsOf(rule, dashboard(d));
  it('anyone: message, evidence, location, identity and vars in full', () => {
    const ev = dashboard({ tables: [TODOS], policies: [ANON_INSERT] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe(
      'Policy “Anyone can write” on public.todos lets anyone with the publishable (anon) key insert any row: its condition is always true.',
    );
    expect(f!.evidence).toBe('public.todos: policy "Anyone can write" for INSERT to anon (USING (none), WITH CHECK true)');
    expect(f!.location).toEqual({ kind: 'builder', name: 'public.todos · Anyone can write' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'rls_policy_always_true_public_todos_Anyone can write'));
    expect(f!.vars).toEqual({
      schema: 'public',
      table: 'todos',
      table_sql: 'public.todos',
      table_literal: "'public.todos'",
      policy_name_sql: '"Anyone can write"',
      policy_block: 'create policy "Anyone can write" on public.todos\n  for insert to authenticated\n  with check ((select auth.uid()) = user_id);',
    });
  });
  it('signed-in: message in full, medium', () => {
    const [f] = run({
      tables: [TODOS],
      policies: [policy({ table: 'todos', name: 'Edit', command: 'UPDATE', roles: ['authenticated'], using: 'true', check: null })],
    });
    expect(f!.message).toBe('Policy “Edit” on public.todos lets any signed-in user change any row, including other users’ rows: its condition is always true.');
    expect(f!.severity).toBe('medium');
    expect(f!.evidence).toBe('public.todos: policy "Edit" for UPDATE to authenticated (USING true, WITH CHECK (none))');
  });
  it('ALL to anon and authenticated: anyone, every verb; DELETE: delete', () => {
    const [f] = run({ policies: [policy({ table: 'todos', name: 'A', command: 'ALL', roles: ['anon', 'authenticated'], using: 'true', check: 'true' })] });
    expect(f!.message).toBe(
      'Policy “A” on public.todos lets anyone with the publishable (anon) key read, change and delete any row: its condition is always true.',
    );
    expect(f!.severity).toBe('high');
    expect(f!.evidence).toBe('public.todos: policy "A" for ALL to anon, authenticated (USING true, WITH CHECK true)');
    expect(f!.vars!.policy_block).toContain('-- user_id is a guess');
  });
  it('a truncated role list counts as anyone, shown as public; no table seen: the owner is a guess', () => {
    const [f] = run({ policies: [policy({ table: 'todos', name: 'A', command: 'DELETE', rolesTruncated: true, roles: ['service_role'], using: 'true' })] });
    expect(f!.messageId).toBe('anyone');
    expect(f!.evidence).toBe('public.todos: policy "A" for DELETE to public (USING true)');
    expect(f!.message).toContain('key delete any row');
    expect(f!.vars!.policy_block).toBe(
      '-- user_id is a guess: use the column that holds the owner\'s auth.users id.\ncreate policy "A" on public.todos\n  for delete to authenticated\n  using ((select auth.uid()) = user_id);',
    );
  });
  it('a custom role next to authenticated is signed-in; a custom role alone is nothing', () => {
    expect(
      run({ policies: [policy({ table: 't', name: 'A', command: 'DELETE', roles: ['editor', 'authenticated'], using: 'true' })] }).map((f) => f.messageId),
    ).toEqual(['signed-in']);
    expect(run({ policies: [policy({ table: 't', name: 'A', command: 'DELETE', roles: ['editor'], using: 'true' })] })).toEqual([]);
  });
  it('a table with RLS off is left to supabase-rls-disabled; RLS on or unknown is reported', () => {
    const t = (rls: 'enabled' | 'disabled' | 'unknown') => table({ name: 'todos', rls });
    expect(run({ tables: [t('disabled')], policies: [ANON_INSERT] })).toEqual([]);
    expect(run({ tables: [t('enabled')], policies: [ANON_INSERT] }).length).toBe(1);
    expect(run({ tables: [t('unknown')], policies: [ANON_INSERT] }).length).toBe(1);
  });
  it('unread policies: message, evidence, location, identity, vars; one policy or several', () => {
    const ev = dashboard({
      policies: [
        policy({ table: 'todos', name: 'A', command: 'INSERT', roles: [], exprUnread: true }),
        policy({ table: 'todos', name: 'B', command: 'UPDATE', roles: [], exprUnread: true }),
        policy({ table: 'notes', name: 'C', command: 'UPDATE', roles: [], exprUnread: true }),
        policy({ table: 'todos', name: 'D', command: 'UPDATE', roles: [], exprUnread: false }),
        policy({ schema: 'storage', table: 'objects', name: 'E', command: 'INSERT', roles: [], exprUnread: true }),
        policy({ table: 'seen', name: 'F', command: 'UPDATE', roles: [], exprUnread: true, check: '(auth.uid() = user_id)' }),
        policy({ table: 'seen', name: 'G', command: 'UPDATE', roles: [], exprUnread: true, using: '(auth.uid() = user_id)' }),
      ],
    });
    const [b, a, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(a!.message).toBe(
      'Not checked: the policy editor was open on policies “A”, “B” of public.todos, but its condition text could not be read, so whether it lets every row through is unknown.',
    );
    expect(a!.severity).toBe('info');
    expect(a!.evidence).toBe('public.todos: policy editor text unreadable for A, B');
    expect(a!.location).toEqual({ kind: 'builder', name: 'public.todos' });
    expect(a!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'policy_not_checked_public_todos'));
    expect(a!.vars).toEqual({
      schema: 'public',
      table: 'todos',
      table_sql: 'public.todos',
      table_literal: "'public.todos'",
      policy_name_sql: '"A"',
      policy_block: '-- (not checked)',
    });
    expect(b!.message).toContain('open on policy “C” of public.notes,');
  });
  it('an unread policy on a table already reported is not repeated', () => {
    const found = run({ policies: [ANON_INSERT, policy({ table: 'todos', name: 'B', command: 'UPDATE', roles: [], exprUnread: true })] });
    expect(found.map((f) => f.messageId)).toEqual(['anyone']);
  });
  it('advisor rows: the command from the detail in any case, ALL otherwise; the unnamed policy; roles', () => {
    const adv = (o: Parameters<typeof lint>[1]) => run({ advisors: advisors(lint('rls_policy_always_true', { entity: 'todos', ...o })) });
    const [f] = adv({ detail: 'Table has a policy for delete that allows unrestricted access.' });
    expect(f!.message).toBe(
      'Policy “(name in the Security Advisor)” on public.todos lets anyone with the publishable (anon) key delete any row: its condition is always true.',
    );
    expect(f!.evidence).toBe('public.todos: policy "(name in the Security Advisor)" for DELETE to public (Security Advisor: rls_policy_always_true)');
    expect(f!.vars!.policy_name_sql).toBe('"<policy name>"');
    expect(f!.vars!.policy_block).toContain('create policy "Users manage their own rows" on public.todos\n  for delete to authenticated');
    expect(adv({ detail: 'for `UPDATE` that' })[0]!.message).toContain('key change any row');
    expect(adv({ detail: 'nothing said' })[0]!.message).toContain('key read, change and delete any row');
    expect(adv({})[0]!.evidence).toContain('for ALL to public');
    expect(adv({ roles: ['authenticated'] })[0]!.messageId).toBe('signed-in');
    expect(adv({ roles: ['service_role'] })).toEqual([]);
  });
  it('advisor rows without a schema or a table are skipped', () => {
    const bare = { ...lint('rls_policy_always_true'), schema: undefined, entity: undefined };
    expect(run({ advisors: advisors(bare as never) })).toEqual([]);
    expect(run({ advisors: advisors({ ...lint('rls_policy_always_true'), entity: undefined } as never) })).toEqual([]);
    expect(run({ advisors: advisors({ ...lint('rls_policy_always_true'), schema: undefined } as never) })).toEqual([]);
  });
  it('an advisor row for another policy or table is added; for the same policy, or a table already reported, it is not', () => {
    const withLint = (o: Parameters<typeof lint>[1]) =>
      run({ policies: [ANON_INSERT], advisors: advisors(lint('rls_policy_always_true', { entity: 'todos', ...o })) })
        .map((f) => f.location.name)
        .sort();
    expect(withLint({ policy: 'Other' })).toEqual(['public.todos · Anyone can write', 'public.todos · Other']);
    expect(withLint({ policy: 'Anyone can write', entity: 'notes' })).toEqual(['public.notes · Anyone can write', 'public.todos · Anyone can write']);
    expect(withLint({ policy: 'Anyone can write', schema: 'app' })).toEqual(['app.todos · Anyone can write', 'public.todos · Anyone can write']);
    expect(withLint({})).toEqual(['public.todos · Anyone can write']);
    expect(withLint({ entity: 'notes' })).toEqual(['public.notes · (name in the Security Advisor)', 'public.todos · Anyone can write']);
    expect(withLint({ schema: 'app' })).toEqual(['app.todos · (name in the Security Advisor)', 'public.todos · Anyone can write']);
  });
  it('a policy known only by its WITH CHECK: the evidence says so', () => {
    expect(run({ policies: [policy({ table: 'todos', name: 'A', command: 'INSERT', roles: ['anon'], check: 'true' })] })[0]!.evidence).toBe(
      'public.todos: policy "A" for INSERT to anon (WITH CHECK true)',
    );
    expect(run({ policies: [policy({ table: 'todos', name: 'A', command: 'INSERT', roles: ['anon'], check: null })] })[0]!.evidence).toBe(
      'public.todos: policy "A" for INSERT to anon (WITH CHECK (none))',
    );
  });
  it('an unknown command in a policy is treated as ALL in the guide, shown as it came', () => {
    const [f] = run({ advisors: advisors(lint('rls_policy_always_true', { entity: 'todos', detail: 'for `ALL` x' })) });
    expect(f!.vars!.policy_block).toContain('for all to authenticated');
  });
});

describe('allowsEveryRow, cases from mutation testing', () => {
  const a = (o: Partial<Parameters<typeof allowsEveryRow>[0]>) => allowsEveryRow({ command: 'UPDATE', permissive: true, ...o });
  it('restrictive or a read: never', () => {
    expect(a({ permissive: false, using: 'true', check: 'true' })).toBe(false);
    expect(a({ command: 'SELECT', using: 'true', check: 'true' })).toBe(false);
  });
  it('USING open: null or always true, for every write but INSERT; unknown is not open', () => {
    for (const command of ['UPDATE', 'DELETE', 'ALL'] as const) {
      expect(a({ command, using: null }), command).toBe(true);
      expect(a({ command, using: '(1 = 1)', check: '(auth.uid() = user_id)' }), command).toBe(true);
      expect(a({ command, using: '(auth.uid() = user_id)' }), command).toBe(false);
    }
    expect(a({ command: 'INSERT', using: null })).toBe(false);
    expect(a({ command: 'INSERT', using: 'true', check: '(auth.uid() = user_id)' })).toBe(false);
    expect(a({ command: 'DELETE' })).toBe(false);
  });
  it('WITH CHECK open: always true for any write; null only for INSERT, or UPDATE/ALL whose USING is always true', () => {
    expect(a({ command: 'INSERT', check: 'true' })).toBe(true);
    expect(a({ command: 'DELETE', using: '(auth.uid() = user_id)', check: 'true' })).toBe(true);
    expect(a({ command: 'INSERT', check: null })).toBe(true);
    expect(a({ command: 'INSERT' })).toBe(false);
    expect(a({ command: 'INSERT', check: '(auth.uid() = user_id)' })).toBe(false);
    expect(a({ command: 'DELETE', using: '(auth.uid() = user_id)', check: null })).toBe(false);
    expect(a({ command: 'UPDATE', using: '(auth.uid() = user_id)', check: null })).toBe(false);
    expect(a({ command: 'ALL', using: '(auth.uid() = user_id)', check: null })).toBe(false);
    expect(a({ command: 'ALL', using: '(auth.uid() = user_id)', check: 'true' })).toBe(true);
  });
});

describe('supabase-policy-always-true fix guide, cases from mutation testing', () => {
  it('the table’s policies, the 0024 lint docs, an SQL snippet', () => {
    const g = resolveGuide(rule.meta.fix, [], { ref: 'abcdefghijklmnopqrst', schema: 'public', table: 'todos' }).primary;
    expect(g.docs).toBe('https://supabase.com/docs/guides/database/database-linter?lint=0024_permissive_rls_policy');
    expect(g.snippet?.language).toBe('sql');
  });
});
