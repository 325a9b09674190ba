import { describe, expect, it } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import type { Finding } from '@/engine/finding';
import { exitCodeFor, hasBlocking, isPartial, toJsonReport, toMarkdownReport } from '@/engine/report';
import { DEPLOYED_RULES, ruleById } from '@/rules';
import { evidence, NOW } from '../helpers/evidence';

const OPTS = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 1234, now: NOW };
const audited = (spec: Parameters<typeof evidence>[0] = {}) => buildAudit(evidence(spec), DEPLOYED_RULES, OPTS);

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'nosniff-missing',
    severity: 'low',
    title: 'X-Content-Type-Options: nosniff missing',
    message: 'The page is served without `X-Content-Type-Options: nosniff`.',
    messageId: 'missing',
    evidence: 'X-Content-Type-Options: (absent)',
    location: { kind: 'header', name: 'X-Content-Type-Options' },
    fingerprint: '0123456789abcdef',
    ...over,
  };
}
const withFindings = (findings: Finding[], over: Partial<Audit> = {}): Audit => ({ ...audited(), findings, ...over });

describe('toMarkdownReport', () => {
  it('has a header, a findings table and fix steps for each finding', () => {
    const md = toMarkdownReport(
      audited({
        headers: [
          ['Server', 'netlify'],
          ['X-Content-Type-Options', 'nosniff'],
        ],
      }),
      ruleById,
    );
    expect(md).toMatch(/^# Micro-App Auditor report\n/);
    expect(md).toContain('- **URL:** `https://app.example.com/`');
    expect(md).toContain('- **Platform:** Netlify');
    expect(md).toContain(`- **Audited:** ${new Date(NOW).toISOString()} (1234 ms, full audit)`);
    expect(md).toContain('| Severity | Finding | Where |\n|---|---|---|');
    expect(md).toContain('| medium | No Content-Security-Policy | `Content-Security-Policy` |');
    expect(md).toContain('## MEDIUM: No Content-Security-Policy');
    // The guide speaks the detected host, numbers its steps, and shows its snippet and docs
    expect(md).toContain('**Fix on Netlify:** Send a Content-Security-Policy');
    expect(md).toMatch(/\n1\. In your project, open \(or create\) the file `_headers`/);
    expect(md).toContain('```\n/*\n  Content-Security-Policy: default-src');
    expect(md).toContain('Docs: https://docs.netlify.com/manage/routing/headers/');
    expect(md).toMatch(/<sub>rule `csp-missing` · fingerprint `[0-9a-f]{16}`<\/sub>/);
    expect(md).not.toContain('nosniff-missing');
  });

  it('counts findings per severity', () => {
    const md = toMarkdownReport(
      withFindings([finding(), finding({ severity: 'high', fingerprint: 'f2' }), finding({ severity: 'low', fingerprint: 'f3' })]),
      ruleById,
    );
    expect(md).toContain('- **Findings:** 0 critical · 1 high · 0 medium · 2 low · 0 info');
  });

  it('escapes pipes and newlines in table cells', () => {
    const md = toMarkdownReport(withFindings([finding({ title: 'A | B\nC', location: { kind: 'cookie', name: 'x|y' } })]), ruleById);
    expect(md).toContain('| low | A \\| B C | `x\\|y` |');
  });

  it('falls back to the location URL in the table', () => {
    const md = toMarkdownReport(withFindings([finding({ location: { kind: 'form', url: 'http://a.example/f' } })]), ruleById);
    expect(md).toContain('| low | X-Content-Type-Options: nosniff missing | `http://a.example/f` |');
  });

  it('keeps evidence inside its code fence even when it contains a fence', () => {
    const md = toMarkdownReport(withFindings([finding({ evidence: 'x\n```\n# injected heading\n```' })]), ruleById);
    // The fence is longer than any backtick run inside, so the evidence's own ``` lines cannot close it.
    expect(md).toContain('````\nx\n```\n# injected heading\n```\n````');
  });

  it('lists gaps and marks low-confidence platforms as unconfirmed', () => {
    const md = toMarkdownReport(
      withFindings([], {
        gaps: [{ collector: 'cookies', message: 'The browser’s cookie list could not be read.' }],
        platforms: [{ id: 'bubble', name: 'Bubble', kind: 'platform', confidence: 'low', signals: ['global appquery'] }],
        fullAccess: false,
        evaluated: ['a', 'b', 'c'],
      }),
      ruleById,
    );
    expect(md).toContain('- **Platform:** Bubble (unconfirmed)');
    expect(md).toContain('**Not checked:**\n- The browser’s cookie list could not be read.');
    expect(md).toContain('quick audit');
    expect(md).toContain('No findings: 3 checks passed.');
    expect(md).not.toContain('| Severity |');
  });

  it('shows a finding of an unknown rule without a fix section', () => {
    const md = toMarkdownReport(withFindings([finding({ ruleId: 'retired-rule' })]), ruleById);
    expect(md).toContain('## LOW: X-Content-Type-Options: nosniff missing');
    expect(md).not.toContain('**Fix');
  });

  it('says "unknown" when no platform was detected', () => {
    expect(toMarkdownReport(withFindings([], { platforms: [] }), ruleById)).toContain('- **Platform:** unknown');
  });
});

describe('toJsonReport', () => {
  it('has exactly the documented shape', () => {
    const audit = audited({ headers: [['Server', 'Vercel']] });
    const json = toJsonReport({ ...audit, gaps: [{ collector: 'page', message: 'Page checks skipped.' }] });
    expect(Object.keys(json)).toEqual(['url', 'partial', 'gaps', 'platforms', 'findings']);
    expect(json.partial).toBe(false);
    expect(json.url).toBe('https://app.example.com/');
    expect(json.platforms).toEqual([{ id: 'vercel', name: 'Vercel', kind: 'host', confidence: 'high' }]);
    expect(json.gaps).toEqual(['Page checks skipped.']);
    expect(json.findings.length).toBe(audit.findings.length);
    for (const f of json.findings) expect(Object.keys(f)).toEqual(['ruleId', 'severity', 'title', 'message', 'fingerprint', 'evidence']);
    expect(json.findings[0]).toEqual({
      ruleId: audit.findings[0]!.ruleId,
      severity: audit.findings[0]!.severity,
      title: audit.findings[0]!.title,
      message: audit.findings[0]!.message,
      fingerprint: audit.findings[0]!.fingerprint,
      evidence: audit.findings[0]!.evidence,
    });
  });

  it('leaves out vars, signals and locations', () => {
    const text = JSON.stringify(
      toJsonReport(
        withFindings([finding({ vars: { app: 'secret-app' } })], {
          platforms: [{ id: 'bubble', name: 'Bubble', kind: 'platform', confidence: 'high', signals: ['cookie x_live_u2main'] }],
        }),
      ),
    );
    expect(text).not.toContain('secret-app');
    expect(text).not.toContain('u2main');
    expect(text).not.toContain('location');
  });
});

describe('hasBlocking', () => {
  it.each([
    [['critical'], true],
    [['high'], true],
    [['info', 'low', 'medium', 'high'], true],
    [['medium', 'low', 'info'], false],
    [[], false],
  ] as const)('%j → %s', (severities, expected) => {
    expect(hasBlocking({ findings: severities.map((severity, i) => finding({ severity, fingerprint: String(i) })) })).toBe(expected);
  });
});

describe('hostile page strings (issue 10 items 2 and 15)', () => {
  const evil = '[click](javascript:alert(1))<img src=x onerror=alert(1)>![i](https://evil.test/p.png)\u202E';
  const md = () =>
    toMarkdownReport(
      withFindings(
        [
          finding({
            title: `Cookie ${evil}`,
            message: `Cookie ${evil} is sent over HTTP.`,
            location: { kind: 'cookie', name: evil, url: 'javascript:alert(2)' },
          }),
        ],
        {
          url: 'https://app.example.com/?q=<script>',
          gaps: [{ collector: 'secrets', message: `Not scanned: ${evil}` }],
        },
      ),
      ruleById,
    );
  it('no link, image, raw HTML or javascript: link survives, in any part of the report', () => {
    const outside = md()
      .replace(/^(`{3,})[\s\S]*?^\1$/gm, '')
      .replace(/(`+)[^`]*?\1/g, '');
    expect(outside).not.toMatch(/javascript:/i);
    expect(outside).not.toMatch(/<img|<script/i);
    expect(outside).not.toMatch(/(?<!\\)\]\(/);
    expect(outside).not.toMatch(/https?:\/\/evil/);
  });
  it('shows the right-to-left override as \\u202E', () => {
    expect(md()).not.toContain('\u202E');
    expect(md()).toContain('\\u202E');
  });
  it('JSON output escapes invisible characters too', () => {
    const json = toJsonReport(withFindings([finding({ message: `x${evil}` })]));
    expect(JSON.stringify(json)).not.toContain('\u202E');
    expect(json.findings[0]!.message).toContain('\\u202E');
  });
});

describe('partial audits (issue 10 item 3)', () => {
  const partial = { collector: 'secrets', message: 'Partly scanned for keys (size limit): app.js.', partial: true };
  it('says what was not scanned at the top of the report, before the findings', () => {
    const md = toMarkdownReport(withFindings([finding()], { gaps: [partial] }), ruleById);
    expect(md.indexOf('**Incomplete audit. Not scanned or not checked:**')).toBeGreaterThan(-1);
    expect(md.indexOf('Partly scanned for keys')).toBeLessThan(md.indexOf('- **URL:**'));
    expect(toJsonReport(withFindings([], { gaps: [partial] })).partial).toBe(true);
  });
  it.each([
    [[], [], {}, 0],
    [[partial], [], {}, 3],
    [[partial], [], { allowPartial: true }, 0],
    [[{ ...partial, partial: undefined }], [], {}, 0],
    [[partial], ['high'], {}, 1],
    [[], ['critical'], { allowPartial: true }, 1],
  ] as const)('gaps %j, findings %j, %j → exit %i', (gaps, severities, o, code) => {
    const a = withFindings(
      severities.map((s, i) => finding({ severity: s, fingerprint: `f${i}` })),
      { gaps: [...gaps] },
    );
    expect(isPartial(a)).toBe(gaps.some((g) => g.partial));
    expect(exitCodeFor(a, o)).toBe(code);
  });
});
