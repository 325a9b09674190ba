import { defineRule } from '../../engine/rule';
import { documentResponse, firstHeader, showHeader } from '../../utils/http/http';
import { headerFixes } from '../../engine/host-fixes';

const RECOMMENDED = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

export default defineRule({
  meta: {
    id: 'permissions-policy-missing',
    title: 'No Permissions-Policy',
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      'A Permissions-Policy switches off browser features the app does not use (camera, microphone, location), so a compromised third-party script cannot ask for them.',
    messages: { missing: 'The page sends no Permissions-Policy header.' },
    fix: {
      summary: 'Send a Permissions-Policy that turns off the features your app does not use.',
      steps: [
        'Keep only the features your app needs in the snippet (e.g. remove `camera=()` if it takes photos: use `camera=(self)`).',
        'Add it as a response header (see your host below).',
        'Deploy and re-run the audit.',
      ],
      snippet: { language: 'text', code: `Permissions-Policy: ${RECOMMENDED}` },
      docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy',
      platforms: headerFixes('Permissions-Policy', RECOMMENDED),
    },
  },
  check(evidence) {
    const doc = documentResponse(evidence);
    if (!doc) return [];
    if (firstHeader(doc.headers, 'permissions-policy') !== undefined || firstHeader(doc.headers, 'feature-policy') !== undefined) return [];
    return [
      {
        messageId: 'missing',
        evidence: showHeader('Permissions-Policy', undefined),
        location: { kind: 'header', name: 'Permissions-Policy', url: evidence.url },
        identity: 'missing',
      },
    ];
  },
});
