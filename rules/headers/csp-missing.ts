import { defineRule } from '../../engine/rule';
import { cspFix, enforcedPolicies } from '../../utils/http/csp';
import { documentResponse, firstHeader, showHeader } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'csp-missing',
    title: 'No Content-Security-Policy',
    severity: 'medium',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'A Content-Security-Policy limits which scripts may run, so one injected <script> (cross-site scripting) cannot steal sessions or data.',
    messages: {
      absent: 'The page sets no Content-Security-Policy (header or <meta>).',
      reportOnly: 'The page only sends Content-Security-Policy-Report-Only, which reports but blocks nothing.',
    },
    fix: cspFix('Send a Content-Security-Policy that allows only the script sources your app needs.', [
      'Start from the policy in the snippet and list the other hosts your app loads scripts, styles and data from.',
      'Try it first as `Content-Security-Policy-Report-Only` and watch the browser console for blocked items.',
      'Switch to `Content-Security-Policy` once nothing you need is blocked.',
    ]),
  },
  check(evidence) {
    if (enforcedPolicies(evidence).length > 0) return [];
    const doc = documentResponse(evidence);
    const reportOnly = doc ? firstHeader(doc.headers, 'content-security-policy-report-only') : undefined;
    const location = { kind: 'header' as const, name: 'Content-Security-Policy', url: evidence.url };
    if (reportOnly !== undefined) {
      return [{ messageId: 'reportOnly', evidence: showHeader('Content-Security-Policy-Report-Only', reportOnly), location, identity: 'absent' }];
    }
    return [{ messageId: 'absent', evidence: showHeader('Content-Security-Policy', undefined), location, identity: 'absent' }];
  },
});
