/**
 * SARIF 2.1.0 (OASIS) for code-scanning tools: one run, the driver's rules with help text (the rule's rationale and
 * fix guide), one result per finding with a level, a location (the page URL, and the header/cookie/element as a
 * logical location) and partialFingerprints; accepted risks as suppressions (status "accepted", the reason as the
 * justification). Pure; evidence is masked. Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import type { Audit } from './audit-schema';
import { isAccepted, type AcceptedRisk } from './checklist';
import type { Finding } from './finding';
import { codeSpan, escapeMarkdown } from './report-escape';
import { TOOL } from './report-json';
import type { FixGuide, Rule } from './rule';
import type { Severity } from './severity';
import { isOverridden } from './overrides';
import { showInvisible } from '../utils/text';
import { redactSecrets } from '../utils/secrets/redact';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our fingerprint in `partialFingerprints` (versioned: a new fingerprint scheme gets a new key). */
export const FINGERPRINT_KEY = 'microAppAuditor/v1';

type Level = 'error' | 'warning' | 'note';
/** Severity to SARIF level, and to GitHub's `security-severity` (a CVSS-like score) for its code-scanning UI. */
export const SARIF_LEVEL: Record<Severity, { level: Level; score: string }> = {
  critical: { level: 'error', score: '9.5' },
  high: { level: 'error', score: '8.0' },
  medium: { level: 'warning', score: '5.5' },
  low: { level: 'note', score: '3.0' },
  info: { level: 'note', score: '0.0' },
};

const t = (s: string) => showInvisible(redactSecrets(s));

/** A rule's help: its rationale and fix guide as text and Markdown. `lookup` gives a Rule (command) or a stored FixGuide (popup). */
function help(ruleId: string, finding: Finding, lookup: (id: string) => Rule | FixGuide | undefined) {
  const found = lookup(ruleId);
  const rule = found && 'meta' in found ? found : undefined;
  const guide: FixGuide | undefined = rule ? rule.meta.fix : (found as FixGuide | undefined);
  const lines = [
    rule?.meta.rationale,
    guide ? `Fix: ${guide.summary}` : undefined,
    ...(guide?.steps ?? []).map((s, i) => `${i + 1}. ${s}`),
    guide?.docs ? `Docs: ${guide.docs}` : undefined,
  ].filter((x): x is string => !!x);
  const text = lines.length ? lines.join('\n') : finding.title;
  const markdown = [
    rule?.meta.rationale ? escapeMarkdown(rule.meta.rationale) : undefined,
    guide ? `**Fix:** ${escapeMarkdown(guide.summary)}` : undefined,
    ...(guide?.steps ?? []).map((s, i) => `${i + 1}\\. ${escapeMarkdown(s)}`),
    guide?.docs ? `Docs: ${codeSpan(guide.docs)}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { text, markdown: markdown || escapeMarkdown(finding.title), uri: guide?.docs, description: rule?.meta.rationale };
}

export function toSarif(audit: Audit, lookup: (id: string) => Rule | FixGuide | undefined, o: { accepted?: readonly AcceptedRisk[]; now?: number } = {}) {
  const now = o.now ?? Date.now();
  const accepted = o.accepted ?? [];
  const ids = [...new Set(audit.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const first = audit.findings.find((f) => f.ruleId === id)!;
    const h = help(id, first, lookup);
    const meta = audit.rules?.[id];
    // A rule whose severity the organisation policy set (engine/overrides.ts) is configured at the policy's severity.
    const ruleSeverity = isOverridden(first) ? first.severity : (lookupSeverity(lookup(id)) ?? first.severity);
    return {
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: t(first.title) },
      ...(h.description ? { fullDescription: { text: h.description } } : {}),
      help: { text: h.text, markdown: h.markdown },
      ...(h.uri ? { helpUri: h.uri } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[ruleSeverity].level },
      properties: {
        tags: ['security', ...(meta?.category ? [meta.category] : []), ...(meta?.checklist ? [`checklist:${meta.checklist}`] : [])],
        'security-severity': SARIF_LEVEL[ruleSeverity].score,
        precision: 'high',
      },
    };
  });
  const results = audit.findings.map((f) => {
    const acc = isAccepted(f, accepted, now) ? accepted.find((a) => a.fingerprint === f.fingerprint) : undefined;
    const uri = t(f.location.url ?? audit.url);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: SARIF_LEVEL[f.severity].level,
      message: { text: t(f.message) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
          ...(f.location.name ? { logicalLocations: [{ name: t(f.location.name), kind: f.location.kind }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(acc ? { suppressions: [{ kind: 'external', status: 'accepted', justification: t(acc.reason) }] } : {}),
      properties: {
        severity: f.severity,
        ...(isOverridden(f) ? { ruleSeverity: f.ruleSeverity, severitySource: 'organisation policy' } : {}),
        evidence: t(f.evidence),
        locationKind: f.location.kind,
        'security-severity': SARIF_LEVEL[f.severity].score,
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, rules } },
        automationDetails: { id: `micro-app-auditor/${t(audit.origin)}/` },
        invocations: [
          {
            executionSuccessful: audit.errors.length === 0,
            startTimeUtc: new Date(audit.createdAt - audit.durationMs).toISOString(),
            endTimeUtc: new Date(audit.createdAt).toISOString(),
            // What was not scanned, so a clean run is never read as complete when it is not.
            toolExecutionNotifications: [
              ...audit.gaps.map((g) => ({
                level: g.partial ? ('warning' as const) : ('note' as const),
                message: { text: t(g.message) },
                descriptor: { id: `gap/${g.collector}` },
              })),
              ...audit.errors.map((e) => ({ level: 'error' as const, message: { text: `${e.ruleId}: ${t(e.message)}` }, descriptor: { id: 'rule-error' } })),
            ],
          },
        ],
        results,
        properties: { url: t(audit.url), context: audit.context, fullAccess: audit.fullAccess },
      },
    ],
  };
}

function lookupSeverity(found: Rule | FixGuide | undefined): Severity | undefined {
  return found && 'meta' in found ? found.meta.severity : undefined;
}
