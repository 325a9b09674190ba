/** Picks the fix-guide variant for the user's platform and fills its deep link. Pure. */
import { safeLink } from '../utils/links';
import { FIX_TARGET_NAMES, type FixTarget } from '../utils/platform/platforms';
import type { FixGuide, PlatformFix, Rule, Snippet } from './rule';
import type { Audit } from './audit-schema';
import { primaryTarget } from './target';
import type { Finding } from './finding';

export interface GuideVariant {
  target: FixTarget | 'generic';
  name: string;
  steps: string[];
  deepLink?: string;
  snippet?: Snippet;
  docs: string;
}

export interface ResolvedGuide {
  summary: string;
  /** The variant to show first: the detected platform/host when the guide has one, else the generic steps. */
  primary: GuideVariant;
  /** Other hosts' variants, server last. */
  others: GuideVariant[];
}

/** Fills `{name}` placeholders; returns undefined when one is missing (a half-filled link is worse than none). */
export function fillTemplate(template: string | undefined, vars: Record<string, string>): string | undefined {
  if (!template) return undefined;
  // A template that is one whole value (e.g. a provider's rotation page) takes it as is, if it is an https URL.
  const whole = /^\{(\w+)\}$/.exec(template);
  if (whole) {
    const v = vars[whole[1]!];
    return v && /^https:\/\/[^\s"'<>]+$/.test(v) ? v : undefined;
  }
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    if (v === undefined) missing = true;
    return v === undefined ? '' : encodeURIComponent(v);
  });
  return missing ? undefined : out;
}

/**
 * Fills a snippet template (`Snippet.fill`) with a finding's values, as they are (the rule quoted them for the
 * snippet's language; no URL encoding). One pass: a value that itself looks like `{name}` is not expanded again.
 * A missing value shows as `<name>`, for the user to fill in.
 */
export function fillSnippet(snippet: Snippet, vars: Record<string, string>): Snippet {
  if (!snippet.fill) return snippet;
  const code = snippet.code.replace(/\{(\w+)\}/g, (_, k: string) => (Object.hasOwn(vars, k) ? vars[k]! : `<${k}>`));
  return { language: snippet.language, code };
}

function variant(target: FixTarget | 'generic', fix: PlatformFix, fallbackDocs: string, vars: Record<string, string>): GuideVariant {
  // Only a link to an allow-listed vendor host becomes a deep link (utils/links.ts).
  const deepLink = safeLink(fillTemplate(fix.deepLink, vars));
  return {
    target,
    name: target === 'generic' ? 'Any host' : FIX_TARGET_NAMES[target],
    steps: fix.steps.slice(0, 5),
    ...(deepLink ? { deepLink } : {}),
    ...(fix.snippet ? { snippet: fillSnippet(fix.snippet, vars) } : {}),
    docs: fix.docs ?? fallbackDocs,
  };
}

export function resolveGuide(guide: FixGuide, targets: FixTarget[], vars: Record<string, string>): ResolvedGuide {
  const generic = variant('generic', guide, guide.docs, vars);
  const entries = Object.entries(guide.platforms ?? {}) as [FixTarget, PlatformFix][];
  const chosen = targets.find((t) => guide.platforms?.[t]);
  const primary = chosen ? variant(chosen, guide.platforms![chosen]!, guide.docs, vars) : generic;
  const others = entries
    .filter(([t]) => t !== chosen)
    .sort(([a], [b]) => (a === 'server' ? 1 : b === 'server' ? -1 : 0))
    .map(([t, f]) => variant(t, f, guide.docs, vars));
  return { summary: guide.summary, primary, others: chosen ? [generic, ...others] : others };
}

/** The guide for one finding of an audit: speaks to the detected platform/host and fills deep-link values. */
export function guideForFinding(
  finding: Pick<Finding, 'ruleId' | 'vars'>,
  audit: Pick<Audit, 'platforms' | 'origin' | 'url' | 'vars'>,
  /** The rule (catalogue) or directly its guide (an audit's stored `guides`). */
  lookup: (ruleId: string) => Rule | FixGuide | undefined,
): ResolvedGuide | undefined {
  const found = lookup(finding.ruleId);
  if (!found) return undefined;
  const guide = 'meta' in found ? found.meta.fix : found;
  const first = primaryTarget(audit.platforms);
  // Unconfirmed (low-confidence) detections never steer the guide: a page can fake them.
  const sure = audit.platforms.filter((p) => p.confidence !== 'low').map((p) => p.id as FixTarget);
  const targets = [first, ...sure].filter((t): t is FixTarget => !!t);
  let host = '';
  try {
    host = new URL(audit.url).host;
  } catch {
    /* keep empty: links needing {host} are dropped */
  }
  return resolveGuide(guide, targets, { origin: audit.origin, ...(host ? { host } : {}), ...audit.vars, ...finding.vars });
}
