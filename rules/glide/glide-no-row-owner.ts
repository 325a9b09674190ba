import { defineRule, type FindingDraft } from '../../engine/rule';
import { describeTables, perUserTable, personalColumns, personalTables, rowOwnerState, signInRequired } from '../../utils/glide/classify';
import { appVars, glideOf } from '../../utils/glide/findings';
import { DATA_LINK, ROW_OWNERS_DOCS } from '../../utils/glide/links';

type M = 'no-row-owner' | 'not-read';

export default defineRule({
  meta: {
    id: 'glide-no-row-owner',
    title: 'Glide table with personal data has no Row Owner column',
    severity: 'high',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'Row Owners are the only per-user filter Glide’s servers enforce: without one, every row of the table downloads to every user’s device, where browser tools can read it.',
    messages: {
      'no-row-owner': 'Table {table} holds personal-looking columns ({columns}) and none of its columns is a Row Owner: every row downloads to every user.',
      'not-read':
        'Not checked: whether {tables} have a Row Owner column. The builder does not show it on the grid; open each email column’s menu in the Data tab (a column whose menu offers "Make Row Owner" is not one).',
    },
    fix: {
      summary: 'Make the column that holds each row’s owner email a Row Owner.',
      steps: [
        'In the Glide builder open the Data tab (button below) and the table named in the finding.',
        'Open the menu of the column holding the owner’s email (a basic column: computed columns cannot be row owners) and choose "Make Row Owner".',
        'Several row-owner columns combine as OR (e.g. the user’s email and an admin email column).',
        'Row Owners need signed-in users: make the app private (Settings → Access) if it is public.',
        'Check with "Viewing as" another user: only their rows must appear.',
      ],
      deepLink: DATA_LINK,
      docs: ROW_OWNERS_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g) return [];
    const out: FindingDraft<M>[] = [];
    const unknown: string[] = [];
    const severity = signInRequired(g) && g.access?.mode === 'private' ? 'medium' : 'high';
    for (const t of personalTables(g)) {
      // Per-user tables of a sign-in app are glide-visibility-only's: one finding per table.
      if (perUserTable(g, t)) {
        if (rowOwnerState(t) === 'unknown') unknown.push(t.name);
        continue;
      }
      const state = rowOwnerState(t);
      if (state === 'unknown') unknown.push(t.name);
      if (state !== 'no') continue;
      const columns = personalColumns(t)
        .map((c) => c.name)
        .slice(0, 5)
        .join(', ');
      out.push({
        messageId: 'no-row-owner',
        severity,
        data: { table: t.name, columns },
        evidence: `Data → ${t.name}: no Row Owner column; personal-looking: ${columns}`,
        location: { kind: 'builder', name: `Data → ${t.name}` },
        identity: `table:${t.name}`,
        vars: appVars(g),
      });
    }
    if (unknown.length) {
      const tables = describeTables(unknown.map((name) => ({ name, columns: [] })));
      out.push({
        messageId: 'not-read',
        severity: 'info',
        data: { tables },
        evidence: `Row Owners not shown for: ${tables}`,
        location: { kind: 'builder', name: 'Data' },
        identity: 'not_read',
        vars: appVars(g),
      });
    }
    return out;
  },
});
