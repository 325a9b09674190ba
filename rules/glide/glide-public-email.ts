import { defineRule } from '../../engine/rule';
import { describeTables, emailColumns, isPublic } from '../../utils/glide/classify';
import { appVars, glideOf } from '../../utils/glide/findings';
import { ACCESS_LINK, SECURITY_DOCS } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-public-email',
    title: 'Email addresses in a public Glide app',
    severity: 'medium',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'A public app’s tables download to anyone with the link; email columns in them are a ready-made list for spam and phishing, and a personal-data leak under GDPR.',
    messages: {
      'email-public': 'The app is public and {tables} hold email addresses: anyone with the link can download them.',
    },
    fix: {
      summary: 'Keep email addresses out of public apps: make the app private, or move emails to a table the public app does not use.',
      steps: [
        'In the Glide builder open Settings → Access (button below) and make the app private if its users’ emails must stay private.',
        'If the app must stay public: remove the email columns from the tables it uses (keep them in a table only a private app reads).',
        'Turn on "Anonymize emails in public apps" where your Settings offer it.',
      ],
      deepLink: ACCESS_LINK,
      docs: SECURITY_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g || !isPublic(g)) return [];
    const withEmail = g.tables.filter((t) => emailColumns(t).length > 0);
    if (!withEmail.length) return [];
    const tables = describeTables(withEmail, emailColumns);
    return [
      {
        messageId: 'email-public',
        data: { tables },
        evidence: `public app; email columns: ${tables}`,
        location: { kind: 'builder', name: 'Data' },
        identity: 'public_email',
        vars: appVars(g),
      },
    ];
  },
});
