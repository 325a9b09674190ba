import { defineRule } from '../../engine/rule';
import { documentResponse, firstHeader, showHeader } from '../../utils/http/http';
import { headerFixes } from '../../engine/host-fixes';

export default defineRule({
  meta: {
    id: 'nosniff-missing',
    title: 'X-Content-Type-Options: nosniff missing',
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'Without nosniff a browser may guess that an uploaded file is a script or a page and run it.',
    messages: {
      missing: 'The page is served without `X-Content-Type-Options: nosniff`.',
      wrong: 'X-Content-Type-Options is "{value}"; the only valid value is nosniff.',
    },
    fix: {
      summary: 'Send `X-Content-Type-Options: nosniff` on every response.',
      steps: ['Add the response header `X-Content-Type-Options: nosniff` (see your host below).', 'Deploy and re-run the audit.'],
      snippet: { language: 'text', code: 'X-Content-Type-Options: nosniff' },
      docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Content-Type-Options',
      platforms: headerFixes('X-Content-Type-Options', 'nosniff'),
    },
  },
  check(evidence) {
    const doc = documentResponse(evidence);
    if (!doc) return [];
    const v = firstHeader(doc.headers, 'x-content-type-options');
    // Fetch reads the first token of a comma-joined value ("nosniff, nosniff" is fine).
    if (v !== undefined && v.split(',')[0]!.trim().toLowerCase() === 'nosniff') return [];
    const location = { kind: 'header' as const, name: 'X-Content-Type-Options', url: evidence.url };
    if (v === undefined) return [{ messageId: 'missing', evidence: showHeader('X-Content-Type-Options', v), location, identity: 'missing' }];
    return [{ messageId: 'wrong', data: { value: v.slice(0, 60) }, evidence: showHeader('X-Content-Type-Options', v), location, identity: 'missing' }];
  },
});
