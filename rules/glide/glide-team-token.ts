import { defineRule, type FindingDraft } from '../../engine/rule';
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
      'team-token-copied':
        'The team-wide token that "Show API" shows ({masked}) is also in {field}: whoever reads it can read and write every app and table of your team.',
      'token-shape':
        '"Show API" showed the team token in a shape other than the documented UUID: copies are recognised only after "Bearer " or by the key detectors. Check Call API headers, AI settings and columns by hand.',
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
    const out: FindingDraft<'team-token' | 'team-token-copied' | 'token-shape'>[] = g.secrets
      .filter((s) => s.provider === 'glide-api-token')
      .map((s) => ({
        messageId: 'team-token' as const,
        data: { masked: s.masked, field: s.field },
        evidence: `${s.field}: ${s.masked}`,
        location: { kind: 'builder' as const, name: s.field },
        identity: `${s.fingerprint}:${s.field}`,
        vars: appVars(g),
      }));
    // The token "Show API" showed, found again (by fingerprint) in a field or cell of the app: wherever it is sent.
    const shown = new Map((g.teamTokens ?? []).map((t) => [t.fingerprint, t.masked]));
    const seen = new Set(out.map((f) => f.identity));
    for (const c of g.tokenCandidates ?? []) {
      const masked = shown.get(c.fingerprint);
      const identity = `${c.fingerprint}:${c.field}`;
      if (!masked || seen.has(identity)) continue;
      seen.add(identity);
      out.push({
        messageId: 'team-token-copied',
        data: { masked, field: c.field },
        evidence: `${c.field}: ${masked}`,
        location: { kind: 'builder', name: c.field },
        identity,
        vars: appVars(g),
      });
    }
    if (g.apiPanel?.shape === 'other')
      out.push({
        messageId: 'token-shape',
        severity: 'info',
        data: {},
        evidence: 'Data → Show API: token not UUID-shaped',
        location: { kind: 'builder', name: 'Data → Show API' },
        identity: 'token-shape',
        vars: appVars(g),
      });
    return out;
  },
});
