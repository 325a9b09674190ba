import { defineRule } from '../../engine/rule';
import { appOf, appVars } from '../../utils/bubble/findings';
import { DOCS, SETTINGS_LINK, UI } from '../../utils/bubble/links';

type M = 'not-private';

/**
 * Application rights other than "private" (`settings.client_safe.app_rights`, reference 1e: only "private" is seen
 * in a source; the manual names Private app / Everyone can view / Everyone can edit). Any other value is treated as
 * not private and shown as found.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-app-rights-open',
    title: 'Anyone can open this Bubble app in the editor',
    severity: 'high',
    category: 'bubble',
    checklist: 'least-privilege',
    surfaces: ['bubble-app'],
    confidence: 'medium',
    rationale:
      'An app whose editor everyone can view shows its data types, privacy rules, workflows and non-private API Connector values to strangers; “everyone can edit” lets them change it. A forum audit found 11% of 18,000 live apps with public editors.',
    messages: { 'not-private': 'Application rights are “{value}”, not “private”: people outside your team can open the editor{edit}.' },
    fix: {
      summary: 'Set Application rights to “Private app” under Settings → General and invite collaborators by name instead.',
      steps: [
        `Open ${UI.generalTab}.`,
        `Set “${UI.appRights}” to “${UI.privateApp}”.`,
        'Add the people who need access as collaborators (Settings → Collaboration).',
        'Review recent changes if the editor was editable by everyone.',
      ],
      deepLink: SETTINGS_LINK,
      docs: DOCS.general,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    const value = app?.settings.appRights;
    if (!app || value === undefined || value === 'private') return [];
    const vars = appVars(app);
    return [
      {
        messageId: 'not-private',
        severity: /edit/i.test(value) ? 'critical' : 'high',
        data: { value, edit: /edit/i.test(value) ? ' and change it' : '' },
        evidence: `settings.client_safe.app_rights: ${JSON.stringify(value)}`,
        location: { kind: 'builder', name: 'Settings → General' },
        identity: 'app-rights',
        ...(vars ? { vars } : {}),
      },
    ];
  },
});
