/**
 * Forms and scheduling tools that micro-apps embed or call (Typeform, Jotform, Cal.com, Calendly): their account
 * tokens read every response or booking (names, emails, answers) and can change the forms.
 */
import { rotateThen } from '../advice';
import { charClass } from '../context';
import { AUTH_NAME, caseVariants, defineProviders, type IdOf, named, nearVendor, prefixed } from '../define';
import type { Detector } from '../types';

const CALL_FROM_SERVER = 'Call its API from a backend workflow or an Edge Function; embeds need no token.';

export const FORMS_PROVIDERS = defineProviders([
  {
    id: 'typeform-token',
    name: 'Typeform personal access token',
    category: 'backend',
    exposure: 'secret',
    format: '`tfp_` + 40-80 (unverified lengths)',
    prefixes: ['tfp_'],
    rotateUrl: 'https://admin.typeform.com/user/tokens',
    advice: rotateThen(`It reads every response of every form of the account. ${CALL_FROM_SERVER}`),
    docs: 'https://www.typeform.com/developers/get-started/personal-access-token/',
  },
  {
    id: 'jotform-api-key',
    name: 'Jotform API key',
    category: 'backend',
    exposure: 'secret',
    format: '32 hex named `jotform…key` or sent to api.jotform.com as `apiKey`',
    rotateUrl: 'https://www.jotform.com/myaccount/api',
    advice: rotateThen(`A full-access key reads every submission. ${CALL_FROM_SERVER}`),
    docs: 'https://api.jotform.com/docs/#authentication',
  },
  {
    id: 'calcom-api-key',
    name: 'Cal.com API key',
    category: 'backend',
    exposure: 'secret',
    format: '`cal_live_` + 20-64 (unverified lengths)',
    prefixes: ['cal_live_'],
    rotateUrl: 'https://app.cal.com/settings/developer/api-keys',
    advice: rotateThen(`It reads and changes every booking of the account. ${CALL_FROM_SERVER}`),
    docs: 'https://cal.com/docs/api-reference/v2/introduction#authentication',
  },
  {
    id: 'calendly-token',
    name: 'Calendly personal access token',
    category: 'backend',
    exposure: 'secret',
    format: 'JWT named `calendly…token`',
    rotateUrl: 'https://calendly.com/integrations/api_webhooks',
    advice: rotateThen(`It reads every booking (invitee names, emails, answers). ${CALL_FROM_SERVER}`),
    docs: 'https://developer.calendly.com/how-to-authenticate-with-personal-access-tokens',
  },
]);

type Id = IdOf<typeof FORMS_PROVIDERS>;

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{10,600}\.eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{20,600}/;

export const FORMS_DETECTORS: readonly Detector<Id>[] = [
  prefixed({
    provider: 'typeform-token',
    prefixes: ['tfp_'],
    pattern: /tfp_[A-Za-z0-9_.=-]{40,80}/,
    after: charClass('A-Za-z0-9_.=-'),
    verify: () => ({ confidence: 'high', reason: 'prefix "tfp_"' }),
  }),
  nearVendor({
    provider: 'jotform-api-key',
    anchors: [...caseVariants('jotform'), 'JotForm'],
    value: /[0-9a-f]{32}/,
    accept: (name) => AUTH_NAME.test(name),
    radius: 200,
    confidence: 'high',
  }),
  prefixed({
    provider: 'calcom-api-key',
    prefixes: ['cal_live_'],
    pattern: /cal_live_[A-Za-z0-9]{20,64}/,
    verify: () => ({ confidence: 'medium', reason: 'prefix "cal_live_"' }),
  }),
  named({
    anchors: caseVariants('calendly'),
    value: JWT_SHAPE,
    classify: (name) => (AUTH_NAME.test(name) ? { provider: 'calendly-token', confidence: 'high' } : null),
  }),
];
