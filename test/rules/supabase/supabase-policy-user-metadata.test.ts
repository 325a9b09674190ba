import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/supabase-policy-user-metadata';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
import { advisors, applySql, dashboard, findings, lint, policy, snippetOf } from '../../helpers/dashboard';

const ADMINS = policy({
  table: 'admin_settings',
  name: 'Admins can update',
  command: 'UPDATE',
  roles: ['authenticated'],
  using: "((auth.jwt() -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text",
  check: null,
});

describeRule(rule, {
  flagged: [
    {
      name: 'a policy that reads user_metadata',
      evidence: dashboard({ policies: [ADMINS] }),
      messages: ['policy'],
      severity: 'medium',
      check: ([f]) => {
        expect(f!.evidence).toContain('user_metadata');
        const code = snippetOf(rule, f!);
        expect(code).toContain('alter policy "Admins can update" on public.admin_settings');
        expect(code).not.toContain("->> 'role'::text) = 'admin'::text"); // never copies an expression from the page into SQL
      },
    },
    {
      name: 'in WITH CHECK, via raw_user_meta_data',
      evidence: dashboard({
        policies: [policy({ table: 't', name: 'p', check: "(select raw_user_meta_data->>'team' from auth.users where id = auth.uid()) = team" })],
      }),
      messages: ['policy'],
    },
    {
      name: "the key built in the policy: Postgres renders `(auth.jwt() -> (('user_' || 'meta') || 'data'))`",
      evidence: dashboard({
        policies: [{ ...ADMINS, using: "((auth.jwt() -> (('user_'::text || 'meta'::text) || 'data'::text)) ->> 'role'::text) = 'admin'::text" }],
      }),
      messages: ['policy'],
    },
    {
      name: 'the key built with concat()',
      evidence: dashboard({ policies: [{ ...ADMINS, using: "((auth.jwt() -> concat('user', '_meta', 'data')) ->> 'role') = 'admin'" }] }),
      messages: ['policy'],
    },
    {
      name: 'from the Security Advisor (RLS references user metadata)',
      evidence: dashboard({ advisors: advisors(lint('rls_references_user_metadata', { entity: 'public.admin_settings' })) }),
      messages: ['policy'],
    },
  ],
  clean: [
    {
      name: 'app_metadata is set by the server only',
      evidence: dashboard({ policies: [{ ...ADMINS, using: "((auth.jwt() -> 'app_metadata') ->> 'role') = 'admin'" }] }),
    },
    { name: 'expression unknown', evidence: dashboard({ policies: [{ ...ADMINS, using: undefined }] }) },
    {
      name: 'pieces that do not make user_metadata (app_ || metadata; user_ alone)',
      evidence: dashboard({
        policies: [
          {
            ...ADMINS,
            using: "((auth.jwt() -> ('app_'::text || 'metadata'::text)) ->> 'user_'::text) = 'x'::text",
            check: "concat('user', 'name') = 'metadata'",
          },
        ],
      }),
    },
  ],
  fixed: [
    {
      name: 'the policy altered with the snippet, its condition rewritten to read app_metadata',
      before: dashboard({ policies: [ADMINS] }),
      after: (() => {
        const [f] = findings(rule, dashboard({ policies: [ADMINS] }));
        const sql = snippetOf(rule, f!).replace(/<the same condition[^>]*>/, "((auth.jwt() -> 'app_metadata') ->> 'role') = 'admin'");
        return dashboard(applySql({ policies: [ADMINS] }, sql));
      })(),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): one finding per policy (and none for an advisor row that names no
// policy of a table already flagged), the advisor's table name with or without its schema, evidence, location, identity.
describe('supabase-policy-user-metadata, cases from mutation testing', () => {
  const META = (o: Partial<ReturnType<typeof lint>> = {}) =>
    lint('rls_references_user_metadata', { title: 'RLS references user metadata', entity: 'public.admin_settings', ...o });
  it('a policy from the list: message, evidence, location, identity', () => {
    const ev = dashboard({ policies: [ADMINS] });
    const [f] = findingsOf(rule, ev);
    expect(f!.message).toBe(
      'Policy “Admins can update” on public.admin_settings reads user_metadata, which each user can set for themself: anyone can give themself what the check looks for.',
    );
    expect(f!.evidence).toBe(`public.admin_settings: policy "Admins can update": ${ADMINS.using}`);
    expect(f!.location).toEqual({ kind: 'builder', name: 'public.admin_settings · Admins can update' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'rls_references_user_metadata_public_admin_settings_Admins can update'));
  });
  it('an advisor row without a policy name: a placeholder name everywhere', () => {
    const ev = dashboard({ advisors: advisors(META()) });
    const [f] = findingsOf(rule, ev);
    expect(f!.message).toMatch(/^Policy “\(name in the Security Advisor\)” on public\.admin_settings reads/);
    expect(f!.evidence).toBe('public.admin_settings: policy "(name in the Security Advisor)": Security Advisor: RLS references user metadata');
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'rls_references_user_metadata_public_admin_settings_'));
    expect(snippetOf(rule, f!)).toContain('alter policy "<policy name>" on public.admin_settings');
  });
  it('the advisor may name the table without its schema', () => {
    const [f] = findingsOf(rule, dashboard({ advisors: advisors(META({ entity: 'admin_settings' })) }));
    expect(f!.location.name).toBe('public.admin_settings · (name in the Security Advisor)');
  });
  it('an advisor row without a table is skipped', () => expect(findingsOf(rule, dashboard({ advisors: advisors(META({ entity: undefined })) }))).toEqual([]));
  it('two policies on one table: two findings', () => {
    const fs = findingsOf(rule, dashboard({ policies: [ADMINS, { ...ADMINS, name: 'Admins can delete', command: 'DELETE' }] }));
    expect(fs.map((f) => f.location.name).sort()).toEqual(['public.admin_settings · Admins can delete', 'public.admin_settings · Admins can update']);
  });
  it('the advisor row naming no policy adds nothing to a table already flagged, but counts for another table', () => {
    expect(findingsOf(rule, dashboard({ policies: [ADMINS], advisors: advisors(META()) }))).toHaveLength(1);
    expect(findingsOf(rule, dashboard({ policies: [ADMINS], advisors: advisors(META({ entity: 'public.profiles' })) }))).toHaveLength(2);
  });
  it('a long condition is cut at 160 characters in the evidence', () => {
    const at = (n: number) => `(auth.jwt() -> 'user_metadata') ->> 'role' = '${'a'.repeat(n - 47)}'`;
    expect(at(160)).toHaveLength(160);
    const [exact] = findingsOf(rule, dashboard({ policies: [{ ...ADMINS, using: at(160) }] }));
    expect(exact!.evidence).toBe(`public.admin_settings: policy "Admins can update": ${at(160)}`);
    const [long] = findingsOf(rule, dashboard({ policies: [{ ...ADMINS, using: at(161) }] }));
    expect(long!.evidence).toBe(`public.admin_settings: policy "Admins can update": ${at(161).slice(0, 160)}…`);
  });
  it('the guide: an SQL snippet and the advisor lint’s page', () => {
    expect(rule.meta.fix.snippet?.language).toBe('sql');
    expect(rule.meta.fix.docs).toContain('0015_rls_references_user_metadata');
  });
  it('nothing outside the Supabase dashboard', () => expect(findingsOf(rule, evidence())).toEqual([]));
});
