import { defineRule, type FindingDraft } from '../../engine/rule';
import { isPersonalName, listOf } from '../../utils/bubble/classify';
import { REUSED_NOTE } from '../../utils/bubble/deployed';
import { DOCS, PRIVACY_LINK, UI } from '../../utils/bubble/links';

type M = 'personal' | 'readable' | 'unchecked';

/**
 * Active (after consent for the origin): `GET /api/1.1/obj/<type>?limit=1` as a logged-out visitor returned records
 * (reference 3b): anyone can list the type. Reports the count and field names; values were never kept.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-data-api-readable',
    title: 'Anyone can list this Bubble type through the Data API',
    severity: 'high',
    category: 'bubble',
    checklist: 'least-privilege',
    surfaces: ['bubble-deployed'],
    confidence: 'high',
    rationale:
      'The Data API answered a logged-out request with records: privacy rules do not protect this type, and every record can be downloaded page by page.',
    messages: {
      personal:
        'GET /api/1.1/obj/{type} answers a logged-out visitor with records ({total}); fields include personal-looking {personal}. (Values were not kept.)',
      readable:
        'GET /api/1.1/obj/{type} answers a logged-out visitor with records ({total}); fields: {fields}. Fine only if every record is meant to be public.',
      unchecked:
        'The Data API exposes {count}; whether a logged-out visitor can list them was not checked (allow the Data API check for this site in the popup, or run the audit with --probe).',
    },
    fix: {
      summary: 'Add privacy rules so logged-out visitors see no records of the type, or stop exposing it through the Data API.',
      steps: [
        `Open ${UI.privacyTab}, pick the type and define a rule for its owner; leave “${UI.everyoneElse}” with nothing ticked.`,
        `Or untick the type under ${UI.apiTab} → “${UI.enableDataApi}”.`,
        'Re-run the check: the type should answer with no results.',
      ],
      deepLink: PRIVACY_LINK,
      docs: DOCS.dataApi,
    },
  },
  check(evidence) {
    const b = evidence.bubble;
    if (!b) return [];
    const out: FindingDraft<M>[] = [];
    for (const t of b.probe?.types ?? []) {
      if (t.verdict !== 'readable') continue;
      const url = `${evidence.origin}/api/1.1/obj/${encodeURIComponent(t.type)}`;
      const fields = t.fields ?? [];
      const personal = fields.filter(isPersonalName);
      const total = t.total === undefined ? 'an unknown number' : t.total === 1 ? '1 record' : `${t.total} records`;
      out.push({
        messageId: personal.length ? 'personal' : 'readable',
        severity: personal.length ? 'critical' : 'high',
        data: { type: t.type, total, personal: listOf(personal), fields: listOf(fields, 12) },
        evidence: `GET ${url}?limit=1 (no credentials) → ${t.status}; ${total}; fields: ${listOf(fields, 20)}${b.probe?.reused ? REUSED_NOTE : ''}`,
        location: { kind: 'request', url, name: t.type },
        identity: `obj:${t.type}`,
      });
    }
    const exposed = b.meta?.types.length ?? 0;
    if (b.skipped === 'no-consent' && b.meta?.state === 'on' && exposed > 0) {
      out.push({
        messageId: 'unchecked',
        severity: 'info',
        data: { count: exposed === 1 ? '1 type' : `${exposed} types` },
        evidence: `GET ${evidence.origin}/api/1.1/meta → get: ${listOf(b.meta.types, 12)}; Data API check not run (no consent)`,
        location: { kind: 'request', url: `${evidence.origin}/api/1.1/meta`, name: 'Data API' },
        identity: 'unchecked',
      });
    }
    return out;
  },
});
