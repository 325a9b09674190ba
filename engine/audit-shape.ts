/**
 * A cheap structural check of a stored audit, for the popup's first paint: zod (AuditSchema, audit-schema.ts) is a
 * large part of the popup's script and checking 300 findings with it costs tens of milliseconds, so the popup shows a
 * stored audit that passes this check at once and validates it fully in idle time (entrypoints/popup/api.ts). The
 * background only stores audits it built and validated (utils/storage), so a record that passes here but fails there
 * is a corrupted one: it is dropped then, and the fresh audit replaces what is on screen.
 *
 * Every field the popup reads is checked for its type, every string and list for its bound (AUDIT_LIMITS and the
 * schema's own), enums against their values; defaults are filled as the schema fills them. Anything else: undefined,
 * and the caller takes the full path. Zod-free and pure.
 */
import type { Audit } from './audit-schema';
import { SEVERITIES } from './severity';
import { CHECKLIST_ITEM_IDS } from './checklist';

const LIMITS = { url: 4096, findings: 2000, gaps: 50, gapMessage: 512, errors: 500, list: 500, rows: 40 } as const;
const KINDS = new Set(['header', 'cookie', 'page', 'script', 'form', 'request', 'redirect', 'builder', 'storage']);
const SEV = new Set<string>(SEVERITIES);
const ITEMS = new Set<string>(CHECKLIST_ITEM_IDS);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const optStr = (v: unknown, max: number) => v === undefined || str(v, max);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const list = (v: unknown, max: number): v is unknown[] => Array.isArray(v) && v.length <= max;
const strings = (v: unknown, max: number, each: number) => list(v, max) && v.every((x) => str(x, each));
const record = (v: unknown, each: (x: unknown) => boolean) => isObj(v) && Object.values(v).every(each);

function finding(f: unknown): boolean {
  if (!isObj(f)) return false;
  const l = f.location;
  return (
    str(f.ruleId, 128) &&
    SEV.has(f.severity as string) &&
    (f.ruleSeverity === undefined || SEV.has(f.ruleSeverity as string)) &&
    str(f.title, 300) &&
    str(f.message, 2000) &&
    str(f.messageId, 128) &&
    str(f.evidence, 600) &&
    str(f.fingerprint, 64) &&
    isObj(l) &&
    KINDS.has(l.kind as string) &&
    optStr(l.url, 4096) &&
    optStr(l.name, 512) &&
    (f.vars === undefined || record(f.vars, (x) => str(x, 512)))
  );
}

const platform = (p: unknown) =>
  isObj(p) &&
  str(p.id, 64) &&
  str(p.name, 64) &&
  (p.kind === 'platform' || p.kind === 'host') &&
  (p.confidence === 'high' || p.confidence === 'medium' || p.confidence === 'low') &&
  strings(p.signals, 20, 200);

const row = (r: unknown) =>
  isObj(r) &&
  ITEMS.has(r.item as string) &&
  str(r.label, 300) &&
  (r.state === 'pass' || r.state === 'fail' || r.state === 'unchecked') &&
  num(r.failing) &&
  num(r.checked) &&
  (r.fingerprints === undefined || strings(r.fingerprints, 50, 64));

const supabase = (s: unknown) =>
  s === undefined ||
  (isObj(s) &&
    list(s.projects, 50) &&
    s.projects.every(
      (p) =>
        isObj(p) &&
        str(p.ref, 64) &&
        num(p.tables) &&
        typeof p.publicKey === 'boolean' &&
        (p.tableNames === undefined || strings(p.tableNames, 20, 200)) &&
        (p.probe === undefined || (isObj(p.probe) && str(p.probe.state, 32) && num(p.probe.requests) && num(p.probe.checkedAt))) &&
        optStr(p.skipped, 32),
    ));

/** The stored audit if it has the stored shape and has not expired; undefined otherwise (take the full path). */
export function quickAudit(raw: unknown, now: number): Audit | undefined {
  if (!isObj(raw) || raw.version !== 1) return undefined;
  const a = raw;
  const ok =
    str(a.url, LIMITS.url) &&
    str(a.origin, LIMITS.url) &&
    (a.mode === 'click' || a.mode === 'monitor' || a.mode === 'headless') &&
    (a.context === undefined || a.context === 'deployed' || a.context === 'builder') &&
    typeof a.fullAccess === 'boolean' &&
    num(a.createdAt) &&
    num(a.expiresAt) &&
    num(a.durationMs) &&
    list(a.platforms, 20) &&
    a.platforms.every(platform) &&
    (a.vars === undefined || record(a.vars, (x) => str(x, 200))) &&
    list(a.findings, LIMITS.findings) &&
    a.findings.every(finding) &&
    strings(a.evaluated, LIMITS.list, 1000) &&
    strings(a.skipped, LIMITS.list, 1000) &&
    list(a.errors, LIMITS.errors) &&
    a.errors.every((e) => isObj(e) && str(e.ruleId, 128) && str(e.message, 500)) &&
    list(a.gaps, LIMITS.gaps) &&
    a.gaps.every((g) => isObj(g) && str(g.collector, 64) && str(g.message, LIMITS.gapMessage) && (g.partial === undefined || typeof g.partial === 'boolean')) &&
    (a.checklist === undefined || (list(a.checklist, LIMITS.rows) && a.checklist.every(row))) &&
    (a.rules === undefined || record(a.rules, (r) => isObj(r) && str(r.category, 32) && str(r.checklist, 64))) &&
    supabase(a.supabase);
  if (!ok || (a.expiresAt as number) <= now) return undefined;
  return {
    ...(a as unknown as Audit),
    context: (a.context as Audit['context'] | undefined) ?? 'deployed',
    vars: (a.vars as Audit['vars'] | undefined) ?? {},
    checklist: ((a.checklist as Obj[] | undefined) ?? []).map((r) => (r.fingerprints ? r : { ...r, fingerprints: [] })) as Audit['checklist'],
    rules: (a.rules as Audit['rules'] | undefined) ?? {},
  };
}
