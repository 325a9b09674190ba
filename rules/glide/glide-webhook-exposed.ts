import { defineRule } from '../../engine/rule';
import { appVars, glideOf } from '../../utils/glide/findings';
import { SECURITY_DOCS, WORKFLOWS_LINK } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-webhook-exposed',
    title: 'A Glide workflow’s webhook URL is pasted into the app',
    severity: 'high',
    category: 'glide',
    checklist: 'integrations',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'medium',
    rationale:
      'A webhook trigger’s URL is its only key: anyone who has it can run the workflow with any data. Written into a column, template or integration field, it travels with the app to users and editors.',
    messages: {
      exposed: 'The webhook URL of workflow {workflow} also appears in {field}: anyone who can read that field can trigger the workflow.',
    },
    fix: {
      summary: 'Keep webhook URLs only in the system that calls them, and replace one that leaked.',
      steps: [
        'In the Glide builder open Workflows (button below) and the workflow named in the finding.',
        'Replace the webhook trigger (delete it and add a new Webhook trigger) so the old URL stops working.',
        'Remove the URL from the column, template or field named in the finding.',
        'Put the new URL only in the calling service, or in a Glide Secret if a Call API step needs it.',
      ],
      deepLink: WORKFLOWS_LINK,
      docs: SECURITY_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g?.workflows) return [];
    const seen = new Map(g.urlHashes.map((u) => [u.hash, u.field]));
    return g.workflows.items.flatMap((w) => {
      const field = w.webhookHash ? seen.get(w.webhookHash) : undefined;
      return field
        ? [
            {
              messageId: 'exposed' as const,
              data: { workflow: w.name, field },
              evidence: `webhook of ${w.name} in ${field}`,
              location: { kind: 'builder' as const, name: field },
              identity: `${w.webhookHash}:${field}`,
              vars: appVars(g),
            },
          ]
        : [];
    });
  },
});
