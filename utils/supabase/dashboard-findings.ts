/** Shared pieces of the Supabase dashboard rules (rules/supabase/supabase-*.ts). Pure. */
import type { Evidence } from '../evidence/evidence';
import type { DashboardLint, DashboardPolicy, DashboardTable, SupabaseDashboard } from './dashboard-evidence';
import { literal, qualified, quoteIdent, quotePolicy } from './sql';

export function dashboardOf(evidence: Evidence): SupabaseDashboard | undefined {
  return evidence.builder?.platform === 'supabase' ? evidence.builder.supabase : undefined;
}

export const tableKey = (schema: string, name: string) => `${schema}\u0000${name}`;

export function lintsNamed(d: SupabaseDashboard, ...names: string[]): DashboardLint[] {
  return (d.advisors?.lints ?? []).filter((l) => names.includes(l.name));
}

export function tableOf(d: SupabaseDashboard, schema: string, name: string): DashboardTable | undefined {
  return d.tables.find((t) => t.schema === schema && t.name === name);
}

export function policiesOf(d: SupabaseDashboard, schema: string, name: string): DashboardPolicy[] {
  return d.policies.filter((p) => p.schema === schema && p.table === name);
}

/** Values a table finding carries: for the deep link ({schema}, {table}) and, quoted, for snippets. */
export function tableVars(schema: string, name: string): Record<string, string> {
  return { schema, table: name, table_sql: qualified(schema, name), table_literal: literal(`${schema}.${name}`) };
}

/** `public` (every role), `anon`, or no TO clause: anyone holding the publishable key. */
export function anyoneRole(roles: readonly string[]): boolean {
  return roles.length === 0 || roles.some((r) => /^(public|anon)$/i.test(r));
}
export function signedInRole(roles: readonly string[]): boolean {
  return roles.some((r) => /^authenticated$/i.test(r));
}

/** splinter's normalisation: lower case, no whitespace; `true`, `(true)`, `1=1`, `(1=1)` allow every row. */
export function alwaysTrue(expr: string | null | undefined): boolean {
  if (typeof expr !== 'string') return false;
  const n = expr.toLowerCase().replace(/\s+/g, '');
  return ['true', '(true)', '1=1', '(1=1)', '((true))'].includes(n);
}

/** The per-user policy a fix suggests: `auth.uid()` compared with the owner column (a guess flagged as such). */
export function ownerPolicySql(
  schema: string,
  table: string,
  owner: string | undefined,
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' = 'ALL',
  name = 'Users manage their own rows',
): string {
  const col = quoteIdent(owner ?? 'user_id');
  const target = qualified(schema, table);
  const cond = `(select auth.uid()) = ${col}`;
  const using = command === 'INSERT' ? '' : `\n  using (${cond})`;
  const check = command === 'SELECT' || command === 'DELETE' ? '' : `\n  with check (${cond})`;
  const guess = owner ? '' : `-- user_id is a guess: use the column that holds the owner's auth.users id.\n`;
  return `${guess}create policy ${quotePolicy(name)} on ${target}\n  for ${command.toLowerCase()} to authenticated${using}${check};`;
}

/**
 * One draft per Security Advisor lint of that name about a view or table: the entity named, the lint's title and
 * detail as evidence, splinter's cache key as identity, and the values its advisor link and SQL snippet need.
 */
export function viewLintDrafts(evidence: Evidence, lint: string) {
  const d = dashboardOf(evidence);
  if (!d) return [];
  return lintsNamed(d, lint).map((l) => {
    const schema = l.schema ?? 'public';
    const entity = `${schema}.${l.entity ?? '?'}`;
    return {
      messageId: 'lint' as const,
      data: { entity },
      evidence: `${l.title}: ${l.detail ?? entity}`,
      location: { kind: 'builder' as const, name: entity },
      identity: l.cacheKey,
      vars: { ...tableVars(schema, l.entity ?? '<view>'), preset: l.level, id: l.cacheKey },
    };
  });
}
