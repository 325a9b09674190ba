import rule from '@/rules/bubble/bubble-version-test-open';
import { classifyVersionTest } from '@/utils/bubble/deployed';
import { deployedEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

const withVt = (status: number, authenticate?: string) =>
  deployedEvidence({
    probe: {
      state: 'complete',
      startedAt: 0,
      durationMs: 1,
      requests: 1,
      types: [],
      versionTest: classifyVersionTest({ status, ...(authenticate ? { authenticate } : {}) }),
    },
  });

describeRule(rule, {
  flagged: [{ name: '/version-test answers 200 without Basic auth', evidence: withVt(200), messages: ['open'] }],
  clean: [
    { name: '401 + WWW-Authenticate: Basic (protected)', evidence: withVt(401, 'Basic realm="app"') },
    { name: 'an unexpected status is not a finding', evidence: withVt(502) },
    { name: 'not checked', evidence: deployedEvidence({ skipped: 'no-consent' }) },
  ],
  fixed: [{ name: 'turning on Limit access', before: withVt(200), after: withVt(401, 'Basic realm="x"') }],
});
