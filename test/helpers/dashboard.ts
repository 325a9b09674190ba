/**
 * Hand-made Supabase dashboard evidence for rule tests, and a tiny "database" that applies a fix guide's SQL snippet
 * to it (enable RLS, create/drop/alter policy, make a bucket private, schedule a cron job), so a rule's "fixed"
 * case runs the guide's own words rather than a value the test made up.
 */
import { parseCreatePolicies } from '@/entrypoints/supabase.content/readers/policy-sql';
import { runRules } from '@/engine/engine';
import { auditScope } from '@/utils/platform/builders';
import { EvidenceSchema, type Evidence, type EvidenceInput } from '@/utils/evidence/evidence';
import type { Finding } from '@/engine/finding';
import { resolveGuide } from '@/engine/fix';
import type { Rule } from '@/engine/rule';
import type { DashboardBucket, DashboardLint, DashboardPolicy, DashboardTable, SupabaseDashboard } from '@/utils/supabase/dashboard-evidence';
import { NOW } from './evidence';

export const REF = 'qwertyuiopasdfghjklz';
export const EDITOR = `https://supabase.com/dashboard/project/${REF}/editor`;

export type Dash = Partial<Omit<SupabaseDashboard, 'ref'>>;

export function dashboard(d: Dash = {}): Evidence {
  const raw: EvidenceInput = {
    url: EDITOR,
    origin: auditScope(EDITOR),
    collectedAt: NOW,
    responses: [],
    cookies: [],
    redirect: { status: 'not-checked', reason: 'builder editor' },
    builder: { platform: 'supabase', secrets: [], supabase: { ref: REF, ...d } },
    globals: {},
    gaps: [],
  };
  return EvidenceSchema.parse(raw);
}

export const table = (o: Partial<DashboardTable> & { name: string }): DashboardTable => ({
  schema: 'public',
  kind: 'table',
  rls: 'unknown',
  exposed: 'unknown',
  source: 'dom',
  seenAt: NOW,
  ...o,
});
export const policy = (o: Partial<DashboardPolicy> & { table: string; name: string }): DashboardPolicy => ({
  schema: 'public',
  command: 'ALL',
  roles: [],
  rolesTruncated: false,
  permissive: true,
  source: 'dom',
  seenAt: NOW,
  ...o,
});
export const bucket = (o: Partial<DashboardBucket> & { id: string }): DashboardBucket => ({ name: o.id, source: 'dom', seenAt: NOW, ...o });
export function lint(name: string, o: Partial<DashboardLint> = {}): DashboardLint {
  const schema = o.schema ?? 'public';
  const entity = o.entity ?? 't';
  return {
    name,
    title: name,
    level: 'ERROR',
    cacheKey: `${name}_${schema}_${entity}${o.policy ? `_${o.policy}` : ''}`,
    schema,
    entity,
    source: 'dom',
    seenAt: NOW,
    ...o,
  };
}
export const advisors = (...lints: DashboardLint[]) => ({ levels: ['ERROR', 'WARN', 'INFO'] as ('ERROR' | 'WARN' | 'INFO')[], lints, seenAt: NOW });

/** The snippet a finding's guide shows (filled with the finding's values). */
export function snippetOf(rule: Rule, finding: Pick<Finding, 'vars'>): string {
  const code = resolveGuide(rule.meta.fix, [], finding.vars ?? {}).primary.snippet?.code;
  if (!code) throw new Error(`${rule.meta.id}: no snippet`);
  return code;
}

// ─── a tiny SQL applier ──────────────────────────────────────────────────────────────────────────────────────────

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const unq = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);
const QUAL = new RegExp(String.raw`(?:(${IDENT})\s*\.\s*)?(${IDENT})`);

function qualified(text: string): { schema: string; name: string } | undefined {
  const m = new RegExp(`^${QUAL.source}`).exec(text.trim());
  return m ? { schema: m[1] ? unq(m[1]) : 'public', name: unq(m[2]!) } : undefined;
}

/** Applies the statements of a snippet the user would paste (comments ignored) to a dashboard record. */
export function applySql(d: Dash, sql: string): Dash {
  const out: Dash = { ...d, tables: [...(d.tables ?? [])], policies: [...(d.policies ?? [])], buckets: [...(d.buckets ?? [])] };
  const code = sql
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n');
  for (const raw of code.split(/;\s*(?:\n|$)/)) {
    const s = raw.trim();
    if (!s) continue;
    let m: RegExpExecArray | null;
    if ((m = /^alter table\s+(.+?)\s+enable row level security$/is.exec(s))) {
      const q = qualified(m[1]!)!;
      out.tables = out.tables!.map((t) => (t.schema === q.schema && t.name === q.name ? { ...t, rls: 'enabled', seenAt: NOW + 1 } : t));
    } else if (/^create policy/i.test(s)) {
      for (const p of parseCreatePolicies(`${s};`)) {
        out.policies!.push(policy({ ...p, roles: (p.roles ?? []) as string[], rolesTruncated: false, permissive: p.permissive ?? true, seenAt: NOW + 1 }));
        out.tables = out.tables!.map((t) => (t.schema === p.schema && t.name === p.table ? { ...t, policyCount: (t.policyCount ?? 0) + 1 } : t));
      }
    } else if ((m = new RegExp(String.raw`^drop policy\s+(${IDENT})\s+on\s+(.+)$`, 'is').exec(s))) {
      const name = unq(m[1]!);
      const q = qualified(m[2]!)!;
      out.policies = out.policies!.filter((p) => !(p.name === name && p.schema === q.schema && p.table === q.name));
    } else if ((m = new RegExp(String.raw`^alter policy\s+(${IDENT})\s+on\s+(${QUAL.source})\s+using\s*\((.*)\)$`, 'is').exec(s))) {
      const name = unq(m[1]!);
      const q = qualified(m[2]!)!;
      const expr = m[m.length - 1]!;
      out.policies = out.policies!.map((p) => (p.name === name && p.schema === q.schema && p.table === q.name ? { ...p, using: expr, seenAt: NOW + 1 } : p));
    } else if ((m = /^update storage\.buckets set public = false where id = '((?:[^']|'')*)'$/is.exec(s))) {
      const id = m[1]!.replace(/''/g, "'");
      out.buckets = out.buckets!.map((b) => (b.id === id ? { ...b, public: false, seenAt: NOW + 1 } : b));
    } else if ((m = /^select cron\.schedule\(\s*'((?:[^']|'')*)'\s*,\s*'([^']*)'\s*,\s*(?:\$\$([\s\S]*)\$\$|'((?:[^']|'')*)')\s*\)$/i.exec(s))) {
      const job = { name: m[1]!.replace(/''/g, "'"), schedule: m[2]!, command: m[3] ?? m[4]!.replace(/''/g, "'") };
      out.cron = { state: 'jobs', jobs: [...(out.cron?.jobs ?? []), job], source: 'dom', seenAt: NOW + 1 };
    } else if (/^create extension if not exists pg_cron/i.test(s)) {
      out.cron = { state: 'no-jobs', jobs: [], source: 'dom', seenAt: NOW + 1 };
    } else if (/^(revoke|alter view)/i.test(s)) {
      // Takes effect in the database; the dashboard shows it when the Security Advisor runs again (tests drop the lint).
    } else {
      throw new Error(`applySql: unsupported statement: ${s.slice(0, 80)}`);
    }
  }
  return out;
}

/** A "fixed" case: the dashboard before, and after pasting every finding's own snippet (plus what else the guide says). */
export function fixedBy(rule: Rule, d: Dash, also: (after: Dash) => Dash = (x) => x): { before: Evidence; after: Evidence } {
  const before = dashboard(d);
  let after = d;
  for (const f of findings(rule, before)) after = applySql(after, snippetOf(rule, f));
  return { before, after: dashboard(also(after)) };
}

export function findings(rule: Rule, evidence: Evidence): Finding[] {
  return runRules(evidence, [rule], { platforms: [] }).findings;
}
