import { defineRule } from '../../engine/rule';
import { frameProtection } from '../../utils/http/frame';
import { headerFixes } from '../../engine/host-fixes';

export default defineRule({
  meta: {
    id: 'clickjacking-unprotected',
    title: 'Page can be embedded by any site (clickjacking)',
    severity: 'medium',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'Another site can load the app in an invisible frame and trick signed-in users into clicking buttons (delete, pay, share) without knowing.',
    messages: { unprotected: 'Neither X-Frame-Options nor CSP frame-ancestors stops other sites from framing this page ({detail}).' },
    fix: {
      summary: "Send `Content-Security-Policy: frame-ancestors 'self'` (and `X-Frame-Options: SAMEORIGIN` for old browsers).",
      steps: [
        'Add the response header `X-Frame-Options: SAMEORIGIN` (see your host below).',
        "Better: add `frame-ancestors 'self'` to your Content-Security-Policy header.",
        'If another site of yours must embed the app, list it in frame-ancestors instead of using SAMEORIGIN.',
      ],
      snippet: { language: 'text', code: "X-Frame-Options: SAMEORIGIN\nContent-Security-Policy: frame-ancestors 'self'" },
      docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/Clickjacking',
      platforms: headerFixes('X-Frame-Options', 'SAMEORIGIN', {
        platforms: {
          bubble: {
            steps: [
              'Bubble editor → Settings → General.',
              'Find the iframe option (labelled along the lines of "Allow to iframe your app"; the wording changes between versions).',
              'Choose the option that does not allow other sites to embed the app, then deploy to live.',
            ],
            deepLink: 'https://bubble.io/page?id={app}&tab=Settings&subtab=General',
            docs: 'https://manual.bubble.io/core-resources/application-settings/general',
          },
        },
      }),
    },
  },
  check(evidence) {
    const p = frameProtection(evidence);
    if (p.protected) return [];
    return [
      {
        messageId: 'unprotected',
        data: { detail: p.detail },
        evidence: p.detail,
        location: { kind: 'header', name: 'X-Frame-Options', url: evidence.url },
        identity: 'frame',
      },
    ];
  },
});
