/** No-code and backend-as-a-service platforms: the data stores micro-apps are built on. */
import { publishable, rotateThen, testSecret } from '../advice';
import { BASE64URL, UUID, charClass, startsClean, tokenEnd } from '../context';
import { AUTH_NAME, caseVariants, defineProviders, type IdOf, named, nearVendor, prefixed, sticky } from '../define';
import { readClaims } from '../jwt';
import type { Detector } from '../types';

const SUPABASE_KEYS = 'https://supabase.com/dashboard/project/_/settings/api-keys';
const EDGE = 'Use it only in Edge Functions or your server; the page uses the publishable (anon) key with RLS.';

export const BACKEND_PROVIDERS = defineProviders([
  {
    id: 'supabase-service-role-jwt',
    name: 'Supabase service_role key (JWT)',
    category: 'backend',
    exposure: 'secret',
    format: 'JWT with `"role":"service_role"`',
    prefixes: ['eyJ'],
    rotateUrl: 'https://supabase.com/dashboard/project/_/settings/jwt',
    advice: rotateThen(`It bypasses Row Level Security on every table. ${EDGE}`),
    docs: 'https://supabase.com/docs/guides/api/api-keys',
  },
  {
    id: 'supabase-secret-key',
    name: 'Supabase secret key',
    category: 'backend',
    exposure: 'secret',
    format: '`sb_secret_` + 20-80',
    prefixes: ['sb_secret_'],
    rotateUrl: SUPABASE_KEYS,
    advice: rotateThen(`It bypasses Row Level Security on every table. ${EDGE}`),
    docs: 'https://supabase.com/docs/guides/api/api-keys',
  },
  {
    id: 'supabase-access-token',
    name: 'Supabase personal access token',
    category: 'backend',
    exposure: 'secret',
    format: '`sbp_` + 40 hex',
    prefixes: ['sbp_'],
    rotateUrl: 'https://supabase.com/dashboard/account/tokens',
    advice: rotateThen('It manages every project of the account (schemas, keys, billing).'),
    docs: 'https://supabase.com/docs/reference/api/introduction',
  },
  {
    id: 'supabase-anon-jwt',
    name: 'Supabase anon key (JWT)',
    category: 'backend',
    exposure: 'publishable',
    format: 'JWT with `"role":"anon"`',
    prefixes: ['eyJ'],
    rotateUrl: 'https://supabase.com/dashboard/project/_/settings/jwt',
    advice: publishable('Anyone can use it: Row Level Security must be enabled, with policies, on every table in exposed schemas.'),
    docs: 'https://supabase.com/docs/guides/database/postgres/row-level-security',
  },
  {
    id: 'supabase-publishable-key',
    name: 'Supabase publishable key',
    category: 'backend',
    exposure: 'publishable',
    format: '`sb_publishable_` + 20-80',
    prefixes: ['sb_publishable_'],
    rotateUrl: SUPABASE_KEYS,
    advice: publishable('Anyone can use it: Row Level Security must be enabled, with policies, on every table in exposed schemas.'),
    docs: 'https://supabase.com/docs/guides/api/api-keys',
  },
  {
    id: 'supabase-project-url',
    name: 'Supabase project URL',
    category: 'backend',
    exposure: 'publishable',
    format: '`https://` + 20 lowercase + `.supabase.co`',
    prefixes: ['https://'],
    rotateUrl: SUPABASE_KEYS,
    advice: publishable('Public by design; check that Row Level Security is on for every exposed table.'),
    docs: 'https://supabase.com/docs/guides/api',
  },
  {
    id: 'supabase-local-dev-jwt',
    name: 'Supabase local development key (JWT)',
    category: 'backend',
    exposure: 'test',
    format: 'JWT with `"iss":"supabase-demo"`',
    prefixes: ['eyJ'],
    rotateUrl: 'https://supabase.com/docs/guides/local-development/cli/config',
    advice: testSecret('This is the well-known key of `supabase start`: a production page that uses it points at a local stack.'),
    docs: 'https://supabase.com/docs/guides/local-development',
  },
  {
    id: 'airtable-pat',
    name: 'Airtable personal access token',
    category: 'backend',
    exposure: 'secret',
    format: '`pat` + 14 + `.` + 64 hex',
    prefixes: ['pat'],
    rotateUrl: 'https://airtable.com/create/tokens',
    advice: rotateThen('It reads and writes every base it was granted.'),
    docs: 'https://airtable.com/developers/web/guides/personal-access-tokens',
  },
  {
    id: 'notion-token',
    name: 'Notion integration token',
    category: 'backend',
    exposure: 'secret',
    format: '`ntn_` + 46, or legacy `secret_` + 43',
    prefixes: ['ntn_', 'secret_'],
    rotateUrl: 'https://www.notion.so/profile/integrations',
    advice: rotateThen('It reads and edits every page shared with the integration.'),
    docs: 'https://developers.notion.com/docs/authorization',
  },
  {
    id: 'glide-api-token',
    name: 'Glide API token',
    category: 'backend',
    exposure: 'secret',
    format: 'UUID sent as Bearer token to the Glide API',
    rotateUrl: 'https://www.glideapps.com/docs/api',
    advice: rotateThen('It is team-wide: it reads and writes every table of every app of the team.'),
    docs: 'https://apidocs.glideapps.com/',
  },
  {
    id: 'glide-app-id',
    name: 'Glide app id',
    category: 'backend',
    exposure: 'publishable',
    format: '20 chars named `appID` near Glide',
    rotateUrl: 'https://www.glideapps.com/docs/api',
    advice: publishable('An identifier, not a credential; the API token is what must stay secret.'),
    docs: 'https://apidocs.glideapps.com/',
  },
  {
    id: 'hubspot-private-app-token',
    name: 'HubSpot private app token',
    category: 'backend',
    exposure: 'secret',
    format: '`pat-na1-`/`pat-eu1-` + UUID',
    prefixes: ['pat-na1-', 'pat-eu1-', 'pat-na2-', 'pat-ap1-'],
    rotateUrl: 'https://app.hubspot.com/private-apps/',
    advice: rotateThen('It reads your CRM contacts; forms should post to HubSpot form endpoints instead.'),
    docs: 'https://developers.hubspot.com/docs/api/private-apps',
  },
  {
    id: 'hubspot-api-key',
    name: 'HubSpot legacy API key',
    category: 'backend',
    exposure: 'secret',
    format: 'UUID named `hubspot…`',
    rotateUrl: 'https://app.hubspot.com/private-apps/',
    advice: rotateThen('Legacy API keys are retired: migrate to a private app token kept on the server.'),
    docs: 'https://developers.hubspot.com/changelog/upcoming-api-key-sunset',
  },
  {
    id: 'shopify-access-token',
    name: 'Shopify Admin API access token',
    category: 'backend',
    exposure: 'secret',
    format: '`shpat_` + 32 hex',
    prefixes: ['shpat_'],
    rotateUrl: 'https://admin.shopify.com/settings/apps/development',
    advice: rotateThen('The storefront only needs a Storefront API token.'),
    docs: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
  },
  {
    id: 'shopify-custom-app-token',
    name: 'Shopify custom app access token',
    category: 'backend',
    exposure: 'secret',
    format: '`shpca_` + 32 hex',
    prefixes: ['shpca_'],
    rotateUrl: 'https://admin.shopify.com/settings/apps/development',
    advice: rotateThen('The storefront only needs a Storefront API token.'),
    docs: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
  },
  {
    id: 'shopify-private-app-token',
    name: 'Shopify private app access token',
    category: 'backend',
    exposure: 'secret',
    format: '`shppa_` + 32 hex',
    prefixes: ['shppa_'],
    rotateUrl: 'https://admin.shopify.com/settings/apps/development',
    advice: rotateThen('The storefront only needs a Storefront API token.'),
    docs: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
  },
  {
    id: 'shopify-shared-secret',
    name: 'Shopify app shared secret',
    category: 'backend',
    exposure: 'secret',
    secretSeverity: 'high',
    format: '`shpss_` + 32 hex',
    prefixes: ['shpss_'],
    rotateUrl: 'https://partners.shopify.com/',
    advice: rotateThen('With it anyone can forge webhooks and OAuth requests your app trusts.'),
    docs: 'https://shopify.dev/docs/apps/build/authentication-authorization',
  },
  {
    id: 'bubble-api-token',
    name: 'Bubble Data/Workflow API token',
    category: 'backend',
    exposure: 'secret',
    format: '32 hex sent as Bearer token to a Bubble app, or named `bubble…token`',
    rotateUrl: 'https://manual.bubble.io/core-resources/api/the-bubble-api/authentication',
    advice: rotateThen('An admin API token acts as the app owner and ignores privacy rules.'),
    docs: 'https://manual.bubble.io/core-resources/api/the-bubble-api/authentication',
  },
]);

type Id = IdOf<typeof BACKEND_PROVIDERS>;

const JWT = sticky(/eyJ[A-Za-z0-9_-]{2,2000}\.eyJ[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{16,1000}/);
/** A JWT starts after a non-base64 char; after `.` or `_` the `eyJ` is a payload or part of another token. */
const NOT_JWT_START = charClass('A-Za-z0-9_.-');

/** Supabase JWT keys, told apart by their claims: `role` anon / service_role, `iss` supabase-demo. */
const supabaseJwt: Detector<Id> = {
  anchors: ['eyJ'],
  detect(text, at) {
    if (!startsClean(text, at, NOT_JWT_START)) return null;
    const end = tokenEnd(JWT, text, at, { after: BASE64URL });
    if (end < 0) return null;
    const payloadStart = text.indexOf('.', at) + 1;
    const signatureStart = text.indexOf('.', payloadStart) + 1;
    const claims = readClaims(text.slice(payloadStart, signatureStart - 1));
    if (!claims) return null;
    const hit = { start: at, end, bodyStart: signatureStart };
    const supabase = claims.iss === 'supabase' || claims.ref !== undefined;
    const confidence = supabase ? 'high' : 'medium';
    if (claims.iss === 'supabase-demo') {
      return { ...hit, provider: 'supabase-local-dev-jwt', confidence: 'high', reason: 'JWT iss=supabase-demo' };
    }
    if (claims.role === 'service_role') {
      return { ...hit, provider: 'supabase-service-role-jwt', confidence, reason: 'JWT role=service_role' };
    }
    if (claims.role === 'anon') return { ...hit, provider: 'supabase-anon-jwt', confidence, reason: 'JWT role=anon' };
    return null;
  },
};

const PROJECT_URL = sticky(/https?:\/\/[a-z]{20}\.supabase\.co/);
const REF_LENGTH = 20;
const AFTER_PROJECT_URL = { after: charClass('A-Za-z0-9-') };

const supabaseUrl: Detector<Id> = {
  anchors: ['.supabase.co'],
  detect(text, at) {
    const ref = at - REF_LENGTH;
    const start = text.startsWith('https://', ref - 8) ? ref - 8 : text.startsWith('http://', ref - 7) ? ref - 7 : -1;
    if (start < 0) return null;
    const end = tokenEnd(PROJECT_URL, text, start, AFTER_PROJECT_URL);
    if (end < 0) return null;
    return { provider: 'supabase-project-url', start, end, bodyStart: ref, bodyEnd: at, confidence: 'high', reason: 'project URL' };
  },
};

const GLIDE = caseVariants('glide');
const APP_ID_NAME = /app.?id$/;
/**
 * Values searched for near a vendor word. The look-behind only skips matches that start inside a run of the same
 * chars, which `nearVendor` rejects anyway (it wants no letter or digit before the value), and such a match only
 * covers chars of that run, never the start of a later value: without it, the engine tries the match at every
 * position of every long run of letters and digits.
 */
const ALNUM_20 = /(?<![A-Za-z0-9])[A-Za-z0-9]{20}/;
const HEX_32 = /(?<![a-f0-9])[a-f0-9]{32}/;

export const BACKEND_DETECTORS: readonly Detector<Id>[] = [
  supabaseJwt,
  supabaseUrl,
  prefixed({ provider: 'supabase-secret-key', prefixes: ['sb_secret_'], pattern: /sb_secret_[A-Za-z0-9_-]{20,80}/ }),
  prefixed({ provider: 'supabase-publishable-key', prefixes: ['sb_publishable_'], pattern: /sb_publishable_[A-Za-z0-9_-]{20,80}/ }),
  prefixed({ provider: 'supabase-access-token', prefixes: ['sbp_'], pattern: /sbp_(?:oauth_)?[a-f0-9]{40}/ }),
  prefixed({ provider: 'airtable-pat', prefixes: ['pat'], pattern: /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}/, charAt: { offset: 17, char: '.' } }),
  prefixed({ provider: 'notion-token', prefixes: ['ntn_'], pattern: /ntn_[0-9]{11}[A-Za-z0-9]{35}/ }),
  prefixed({
    provider: 'notion-token',
    prefixes: ['secret_'],
    pattern: /secret_[A-Za-z0-9]{43}/,
    verify: () => ({ confidence: 'medium', reason: 'legacy Notion token shape' }),
  }),
  nearVendor({
    provider: 'glide-api-token',
    anchors: GLIDE,
    value: UUID,
    accept: (name, bearer) => bearer || AUTH_NAME.test(name),
    radius: 400,
    confidence: 'high',
  }),
  nearVendor({
    provider: 'glide-app-id',
    anchors: GLIDE,
    value: ALNUM_20,
    accept: (name) => APP_ID_NAME.test(name),
    radius: 400,
    confidence: 'high',
  }),
  prefixed({
    provider: 'hubspot-private-app-token',
    prefixes: ['pat-na1-', 'pat-eu1-', 'pat-na2-', 'pat-ap1-'],
    pattern: new RegExp(`pat-(?:na|eu|ap)[0-9]-${UUID.source}`),
  }),
  named({
    anchors: [...caseVariants('hubspot'), 'HubSpot'],
    value: UUID,
    classify: () => ({ provider: 'hubspot-api-key', confidence: 'medium' }),
  }),
  prefixed({ provider: 'shopify-access-token', prefixes: ['shpat_'], pattern: /shpat_[a-fA-F0-9]{32}/ }),
  prefixed({ provider: 'shopify-custom-app-token', prefixes: ['shpca_'], pattern: /shpca_[a-fA-F0-9]{32}/ }),
  prefixed({ provider: 'shopify-private-app-token', prefixes: ['shppa_'], pattern: /shppa_[a-fA-F0-9]{32}/ }),
  prefixed({ provider: 'shopify-shared-secret', prefixes: ['shpss_'], pattern: /shpss_[a-fA-F0-9]{32}/ }),
  nearVendor({
    provider: 'bubble-api-token',
    anchors: caseVariants('bubble'),
    value: HEX_32,
    accept: (name, bearer) => bearer || AUTH_NAME.test(name),
    radius: 300,
    confidence: 'high',
  }),
];
