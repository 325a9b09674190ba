import { describe, expect, it } from 'vitest';
import rule, { DECISIONS, decide } from '@/rules/supabase/supabase-rls-disabled';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { NOW, evidence } from '../../helpers/evidence';
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

// ─── Cases found by mutation testing (docs/mutation.md): each fails on a mutant that the cases above let live ────────
describe('supabase-rls-disabled, cases from mutation testing', () => {
  const one = (d: Parameters<typeof dashboard>[0]) => {
    const found = findingsOf(rule, dashboard(d));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const fromDetail = (detail: string) =>
    one({
      advisors: advisors(lint('rls_disabled_in_public', { entity: 'customers' }), lint('sensitive_columns_exposed', { entity: 'customers', detail })),
    }).message;

  it('the advisor alone: the evidence lists each fact and each advisor row, the location names the table', () => {
    const f = one({
      advisors: advisors(
        lint('sensitive_columns_exposed', { entity: 'customers', detail: 'Table `public.customers` … sensitive column(s): email, ssn.' }),
        lint('rls_disabled_in_public', { entity: 'customers' }),
      ),
    });
    expect(f.severity).toBe('critical'); // the second row for the same table keeps what the first said
    expect(f.evidence).toBe(
      'public.customers: RLS disabled; reachable by anon/authenticated; columns: email, ssn; Security Advisor: sensitive_columns_exposed; Security Advisor: rls_disabled_in_public',
    );
    expect(f.location).toEqual({ kind: 'builder', name: 'public.customers' });
  });

  it('the columns in the advisor’s detail: quoting backticks and empty entries dropped, no space needed after the colon', () => {
    expect(fromDetail('… sensitive column(s): `email`, , `ssn`.')).toContain('(email, ssn)');
    expect(fromDetail('… sensitive column(s):email, ssn.')).toContain('(email, ssn)');
    expect(fromDetail('… sensitive column(s): we`ird.')).toContain('(we`ird)');
  });

  it('a table known to have no Data API permissions says so in the evidence', () => {
    const f = one({ tables: [table({ name: 'internal_notes', rls: 'disabled', exposed: 'no' })] });
    expect(f.evidence).toBe('public.internal_notes: RLS disabled; no Data API permissions');
    expect(f.message).toContain('the anon and authenticated roles have no permissions on it');
  });

  it('each message reads as written (reachable; exposure unknown with personal columns)', () => {
    expect(one({ tables: [TODOS] }).message).toBe(
      'RLS is off on public.todos: anyone with the publishable (anon) key can read, change and delete every row through the Data API.',
    );
    expect(one({ tables: [table({ name: 'people', rls: 'disabled', columns: ['id', 'email'] })] }).message).toBe(
      'RLS is off on public.people and its columns look personal or secret (email). If the Data API reaches it (tables in public usually are reachable), anyone with the publishable key can read and change every row.',
    );
  });

  it('policies known only from the advisor (Policy Exists RLS Disabled) or from the table’s policy count', () => {
    for (const d of [
      { advisors: advisors(lint('policy_exists_rls_disabled', { entity: 'posts' })) },
      { tables: [table({ name: 'posts', rls: 'disabled', exposed: 'yes', policyCount: 2 })] },
    ]) {
      const f = one(d);
      expect(f.messageId).toBe('policies-ignored');
      expect(f.severity).toBe('high');
      expect(f.message).toBe(
        'public.posts has RLS policies, but RLS is off, so the policies do nothing: every row is open to anyone with the publishable key.',
      );
      expect(f.evidence).toContain('; policies exist');
      expect(snippetOf(rule, f)).toContain('-- The table already has policies: they take effect as soon as RLS is on.');
    }
  });

  it('an advisor row alone (no table seen): exposure unknown, not a crash', () => {
    const f = one({ advisors: advisors(lint('rls_disabled_in_public', { entity: 'orders' })) });
    expect(f.messageId).toBe('maybe-exposed');
    expect(f.message).toBe(
      'RLS is off on public.orders. If the Data API reaches it (tables in public usually are reachable), anyone with the publishable key can read and change every row.',
    );
    expect(f.evidence).toBe('public.orders: RLS disabled; Security Advisor: rls_disabled_in_public');
  });

  it('the guide: SQL snippet, splinter’s docs page for the lint; the rule alone returns nothing without dashboard evidence', () => {
    const g = resolveGuide(rule.meta.fix, [], {});
    expect(g.primary.snippet?.language).toBe('sql');
    expect(g.primary.docs).toMatch(/0013_rls_disabled_in_public/);
    // The engine runs the rule only where a Supabase dashboard was seen; called directly it still answers nothing.
    expect(rule.check(evidence({}), { platforms: [] })).toEqual([]);
  });

  it('an advisor row newer than the table’s RLS-off badge still adds what it knows', () => {
    const f = one({
      tables: [table({ name: 'customers', rls: 'disabled', seenAt: NOW })],
      advisors: advisors(lint('sensitive_columns_exposed', { entity: 'customers', seenAt: NOW })),
    });
    expect(f.messageId).toBe('sensitive');
  });

  it('at most six columns are named, in the message and the evidence', () => {
    const cols = ['email', 'phone', 'password', 'ssn', 'token', 'api_key', 'secret', 'iban'];
    const f = one({ tables: [table({ name: 'accounts', rls: 'disabled', exposed: 'yes', columns: cols })] });
    expect(f.message).toContain('(email, phone, password, ssn, token, api_key)');
    expect(f.evidence).toBe('public.accounts: RLS disabled; reachable by anon/authenticated; columns: email, phone, password, ssn, token, api_key');
  });

  it('no finding without Supabase dashboard evidence, for an advisor row without a table name, or one older than RLS seen on', () => {
    expect(findingsOf(rule, evidence({}))).toEqual([]);
    expect(findingsOf(rule, dashboard({ advisors: advisors(lint('rls_disabled_in_public', { entity: '' })) }))).toEqual([]);
    const same = dashboard({
      tables: [table({ name: 't', rls: 'enabled', seenAt: NOW })],
      advisors: advisors(lint('rls_disabled_in_public', { seenAt: NOW })),
    });
    expect(findingsOf(rule, same)).toEqual([]);
  });
});
