import { defineRule } from '../../engine/rule';
import { BUILDERS } from '../../utils/platform/builders';

const ROTATE_FIRST = 'Rotate (revoke and re-create) the key at the provider first: it has already been saved where others can read it.';

export default defineRule({
  meta: {
    id: 'secret-in-builder-field',
    title: 'Key pasted into a builder field',
    severity: 'critical',
    category: 'secrets',
    checklist: 'secrets',
    surfaces: ['builder'],
    confidence: 'high',
    rationale:
      'Keys typed into ordinary builder fields end up in the app definition, in page data sent to visitors, in version history and in teammates’ screens; the builders have a private store for them.',
    messages: {
      secret: '{provider} ({masked}) was entered in “{field}” in the {platform} editor. Rotate it: {rotate}',
      capability: 'A {provider} ({masked}) was entered in “{field}”: anyone who sees the URL can post to it.',
      test: 'A {provider} ({masked}) was entered in “{field}”: fine while developing, but it must not ship.',
      publishable: '{provider} ({masked}) in “{field}” is publishable by design. {advice}',
    },
    fix: {
      summary: 'Move the key to the builder’s private store, then rotate it at the provider.',
      steps: [
        ROTATE_FIRST,
        'Delete the key from the field it was typed into.',
        'Store the new key only in the builder’s secret store (see your builder below).',
      ],
      deepLink: '{rotate}',
      docs: 'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password',
      platforms: {
        bubble: {
          steps: [
            ROTATE_FIRST,
            'Bubble editor → Plugins → API Connector → your API.',
            'Add the key as a shared header (e.g. `Authorization: Bearer …`) or a parameter, and tick "Private".',
            'Remove the key from the element, workflow or text field where it was typed.',
            'Deploy to live.',
          ],
          deepLink: 'https://bubble.io/page?id={app}&tab=Plugins',
          docs: BUILDERS.bubble.docs,
        },
        glide: {
          steps: [
            ROTATE_FIRST,
            'Open the project → Secrets → add a secret (e.g. STRIPE_API_KEY) with the new key.',
            'Make the integration use the secret by name; clear the field or column that held the key.',
          ],
          docs: BUILDERS.glide.docs,
        },
        supabase: {
          steps: [
            ROTATE_FIRST,
            "For SQL and cron jobs: `select vault.create_secret('<new key>', 'stripe_key');` then read it from `vault.decrypted_secrets`.",
            "For Edge Functions: Edge Functions → Secrets (or `supabase secrets set NAME=…`), read with `Deno.env.get('NAME')`.",
            'Remove the key from the SQL snippet, cron command or function code and save.',
          ],
          snippet: {
            language: 'sql',
            code: "select vault.create_secret('<new key>', 'stripe_key');\n-- use it:\nselect decrypted_secret from vault.decrypted_secrets where name = 'stripe_key';",
          },
          docs: BUILDERS.supabase.docs,
        },
      },
    },
  },
  check(evidence) {
    const b = evidence.builder!;
    const platform = BUILDERS[b.platform].name;
    return b.secrets
      .filter((s) => !s.safe)
      .map((s) => ({
        messageId: s.exposure,
        data: { provider: s.providerName, masked: s.masked, field: s.field, platform, rotate: s.rotateUrl, advice: s.advice },
        evidence: `${s.field}: ${s.masked}`,
        location: { kind: 'builder' as const, name: s.field, url: s.page },
        identity: `${s.fingerprint}|${s.field}`,
        severity: s.severity,
        vars: { rotate: s.rotateUrl },
      }));
  },
});
