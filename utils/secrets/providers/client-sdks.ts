/** Browser SDKs whose keys come in a publishable and a secret flavour: Mapbox, PostHog, Sentry, Algolia. */
import { publishable, rotateThen } from '../advice';
import { B64_CHAR, charClass, glueAfter, nameAround, nearby, tokenEnd, valueAfter } from '../context';
import { caseVariants, defineProviders, type IdOf, named, prefixed, sticky } from '../define';
import type { Confidence, Detector, Hit, ScanContext } from '../types';

export const CLIENT_SDK_PROVIDERS = defineProviders([
  {
    id: 'mapbox-public-token',
    name: 'Mapbox public token',
    category: 'client-sdk',
    exposure: 'publishable',
    format: '`pk.eyJ…` (JWT-like)',
    prefixes: ['pk.'],
    rotateUrl: 'https://account.mapbox.com/access-tokens/',
    advice: publishable('Add URL restrictions to the token so other sites cannot spend your quota.'),
    docs: 'https://docs.mapbox.com/accounts/guides/tokens/',
  },
  {
    id: 'mapbox-secret-token',
    name: 'Mapbox secret token',
    category: 'client-sdk',
    exposure: 'secret',
    format: '`sk.eyJ…` (JWT-like)',
    prefixes: ['sk.'],
    rotateUrl: 'https://account.mapbox.com/access-tokens/',
    advice: rotateThen('The page only needs a public `pk.` token with URL restrictions.'),
    docs: 'https://docs.mapbox.com/accounts/guides/tokens/',
  },
  {
    id: 'posthog-project-key',
    name: 'PostHog project API key',
    category: 'client-sdk',
    exposure: 'publishable',
    format: '`phc_` + 32-60',
    prefixes: ['phc_'],
    rotateUrl: 'https://us.posthog.com/settings/project',
    advice: publishable('It can only send events.'),
    docs: 'https://posthog.com/docs/api',
  },
  {
    id: 'posthog-personal-key',
    name: 'PostHog personal API key',
    category: 'client-sdk',
    exposure: 'secret',
    format: '`phx_` + 32-60',
    prefixes: ['phx_'],
    rotateUrl: 'https://us.posthog.com/settings/user-api-keys',
    advice: rotateThen('It reads all analytics data; the page only needs the `phc_` project key.'),
    docs: 'https://posthog.com/docs/api',
  },
  {
    id: 'sentry-dsn',
    name: 'Sentry DSN',
    category: 'client-sdk',
    exposure: 'publishable',
    format: '`https://<32 hex>@o<n>.ingest.sentry.io/<n>`',
    prefixes: ['https://'],
    rotateUrl: 'https://sentry.io/settings/projects/',
    advice: publishable('It only sends events; set allowed domains and rate limits against spam.'),
    docs: 'https://docs.sentry.io/concepts/key-terms/dsn-explainer/',
  },
  {
    id: 'sentry-user-token',
    name: 'Sentry user auth token',
    category: 'client-sdk',
    exposure: 'secret',
    format: '`sntryu_` + 64 hex',
    prefixes: ['sntryu_'],
    rotateUrl: 'https://sentry.io/settings/account/api/auth-tokens/',
    advice: rotateThen('Source-map uploads run in CI, never in the page.'),
    docs: 'https://docs.sentry.io/account/auth-tokens/',
  },
  {
    id: 'sentry-org-token',
    name: 'Sentry organization auth token',
    category: 'client-sdk',
    exposure: 'secret',
    format: '`sntrys_eyJ…` + `_` + 43',
    prefixes: ['sntrys_'],
    rotateUrl: 'https://sentry.io/orgredirect/organizations/:orgslug/settings/auth-tokens/',
    advice: rotateThen('Source-map uploads run in CI, never in the page.'),
    docs: 'https://docs.sentry.io/account/auth-tokens/',
  },
  {
    id: 'algolia-admin-key',
    name: 'Algolia admin or write API key',
    category: 'client-sdk',
    exposure: 'secret',
    format: '32 hex named `admin`/`write`, or used for writes',
    rotateUrl: 'https://dashboard.algolia.com/account/api-keys',
    advice: rotateThen('Index records from the server; the page uses a search-only key.'),
    docs: 'https://www.algolia.com/doc/guides/security/api-keys/',
  },
  {
    id: 'algolia-search-key',
    name: 'Algolia search-only API key',
    category: 'client-sdk',
    exposure: 'publishable',
    format: '32 hex named `search`/`apiKey` next to Algolia',
    rotateUrl: 'https://dashboard.algolia.com/account/api-keys',
    advice: publishable('Check in the dashboard that its ACL is search only; use secured API keys to limit what each user can see.'),
    docs: 'https://www.algolia.com/doc/guides/security/api-keys/#search-only-api-key',
  },
]);

type Id = IdOf<typeof CLIENT_SDK_PROVIDERS>;

const AFTER_DSN = { after: charClass('0-9') };
const DSN = sticky(/https?:\/\/[a-f0-9]{32}(?::[a-f0-9]{32})?@[a-z0-9.-]{1,100}sentry\.io\/[0-9]{1,20}/);

/** Sentry DSNs: found from their host, validated from the scheme on. */
const sentryDsn: Detector<Id> = {
  anchors: ['sentry.io/'],
  detect(text, at) {
    const from = Math.max(0, at - 200);
    const schemeInWindow = text.slice(from, at).lastIndexOf('://');
    if (schemeInWindow < 0) return null;
    const scheme = from + schemeInWindow;
    const start = text.startsWith('https', scheme - 5) ? scheme - 5 : scheme - 4;
    const end = tokenEnd(DSN, text, start, AFTER_DSN);
    if (end < 0) return null;
    const key = text.indexOf('//', start) + 2;
    return { provider: 'sentry-dsn', start, end, bodyStart: key, bodyEnd: key + 32, confidence: 'high', reason: 'Sentry DSN' };
  },
};

const HEX32 = /[a-f0-9]{32}/;
const ADMIN_NAME = /admin|write/;
const SEARCH_NAME = /search|public|read/;
/** Write calls of the Algolia client: a key used for them (within WRITE_RADIUS) has write rights. */
const WRITE_RADIUS = 600;
const WRITE_CALLS = /saveobjects?\(|partialupdateobjects?\(|deleteobjects?\(|clearobjects\(|setsettings\(|deleteindex\(|addapikey\(/i;

/** `name` is the name the key is assigned to ('' for the argument of a client call); `why` says where it was. */
function algoliaVerdict(text: string, start: number, end: number, name: string, why: string, ctx: ScanContext): Hit<Id> {
  const hit = { start, end };
  if (ADMIN_NAME.test(name)) return { ...hit, provider: 'algolia-admin-key', confidence: 'high', reason: why };
  if (nearby(text, start, end, WRITE_RADIUS, ctx, WRITE_CALLS)) {
    return { ...hit, provider: 'algolia-admin-key', confidence: 'medium', reason: `${why}, write calls nearby` };
  }
  const confidence: Confidence = SEARCH_NAME.test(name) ? 'high' : 'medium';
  return { ...hit, provider: 'algolia-search-key', confidence, reason: `${why}, no admin or write use` };
}

const ALGOLIA_VALUE = sticky(HEX32);
const APP_ID = /[A-Z0-9]{10}/y;

/**
 * Algolia keys are 32 hex chars for both flavours: `algoliasearch(appId, key)` calls and names like
 * `ALGOLIA_ADMIN_KEY` tell which. A key with no admin/write naming and no write calls nearby is search-only.
 */
const algolia: Detector<Id> = {
  anchors: caseVariants('algolia'),
  detect(text, at, _anchor, ctx) {
    const name = nameAround(text, at);
    const first = valueAfter(text, name.end);
    if (first < 0) return null;
    const label = text.slice(name.start, name.end);
    let end = tokenEnd(ALGOLIA_VALUE, text, first);
    if (end >= 0) return algoliaVerdict(text, first, end, label.toLowerCase(), `name "${label}"`, ctx);
    // `algoliasearch("APPID", "key")`: the key is the second argument.
    const appId = tokenEnd(APP_ID, text, first);
    if (appId < 0) return null;
    const glue = glueAfter(text, appId);
    if (!glue.assigns) return null;
    const second = glue.start;
    end = tokenEnd(ALGOLIA_VALUE, text, second);
    return end < 0 ? null : algoliaVerdict(text, second, end, '', `second argument of ${label}()`, ctx);
  },
};

export const CLIENT_SDK_DETECTORS: readonly Detector<Id>[] = [
  prefixed({ provider: 'mapbox-public-token', prefixes: ['pk.eyJ'], pattern: /pk\.eyJ[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{10,200}/ }),
  prefixed({ provider: 'mapbox-secret-token', prefixes: ['sk.eyJ'], pattern: /sk\.eyJ[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{10,200}/ }),
  named({
    anchors: [...caseVariants('mapbox'), 'MapBox'],
    value: /[ps]k\.[A-Za-z0-9_-]{40,400}\.[A-Za-z0-9_-]{20,200}/,
    classify: (_name, text, start) => ({
      provider: text.startsWith('sk.', start) ? 'mapbox-secret-token' : 'mapbox-public-token',
      confidence: 'high',
    }),
  }),
  prefixed({ provider: 'posthog-project-key', prefixes: ['phc_'], pattern: /phc_[A-Za-z0-9]{32,60}/ }),
  prefixed({ provider: 'posthog-personal-key', prefixes: ['phx_'], pattern: /phx_[A-Za-z0-9]{32,60}/ }),
  sentryDsn,
  prefixed({ provider: 'sentry-user-token', prefixes: ['sntryu_'], pattern: /sntryu_[a-f0-9]{64}/ }),
  prefixed({
    provider: 'sentry-org-token',
    prefixes: ['sntrys_'],
    pattern: new RegExp(`sntrys_eyJpYXQiO${B64_CHAR}{10,400}={0,2}_${B64_CHAR}{43}`),
    after: charClass('A-Za-z0-9+/'),
    bodyOffset: (v) => v.lastIndexOf('_') + 1,
  }),
  algolia,
];
