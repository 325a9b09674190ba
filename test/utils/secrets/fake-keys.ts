/**
 * Fake credentials for tests, benchmarks and end-to-end fixtures, built at run time from a seeded generator so
 * the repository never holds a string that a secret scanner would flag. Every value has the real shape of its
 * provider (checksums included) and random parts that are not placeholders.
 *
 * Importable from Node (tsx) and from Vitest; no dependency on the engine under test.
 */
import { PROVIDERS, type Exposure, type ProviderId } from '../../../utils/secrets/index';

export type Rng = () => number;

/** mulberry32: a small, fast, seeded PRNG. */
export function seeded(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const ALNUM = UPPER + LOWER + DIGITS;
const B64URL = `${ALNUM}_-`;
const B32 = `${UPPER}234567`;

/**
 * Words the placeholder filter looks for (case-insensitive): a random key that happens to spell one would be dropped
 * as a documentation example, and a planted key must measure detection, not luck. Kept here, independent of the
 * engine; the test 'the fake-key generator' checks the two agree on thousands of keys.
 */
const PLACEHOLDER_WORDS = ['example', 'sample', 'dummy', 'placeholder', 'redacted', 'changeme', 'replace', 'insert', 'your'];

/**
 * Random chars with no run of 3 equal chars (case-insensitive: `xXx` neither), no run of 4 consecutive ones (`abcd`,
 * `1234`) and no placeholder word: real keys may contain such runs, but fixtures must never look like placeholders.
 */
export function chars(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  while (out.length < length) {
    const c = alphabet[Math.floor(rng() * alphabet.length)]!;
    const n = out.length;
    const same = (a: string) => a.toLowerCase() === c.toLowerCase();
    if (n >= 2 && same(out[n - 1]!) && same(out[n - 2]!)) continue;
    const tail = (out.slice(-11) + c).toLowerCase();
    if (PLACEHOLDER_WORDS.some((w) => tail.endsWith(w))) continue;
    if (n >= 3 && [1, 2, 3].every((k) => step(out[n - k]!, k === 1 ? c : out[n - k + 1]!))) continue;
    out += c;
  }
  return out;
}

const step = (a: string, b: string): boolean => {
  const x = a.toLowerCase().charCodeAt(0);
  const y = b.toLowerCase().charCodeAt(0);
  return y === x + 1 || y === x - 1;
};

const alnum = (r: Rng, n: number) => chars(r, ALNUM, n);
const hex = (r: Rng, n: number) => chars(r, HEX, n);
const lower = (r: Rng, n: number) => chars(r, LOWER + DIGITS, n);
const letters = (r: Rng, n: number) => chars(r, UPPER + LOWER, n);
const b64url = (r: Rng, n: number) => chars(r, B64URL, n);
const digits = (r: Rng, n: number) => chars(r, '123456789', 1) + chars(r, DIGITS, n - 1);
const uuid = (r: Rng) => [hex(r, 8), hex(r, 4), hex(r, 4), hex(r, 4), hex(r, 12)].join('-');
const join = (...parts: string[]) => parts.join('');

/** Base64url without padding, of UTF-8 text. */
const base64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** CRC32 (IEEE), independent of the engine's implementation. */
function crc32(s: string): number {
  let crc = ~0;
  for (let i = 0; i < s.length; i++) {
    crc ^= s.charCodeAt(i);
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function base62(n: number, width: number): string {
  const alphabet = DIGITS + UPPER + LOWER;
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = alphabet[v % 62] + out;
  return out.padStart(width, '0');
}

/** A GitHub/npm-style token: prefix + 30 random + base62 CRC32 of the random part. */
export function checksummed(rng: Rng, prefix: string): string {
  const random = alnum(rng, 30);
  return join(prefix, random, base62(crc32(random), 6));
}

function jwt(rng: Rng, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  return [header, base64url(JSON.stringify(claims)), b64url(rng, 43)].join('.');
}

/**
 * A stateless GitHub App installation token (`ghs_APPID_JWT`, GitHub changelog 2026-04-24): an RS256-style JWT with
 * the installation's claims; about 520 characters like the real ones. Not in FAKE_KEYS (one generator per provider,
 * and that one makes the classic `ghs_` + 36 shape).
 */
export function githubStatelessInstallationToken(rng: Rng): string {
  const appId = chars(rng, '123456789', 1) + chars(rng, DIGITS, 6);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({ iat: 1780000000, exp: 1780003600, iss: appId, sub: `installation|${chars(rng, DIGITS, 8)}`, jti: b64url(rng, 22) }),
  );
  return join('gh', 's_', appId, '_', header, '.', claims, '.', b64url(rng, 342));
}

const supabaseClaims = (rng: Rng, role: string) => ({ iss: 'supabase', ref: chars(rng, LOWER, 20), role, iat: 1700000000, exp: 2000000000 });

const DASHES = '-'.repeat(5);
function pem(rng: Rng, label: string): string {
  const lines = Array.from({ length: 12 }, () => chars(rng, `${ALNUM}+/`, 64));
  return [`${DASHES}BEGIN ${label}${DASHES}`, ...lines, `${DASHES}END ${label}${DASHES}`].join('\n');
}

function mapboxToken(rng: Rng, kind: 'pk' | 'sk'): string {
  const payload = base64url(JSON.stringify({ u: `user${lower(rng, 6)}`, a: lower(rng, 25) }));
  return join(kind, '.', payload, '.', b64url(rng, 22));
}

/** A fake credential: `value` exactly as it appears; `snippet` the minimal code around it that its class needs. */
export interface Fake {
  value: string;
  snippet?: string;
}

const named = (name: string, value: string): Fake => ({ value, snippet: `${name}:"${value}"` });

/** One generator per provider; the mapped type makes a missing provider a compile error. */
export const FAKE_KEYS: { readonly [K in ProviderId]: (rng: Rng) => Fake } = {
  'openai-api-key': (r) => ({ value: join('sk-', alnum(r, 20), 'T3Blbk', 'FJ', alnum(r, 20)) }),
  'openai-project-key': (r) => ({ value: join('sk-', 'proj-', b64url(r, 74), 'T3Blbk', 'FJ', b64url(r, 74)) }),
  'openai-service-account-key': (r) => ({ value: join('sk-', 'svcacct-', b64url(r, 74), 'T3Blbk', 'FJ', b64url(r, 74)) }),
  'openai-admin-key': (r) => ({ value: join('sk-', 'admin-', b64url(r, 58), 'T3Blbk', 'FJ', b64url(r, 58)) }),
  'anthropic-api-key': (r) => ({ value: join('sk-ant-', 'api03-', b64url(r, 93), 'AA') }),
  'anthropic-admin-key': (r) => ({ value: join('sk-ant-', 'admin01-', b64url(r, 93), 'AA') }),
  'groq-api-key': (r) => ({ value: join('gsk', '_', alnum(r, 52)) }),
  'replicate-api-token': (r) => ({ value: join('r8', '_', alnum(r, 37)) }),
  'perplexity-api-key': (r) => ({ value: join('pplx', '-', alnum(r, 48)) }),
  'xai-api-key': (r) => ({ value: join('xai', '-', alnum(r, 80)) }),
  'openrouter-api-key': (r) => ({ value: join('sk-or-', 'v1-', hex(r, 64)) }),
  'huggingface-token': (r) => ({ value: join('hf', '_', letters(r, 34)) }),
  'huggingface-org-token': (r) => ({ value: join('api_org', '_', letters(r, 34)) }),
  'pinecone-api-key': (r) => ({ value: join('pcsk', '_', alnum(r, 6), '_', alnum(r, 60)) }),
  'langsmith-api-key': (r) => ({ value: join('lsv2', '_pt_', hex(r, 32), '_', hex(r, 10)) }),
  'tavily-api-key': (r) => ({ value: join('tvly', '-dev-', alnum(r, 32)) }),
  'google-api-key': (r) => ({ value: join('AI', 'za', b64url(r, 35)) }),
  'firebase-web-api-key': (r) => {
    const value = join('AI', 'za', b64url(r, 35));
    const project = `app-${lower(r, 6)}`;
    return {
      value,
      snippet: `initializeApp({apiKey:"${value}",authDomain:"${project}.firebaseapp.com",projectId:"${project}",appId:"1:${digits(r, 12)}:web:${hex(r, 16)}"})`,
    };
  },
  'google-gemini-api-key': (r) => {
    const value = join('AI', 'za', b64url(r, 35));
    return { value, snippet: `fetch("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=${value}",{method:"POST"})` };
  },
  'google-oauth-client-secret': (r) => ({ value: join('GOC', 'SPX-', b64url(r, 28)) }),
  'fcm-server-key': (r) => ({ value: join('AAAA', b64url(r, 7), ':APA91b', b64url(r, 134)) }),
  'stripe-secret-key': (r) => ({ value: join('sk', '_live_', '51', alnum(r, 97)) }),
  'stripe-restricted-key': (r) => ({ value: join('rk', '_live_', '51', alnum(r, 97)) }),
  'stripe-test-secret-key': (r) => ({ value: join('sk', '_test_', '51', alnum(r, 97)) }),
  'stripe-webhook-secret': (r) => ({ value: join('wh', 'sec_', alnum(r, 32)) }),
  'stripe-publishable-key': (r) => ({ value: join('pk', '_live_', '51', alnum(r, 97)) }),
  'clerk-secret-key': (r) => named('CLERK_SECRET_KEY', join('sk', '_live_', alnum(r, 42))),
  'clerk-test-secret-key': (r) => named('CLERK_SECRET_KEY', join('sk', '_test_', alnum(r, 42))),
  'clerk-publishable-key': (r) => ({ value: join('pk', '_live_', Buffer.from(`clerk.${lower(r, 8)}.com$`).toString('base64')) }),
  'square-access-token': (r) => ({ value: join('EA', 'AA', b64url(r, 60)) }),
  'square-oauth-secret': (r) => ({ value: join('sq0', 'csp-', b64url(r, 43)) }),
  'square-application-id': (r) => ({ value: join('sq0', 'idp-', b64url(r, 22)) }),
  'paypal-client-secret': (r) => named('paypalClientSecret', join('E', b64url(r, 79))),
  'paypal-client-id': (r) => {
    const value = join('A', b64url(r, 79));
    return { value, snippet: `<script src="https://www.paypal.com/sdk/js?client-id=${value}&currency=EUR"></script>` };
  },
  'braintree-access-token': (r) => ({ value: join('access_token', '$production$', lower(r, 16), '$', hex(r, 32)) }),
  'braintree-sandbox-token': (r) => ({ value: join('access_token', '$sandbox$', lower(r, 16), '$', hex(r, 32)) }),
  'braintree-tokenization-key': (r) => ({ value: join('production', '_', lower(r, 8), '_', lower(r, 16)) }),
  'sendgrid-api-key': (r) => ({ value: join('SG', '.', b64url(r, 22), '.', b64url(r, 43)) }),
  'mailgun-api-key': (r) => {
    const value = join('key', '-', hex(r, 32));
    return { value, snippet: `mailgun.client({username:"api",key:"${value}"})` };
  },
  'mailgun-public-key': (r) => ({ value: join('pub', 'key-', hex(r, 32)) }),
  'mailchimp-api-key': (r) => ({ value: join(hex(r, 32), '-us', String(1 + Math.floor(r() * 20))) }),
  'brevo-api-key': (r) => ({ value: join('xkey', 'sib-', hex(r, 64), '-', alnum(r, 16)) }),
  'brevo-smtp-key': (r) => ({ value: join('xsmtp', 'sib-', hex(r, 64), '-', alnum(r, 16)) }),
  'resend-api-key': (r) => ({ value: join('re', '_', alnum(r, 8), '_', alnum(r, 24)) }),
  'postmark-server-token': (r) => named('"X-Postmark-Server-Token"', uuid(r)),
  'mailgun-signing-key': (r) => named('MAILGUN_WEBHOOK_SIGNING_KEY', join(hex(r, 32), '-', hex(r, 8), '-', hex(r, 8))),
  'mailjet-secret-key': (r) => named('mailjetSecretKey', hex(r, 32)),
  'loops-api-key': (r) => named('LOOPS_API_KEY', hex(r, 32)),
  'slack-bot-token': (r) => ({ value: join('xo', 'xb-', digits(r, 12), '-', digits(r, 13), '-', alnum(r, 24)) }),
  'slack-user-token': (r) => ({ value: join('xo', 'xp-', digits(r, 12), '-', digits(r, 12), '-', digits(r, 13), '-', hex(r, 32)) }),
  'slack-app-token': (r) => ({ value: join('xa', 'pp-1-', 'A', chars(r, UPPER + DIGITS, 10), '-', digits(r, 13), '-', hex(r, 64)) }),
  'slack-config-token': (r) => ({ value: join('xo', 'xe.xoxp-1-', alnum(r, 150)) }),
  'slack-legacy-token': (r) => ({ value: join('xo', 'xs-', digits(r, 12), '-', digits(r, 12), '-', digits(r, 12), '-', hex(r, 10)) }),
  'telegram-bot-token': (r) => ({ value: join(digits(r, 10), ':AA', b64url(r, 33)) }),
  'discord-bot-token': (r) => {
    const value = join(base64url(digits(r, 19)), '.', b64url(r, 6), '.', b64url(r, 38));
    return { value, snippet: `headers:{Authorization:"Bot ${value}"}` };
  },
  'twilio-account-sid': (r) => ({ value: join('A', 'C', hex(r, 32)) }),
  'twilio-api-key-sid': (r) => ({ value: join('S', 'K', hex(r, 32)) }),
  'twilio-auth-token': (r) => {
    const value = hex(r, 32);
    return { value, snippet: `twilio(${JSON.stringify(join('A', 'C', hex(r, 32)))},"${value}")` };
  },
  'twilio-api-key-secret': (r) => named('twilioApiSecret', alnum(r, 32)),
  'vonage-api-secret': (r) => named('VONAGE_API_SECRET', alnum(r, 16)),
  'messagebird-api-key': (r) => named('messageBirdAccessKey', alnum(r, 25)),
  'plivo-auth-token': (r) => named('PLIVO_AUTH_TOKEN', alnum(r, 40)),
  'telnyx-api-key': (r) => ({ value: join('KE', 'Y', chars(r, '0123456789ABCDEF', 32), '_', alnum(r, 22)) }),
  'n8n-webhook-url': (r) => ({ value: `https://${lower(r, 8)}.app.n8n.cloud/webhook/${uuid(r)}` }),
  'pipedream-webhook-url': (r) => ({ value: `https://eo${lower(r, 13)}.m.pipedream.net` }),
  'slack-webhook-url': (r) => ({ value: `https://hooks.slack.com/services/T${chars(r, UPPER + DIGITS, 10)}/B${chars(r, UPPER + DIGITS, 10)}/${alnum(r, 24)}` }),
  'discord-webhook-url': (r) => ({ value: `https://discord.com/api/webhooks/${digits(r, 19)}/${b64url(r, 68)}` }),
  'teams-webhook-url': (r) => ({
    value: `https://contoso${lower(r, 4)}.webhook.office.com/webhookb2/${uuid(r)}@${uuid(r)}/IncomingWebhook/${hex(r, 32)}/${uuid(r)}`,
  }),
  'zapier-webhook-url': (r) => ({ value: `https://hooks.zapier.com/hooks/catch/${digits(r, 8)}/${lower(r, 7)}/` }),
  'make-webhook-url': (r) => ({ value: `https://hook.eu2.make.com/${lower(r, 32)}` }),
  'google-chat-webhook-url': (r) => ({
    value: `https://chat.googleapis.com/v1/spaces/AAAA${b64url(r, 7)}/messages?key=${join('AI', 'za', b64url(r, 35))}&token=${b64url(r, 43)}`,
  }),
  'github-pat': (r) => ({ value: checksummed(r, 'gh' + 'p_') }),
  'github-oauth-token': (r) => ({ value: checksummed(r, 'gh' + 'o_') }),
  'github-user-token': (r) => ({ value: checksummed(r, 'gh' + 'u_') }),
  'github-app-token': (r) => ({ value: checksummed(r, 'gh' + 's_') }),
  'github-refresh-token': (r) => ({ value: checksummed(r, 'gh' + 'r_') }),
  'github-fine-grained-pat': (r) => ({ value: join('github', '_pat_', '11', chars(r, UPPER + DIGITS, 20), '_', alnum(r, 59)) }),
  'gitlab-pat': (r) => ({ value: join('gl', 'pat-', b64url(r, 20)) }),
  'gitlab-pipeline-trigger-token': (r) => ({ value: join('gl', 'ptt-', hex(r, 40)) }),
  'gitlab-runner-token': (r) => ({ value: join('gl', 'rt-', b64url(r, 20)) }),
  'gitlab-deploy-token': (r) => ({ value: join('gl', 'dt-', b64url(r, 20)) }),
  'gitlab-feed-token': (r) => ({ value: join('gl', 'ft-', b64url(r, 20)) }),
  'gitlab-oauth-app-secret': (r) => ({ value: join('gl', 'oas-', b64url(r, 64)) }),
  'gitlab-cicd-job-token': (r) => ({ value: join('gl', 'cbt-', b64url(r, 20)) }),
  'gitlab-scim-token': (r) => ({ value: join('gl', 'soat-', b64url(r, 20)) }),
  'gitlab-incoming-mail-token': (r) => ({ value: join('gl', 'imt-', b64url(r, 25)) }),
  'gitlab-agent-token': (r) => ({ value: join('gl', 'agent-', b64url(r, 50)) }),
  'gitlab-feature-flag-token': (r) => ({ value: join('gl', 'ffct-', b64url(r, 20)) }),
  'aws-access-key-id': (r) => ({ value: join('AK', 'IA', chars(r, B32, 16)) }),
  'aws-secret-access-key': (r) => named('secretAccessKey', chars(r, `${ALNUM}+/`, 40)),
  'vercel-token': (r) => ({ value: join('vc', 'p_', alnum(r, 56)) }),
  'netlify-token': (r) => ({ value: join('nf', 'p_', alnum(r, 36)) }),
  'digitalocean-pat': (r) => ({ value: join('do', 'p_v1_', hex(r, 64)) }),
  'digitalocean-oauth-token': (r) => ({ value: join('do', 'o_v1_', hex(r, 64)) }),
  'digitalocean-refresh-token': (r) => ({ value: join('do', 'r_v1_', hex(r, 64)) }),
  'heroku-api-key': (r) => ({ value: join('HRKU', '-AA', b64url(r, 58)) }),
  'databricks-token': (r) => ({ value: join('da', 'pi', hex(r, 32)) }),
  'new-relic-user-key': (r) => ({ value: join('NR', 'AK-', chars(r, UPPER + DIGITS, 27)) }),
  'new-relic-insert-key': (r) => ({ value: join('NR', 'II-', b64url(r, 32)) }),
  'new-relic-browser-key': (r) => ({ value: join('NR', 'JS-', hex(r, 19)) }),
  'npm-token': (r) => ({ value: checksummed(r, 'np' + 'm_') }),
  'figma-token': (r) => ({ value: join('fi', 'gd_', b64url(r, 40)) }),
  'linear-api-key': (r) => ({ value: join('lin', '_api_', alnum(r, 40)) }),
  'doppler-token': (r) => ({ value: join('dp', '.pt.', alnum(r, 43)) }),
  'pulumi-token': (r) => ({ value: join('pu', 'l-', hex(r, 40)) }),
  'postman-api-key': (r) => ({ value: join('PM', 'AK-', hex(r, 24), '-', hex(r, 34)) }),
  'supabase-service-role-jwt': (r) => ({ value: jwt(r, supabaseClaims(r, 'service_role')) }),
  'supabase-secret-key': (r) => ({ value: join('sb', '_secret_', b64url(r, 31)) }),
  'supabase-access-token': (r) => ({ value: join('sb', 'p_', hex(r, 40)) }),
  'supabase-anon-jwt': (r) => ({ value: jwt(r, supabaseClaims(r, 'anon')) }),
  'supabase-publishable-key': (r) => ({ value: join('sb', '_publishable_', b64url(r, 31)) }),
  'supabase-project-url': (r) => ({ value: `https://${chars(r, LOWER, 20)}.supabase.co` }),
  'supabase-local-dev-jwt': (r) => ({ value: jwt(r, { iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }) }),
  'airtable-pat': (r) => ({ value: join('pat', alnum(r, 14), '.', hex(r, 64)) }),
  'notion-token': (r) => ({ value: join('nt', 'n_', digits(r, 11), alnum(r, 35)) }),
  'glide-api-token': (r) => {
    const value = uuid(r);
    return { value, snippet: `fetch("https://api.glideapp.io/api/function/queryTables",{headers:{Authorization:"Bearer ${value}"}})` };
  },
  'glide-app-id': (r) => {
    const value = alnum(r, 20);
    return { value, snippet: `fetch("https://api.glideapp.io/api/function/queryTables",{body:JSON.stringify({appID:"${value}"})})` };
  },
  'typeform-token': (r) => ({ value: join('tf', 'p_', b64url(r, 44), '_', alnum(r, 14)) }),
  'jotform-api-key': (r) => {
    const value = hex(r, 32);
    return { value, snippet: `fetch("https://api.jotform.com/user/forms?apiKey=${value}&limit=20")` };
  },
  'calcom-api-key': (r) => ({ value: join('cal', '_live_', hex(r, 32)) }),
  'calendly-token': (r) => named('CALENDLY_TOKEN', jwt(r, { iss: 'https://auth.calendly.com', jti: uuid(r), user_uuid: uuid(r) })),
  'hubspot-private-app-token': (r) => ({ value: join('pat', '-na1-', uuid(r)) }),
  'hubspot-api-key': (r) => named('hubspotApiKey', uuid(r)),
  'shopify-access-token': (r) => ({ value: join('shp', 'at_', hex(r, 32)) }),
  'shopify-custom-app-token': (r) => ({ value: join('shp', 'ca_', hex(r, 32)) }),
  'shopify-private-app-token': (r) => ({ value: join('shp', 'pa_', hex(r, 32)) }),
  'shopify-shared-secret': (r) => ({ value: join('shp', 'ss_', hex(r, 32)) }),
  'bubble-api-token': (r) => {
    const value = hex(r, 32);
    return { value, snippet: `fetch("https://${lower(r, 6)}.bubbleapps.io/api/1.1/obj/user",{headers:{Authorization:"Bearer ${value}"}})` };
  },
  'mapbox-public-token': (r) => ({ value: mapboxToken(r, 'pk') }),
  'mapbox-secret-token': (r) => ({ value: mapboxToken(r, 'sk') }),
  'posthog-project-key': (r) => ({ value: join('ph', 'c_', alnum(r, 43)) }),
  'posthog-personal-key': (r) => ({ value: join('ph', 'x_', alnum(r, 43)) }),
  'sentry-dsn': (r) => ({ value: `https://${hex(r, 32)}@o${digits(r, 6)}.ingest.us.sentry.io/${digits(r, 7)}` }),
  'sentry-user-token': (r) => ({ value: join('sntry', 'u_', hex(r, 64)) }),
  'sentry-org-token': (r) => {
    const claims = base64url(JSON.stringify({ iat: 1700000000, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: lower(r, 8) }));
    return { value: join('sntry', 's_', claims.replace(/_/g, '/').replace(/-/g, '+'), '_', chars(r, `${ALNUM}+/`, 43)) };
  },
  'algolia-admin-key': (r) => named('ALGOLIA_ADMIN_KEY', hex(r, 32)),
  'algolia-search-key': (r) => {
    const value = hex(r, 32);
    return { value, snippet: `algoliasearch("${chars(r, UPPER + DIGITS, 10)}","${value}")` };
  },
  'postgres-url': (r) => ({ value: `postgresql://postgres.${lower(r, 20)}:${alnum(r, 16)}@aws-0-eu-central-1.pooler.supabase.com:6543` }),
  'mysql-url': (r) => ({ value: `mysql://app_${lower(r, 5)}:${alnum(r, 18)}@db-${lower(r, 6)}.eu-west-1.rds.amazonaws.com:3306` }),
  'mongodb-url': (r) => ({ value: `mongodb+srv://app:${alnum(r, 16)}@cluster0.${lower(r, 5)}.mongodb.net` }),
  'redis-url': (r) => ({ value: `rediss://default:${alnum(r, 32)}@eu1-${lower(r, 8)}.upstash.io:6379` }),
  'cloudinary-url': (r) => ({ value: `cloudinary://${digits(r, 15)}:${b64url(r, 27)}@${lower(r, 8)}` }),
  'private-key': (r) => ({ value: pem(r, 'RSA PRIVATE KEY') }),
  'gcp-service-account': (r) => {
    const value = pem(r, 'PRIVATE KEY').replace(/\n/g, '\\n');
    const project = `proj-${lower(r, 6)}`;
    return {
      value,
      snippet: `{"type":"service_account","project_id":"${project}","private_key_id":"${hex(r, 40)}","private_key":"${value}","client_email":"app@${project}.iam.gserviceaccount.com"}`,
    };
  },
};

export interface PlantedKey {
  provider: ProviderId;
  exposure: Exposure;
  /** The credential exactly as it appears in `snippet`: a match must span it. */
  value: string;
  /** The value with the context its classification needs (the value itself when it needs none). */
  snippet: string;
}

const EXPOSURE = new Map<string, Exposure>(PROVIDERS.map((p) => [p.id, p.exposure]));

/** One fake key per provider, labelled; the same seed gives the same keys. */
export function plantedKeys(seed: number): PlantedKey[] {
  return (Object.keys(FAKE_KEYS) as ProviderId[]).map((provider, i) => {
    const fake = FAKE_KEYS[provider](seeded(seed * 7919 + i));
    return { provider, exposure: EXPOSURE.get(provider)!, value: fake.value, snippet: fake.snippet ?? fake.value };
  });
}

/** Placeholders and documentation examples in real key shapes: none may ever be reported. */
export function placeholderKeys(): string[] {
  return [
    join('AK', 'IA', 'IOSFODNN7', 'EXAMPLE'),
    join('sk', '_live_', 'x'.repeat(24)),
    join('sk', '_live_', 'XXXXXXXXXXXXXXXXXXXXXXXX'),
    join('gh', 'p_', 'x'.repeat(36)),
    join('gh', 'p_', '1234567890abcdefghijklmnopqrstuvwxyz'),
    join('sk-', 'proj-', 'your-api-key-here-', 'x'.repeat(40)),
    join('AI', 'za', 'Sy', 'YOUR_API_KEY_', '0'.repeat(22)),
    join('AI', 'za', 'a'.repeat(35)),
    join('xo', 'xb-', '1234567890', '-', '1234567890123', '-', 'abcdefghijklmnopqrstuvwx'),
    join('sb', '_secret_', 'your-secret-key-goes-here'),
    join('SG', '.', 'x'.repeat(22), '.', 'x'.repeat(43)),
    join('sntry', 'u_', 'a'.repeat(64)),
    join('sk-ant-', 'api03-', 'EXAMPLE'.repeat(13), 'xx', 'AA'),
    join('gl', 'pat-', 'XXXXXXXXXXXXXXXXXXXX'),
    join('sk', '_test_', 'sample', '0'.repeat(20)),
    join('postgres', '://postgres:', '[YOUR-PASSWORD]', '@db.abcdefghijklmnopqrst.supabase.co:5432/postgres'),
    join('mongodb', '+srv://user:', '<password>', '@cluster0.example.mongodb.net'),
    join('https://hooks.slack.com/services/', 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'),
    '<your-key>',
    'YOUR_API_KEY',
  ];
}
