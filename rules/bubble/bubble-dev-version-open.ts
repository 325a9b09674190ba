import { defineRule } from '../../engine/rule';
import { appOf, appVars, has } from '../../utils/bubble/findings';
import { DOCS, SETTINGS_LINK, UI } from '../../utils/bubble/links';

type M = 'no-password';

/**
 * “Limit access to this app with a username and password” is off (`pw_protection`, reference 1e): the development
 * version (`/version-test`) and its test data are open to anyone who guesses the URL.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-dev-version-open',
    title: 'The Bubble development version has no password',
    severity: 'medium',
    category: 'bubble',
    checklist: 'auth',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale:
      'Every Bubble app has a development version at /version-test with its own test database; without a password anyone can open unfinished pages and the test data (often copied from live).',
    messages: { 'no-password': 'Password protection is off: anyone can open the development version (/version-test) and its test data.' },
    fix: {
      summary: 'Turn on “Limit access to this app with a username and password” and tick “Do not apply password for live”.',
      steps: [
        `Open ${UI.generalTab}.`,
        `Tick “${UI.limitAccess}” and set a strong username and password.`,
        `Tick “${UI.livePassword}” so visitors of the live app are not asked.`,
        'Open /version-test logged out: the browser should ask for the password.',
      ],
      deepLink: SETTINGS_LINK,
      docs: DOCS.general,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app || !has(app, 'settings.client_safe') || app.settings.pwProtection === true) return [];
    const vars = appVars(app);
    return [
      {
        messageId: 'no-password',
        evidence: `settings.client_safe.pw_protection: ${app.settings.pwProtection ?? '(absent)'}`,
        location: { kind: 'builder', name: 'Settings → General' },
        identity: 'pw-protection',
        ...(vars ? { vars } : {}),
      },
    ];
  },
});
