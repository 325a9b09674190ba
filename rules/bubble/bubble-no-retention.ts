import { defineRule } from '../../engine/rule';
import { isRetentionJob, listOf, personalFields, typeLabel } from '../../utils/bubble/classify';
import { appOf, appVars, has } from '../../utils/bubble/findings';
import { BACKEND_LINK, DOCS } from '../../utils/bubble/links';

type M = 'no-job';

/**
 * Types hold personal-looking fields, and no backend workflow deletes old records on a schedule: no recurring event
 * with a delete action, and no workflow that deletes and schedules itself (reference 1d: `RecurringEvent`,
 * `ScheduleAPIEvent.properties.api_event`; delete actions `DeleteThing`, `DeleteListOfThings`).
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-no-retention',
    title: 'Personal data in this Bubble app is kept forever',
    severity: 'low',
    category: 'bubble',
    checklist: 'data-retention',
    surfaces: ['bubble-app'],
    confidence: 'medium',
    rationale:
      'Data that is never deleted is data that can leak later; privacy laws expect personal data to be kept only as long as needed, and a scheduled clean-up is the usual way to do that in Bubble.',
    messages: { 'no-job': 'No backend workflow deletes old records on a schedule, while {types} hold personal-looking fields.' },
    fix: {
      summary: 'Add a backend workflow that deletes records older than your retention period, and run it on a schedule.',
      steps: [
        'Open the Backend workflows tab and add a new API workflow (not exposed) named e.g. purge-old-records.',
        'Add “Delete a list of things”: Search for <type> with Created Date < Current date/time − 30 days (your period).',
        'Add “Schedule API workflow” at the end that schedules the same workflow for Current date/time + 1 day.',
        'Run it once from a page or the editor to start the cycle; check the logs the next day.',
      ],
      deepLink: BACKEND_LINK,
      docs: DOCS.privacy,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app || !has(app, 'api') || app.workflows.some(isRetentionJob)) return [];
    const personal = app.types.filter((t) => personalFields(t).length > 0);
    if (!personal.length) return [];
    const vars = appVars(app);
    return [
      {
        messageId: 'no-job',
        data: { types: listOf(personal.map(typeLabel), 5) },
        evidence: `${app.workflows.length} backend workflow(s), none a recurring delete; personal-looking types: ${listOf(
          personal.map((t) => t.key),
          8,
        )}`,
        location: { kind: 'builder', name: 'Backend workflows' },
        identity: 'retention',
        ...(vars ? { vars } : {}),
      },
    ];
  },
});
