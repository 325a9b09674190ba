/** Content-Security-Policy parsing and the few questions header rules ask of it. Pure. */
import type { Evidence } from '../evidence/evidence';
import { documentResponse, headerValues } from './http';
import { headerFixes } from '../../engine/host-fixes';
import type { FixGuide } from '../../engine/rule';

export interface CspPolicy {
  source: 'header' | 'meta';
  directives: Map<string, string[]>;
  raw: string;
}

/** One header value may hold several policies separated by commas; each is a `;` list of directives. */
export function parseCsp(value: string, source: CspPolicy['source']): CspPolicy[] {
  const out: CspPolicy[] = [];
  for (const raw of value.split(',')) {
    const directives = new Map<string, string[]>();
    for (const part of raw.split(';')) {
      const tokens = part.trim().split(/\s+/).filter(Boolean);
      const name = tokens.shift()?.toLowerCase();
      // The first occurrence of a directive wins; later duplicates are ignored (CSP3 §2.2.1).
      if (name && /^[a-z-]+$/.test(name) && !directives.has(name)) directives.set(name, tokens);
    }
    if (directives.size > 0) out.push({ source, directives, raw: raw.trim() });
  }
  return out;
}

/** Enforced policies of the audited page: CSP headers plus `<meta http-equiv>` tags (report-only is ignored). */
export function enforcedPolicies(evidence: Evidence): CspPolicy[] {
  const doc = documentResponse(evidence);
  const policies: CspPolicy[] = [];
  for (const v of doc ? headerValues(doc.headers, 'content-security-policy') : []) policies.push(...parseCsp(v, 'header'));
  for (const m of evidence.page?.meta ?? []) {
    if (m.httpEquiv?.toLowerCase() === 'content-security-policy') policies.push(...parseCsp(m.content, 'meta'));
  }
  return policies;
}

/** The source list that governs a fetch directive, with CSP's fallback to default-src. */
export function effectiveSources(policy: CspPolicy, directive: string): string[] | undefined {
  return policy.directives.get(directive) ?? policy.directives.get('default-src');
}

const lowered = (list: string[]) => list.map((s) => s.toLowerCase());
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/;

/**
 * Inline scripts run under this policy: 'unsafe-inline' without a nonce, hash or 'strict-dynamic' to cancel it, for
 * `<script>` elements (script-src-elem) or for event-handler attributes (script-src-attr). CSP3 §6.1.1: each falls
 * back to script-src, then default-src; an injection can use either, so the policy is as weak as the weaker of the two.
 */
export function allowsInlineScript(policy: CspPolicy): boolean {
  return ['script-src-elem', 'script-src-attr'].some((d) => inlineAllowedBy(policy.directives.get(d) ?? effectiveSources(policy, 'script-src')));
}

function inlineAllowedBy(src: string[] | undefined): boolean {
  if (!src) return true;
  const s = lowered(src);
  const cancelled = s.some((t) => NONCE_OR_HASH.test(t) || t === "'strict-dynamic'");
  return s.includes("'unsafe-inline'") && !cancelled;
}

/** An injected `<script src="data:…">` runs under this policy: data: in script-src (nonces and hashes do not cancel a
 * scheme source; only 'strict-dynamic' drops it), or no script-src/default-src at all. */
export function allowsDataScript(policy: CspPolicy): boolean {
  const src = effectiveSources(policy, 'script-src');
  if (!src) return true;
  const s = lowered(src);
  return s.includes('data:') && !s.includes("'strict-dynamic'");
}

export function allowsEval(policy: CspPolicy): boolean {
  const src = effectiveSources(policy, 'script-src');
  return !src || lowered(src).includes("'unsafe-eval'");
}

/** A source that matches every host: `*`, a bare network scheme, or a wildcard host (`https://*`, `*:443`). */
const BROAD_SOURCE = /^(\*|https?:|wss?:|(https?:\/\/|wss?:\/\/)?\*(\.\*)?(:\d+|:\*)?\/?)$/i;

/**
 * Sources in script-src (or default-src) that let a script from any host run: `*`, `https:`, `http:`, `https://*`.
 * With 'strict-dynamic' browsers ignore host and scheme sources (CSP3 §8.2, "strict-dynamic"), so none count then.
 * `data:` is csp-unsafe-inline's; a missing script-src/default-src is too (it reports "no script restriction").
 */
export function broadScriptSources(policy: CspPolicy): string[] {
  const src = effectiveSources(policy, 'script-src');
  if (!src) return [];
  const s = lowered(src);
  if (s.includes("'strict-dynamic'")) return [];
  return src.filter((t) => BROAD_SOURCE.test(t));
}

/** Scripts are trusted by nonce or hash (a nonced script with a relative src follows an injected <base>). */
export function trustsByNonceOrHash(policy: CspPolicy): boolean {
  return lowered(effectiveSources(policy, 'script-src') ?? []).some((t) => NONCE_OR_HASH.test(t));
}

/**
 * What an injected `<base>` can do under this policy's script-src:
 * - `runs`: a nonce (CSP3: a matching nonce allows the script whatever its URL, and HTML resolves a relative src
 *   against the first <base href>), or a hash with 'strict-dynamic' (a hashed inline script's relative loads follow
 *   the <base> and are trusted through it): the browser runs the attacker's script;
 * - `hash`: hashes without 'strict-dynamic': an external script must still match its hash (its integrity metadata),
 *   and scripts it loads must match the host sources, so a re-pointed URL is blocked;
 * - `host`: a host allowlist only: a re-pointed script on another host is blocked;
 * - undefined: the policy does not restrict scripts at all (no script-src or default-src), so it blocks nothing.
 */
export function baseUriExposure(policy: CspPolicy): 'runs' | 'hash' | 'host' | undefined {
  const sources = effectiveSources(policy, 'script-src');
  if (!sources) return undefined;
  const src = lowered(sources);
  if (src.some((t) => t.startsWith("'nonce-"))) return 'runs';
  if (!src.some((t) => NONCE_OR_HASH.test(t))) return 'host';
  return src.includes("'strict-dynamic'") ? 'runs' : 'hash';
}

/**
 * Sources of form-action that allow a submit to a plain http:// address: `http:`, an `http://…` source, or `*` and
 * `http://*` (in CSP3 `*` matches http and https URLs). form-action does not fall back to default-src.
 */
export function formActionHttpSources(policy: CspPolicy): string[] {
  return (policy.directives.get('form-action') ?? []).filter((t) => t === '*' || /^http:/i.test(t));
}

/** With several enforced policies, a capability is allowed only if every policy allows it. */
export function allPolicies(policies: CspPolicy[], allows: (p: CspPolicy) => boolean): boolean {
  return policies.length === 0 || policies.every(allows);
}

export function hasDirective(policies: CspPolicy[], directive: string, { metaCounts = true } = {}): boolean {
  return policies.some((p) => (metaCounts || p.source === 'header') && p.directives.has(directive));
}

/**
 * `object-src` (or default-src) that allows the app's own origin only ('self', possibly beside a 'none' that is then
 * ignored). No current browser runs plugins (HTML dropped plugin content; Chromium and Firefox removed NPAPI/Flash), so
 * <object>/<embed> can then only show the app's own resources, as an <iframe> could.
 */
export function objectSrcSelfOnly(policy: CspPolicy): boolean {
  const src = lowered(effectiveSources(policy, 'object-src') ?? []);
  return src.includes("'self'") && src.every((t) => t === "'self'" || t === "'none'");
}

/** `object-src` is safe when it (or default-src) is 'none', or an empty source list (which matches nothing). */
export function objectSrcRestricted(policy: CspPolicy): boolean {
  const src = effectiveSources(policy, 'object-src');
  return !!src && (src.length === 0 || (src.length === 1 && src[0]!.toLowerCase() === "'none'"));
}

/** A starting policy that suits most small apps; hosts the app loads from are added to the lists. */
export const CSP_BASELINE =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'; upgrade-insecure-requests";
/** The same without what a <meta> policy cannot carry (frame-ancestors is ignored there). */
export const CSP_BASELINE_META = CSP_BASELINE.replace(" frame-ancestors 'self';", '');

export const CSP_DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CSP';

/** Fix guide for a CSP problem: a summary and steps of its own, host variants for shipping the policy. */
/** The finding draft every CSP rule makes: the policies as evidence, located at the CSP header. */
export function cspDraft<M extends string>(messageId: M, policies: CspPolicy[], url: string, identity: string) {
  return {
    messageId,
    evidence: policies.map((p) => `${p.source}: ${p.raw}`).join('\n'),
    location: { kind: 'header' as const, name: 'Content-Security-Policy', url },
    identity,
  };
}

/** A policy without one directive (e.g. frame-ancestors, which a <meta> policy cannot carry). */
export function withoutDirective(policy: string, directive: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && d.split(/\s+/)[0]!.toLowerCase() !== directive)
    .join('; ');
}

/**
 * Fix guide for a CSP problem: a summary and steps of its own, host variants for shipping the policy. `headerOnly`
 * leaves out the <meta> variants (builders' head-code settings): some directives (frame-ancestors) only work as a header.
 */
export function cspFix(summary: string, steps: string[], { policy = CSP_BASELINE, headerOnly = false } = {}): FixGuide {
  return {
    summary,
    steps,
    snippet: { language: 'text', code: `Content-Security-Policy: ${policy}` },
    docs: CSP_DOCS,
    platforms: headerFixes(
      'Content-Security-Policy',
      policy,
      headerOnly ? {} : { meta: `<meta http-equiv="Content-Security-Policy" content="${withoutDirective(policy, 'frame-ancestors')}">` },
    ),
  };
}
