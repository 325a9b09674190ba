import { defineRule } from '../../engine/rule';
import { describeTables, personalTables } from '../../utils/glide/classify';
import { appVars, glideOf } from '../../utils/glide/findings';
import { ACCESS_LINK, PUBLISHING_DOCS } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-request-access',
    title: 'Visitors can ask for access to a Glide app holding personal data',
    severity: 'low',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'With "Allow visitors to request access" on, anyone who finds the link can ask to be let in; one careless approval gives a stranger every row the app downloads.',
    messages: {
      'request-access': '"Allow visitors to request access" is on while the tables hold personal-looking columns: {tables}.',
    },
    fix: {
      summary: 'Turn off access requests and add people yourself.',
      steps: [
        'In the Glide builder open Settings → Access (button below).',
        'Switch off "Allow visitors to request access".',
        'Add the people who need the app to the Users table (or your allowed domains) instead.',
      ],
      deepLink: ACCESS_LINK,
      docs: PUBLISHING_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g?.access?.requestAccess || g.access.mode === 'public') return [];
    const personal = personalTables(g);
    if (!personal.length) return [];
    const tables = describeTables(personal);
    return [
      {
        messageId: 'request-access',
        data: { tables },
        evidence: 'Settings → Access: Allow visitors to request access = on',
        location: { kind: 'builder', name: 'Settings → Access' },
        identity: 'request_access',
        vars: appVars(g),
      },
    ];
  },
});
