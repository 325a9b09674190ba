import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-version-test-open';
import { classifyVersionTest } from '@/utils/bubble/deployed';
import { deployedEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const withVt = (status: number, authenticate?: string, reused = false) =>
  deployedEvidence({
    probe: {
      state: 'complete',
      startedAt: 0,
      durationMs: 1,
      requests: 1,
      types: [],
      versionTest: classifyVersionTest({ status, ...(authenticate ? { authenticate } : {}) }),
      ...(reused ? { reused } : {}),
    },
  });

describeRule(rule, {
  flagged: [
    {
      name: '/version-test answers 200 without Basic auth',
      evidence: withVt(200),
      messages: ['open'],
      check: ([f]) => expect(f!.evidence).not.toMatch(/reused/),
    },
    {
      name: 'the same, from the last check reused by a monitoring re-audit: its evidence says so',
      evidence: withVt(200, undefined, true),
      messages: ['open'],
      check: ([f]) => expect(f!.evidence).toMatch(/reused by a background re-audit/),
    },
  ],
  clean: [
    { name: '401 + WWW-Authenticate: Basic (protected)', evidence: withVt(401, 'Basic realm="app"') },
    { name: 'an unexpected status is not a finding', evidence: withVt(502) },
    { name: 'not checked', evidence: deployedEvidence({ skipped: 'no-consent' }) },
  ],
  fixed: [{ name: 'turning on Limit access', before: withVt(200), after: withVt(401, 'Basic realm="x"') }],
});

// Found by mutation testing (docs/mutation.md): the finding pinned whole (it takes the rule's own severity).
describe('bubble-version-test-open, cases from mutation testing', () => {
  it('open: medium, the URL and status in the wording, evidence and location, keyed on version-test', () => {
    const ev = withVt(200);
    const url = `${ev.origin}/version-test`;
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: rule.meta.id,
        title: rule.meta.title,
        severity: 'medium',
        messageId: 'open',
        message: `GET ${url} answered 200 without asking for a password: anyone can open the development version and its test data.`,
        evidence: `GET ${url} (no credentials) → 200, no WWW-Authenticate: Basic`,
        location: { kind: 'request', url },
        fingerprint: fingerprint(rule.meta.id, ev.origin, 'version-test'),
      },
    ]);
    expect(url).toBe('https://leaky-app.bubbleapps.io/version-test');
  });
});
