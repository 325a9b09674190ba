import { defineRule } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { dataRead, describeTables, isPublic, personalTables } from '../../utils/glide/classify';
import { appVars, glideOf } from '../../utils/glide/findings';
import { ACCESS_LINK, PUBLISHING_DOCS } from '../../utils/glide/links';

type M = 'public-personal' | 'public-unchecked' | 'public';

/** What the Data screen showed → message and severity (a public app is only as bad as what it holds). */
const DECISION: Record<'personal' | 'unread' | 'none', { messageId: M; severity: Severity }> = {
  personal: { messageId: 'public-personal', severity: 'high' },
  unread: { messageId: 'public-unchecked', severity: 'medium' },
  none: { messageId: 'public', severity: 'low' },
};

export default defineRule({
  meta: {
    id: 'glide-public-app',
    title: 'Glide app is open to anyone with the link',
    severity: 'high',
    category: 'glide',
    checklist: 'auth',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'high',
    rationale:
      'Glide’s own docs: "data shown in a public app is accessible to anyone with the link" — and a public app downloads its tables’ rows to every visitor’s device, shown or not.',
    messages: {
      'public-personal': 'The app is public (anyone with the link can open it) and its tables hold personal-looking columns: {tables}.',
      'public-unchecked':
        'The app is public (anyone with the link can open it). Not checked: what its tables hold — open the Data tab so the audit can see the columns.',
      public: 'The app is public (anyone with the link can open it); no personal-looking columns were seen in {count} table(s).',
    },
    fix: {
      summary: 'Make the app private, and let only the people who need it sign in.',
      steps: [
        'In the Glide builder open Settings → Access (button below).',
        'Switch the app from Public ("Anyone with link can access") to Private.',
        'Under who can sign in choose "Users table", "Team members", "Allowed email domains" or "All emails in table" — not every email address.',
        'Publish the change, then open the app in a private window: it must ask you to sign in.',
      ],
      deepLink: ACCESS_LINK,
      docs: PUBLISHING_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g || !isPublic(g)) return [];
    const personal = personalTables(g);
    const kind = personal.length ? 'personal' : dataRead(g) ? 'none' : 'unread';
    const { messageId, severity } = DECISION[kind];
    const tables = describeTables(personal);
    return [
      {
        messageId,
        severity,
        data: { tables, count: g.tables.length },
        evidence: `Settings → Access: public${personal.length ? `; personal-looking columns: ${tables}` : ''}`,
        location: { kind: 'builder', name: 'Settings → Access' },
        identity: 'public_app',
        vars: appVars(g),
      },
    ];
  },
});
