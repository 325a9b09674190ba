import { defineRule } from '../../engine/rule';
import { safeUrl } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'form-insecure-action',
    title: 'Form submits over plain HTTP',
    severity: 'medium',
    category: 'page',
    checklist: 'transport',
    surfaces: ['page'],
    confidence: 'high',
    rationale: 'Whatever the visitor types into the form travels unencrypted; with a password field that is an account takeover.',
    messages: {
      password: 'A form with a password field submits to {action} over plain HTTP.',
      plain: 'A form submits to {action} over plain HTTP.',
    },
    fix: {
      summary: 'Make every form post to an https:// address (or a relative one).',
      steps: [
        'Find the form’s action (HTML `action="…"`, or the endpoint your builder posts to).',
        'Change it to https://, or to a relative path on your HTTPS site.',
        'Submit the form once and re-run the audit.',
      ],
      docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content',
    },
  },
  check(evidence) {
    const out = [];
    for (const f of evidence.page!.forms) {
      const u = safeUrl(f.action, evidence.url);
      if (u?.protocol !== 'http:') continue;
      out.push({
        messageId: f.hasPassword ? ('password' as const) : ('plain' as const),
        data: { action: u.href },
        evidence: `<form method="${f.method}" action="${u.href}">${f.hasPassword ? ' (has a password field)' : ''}`,
        location: { kind: 'form' as const, url: u.href },
        identity: `${f.method}|${u.href}`,
        ...(f.hasPassword ? { severity: 'high' as const } : {}),
      });
    }
    return out;
  },
});
