import { defineRule, type FindingDraft } from '../../engine/rule';
import { listOf, publicWithoutAuth } from '../../utils/bubble/classify';
import { appOf, appVars } from '../../utils/bubble/findings';
import { BACKEND_LINK, DOCS, UI } from '../../utils/bubble/links';

type M = 'no-auth' | 'ignores-privacy' | 'writes';

/**
 * A backend workflow exposed as a public API workflow (`expose`, absent = exposed) that runs without authentication
 * (`auth_unecessary`), reference 1d. Worse with "Ignore privacy rules" or when it creates, changes or deletes things.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-workflow-no-auth',
    title: 'A Bubble backend workflow anyone can run',
    severity: 'medium',
    category: 'bubble',
    checklist: 'auth',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale:
      'A public API workflow that needs no authentication runs for anyone who knows its URL, and `/api/1.1/meta` lists those URLs publicly; with “Ignore privacy rules” or a data change it lets strangers read or alter any record.',
    messages: {
      'no-auth': 'Backend workflow “{name}” is a public API workflow that runs without authentication{only}.{webhook}',
      'ignores-privacy': 'Backend workflow “{name}” runs without authentication and ignores privacy rules{writes}{only}.{webhook}',
      writes: 'Backend workflow “{name}” runs without authentication and {writes}{only}.{webhook}',
    },
    fix: {
      summary:
        'Require authentication on public API workflows (call them with an API token or as a signed-in user) and never let an anonymous call ignore privacy rules.',
      steps: [
        `Open the Backend workflows tab and select the workflow.`,
        `Untick “${UI.noAuth}”, or untick “${UI.expose}” if only your app schedules it.`,
        `Untick “${UI.ignorePrivacy}” unless the workflow truly needs it, and then never without authentication.`,
        'Webhooks that must stay open: add an “Only when” check of a shared secret sent by the caller, and make actions idempotent.',
      ],
      deepLink: BACKEND_LINK,
      docs: DOCS.auth,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app) return [];
    const out: FindingDraft<M>[] = [];
    const vars = appVars(app);
    for (const w of app.workflows) {
      if (!publicWithoutAuth(app, w)) continue;
      const ops = [
        w.creates.length && `creates ${listOf(w.creates)}`,
        w.changes && 'changes things',
        w.deletes.length && `deletes ${listOf(w.deletes)}`,
      ].filter((x): x is string => !!x);
      const writes = ops.length > 0;
      const messageId: M = w.ignorePrivacy ? 'ignores-privacy' : writes ? 'writes' : 'no-auth';
      const severity = w.ignorePrivacy && writes ? 'critical' : w.ignorePrivacy || writes ? 'high' : 'medium';
      out.push({
        messageId,
        severity,
        data: {
          name: w.name,
          writes: messageId === 'ignores-privacy' ? (writes ? `, and ${listOf(ops)}` : '') : listOf(ops),
          only: w.conditional ? ' (it has an “Only when” condition: check it is a real secret)' : '',
          webhook: w.detectData ? ' It detects request data (a webhook): the stored sample may hold real personal data.' : '',
        },
        evidence: `api.${w.id}: expose ${w.exposed}, auth_unecessary true, ignore_privacy_rules ${w.ignorePrivacy}${ops.length ? `; actions: ${ops.join('; ')}` : ''}`,
        location: { kind: 'builder', name: `backend workflow ${w.name}` },
        identity: `wf:${w.id}`,
        ...(vars ? { vars } : {}),
      });
    }
    return out;
  },
});
