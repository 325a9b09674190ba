import { defineRule } from '../../engine/rule';
import { appIdVars, dataDownloads, glideAppOf } from '../../utils/glide/app-findings';
import { ACCESS_LINK, PUBLISHING_DOCS } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-app-open',
    title: 'Glide app opens without signing in',
    severity: 'medium',
    category: 'glide',
    checklist: 'auth',
    surfaces: ['glide-app'],
    confidence: 'medium',
    rationale:
      'A logged-out visitor got the app itself, not a sign-in screen: Glide’s docs warn that "data shown in a public app is accessible to anyone with the link", and its tables download with it.',
    messages: {
      open: 'A logged-out visit opened the app without a sign-in screen; it downloaded {count} data request(s). Check in the builder whether it should be public.',
      'open-personal':
        'A logged-out visit opened the app without a sign-in screen and the page shows personal-looking values ({emails} email address(es), {phones} phone number(s)).',
    },
    fix: {
      summary: 'If the app holds anything private, make it private in Glide’s Access settings.',
      steps: [
        'In the Glide builder open Settings → Access for this app (button below, when the app id is known).',
        'Switch it from Public to Private and choose who can sign in (Users table, team members, allowed email domains).',
        'Publish, then open the app’s link in a private window: it must show the sign-in screen.',
      ],
      deepLink: ACCESS_LINK,
      docs: PUBLISHING_DOCS,
    },
  },
  check(evidence) {
    const app = glideAppOf(evidence);
    // Only what the visit showed: a sign-in screen or an unclear page gives no verdict here.
    if (app?.signIn !== 'absent') return [];
    const personal = app.visible.emails + app.visible.phones > 0;
    const dl = dataDownloads(app);
    return [
      {
        messageId: personal ? 'open-personal' : 'open',
        severity: personal ? 'high' : 'medium',
        data: { count: dl.count, emails: app.visible.emails, phones: app.visible.phones },
        evidence: `no sign-in screen; ${app.visible.emails} email(s), ${app.visible.phones} phone(s) on screen; ${dl.count} data request(s)`,
        location: { kind: 'page', url: evidence.url },
        identity: 'open',
        vars: appIdVars(app),
      },
    ];
  },
});
