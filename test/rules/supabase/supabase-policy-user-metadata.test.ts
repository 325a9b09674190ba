import { expect } from 'vitest';
import rule from '@/rules/supabase/supabase-policy-user-metadata';
import { describeRule } from '../../helpers/rule-cases';
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
