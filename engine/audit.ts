/** The pure step that turns Evidence into a stored Audit (schema and storage helpers: audit-schema.ts). */
import { EvidenceSchema, type Evidence } from '../utils/evidence/evidence';
import { runRules } from './engine';
import type { Rule } from './rule';
import { checklist, ruleInfo } from './checklist';
import { detectPlatforms, platformVars } from '../utils/platform/detect';
import { redactSecrets } from '../utils/secrets/redact';
import { AUDIT_LIMITS, AUDIT_VERSION, primaryTarget, type Audit } from './audit-schema';
import type { Finding } from './finding';

export type { Finding };
import { SEVERITIES } from './severity';
import { clip } from '../utils/evidence/bounded';
import { supabaseAuditSummary } from '../utils/supabase/app-evidence';
import { applySeverityOverrides, type SeverityOverrides } from './overrides';

export * from './audit-schema';

/**
 * A URL as it may be stored: no query string, no fragment (a `?token=` or `#access_token=` in the address must not
 * end up at rest). What an audit is about (its scope: an origin, or a builder project such as Bubble's
 * `page?id=<app>`) is derived from the full address before this, and stored as `origin`.
 */
export function storedUrl(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** Every http(s) URL inside a text, without its query string and fragment. */
export function stripUrlsIn(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>`\u201c\u201d\u2018\u2019]+/gi, (u) => storedUrl(u));
}

export interface BuildAuditOptions {
  mode: Audit['mode'];
  fullAccess: boolean;
  retentionDays: number;
  startedAt: number;
  now: number;
  /** The organisation policy's severity overrides (docs/policy.md): what is stored, counted and gated. */
  severityOverrides?: SeverityOverrides | undefined;
}

/** Validates raw evidence, detects platforms, runs the rules. Never throws on bad evidence: it reports it. */
export function buildAudit(raw: unknown, rules: readonly Rule[], o: BuildAuditOptions): Audit {
  const parsed = EvidenceSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Collected data was malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const evidence: Evidence = parsed.data;
  const platforms = detectPlatforms(evidence);
  const target = primaryTarget(platforms);
  const ran = runRules(evidence, rules, { platforms, ...(target ? { target } : {}) });
  const info = ruleInfo(rules, [...ran.evaluated, ...ran.findings.map((f) => f.ruleId)]);
  // The policy's severities before anything counts them: the checklist (info never fails an item), the cap, the store.
  const run = { ...ran, findings: applySeverityOverrides({ findings: ran.findings, rules: info }, o.severityOverrides).findings };
  // Defence in depth: whatever a rule or a page put in a text, no key leaves this function unmasked, and no URL keeps
  // its query string or fragment.
  const r = (text: string) => stripUrlsIn(redactSecrets(text));
  const u = (url: string) => redactSecrets(storedUrl(url));
  const supabase = supabaseAuditSummary(evidence.supabase);
  const grouped = groupFindings(
    run.findings.map((f) => ({
      ...f,
      message: r(f.message),
      evidence: r(f.evidence),
      location: { ...f.location, ...(f.location.url ? { url: u(f.location.url) } : {}), ...(f.location.name ? { name: r(f.location.name) } : {}) },
    })),
  );
  return {
    version: AUDIT_VERSION,
    url: clip(u(evidence.url), AUDIT_LIMITS.url),
    origin: clip(evidence.origin, AUDIT_LIMITS.url),
    mode: o.mode,
    context: evidence.builder ? 'builder' : 'deployed',
    fullAccess: o.fullAccess,
    createdAt: o.now,
    expiresAt: o.now + o.retentionDays * 86_400_000,
    durationMs: Math.max(0, o.now - o.startedAt),
    platforms,
    vars: platformVars(evidence),
    findings: grouped.findings,
    evaluated: run.evaluated,
    skipped: run.skipped,
    errors: run.errors.slice(0, AUDIT_LIMITS.errors).map((e) => ({ ruleId: e.ruleId.slice(0, 128), message: clip(r(e.message), 500) })),
    gaps: capGaps([...evidence.gaps.map((g) => ({ ...g, message: clip(r(g.message), AUDIT_LIMITS.gapMessage) })), ...grouped.gaps]),
    checklist: checklist(run, rules),
    rules: info,
    ...(supabase ? { supabase } : {}),
  };
}

/** A group this large is shown as one finding with a count (e.g. 3,000 cookies `s_1`…`s_3000` without Secure). */
export const GROUP_MIN = 5;
/** Bounds of a finding's strings (FindingSchema), kept here so a grouped finding's longer message still fits. */
const FINDING_TEXT = { title: 300, message: 2000, evidence: 600, url: 4096, name: 512 } as const;

/**
 * What makes findings "the same": rule, message, location kind, and the location and evidence with their numbers and
 * hex ids blanked (`sess_1`…`sess_3000` are one pattern; two different keys are not: their evidence differs).
 */
function identityPattern(f: Finding): string {
  const blank = (s: string | undefined) => (s ?? '').replace(/[0-9a-f]{8,}/gi, '*').replace(/\d+/g, '#');
  return [f.ruleId, f.messageId, f.location.kind, blank(f.location.name), blank(f.location.url?.split(/[?#]/)[0]), blank(f.evidence)].join('\u0000');
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * Groups repeated findings (same rule and identity pattern, GROUP_MIN or more) into one with a count, then keeps the
 * most severe AUDIT_LIMITS.findings and says how many more there were. Every string is cut to its bound, the "…" included.
 */
export function groupFindings(findings: readonly Finding[]): { findings: Finding[]; gaps: { collector: string; message: string }[] } {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = identityPattern(f);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    if (g.length < GROUP_MIN) {
      out.push(...g);
      continue;
    }
    const [first] = g as [Finding, ...Finding[]];
    const names = g
      .slice(1, 4)
      .map((f) => f.location.name ?? f.location.url ?? '')
      .filter(Boolean);
    const also = `The same finding applies to ${plural(g.length - 1, `more ${first.location.kind}`)}${names.length ? ` (e.g. ${names.map((n) => `“${clip(n, 80)}”`).join(', ')})` : ''}: ${plural(g.length, 'finding')} in all, shown once.`;
    out.push({ ...first, message: `${clip(first.message, FINDING_TEXT.message - also.length - 1)} ${also}` });
  }
  const bounded = out.map((f) => ({
    ...f,
    title: clip(f.title, FINDING_TEXT.title),
    message: clip(f.message, FINDING_TEXT.message),
    evidence: clip(f.evidence, FINDING_TEXT.evidence),
    location: {
      ...f.location,
      ...(f.location.url !== undefined ? { url: clip(f.location.url, FINDING_TEXT.url) } : {}),
      ...(f.location.name !== undefined ? { name: clip(f.location.name, FINDING_TEXT.name) } : {}),
    },
  }));
  if (bounded.length <= AUDIT_LIMITS.findings) return { findings: bounded, gaps: [] };
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  const kept = bounded
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .slice(0, AUDIT_LIMITS.findings);
  const more = bounded.length - AUDIT_LIMITS.findings;
  return {
    findings: kept.sort((a, b) => a.i - b.i).map((k) => k.f),
    gaps: [
      {
        collector: 'findings',
        message: `${plural(more, 'more finding')} not listed: an audit keeps the ${AUDIT_LIMITS.findings.toLocaleString('en-US')} most severe.`,
      },
    ],
  };
}

/** At most AUDIT_LIMITS.gaps gaps: the last one says how many more there were (a partial one is never dropped silently). */
function capGaps<G extends { collector: string; message: string; partial?: boolean }>(gaps: G[]): G[] {
  if (gaps.length <= AUDIT_LIMITS.gaps) return gaps;
  const kept = gaps.slice(0, AUDIT_LIMITS.gaps - 1);
  const rest = gaps.slice(AUDIT_LIMITS.gaps - 1);
  const partial = rest.some((g) => g.partial);
  return [...kept, { collector: 'gaps', message: `${plural(rest.length, 'more gap')} not listed.`, ...(partial ? { partial: true } : {}) } as G];
}
