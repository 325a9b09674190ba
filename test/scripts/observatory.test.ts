// @vitest-environment node
/**
 * Agreement with the MDN HTTP Observatory (its analyzer tests, run from node_modules on constructed responses; no
 * network). The same comparison as `npm run bench:observatory`: every variant where the Observatory and our rules
 * disagree must be a deliberate difference documented in scripts/observatory-disagreements.md, with both verdicts
 * exactly as documented, so a rule change that moves a verdict shows up here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, buildVariants } from '../../scripts/lib/observatory-variants';
import {
  CITATION,
  MAPPING,
  compareAll,
  formatObservatory,
  formatOurs,
  parseDeliberate,
  report,
  scores,
  type Comparison,
  type Report,
} from '../../scripts/lib/observatory-compare';

const DOC = fileURLToPath(new URL('../../scripts/observatory-disagreements.md', import.meta.url));
const show = (c: Comparison) => `${c.variant} (${MAPPING[c.check].title}): Observatory ${formatObservatory(c)}, ours ${formatOurs(c)}`;

describe('agreement with the MDN HTTP Observatory', () => {
  const variants = buildVariants();
  const deliberate = parseDeliberate(readFileSync(DOC, 'utf8'));
  let r: Report;
  // ~300 comparisons run both analyzers: seconds on a quiet machine, more on a shared one.
  beforeAll(() => {
    r = report(compareAll(variants), deliberate);
  }, 120_000);

  it('compares at least 100 variants, and every check on several of them', () => {
    expect(variants.length).toBeGreaterThanOrEqual(100);
    for (const check of CHECK_IDS) expect(r.comparisons.filter((c) => c.check === check).length, check).toBeGreaterThanOrEqual(5);
  });

  it('agrees on the hardened page and on the bare one', () => {
    const hardened = r.comparisons.filter((c) => c.variant === 'all/hardened');
    expect(hardened.map((c) => [c.check, c.observatory.pass, c.ours.pass])).toEqual(CHECK_IDS.map((c) => [c, true, true]));
    // Issue 9: no Referrer-Policy at all is info now (browsers default to strict-origin-when-cross-origin).
    expect(r.comparisons.filter((c) => c.variant === 'all/bare' && !c.agree).map((c) => c.check)).toEqual([]);
  });

  it('a spec-backed difference cites its spec or browser source', () => {
    for (const d of deliberate.filter((x) => x.kind === 'spec')) expect(d.why, d.variant).toMatch(CITATION);
  });

  it('the defect classes of issue 9 agree with the Observatory now', () => {
    const agree = (variant: string, check: string) =>
      expect(r.comparisons.find((c) => c.variant === variant && c.check === check)?.agree, `${variant} ${check}`).toBe(true);
    agree('csp/script-src-https-scheme', 'csp');
    agree('csp/script-src-wildcard', 'csp');
    agree('csp/script-src-nonce-with-https-scheme', 'csp');
    agree('csp/form-action-http', 'csp');
    agree('cookies/csrftoken-no-secure', 'cookies');
    agree('cookies/host-prefix-no-secure', 'cookies');
    agree('cors/wildcard-credentials', 'cors');
    agree('referrer/absent', 'referrer');
    agree('platform/netlify-toml-short-hsts', 'hsts');
    agree('platform/cloudflare-pages-docs-example', 'hsts');
    agree('redirection/preloaded-host-no-redirect', 'redirection');
    agree('redirection/browser-hsts-upgrade', 'redirection');
    agree('sri/google-ajax-libs-versioned', 'sri');
    agree('sri/firebasejs-versioned', 'sri');
  });

  it('scores count raw agreement and spec-backed rows apart', () => {
    for (const sc of scores(r.comparisons, deliberate)) {
      expect(sc.agree + sc.spec + sc.policy + sc.undocumented, sc.check).toBe(sc.variants);
      expect(sc.undocumented, sc.check).toBe(0);
    }
  });

  it('every disagreement is a documented deliberate difference', () => {
    expect(r.undocumented.map(show)).toEqual([]);
  });

  it('every documented difference still occurs (otherwise update the doc)', () => {
    expect(r.stale.map((d) => `${d.variant} (${d.check}): ${d.observatory} vs ${d.ours}`)).toEqual([]);
  });

  it('every documented difference says why, once', () => {
    for (const d of deliberate) expect(d.why.length, d.variant).toBeGreaterThan(20);
    const keys = deliberate.map((d) => `${d.variant}|${d.check}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
