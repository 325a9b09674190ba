import { defineRule } from '../../engine/rule';
import { isOwnerLikeColumn, perUserTable, rowOwnerState } from '../../utils/glide/classify';
import { appVars, glideOf } from '../../utils/glide/findings';
import { DATA_LINK, ROW_OWNERS_DOCS } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-visibility-only',
    title: 'Per-user Glide data is only hidden by filters, not protected',
    severity: 'high',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'Users sign in and the table says whose each row is, but without a Row Owner the only thing keeping users apart is a filter or visibility condition — and Glide’s docs say those "are not a security feature": hidden rows still download to every device.',
    messages: {
      'filter-only':
        'Rows of {table} belong to individual users (column {column}) but no column is a Row Owner: filters and visibility conditions only hide other users’ rows, every signed-in device downloads them all.',
    },
    fix: {
      summary: 'Turn the per-user filter into a Row Owner, so Glide’s servers keep other users’ rows off the device.',
      steps: [
        'In the Glide builder open the Data tab (button below) and the table named in the finding.',
        'Open the menu of the column named in the finding (it must be a basic column holding the user’s email, not a computed one) and choose "Make Row Owner".',
        'Add an admin email column as a second Row Owner if admins must see every row (row-owner columns combine as OR).',
        'Keep your filters for layout; check with "Viewing as" another user that only their rows download.',
      ],
      deepLink: DATA_LINK,
      docs: ROW_OWNERS_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g) return [];
    return g.tables
      .filter((t) => perUserTable(g, t) && rowOwnerState(t) === 'no')
      .map((t) => {
        const column = t.columns.find((c) => isOwnerLikeColumn(c.name))!.name;
        return {
          messageId: 'filter-only' as const,
          data: { table: t.name, column },
          evidence: `Data → ${t.name}: owner-like column ${column}, no Row Owner`,
          location: { kind: 'builder' as const, name: `Data → ${t.name}` },
          identity: `table:${t.name}`,
          vars: appVars(g),
        };
      });
  },
});
