import { defineRule, type FindingDraft } from '../../engine/rule';
import { listOf } from '../../utils/bubble/classify';
import { BACKEND_LINK, DOCS, UI } from '../../utils/bubble/links';

type M = 'workflow-no-auth' | 'types-exposed';

/**
 * What a deployed app's `/api/1.1/meta` tells anyone (one same-origin GET, reference 3a): workflows exposed with
 * `"auth_unecessary": true` and the types the Data API serves (`get`). A non-200 answer means the APIs are off.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-meta-exposed',
    title: 'The Bubble app’s public API description lists open endpoints',
    severity: 'medium',
    category: 'bubble',
    checklist: 'least-privilege',
    surfaces: ['bubble-deployed'],
    confidence: 'high',
    rationale:
      '`/api/1.1/meta` is public whenever the Data or Workflow API is on: it names every exposed type and every backend workflow, and marks those that run without authentication (“auth_unecessary”: true).',
    messages: {
      'workflow-no-auth':
        'The public API workflow “{endpoint}” runs without authentication (/api/1.1/meta: "auth_unecessary": true): anyone can call /api/1.1/wf/{endpoint}.',
      'types-exposed': 'The Data API serves {count}: {types}. Each is readable by anyone its privacy rules let through.',
    },
    fix: {
      summary: 'Require authentication on public API workflows and expose through the Data API only the types another system needs.',
      steps: [
        `Open the Backend workflows tab and untick “${UI.noAuth}” on each workflow listed.`,
        `Open ${UI.apiTab}: untick types under “${UI.enableDataApi}” that nothing outside the app reads.`,
        'Check every exposed type’s privacy rules (Data → Privacy).',
      ],
      deepLink: BACKEND_LINK,
      docs: DOCS.apiSettings,
    },
  },
  check(evidence) {
    const meta = evidence.bubble?.meta;
    if (meta?.state !== 'on') return [];
    const url = `${evidence.origin}/api/1.1/meta`;
    const out: FindingDraft<M>[] = [];
    for (const w of meta.workflows) {
      if (w.auth !== 'none') continue;
      out.push({
        messageId: 'workflow-no-auth',
        data: { endpoint: w.endpoint },
        evidence: `GET ${url} → 200; post[endpoint=${w.endpoint}].auth_unecessary: true`,
        location: { kind: 'request', url, name: w.endpoint },
        identity: `wf:${w.endpoint}`,
      });
    }
    if (meta.types.length) {
      out.push({
        messageId: 'types-exposed',
        severity: 'info',
        data: { count: meta.types.length === 1 ? '1 type' : `${meta.types.length} types`, types: listOf(meta.types, 12) },
        evidence: `GET ${url} → 200; get: ${listOf(meta.types, 20)}`,
        location: { kind: 'request', url, name: 'Data API' },
        identity: 'types',
      });
    }
    return out;
  },
});
