/**
 * Runs rules over Evidence. Pure: no browser, no network, no clock beyond what Evidence carries.
 * A rule that throws does not take the others down; its error is reported next to the findings.
 */
import type { Evidence } from '../utils/evidence/evidence';
import type { Finding } from './finding';
import { hash64 } from '../utils/hash';
import type { FindingDraft, Rule, RuleContext, Surface } from './rule';
import { compareSeverity } from './severity';

export interface RuleRun {
  findings: Finding[];
  /** Rules that ran (their surfaces were collected), by id. */
  evaluated: string[];
  /** Rules skipped because a surface they read was not collected. */
  skipped: string[];
  errors: { ruleId: string; message: string }[];
}

const EVIDENCE_MAX = 300;
const MESSAGE_MAX = 600;
const bound = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

export function formatMessage(template: string, data: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (data[key] !== undefined ? String(data[key]) : whole));
}

export function fingerprint(ruleId: string, origin: string, identity: string): string {
  return hash64(`${ruleId}\u0000${origin}\u0000${identity}`);
}

function surfacePresent(evidence: Evidence, surface: Surface): boolean {
  switch (surface) {
    case 'page':
      return evidence.page !== undefined;
    case 'redirect':
      return evidence.redirect.status !== 'not-checked';
    case 'responses':
      return evidence.responses.some((r) => r.type === 'main_frame');
    case 'builder':
      return evidence.builder !== undefined;
    case 'sources':
      return evidence.sources !== undefined;
    case 'supabase-dashboard':
      return evidence.builder?.supabase !== undefined;
    case 'supabase-cron':
      return evidence.builder?.supabase?.cron !== undefined;
    case 'supabase-advisors':
      return evidence.builder?.supabase?.advisors !== undefined;
    case 'glide-builder':
      return evidence.builder?.glide !== undefined;
    case 'glide-app':
      return evidence.glideApp !== undefined;
    case 'bubble-app':
      return evidence.builder?.bubble !== undefined;
    case 'bubble-deployed':
      return evidence.bubble !== undefined;
    case 'cookies':
    case 'globals':
      return true;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.location.name ?? '').localeCompare(b.location.name ?? '') ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

export function runRules(evidence: Evidence, rules: readonly Rule[], ctx: RuleContext): RuleRun {
  const run: RuleRun = { findings: [], evaluated: [], skipped: [], errors: [] };
  const seen = new Set<string>();
  for (const rule of rules) {
    const { meta } = rule;
    if (!meta.surfaces.every((s) => surfacePresent(evidence, s))) {
      run.skipped.push(meta.id);
      continue;
    }
    let drafts: FindingDraft[];
    try {
      drafts = rule.check(evidence, ctx);
    } catch (error) {
      run.errors.push({ ruleId: meta.id, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    run.evaluated.push(meta.id);
    for (const draft of drafts) {
      const fp = fingerprint(meta.id, evidence.origin, draft.identity);
      if (seen.has(fp)) continue;
      seen.add(fp);
      const template = meta.messages[draft.messageId] ?? draft.messageId;
      run.findings.push({
        ruleId: meta.id,
        severity: draft.severity ?? meta.severity,
        title: meta.title,
        message: bound(formatMessage(template, draft.data), MESSAGE_MAX),
        messageId: draft.messageId,
        evidence: bound(draft.evidence, EVIDENCE_MAX),
        location: draft.location,
        fingerprint: fp,
        ...(draft.vars ? { vars: draft.vars } : {}),
      });
    }
  }
  run.findings.sort(compareFindings);
  return run;
}
