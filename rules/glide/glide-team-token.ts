import { defineRule } from '../../engine/rule';
import { appVars, glideOf } from '../../utils/glide/findings';
import { API_TOKEN_DOCS, DATA_LINK } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-team-token',
    title: 'Glide’s team-wide API token copied into the app',
    severity: 'critical',
    category: 'glide',
    checklist: 'secrets',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'high',
    rationale:
      'The token from "Show API" is yours but "scoped to your Glide team, so it has access to all applications and data in your team": pasted into an app or integration, it reads and writes every table of every app.',
    messages: {
      'team-token': 'The team-wide Glide API token {masked} is pasted into {field}: whoever reads it can read and write every app and table of your team.',
    },
    fix: {
      summary: 'Regenerate the Glide API token and keep it out of apps: call the Glide API only from a server or a Glide Secret.',
      steps: [
        'In the Data tab (button below) open "Show API" and regenerate the secret token (the old one stays valid until you do).',
        'Delete the pasted token from the column, Call API header or integration named in the finding.',
        'Where an integration really needs it, save it in the project’s Secrets and use the secret by name.',
        'Prefer Glide’s own actions and workflows over calling the Glide API from inside an app.',
      ],
      deepLink: DATA_LINK,
      docs: API_TOKEN_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g) return [];
    return g.secrets
      .filter((s) => s.provider === 'glide-api-token')
      .map((s) => ({
        messageId: 'team-token' as const,
        data: { masked: s.masked, field: s.field },
        evidence: `${s.field}: ${s.masked}`,
        location: { kind: 'builder' as const, name: s.field },
        identity: `${s.fingerprint}:${s.field}`,
        vars: appVars(g),
      }));
  },
});
