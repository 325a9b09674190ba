import { defineRule } from '../../engine/rule';
import type { SecretPlace } from '../../utils/glide/builder-evidence';
import { appVars, glideOf } from '../../utils/glide/findings';
import { DATA_LINK, SECRETS_DOCS } from '../../utils/glide/links';

type M = 'call-api' | 'ai' | 'column' | 'workflow';
/** Where the key sat → which message (an unknown place reads as a column value). */
const MESSAGE_OF_PLACE: Record<SecretPlace, M> = { 'call-api': 'call-api', ai: 'ai', column: 'column', workflow: 'workflow', other: 'column' };

export default defineRule({
  meta: {
    id: 'glide-secret-in-integration',
    title: 'Key pasted into a Glide integration or column instead of Secrets',
    severity: 'critical',
    category: 'glide',
    checklist: 'secrets',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'high',
    rationale:
      'Text in columns and integration settings is stored with the app, copied with it and readable by every editor; template and computed column values can reach users’ devices. Glide’s Secrets keep the value write-only.',
    messages: {
      'call-api': '{provider} ({masked}) is pasted into a Call API field ({field}) instead of a Glide Secret.',
      ai: '{provider} ({masked}) is pasted into an AI integration’s settings ({field}) instead of a Glide Secret.',
      column: '{provider} ({masked}) is written in a column or template ({field}): it is stored with the app’s data.',
      workflow: '{provider} ({masked}) is pasted into a workflow step ({field}) instead of a Glide Secret.',
    },
    fix: {
      summary: 'Rotate the key, save the new one in Glide’s Secrets, and let the integration use the secret by name.',
      steps: [
        'Rotate the key at its provider first: the old value is already stored with the app.',
        'In Glide open the project’s Secrets, add a secret (e.g. STRIPE_API_KEY) and paste the new value there: saved values cannot be read back.',
        'In the Data tab (button below) open the column or Call API / AI integration named in the finding and use the secret instead of the pasted text.',
        'Delete the pasted value from the column, template or header.',
      ],
      deepLink: DATA_LINK,
      docs: SECRETS_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g) return [];
    return g.secrets
      .filter((s) => s.provider !== 'glide-api-token' && (s.exposure === 'secret' || s.exposure === 'capability'))
      .map((s) => ({
        messageId: MESSAGE_OF_PLACE[s.place],
        severity: s.severity,
        data: { provider: s.providerName, masked: s.masked, field: s.field },
        evidence: `${s.field}: ${s.masked}`,
        location: { kind: 'builder' as const, name: s.field },
        identity: `${s.fingerprint}:${s.field}`,
        vars: appVars(g),
      }));
  },
});
