/**
 * Merges what one dashboard page (or one deep audit) saw into the per-project picture. Pure.
 *
 * Each page shows part of a project: the table list shows RLS badges, the editor one table's columns, the policies
 * page every table's policies, the advisor one level's lints. A fact a page did not show ("unknown") never erases
 * one an earlier page showed; a page that shows a complete list (a policies card, an advisor tab, the deep audit)
 * replaces what it covers, so fixed problems disappear. Entries older than the retention window are dropped.
 */
import {
  DASHBOARD_LIMITS,
  type DashboardBucket,
  type DashboardLint,
  type DashboardObservation,
  type DashboardPolicy,
  type DashboardTable,
  type SupabaseDashboard,
} from './dashboard-evidence';

const k2 = (a: string, b: string) => `${a}\u0000${b}`;
const k3 = (a: string, b: string, c: string) => `${a}\u0000${b}\u0000${c}`;

export function emptyDashboard(ref: string): SupabaseDashboard {
  return { ref, tables: [], policies: [], buckets: [], pages: [] };
}

const newestFirst = <T extends { seenAt: number }>(list: T[], max: number) => [...list].sort((a, b) => b.seenAt - a.seenAt).slice(0, max);

function mergeTables(prev: DashboardTable[], obs: DashboardObservation, now: number): DashboardTable[] {
  const incoming = new Set(obs.tables.map((t) => k2(t.schema, t.name)));
  const byKey = new Map<string, DashboardTable>();
  for (const t of prev) {
    const covered = obs.tablesComplete && (obs.schema === undefined || t.schema === obs.schema);
    if (covered && !incoming.has(k2(t.schema, t.name))) continue; // gone (deleted or renamed)
    byKey.set(k2(t.schema, t.name), t);
  }
  for (const t of obs.tables) {
    const key = k2(t.schema, t.name);
    const old = byKey.get(key);
    const columns = t.columns ?? old?.columns;
    const policyCount = t.policyCount ?? old?.policyCount;
    byKey.set(key, {
      schema: t.schema,
      name: t.name,
      kind: t.kind !== 'unknown' ? t.kind : (old?.kind ?? 'unknown'),
      rls: t.rls !== 'unknown' ? t.rls : (old?.rls ?? 'unknown'),
      exposed: t.exposed !== 'unknown' ? t.exposed : (old?.exposed ?? 'unknown'),
      ...(policyCount !== undefined ? { policyCount } : {}),
      ...(columns ? { columns } : {}),
      source: obs.source,
      seenAt: now,
    });
  }
  // A total budget as well as per-list caps: 2000 tables × 300 columns must not become tens of megabytes.
  let columnBudget = DASHBOARD_LIMITS.totalColumns;
  return newestFirst([...byKey.values()], DASHBOARD_LIMITS.tables).map((t) => {
    if (!t.columns) return t;
    if (t.columns.length <= columnBudget) {
      columnBudget -= t.columns.length;
      return t;
    }
    const { columns: _, ...rest } = t;
    return rest;
  });
}

function mergePolicies(prev: DashboardPolicy[], obs: DashboardObservation, now: number): DashboardPolicy[] {
  const covered = new Set(obs.policyTables.map((t) => k2(t.schema, t.name)));
  const old = new Map(prev.map((p) => [k3(p.schema, p.table, p.name), p]));
  const byKey = new Map<string, DashboardPolicy>();
  for (const p of prev) if (!covered.has(k2(p.schema, p.table))) byKey.set(k3(p.schema, p.table, p.name), p);
  for (const p of obs.policies) {
    const key = k3(p.schema, p.table, p.name);
    const before = old.get(key);
    // A list that shows names, commands and roles but not the expressions keeps the expressions seen before.
    const using = p.using !== undefined ? p.using : before?.using;
    const check = p.check !== undefined ? p.check : before?.check;
    const { using: _u, check: _c, exprUnread: _x, ...rest } = p;
    // "Editor text unreadable" holds until an expression is known (a later list-only read does not clear it).
    const exprUnread = using === undefined && check === undefined && (p.exprUnread ?? before?.exprUnread);
    byKey.set(key, {
      ...rest,
      ...(using !== undefined ? { using } : {}),
      ...(check !== undefined ? { check } : {}),
      ...(exprUnread ? { exprUnread: true } : {}),
      ...(p.bucket === undefined && before?.bucket !== undefined ? { bucket: before.bucket } : {}),
      source: obs.source,
      seenAt: now,
    });
  }
  let exprBudget = DASHBOARD_LIMITS.totalExpr;
  return newestFirst([...byKey.values()], DASHBOARD_LIMITS.policies).map((p) => {
    const size = (p.using?.length ?? 0) + (p.check?.length ?? 0);
    if (size <= exprBudget) {
      exprBudget -= size;
      return p;
    }
    const { using: _u, check: _c, ...rest } = p; // over budget: the expressions become "not shown"
    return rest;
  });
}

function mergeBuckets(prev: DashboardBucket[], obs: DashboardObservation, now: number): DashboardBucket[] {
  const byKey = new Map<string, DashboardBucket>(obs.bucketsComplete ? [] : prev.map((b) => [b.id, b]));
  const old = new Map(prev.map((b) => [b.id, b]));
  for (const b of obs.buckets) {
    const before = old.get(b.id);
    const pub = b.public ?? before?.public;
    const listing = b.listing ?? before?.listing;
    const policyCount = b.policyCount ?? before?.policyCount;
    byKey.set(b.id, {
      id: b.id,
      name: b.name,
      ...(pub !== undefined ? { public: pub } : {}),
      ...(listing !== undefined ? { listing } : {}),
      ...(policyCount !== undefined ? { policyCount } : {}),
      source: obs.source,
      seenAt: now,
    });
  }
  return newestFirst([...byKey.values()], DASHBOARD_LIMITS.buckets);
}

function mergeAdvisors(prev: SupabaseDashboard['advisors'], obs: DashboardObservation, now: number): SupabaseDashboard['advisors'] {
  if (!obs.advisors) return prev;
  const { levels, lints } = obs.advisors;
  const incoming = new Set(lints.map((l) => l.cacheKey));
  // A complete level replaces what was known of that level, except that a page read never drops what the deep audit
  // (the API, source 'api') reported: the page shows less (no detail, titles that may be missing), only a newer
  // deep audit replaces it.
  const covers = (l: DashboardLint) => levels.includes(l.level) && !(obs.source === 'dom' && l.source === 'api');
  const kept = (prev?.lints ?? []).filter((l) => !covers(l) && !incoming.has(l.cacheKey));
  const added: DashboardLint[] = lints.map((l) => ({ ...l, source: obs.source, seenAt: now }));
  return {
    levels: [...new Set([...(prev?.levels ?? []), ...levels])],
    lints: newestFirst([...added, ...kept], DASHBOARD_LIMITS.lints),
    seenAt: now,
  };
}

export function mergeObservation(prev: SupabaseDashboard | undefined, ref: string, obs: DashboardObservation, now: number): SupabaseDashboard {
  const base = prev && prev.ref === ref ? prev : emptyDashboard(ref);
  const advisors = mergeAdvisors(base.advisors, obs, now);
  // A page that did not say ('unknown') never replaces what an earlier read knew.
  const cron =
    obs.cron && !(obs.cron.state === 'unknown' && base.cron && base.cron.state !== 'unknown') ? { ...obs.cron, source: obs.source, seenAt: now } : base.cron;
  // The deep audit's SQL gap holds until a newer deep audit ran its SQL checks (page reads do not replace them).
  const sqlGap =
    obs.page === 'deep-audit' ? (obs.sqlUnavailable ? { ...obs.sqlUnavailable, source: obs.source, seenAt: now } : undefined) : base.sqlUnavailable;
  return {
    ref,
    tables: mergeTables(base.tables, obs, now),
    policies: mergePolicies(base.policies, obs, now),
    buckets: mergeBuckets(base.buckets, obs, now),
    ...(cron ? { cron } : {}),
    ...(advisors ? { advisors } : {}),
    ...(sqlGap ? { sqlUnavailable: sqlGap } : {}),
    pages: [{ kind: obs.page, seenAt: now }, ...base.pages.filter((p) => p.kind !== obs.page)],
  };
}

/** Drops everything seen before `cutoff` (the retention window): stale facts must not keep findings alive forever. */
export function dropStale(d: SupabaseDashboard, cutoff: number): SupabaseDashboard {
  const fresh = <T extends { seenAt: number }>(list: T[]) => list.filter((x) => x.seenAt >= cutoff);
  const lints = d.advisors ? fresh(d.advisors.lints) : [];
  return {
    ref: d.ref,
    tables: fresh(d.tables),
    policies: fresh(d.policies),
    buckets: fresh(d.buckets),
    ...(d.cron && d.cron.seenAt >= cutoff ? { cron: d.cron } : {}),
    ...(d.advisors && d.advisors.seenAt >= cutoff ? { advisors: { ...d.advisors, lints } } : {}),
    ...(d.sqlUnavailable && d.sqlUnavailable.seenAt >= cutoff ? { sqlUnavailable: d.sqlUnavailable } : {}),
    pages: fresh(d.pages),
  };
}
