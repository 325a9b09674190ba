/**
 * The one gate for every link the extension opens or shows as a link (fix guides' "Open settings" and
 * "Documentation", the checklist's "where to check", the builder warning's "Rotate this key"): an https URL on a
 * vendor host of this allow-list, nothing else. A page supplies text, never a host: deep links are templates on
 * these hosts filled with URL-encoded values (engine/fix.ts), and anything a page, a stored record or a forged
 * message could put in a link's place is refused here, at the sink.
 *
 * The list is the hosts our own catalogue links to (rules' fix guides, the secret providers' rotate and docs pages,
 * the checklist's "where to check"); test/utils/links.test.ts fails when a catalogue link is not on it, so adding a
 * vendor page means adding its host here, on purpose.
 */

/** Exact hosts (no wildcard, no port). */
export const LINK_HOSTS: ReadonlySet<string> = new Set([
  'account.mapbox.com',
  'account.postmarkapp.com',
  'admin.mailchimp.com',
  'admin.shopify.com',
  'admin.typeform.com',
  'ai.google.dev',
  'airtable.com',
  'aistudio.google.com',
  'api.jotform.com',
  'api.slack.com',
  'apidocs.glideapps.com',
  'app.brevo.com',
  'app.cal.com',
  'app.hubspot.com',
  'app.loops.so',
  'app.mailgun.com',
  'app.mailjet.com',
  'app.netlify.com',
  'app.pinecone.io',
  'app.pulumi.com',
  'app.sendgrid.com',
  'app.tavily.com',
  'bubble.io',
  'cal.com',
  'calendly.com',
  'cheatsheetseries.owasp.org',
  'clerk.com',
  'cloud.digitalocean.com',
  'cloud.google.com',
  'cloudinary.com',
  'console.anthropic.com',
  'console.aws.amazon.com',
  'console.cloud.google.com',
  'console.cloudinary.com',
  'console.firebase.google.com',
  'console.groq.com',
  'console.plivo.com',
  'console.twilio.com',
  'console.x.ai',
  'core.telegram.org',
  'dash.cloudflare.com',
  'dashboard.algolia.com',
  'dashboard.clerk.com',
  'dashboard.doppler.com',
  'dashboard.heroku.com',
  'dashboard.messagebird.com',
  'dashboard.nexmo.com',
  'dashboard.stripe.com',
  'datatracker.ietf.org',
  'dev.mailjet.com',
  'dev.mysql.com',
  'devcenter.heroku.com',
  'developer.calendly.com',
  'developer.mozilla.org',
  'developer.paypal.com',
  'developer.squareup.com',
  'developer.vonage.com',
  'developers.brevo.com',
  'developers.cloudflare.com',
  'developers.google.com',
  'developers.hubspot.com',
  'developers.linear.app',
  'developers.messagebird.com',
  'developers.notion.com',
  'developers.telnyx.com',
  'discord.com',
  'docs.anthropic.com',
  'docs.aws.amazon.com',
  'docs.databricks.com',
  'docs.digitalocean.com',
  'docs.doppler.com',
  'docs.github.com',
  'docs.gitlab.com',
  'docs.glideapps.com',
  'docs.mapbox.com',
  'docs.n8n.io',
  'docs.netlify.com',
  'docs.newrelic.com',
  'docs.npmjs.com',
  'docs.perplexity.ai',
  'docs.pinecone.io',
  'docs.postgrest.org',
  'docs.sentry.io',
  'docs.smith.langchain.com',
  'docs.softr.io',
  'docs.stripe.com',
  'docs.tavily.com',
  'docs.x.ai',
  'documentation.mailgun.com',
  'expressjs.com',
  'firebase.google.com',
  'github.blog',
  'github.com',
  'gitlab.com',
  'go.glideapps.com',
  'go.postman.co',
  'help.brevo.com',
  'help.zapier.com',
  'huggingface.co',
  'learn.microsoft.com',
  'learning.postman.com',
  'linear.app',
  'loops.so',
  'mailchimp.com',
  'manual.bubble.io',
  'nginx.org',
  'one.newrelic.com',
  'openrouter.ai',
  'owasp.org',
  'partners.shopify.com',
  'pipedream.com',
  'platform.openai.com',
  'portal.telnyx.com',
  'posthog.com',
  'postmarkapp.com',
  'redis.io',
  'replicate.com',
  'resend.com',
  'sandbox.braintreegateway.com',
  'sentry.io',
  'shopify.dev',
  'smith.langchain.com',
  'supabase.com',
  'support.discord.com',
  't.me',
  'university.webflow.com',
  'us.posthog.com',
  'vercel.com',
  'www.algolia.com',
  'www.braintreegateway.com',
  'www.figma.com',
  'www.glideapps.com',
  'www.iana.org',
  'www.jotform.com',
  'www.make.com',
  'www.mongodb.com',
  'www.notion.so',
  'www.perplexity.ai',
  'www.plivo.com',
  'www.postgresql.org',
  'www.pulumi.com',
  'www.twilio.com',
  'www.typeform.com',
  'zapier.com',
]);

/** Longest link we open: catalogue links are far shorter; a longer one is not ours. */
export const LINK_MAX = 2000;

/**
 * The URL to open when `url` is an https link to an allow-listed vendor host (no credentials, no port), normalised
 * by the URL parser; otherwise undefined. Never throws, whatever it is given.
 */
export function safeLink(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > LINK_MAX) return undefined;
  // What the URL parser would silently strip or fix up is not ours: catalogue links are already clean.
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return undefined;
  if (!LINK_HOSTS.has(u.hostname)) return undefined;
  return u.href;
}

/** Whether `url` passes {@link safeLink}. */
export const isSafeLink = (url: unknown): url is string => safeLink(url) !== undefined;
