import { defineRule, type FindingDraft } from '../../engine/rule';
import { projectsOf } from '../../utils/supabase/app-findings';
import { DATA_API_LINK } from '../../utils/supabase/links';

type M = 'open';

/**
 * Active (after consent): the OpenAPI root `GET /rest/v1/` answered the app's public key. Hosted projects refuse it
 * to anon/publishable keys since 2026-04-08 (403 "Access to schema is forbidden"); a 200 means a self-hosted or
 * not yet migrated setup that describes every exposed table and column to anyone.
 */
export default defineRule<M>({
  meta: {
    id: 'app-openapi-exposed',
    title: 'Database schema described to anyone (OpenAPI root open)',
    severity: 'low',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'The Data API’s OpenAPI description lists every exposed table, column and function; served to the public key it is a map of what to try next. Supabase stopped serving it to public keys in 2026.',
    messages: {
      open: 'Supabase project {ref} serves its OpenAPI description (GET /rest/v1/) to the app’s public key: every exposed table and column is listed to anyone.',
    },
    fix: {
      summary: 'Stop serving the schema description to public keys; fetch it only with a secret key on the server.',
      steps: [
        'Hosted project: Supabase refuses this to public keys since 2026-04-08; if it still answers, contact support or check for a proxy in front of the API.',
        'Self-hosted: set PostgREST’s `openapi-mode` to `disabled` (environment `PGRST_OPENAPI_MODE=disabled`) and restart.',
        'Data API settings (“Open settings”): expose only the schemas the app needs.',
      ],
      deepLink: DATA_API_LINK,
      docs: 'https://docs.postgrest.org/en/stable/references/configuration.html#openapi-mode',
    },
  },
  check(evidence) {
    const out: FindingDraft<M>[] = [];
    for (const p of projectsOf(evidence)) {
      if (p.probe?.openapi?.verdict !== 'open') continue;
      out.push({
        messageId: 'open',
        data: { ref: p.ref },
        evidence: `GET https://${p.ref}.supabase.co/rest/v1/ (public key) → ${p.probe.openapi.status} (expected 403 since 2026-04-08)`,
        location: { kind: 'request', url: `https://${p.ref}.supabase.co/rest/v1/`, name: 'OpenAPI root' },
        identity: `${p.ref}/openapi`,
        vars: { ref: p.ref },
      });
    }
    return out;
  },
});
