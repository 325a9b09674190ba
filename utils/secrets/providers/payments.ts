/** Payments and auth SDKs that share Stripe's `sk_`/`pk_` key family (Stripe, Clerk), plus Square, PayPal, Braintree. */
import { publishable, rotateThen, testSecret } from '../advice';
import { ALNUM, BASE64, charClass, nearby, tokenEnd } from '../context';
import { assignedName, caseVariants, defineProviders, type IdOf, named, prefixed, sticky } from '../define';
import { decodeBase64 } from '../base64';
import type { Detector, ScanContext } from '../types';

const CHARGES = 'Create charges, refunds and payouts from a backend workflow or an Edge Function.';

export const PAYMENT_PROVIDERS = defineProviders([
  {
    id: 'stripe-secret-key',
    name: 'Stripe live secret key',
    category: 'payments',
    exposure: 'secret',
    format: '`sk_live_` + 24-247',
    prefixes: ['sk_live_', 'sk_prod_'],
    rotateUrl: 'https://dashboard.stripe.com/apikeys',
    advice: rotateThen(CHARGES),
    docs: 'https://docs.stripe.com/keys',
  },
  {
    id: 'stripe-restricted-key',
    name: 'Stripe live restricted key',
    category: 'payments',
    exposure: 'secret',
    format: '`rk_live_` + 24-247',
    prefixes: ['rk_live_', 'rk_prod_'],
    rotateUrl: 'https://dashboard.stripe.com/apikeys',
    advice: rotateThen(CHARGES),
    docs: 'https://docs.stripe.com/keys#limit-access',
  },
  {
    id: 'stripe-test-secret-key',
    name: 'Stripe test secret key',
    category: 'payments',
    exposure: 'test',
    format: '`sk_test_` or `rk_test_` + 24-247',
    prefixes: ['sk_test_', 'rk_test_'],
    rotateUrl: 'https://dashboard.stripe.com/test/apikeys',
    advice: testSecret(),
    docs: 'https://docs.stripe.com/keys#test-live-modes',
  },
  {
    id: 'stripe-webhook-secret',
    name: 'Stripe webhook signing secret',
    category: 'payments',
    exposure: 'secret',
    secretSeverity: 'high',
    format: '`whsec_` + 24-100',
    prefixes: ['whsec_'],
    rotateUrl: 'https://dashboard.stripe.com/webhooks',
    advice: rotateThen('With it anyone can forge events your webhook endpoint trusts (a paid order, a refund).'),
    docs: 'https://docs.stripe.com/webhooks#verify-events',
  },
  {
    id: 'stripe-publishable-key',
    name: 'Stripe publishable key',
    category: 'payments',
    exposure: 'publishable',
    format: '`pk_live_` or `pk_test_` + 24-247',
    prefixes: ['pk_live_', 'pk_test_'],
    rotateUrl: 'https://dashboard.stripe.com/apikeys',
    advice: publishable('Amounts and prices must still be decided on the server, never taken from the page.'),
    docs: 'https://docs.stripe.com/keys',
  },
  {
    id: 'clerk-secret-key',
    name: 'Clerk live secret key',
    category: 'payments',
    exposure: 'secret',
    format: '`sk_live_` + 40+ next to Clerk',
    prefixes: ['sk_live_'],
    rotateUrl: 'https://dashboard.clerk.com/last-active?path=api-keys',
    advice: rotateThen('It can create, impersonate and delete users.'),
    docs: 'https://clerk.com/docs/deployments/clerk-environment-variables',
  },
  {
    id: 'clerk-test-secret-key',
    name: 'Clerk development secret key',
    category: 'payments',
    exposure: 'test',
    format: '`sk_test_` + 40+ next to Clerk',
    prefixes: ['sk_test_'],
    rotateUrl: 'https://dashboard.clerk.com/last-active?path=api-keys',
    advice: testSecret(),
    docs: 'https://clerk.com/docs/deployments/clerk-environment-variables',
  },
  {
    id: 'clerk-publishable-key',
    name: 'Clerk publishable key',
    category: 'payments',
    exposure: 'publishable',
    format: '`pk_live_`/`pk_test_` + base64 of the Frontend API host + `$`',
    prefixes: ['pk_live_', 'pk_test_'],
    rotateUrl: 'https://dashboard.clerk.com/last-active?path=api-keys',
    advice: publishable('Check the allowed origins and redirect URLs of the Clerk instance.'),
    docs: 'https://clerk.com/docs/deployments/clerk-environment-variables',
  },
  {
    id: 'square-access-token',
    name: 'Square access token',
    category: 'payments',
    exposure: 'secret',
    format: '`EAAA` + 60, or `sq0atp-` + 22',
    prefixes: ['EAAA', 'sq0atp-'],
    rotateUrl: 'https://developer.squareup.com/apps',
    advice: rotateThen(CHARGES),
    docs: 'https://developer.squareup.com/docs/build-basics/access-tokens',
  },
  {
    id: 'square-oauth-secret',
    name: 'Square OAuth application secret',
    category: 'payments',
    exposure: 'secret',
    format: '`sq0csp-` + 43',
    prefixes: ['sq0csp-'],
    rotateUrl: 'https://developer.squareup.com/apps',
    advice: rotateThen('The OAuth code exchange happens on the server.'),
    docs: 'https://developer.squareup.com/docs/oauth-api/overview',
  },
  {
    id: 'square-application-id',
    name: 'Square application id',
    category: 'payments',
    exposure: 'publishable',
    format: '`sq0idp-` + 22',
    prefixes: ['sq0idp-'],
    rotateUrl: 'https://developer.squareup.com/apps',
    advice: publishable('Used by the Web Payments SDK in the browser.'),
    docs: 'https://developer.squareup.com/docs/web-payments/overview',
  },
  {
    id: 'paypal-client-secret',
    name: 'PayPal REST client secret',
    category: 'payments',
    exposure: 'secret',
    format: '60-90 chars named `paypal…secret`',
    rotateUrl: 'https://developer.paypal.com/dashboard/applications/live',
    advice: rotateThen('Only the client id belongs in the page; orders are captured on the server.'),
    docs: 'https://developer.paypal.com/api/rest/authentication/',
  },
  {
    id: 'paypal-client-id',
    name: 'PayPal REST client id',
    category: 'payments',
    exposure: 'publishable',
    format: '60-90 chars named `paypal…client id` or in the JS SDK URL',
    rotateUrl: 'https://developer.paypal.com/dashboard/applications/live',
    advice: publishable('Capture orders and check amounts on the server.'),
    docs: 'https://developer.paypal.com/sdk/js/configuration/',
  },
  {
    id: 'braintree-access-token',
    name: 'Braintree production access token',
    category: 'payments',
    exposure: 'secret',
    format: '`access_token$production$` + 16 + `$` + 32 hex',
    prefixes: ['access_token$production$'],
    rotateUrl: 'https://www.braintreegateway.com/login',
    advice: rotateThen(CHARGES),
    docs: 'https://developer.paypal.com/braintree/docs/guides/authorization/overview',
  },
  {
    id: 'braintree-sandbox-token',
    name: 'Braintree sandbox access token',
    category: 'payments',
    exposure: 'test',
    format: '`access_token$sandbox$` + 16 + `$` + 32 hex',
    prefixes: ['access_token$sandbox$'],
    rotateUrl: 'https://sandbox.braintreegateway.com/login',
    advice: testSecret(),
    docs: 'https://developer.paypal.com/braintree/docs/guides/authorization/overview',
  },
  {
    id: 'braintree-tokenization-key',
    name: 'Braintree tokenization key',
    category: 'payments',
    exposure: 'publishable',
    format: '`production_` or `sandbox_` + 8 + `_` + 16',
    prefixes: ['production_', 'sandbox_'],
    rotateUrl: 'https://www.braintreegateway.com/login',
    advice: publishable('It can only tokenize cards; charge them from the server.'),
    docs: 'https://developer.paypal.com/braintree/docs/guides/authorization/tokenization-key',
  },
]);

type Id = IdOf<typeof PAYMENT_PROVIDERS>;

const STRIPE_SECRET = sticky(/[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,247}/);
const PUBLISHABLE = sticky(/pk_(?:live|test)_[A-Za-z0-9+/]{10,247}={0,2}/);
const FULL_LENGTH = 24;
const AFTER_PUBLISHABLE = { after: charClass('A-Za-z0-9_+/=-') };
const CLERK = /clerk/i;
/** What a Clerk publishable key decodes to: its Frontend API host and `$`. */
const CLERK_HOST = /^[a-z0-9.-]+\.[a-z]{2,}\$$/;

function nearClerk(text: string, start: number, end: number, ctx: ScanContext): boolean {
  return CLERK.test(assignedName(text, start)) || nearby(text, start, end, 300, ctx, CLERK);
}

/** `sk_`/`rk_` keys: Stripe by default, Clerk when Clerk is named or used nearby (same prefix family). */
const secretKeys: Detector<Id> = {
  anchors: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
  detect(text, at, anchor, ctx) {
    const end = tokenEnd(STRIPE_SECRET, text, at);
    if (end < 0) return null;
    const test = anchor.includes('_test_');
    const base = { start: at, end, bodyStart: at + anchor.length };
    if (anchor.startsWith('sk_') && nearClerk(text, at, end, ctx)) {
      const provider = test ? 'clerk-test-secret-key' : 'clerk-secret-key';
      return { ...base, provider, confidence: 'high', reason: `prefix "${anchor}" next to Clerk` };
    }
    const provider = test ? 'stripe-test-secret-key' : anchor.startsWith('rk_') ? 'stripe-restricted-key' : 'stripe-secret-key';
    const confidence = end - at - anchor.length >= FULL_LENGTH ? 'high' : 'medium';
    return { ...base, provider, confidence, reason: `prefix "${anchor}"` };
  },
};

/** `pk_` keys: Clerk's encode their Frontend API host followed by `$`; the rest are Stripe's. */
const publishableKeys: Detector<Id> = {
  anchors: ['pk_live_', 'pk_test_'],
  detect(text, at, anchor) {
    const end = tokenEnd(PUBLISHABLE, text, at, AFTER_PUBLISHABLE);
    if (end < 0) return null;
    const base = { start: at, end, bodyStart: at + anchor.length };
    const decoded = decodeBase64(text.slice(at + anchor.length, end));
    if (decoded && CLERK_HOST.test(decoded)) {
      return { ...base, provider: 'clerk-publishable-key', confidence: 'high', reason: `encodes Clerk host ${decoded.slice(0, -1)}` };
    }
    const confidence = end - at - anchor.length >= FULL_LENGTH ? 'high' : 'medium';
    return { ...base, provider: 'stripe-publishable-key', confidence, reason: `prefix "${anchor}"` };
  },
};

const SDK_CLIENT_ID = sticky(/client-id=([A-Za-z0-9_-]{60,90})/);
const CLIENT_ID_PARAM = /(?:^|&(?:amp;)?)client-id=/;
const SECRET_NAME = /secret/;
const CLIENT_ID_NAME = /client.?id/;

/** The PayPal JS SDK URL carries the (publishable) client id: `paypal.com/sdk/js?client-id=…`. */
const paypalSdk: Detector<Id> = {
  anchors: ['paypal.com/sdk/js?'],
  detect(text, at, anchor) {
    const query = at + anchor.length;
    const param = text.slice(query, query + 400).search(CLIENT_ID_PARAM);
    if (param < 0) return null;
    const start = text.indexOf('client-id=', query + param);
    const end = tokenEnd(SDK_CLIENT_ID, text, start);
    if (end < 0) return null;
    const valueStart = start + 'client-id='.length;
    return { provider: 'paypal-client-id', start: valueStart, end, confidence: 'high', reason: 'client-id of the PayPal JS SDK' };
  },
};

const braintreeToken = (provider: Id, mode: string) =>
  prefixed({
    provider,
    prefixes: [`access_token$${mode}$`],
    pattern: new RegExp(`access_token\\$${mode}\\$[a-z0-9]{16}\\$[a-f0-9]{32}`),
  });

export const PAYMENT_DETECTORS: readonly Detector<Id>[] = [
  secretKeys,
  publishableKeys,
  prefixed({
    provider: 'stripe-webhook-secret',
    prefixes: ['whsec_'],
    pattern: /whsec_[A-Za-z0-9+/=]{24,100}/,
    after: BASE64,
  }),
  prefixed({
    provider: 'square-access-token',
    prefixes: ['EAAA'],
    pattern: /EAAA[A-Za-z0-9_-]{22,60}/,
    // Base64 data (images, fonts) is full of `EAAA`: the token may not be part of a base64 run.
    before: charClass('A-Za-z0-9+/'),
    after: charClass('A-Za-z0-9_+/=-'),
    verify: (v) => ({ confidence: v.length === 64 ? 'high' : 'medium', reason: 'prefix "EAAA"' }),
  }),
  prefixed({ provider: 'square-access-token', prefixes: ['sq0atp-'], pattern: /sq0atp-[A-Za-z0-9_-]{22}/ }),
  prefixed({ provider: 'square-oauth-secret', prefixes: ['sq0csp-'], pattern: /sq0csp-[A-Za-z0-9_-]{43}/ }),
  prefixed({ provider: 'square-application-id', prefixes: ['sq0idp-'], pattern: /sq0idp-[A-Za-z0-9_-]{22}/ }),
  named({
    anchors: ['paypal', 'payPal', 'PayPal'].flatMap(caseVariants),
    value: /[A-Za-z0-9_-]{60,90}/,
    classify(name) {
      if (SECRET_NAME.test(name)) return { provider: 'paypal-client-secret', confidence: 'high' };
      if (CLIENT_ID_NAME.test(name)) return { provider: 'paypal-client-id', confidence: 'high' };
      return null;
    },
  }),
  paypalSdk,
  braintreeToken('braintree-access-token', 'production'),
  braintreeToken('braintree-sandbox-token', 'sandbox'),
  prefixed({
    provider: 'braintree-tokenization-key',
    prefixes: ['production_', 'sandbox_'],
    pattern: /(?:production|sandbox)_[a-z0-9]{8}_[a-z0-9]{16}/,
    before: ALNUM,
  }),
];
