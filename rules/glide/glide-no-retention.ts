import { defineRule } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { describeTables, personalTables } from '../../utils/glide/classify';
import { appVars, glideOf } from '../../utils/glide/findings';
import { SECURITY_DOCS, WORKFLOWS_LINK } from '../../utils/glide/links';

type M = 'no-workflows' | 'no-delete' | 'not-read';
type State = 'list' | 'none' | 'unknown';

/** What the Workflows screen said → message (an unclear screen is "not checked", never "none"). */
const DECISION: Record<State, { messageId: M; severity?: Severity }> = {
  none: { messageId: 'no-workflows' },
  list: { messageId: 'no-delete' },
  unknown: { messageId: 'not-read', severity: 'info' },
};

export default defineRule({
  meta: {
    id: 'glide-no-retention',
    title: 'Personal data in a Glide app is kept forever (no scheduled clean-up)',
    severity: 'low',
    category: 'glide',
    checklist: 'data-retention',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'Rows nobody deletes pile up: every old email address or phone number is one more thing to leak, and privacy laws (GDPR: storage limitation) expect personal data to go once it is no longer needed.',
    messages: {
      'no-workflows': 'The app has no workflows, so nothing deletes old rows, while {tables} hold personal-looking columns.',
      'no-delete': '{count} workflow(s) exist but none runs on a schedule and deletes rows, while {tables} hold personal-looking columns.',
      'not-read':
        'Not checked: the Workflows screen did not show whether a scheduled workflow deletes old rows, while {tables} hold personal-looking columns. Open Workflows and each scheduled workflow.',
    },
    fix: {
      summary: 'Add a scheduled workflow that deletes rows older than you need to keep them.',
      steps: [
        'Decide how long each table’s rows are needed (e.g. 90 days of requests) and write it down.',
        'In the Glide builder open Workflows (button below) and create a workflow with a Schedule trigger (e.g. daily).',
        'Add a loop over the table’s rows older than your limit and a "Delete row" step.',
        'Run it once by hand and check the table the next day.',
      ],
      deepLink: WORKFLOWS_LINK,
      docs: SECURITY_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    const wf = g?.workflows;
    if (!g || !wf) return [];
    if (wf.items.some((w) => w.trigger === 'schedule' && w.deletesRows)) return [];
    const personal = personalTables(g);
    if (!personal.length) return [];
    // A list whose scheduled workflows' steps were not shown cannot say "none deletes".
    const state: State = wf.state === 'list' && wf.items.some((w) => w.trigger === 'schedule' && w.deletesRows === undefined) ? 'unknown' : wf.state;
    const { messageId, severity } = DECISION[state];
    const tables = describeTables(personal);
    return [
      {
        messageId,
        ...(severity ? { severity } : {}),
        data: { tables, count: wf.items.length },
        evidence: `workflows: ${wf.state} (${wf.items.length}); tables: ${tables}`,
        location: { kind: 'builder', name: 'Workflows' },
        identity: 'no_retention',
        vars: appVars(g),
      },
    ];
  },
});
