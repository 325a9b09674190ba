/**
 * How gitleaks' rules map onto our providers, and where we disagree with gitleaks on purpose. Shared by the
 * peer test and the benchmark.
 */
import type { ProviderId } from '../../../utils/secrets/index';

/** gitleaks rule id → the providers that may report its true positives. Rules not listed are not supported. */
export const GITLEAKS_RULES: Readonly<Record<string, readonly ProviderId[]>> = {
  'anthropic-api-key': ['anthropic-api-key'],
  'anthropic-admin-api-key': ['anthropic-admin-key'],
  'openai-api-key': ['openai-api-key', 'openai-project-key', 'openai-service-account-key', 'openai-admin-key'],
  'perplexity-api-key': ['perplexity-api-key'],
  'huggingface-access-token': ['huggingface-token'],
  'huggingface-organization-api-token': ['huggingface-org-token'],
  'gcp-api-key': ['google-api-key', 'firebase-web-api-key', 'google-gemini-api-key'],
  'stripe-access-token': ['stripe-secret-key', 'stripe-restricted-key', 'stripe-test-secret-key'],
  'square-access-token': ['square-access-token'],
  'sendgrid-api-token': ['sendgrid-api-key'],
  'mailgun-pub-key': ['mailgun-public-key'],
  'mailgun-private-api-token': ['mailgun-api-key'],
  'mailchimp-api-key': ['mailchimp-api-key'],
  'sendinblue-api-token': ['brevo-api-key'],
  'slack-bot-token': ['slack-bot-token'],
  'slack-legacy-bot-token': ['slack-bot-token'],
  'slack-user-token': ['slack-user-token'],
  'slack-app-token': ['slack-app-token'],
  'slack-config-access-token': ['slack-config-token'],
  'slack-config-refresh-token': ['slack-config-token'],
  'slack-legacy-workspace-token': ['slack-legacy-token'],
  'slack-legacy-token': ['slack-legacy-token'],
  'slack-webhook-url': ['slack-webhook-url'],
  'microsoft-teams-webhook': ['teams-webhook-url'],
  'telegram-bot-api-token': ['telegram-bot-token'],
  'twilio-api-key': ['twilio-api-key-sid'],
  'messagebird-api-token': ['messagebird-api-key'],
  'mailgun-signing-key': ['mailgun-signing-key', 'mailgun-api-key'],
  'typeform-api-token': ['typeform-token'],
  'github-pat': ['github-pat'],
  'github-oauth': ['github-oauth-token'],
  'github-app-token': ['github-user-token', 'github-app-token'],
  'github-refresh-token': ['github-refresh-token'],
  'github-fine-grained-pat': ['github-fine-grained-pat'],
  'gitlab-pat': ['gitlab-pat'],
  'gitlab-pat-routable': ['gitlab-pat'],
  'gitlab-ptt': ['gitlab-pipeline-trigger-token'],
  'gitlab-runner-authentication-token': ['gitlab-runner-token'],
  'gitlab-runner-authentication-token-routable': ['gitlab-runner-token'],
  'gitlab-rrt': ['gitlab-runner-token'],
  'gitlab-deploy-token': ['gitlab-deploy-token'],
  'gitlab-feed-token': ['gitlab-feed-token'],
  'gitlab-oauth-app-secret': ['gitlab-oauth-app-secret'],
  'gitlab-cicd-job-token': ['gitlab-cicd-job-token'],
  'gitlab-scim-token': ['gitlab-scim-token'],
  'gitlab-incoming-mail-token': ['gitlab-incoming-mail-token'],
  'gitlab-kubernetes-agent-token': ['gitlab-agent-token'],
  'gitlab-feature-flag-client-token': ['gitlab-feature-flag-token'],
  'aws-access-token': ['aws-access-key-id'],
  'digitalocean-pat': ['digitalocean-pat'],
  'digitalocean-access-token': ['digitalocean-oauth-token'],
  'digitalocean-refresh-token': ['digitalocean-refresh-token'],
  'heroku-api-key': ['heroku-api-key'],
  'heroku-api-key-v2': ['heroku-api-key'],
  'databricks-api-token': ['databricks-token'],
  'new-relic-user-api-key': ['new-relic-user-key'],
  'new-relic-insert-key': ['new-relic-insert-key'],
  'new-relic-browser-api-token': ['new-relic-browser-key'],
  'npm-access-token': ['npm-token'],
  'netlify-access-token': ['netlify-token'],
  'linear-api-key': ['linear-api-key'],
  'doppler-api-token': ['doppler-token'],
  'pulumi-api-token': ['pulumi-token'],
  'postman-api-token': ['postman-api-key'],
  'airtable-personnal-access-token': ['airtable-pat'],
  'notion-api-token': ['notion-token'],
  'hubspot-api-key': ['hubspot-api-key'],
  'shopify-access-token': ['shopify-access-token'],
  'shopify-custom-access-token': ['shopify-custom-app-token'],
  'shopify-private-app-access-token': ['shopify-private-app-token'],
  'shopify-shared-secret': ['shopify-shared-secret'],
  'mapbox-api-token': ['mapbox-public-token', 'mapbox-secret-token'],
  'sentry-user-token': ['sentry-user-token'],
  'sentry-org-token': ['sentry-org-token'],
  'algolia-api-key': ['algolia-search-key', 'algolia-admin-key'],
  'private-key': ['private-key', 'gcp-service-account'],
};

/** A deliberate difference between our verdict and gitleaks'. */
export interface Disagreement {
  rule: string;
  /**
   * - publishable: we detect the rule's true positives but classify them as publishable (browser-safe).
   * - placeholder: we drop this true positive as a documentation example.
   * - flagged-fp: we report this false positive as a secret.
   */
  kind: 'publishable' | 'placeholder' | 'flagged-fp';
  /** A substring of the examples it applies to; the whole rule when absent. */
  example?: string;
  reason: string;
}

export const DISAGREEMENTS: readonly Disagreement[] = [
  {
    rule: 'gcp-api-key',
    kind: 'publishable',
    reason:
      'An `AIza` key is a browser key (Firebase web config, Maps) unless it is sent to the Gemini API; gitleaks flags every one, including Firebase config keys.',
  },
  {
    rule: 'mapbox-api-token',
    kind: 'publishable',
    reason: 'Mapbox `pk.` tokens are public tokens meant for the browser; only `sk.` tokens are secret.',
  },
  {
    rule: 'mailgun-pub-key',
    kind: 'publishable',
    reason: 'Mailgun `pubkey-` keys only validate addresses and are meant for the browser.',
  },
  {
    rule: 'new-relic-browser-api-token',
    kind: 'publishable',
    reason: 'New Relic `NRJS-` keys are the browser agent key, shipped in every instrumented page.',
  },
  {
    rule: 'algolia-api-key',
    kind: 'publishable',
    reason: 'A 32-hex Algolia key is search-only unless its name says admin/write or write calls use it; names like `algoliaToken` say neither.',
  },
  {
    rule: 'twilio-api-key',
    kind: 'publishable',
    reason:
      'An `SK` + 32 hex value is a Twilio API Key SID, an identifier that cannot be used without the API key secret created with it (gitleaks names the rule "API Key"); we report the SID as info and the secret next to it as critical.',
  },
  {
    rule: 'anthropic-api-key',
    kind: 'placeholder',
    example: '456def789ghij',
    reason: 'A hand-typed documentation example (`abc123xyz`, `klmnopqrstuvwx`): sequential runs mark placeholders.',
  },
  {
    rule: 'anthropic-admin-api-key',
    kind: 'placeholder',
    example: '456def789ghij',
    reason: 'A hand-typed documentation example (`abc12fake`, `klmnopqrstuvwx`): sequential runs mark placeholders.',
  },
  {
    rule: 'heroku-api-key',
    kind: 'placeholder',
    example: '12345678-ABCD-ABCD-ABCD-1234567890AB',
    reason: 'The UUID `12345678-ABCD-…-1234567890AB` is a placeholder.',
  },
  {
    rule: 'hubspot-api-key',
    kind: 'placeholder',
    example: '12345678-ABCD-ABCD-ABCD-1234567890AB',
    reason: 'The UUID `12345678-ABCD-…-1234567890AB` is a placeholder.',
  },
  {
    rule: 'mailchimp-api-key',
    kind: 'flagged-fp',
    example: 'MailchimpSDK.initialize(',
    reason: 'A real-shaped key passed to the SDK; gitleaks only rejects it because `)` follows the key, which is exactly where minified bundles put keys.',
  },
];

/** The disagreement that covers `example` of `rule` with `kind`, if any. */
export function disagreement(rule: string, kind: Disagreement['kind'], example: string): Disagreement | undefined {
  return DISAGREEMENTS.find((d) => d.rule === rule && d.kind === kind && (!d.example || example.includes(d.example)));
}
