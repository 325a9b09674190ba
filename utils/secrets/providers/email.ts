/** Email APIs: a leaked key sends mail as you (phishing from your domain) and reads your contact lists. */
import { publishable, rotateThen } from '../advice';
import { ALNUM, UUID, charClass, nearby, tokenEnd } from '../context';
import { caseVariants, defineProviders, type IdOf, named, prefixed, sticky } from '../define';
import type { Detector } from '../types';

const SEND_FROM_SERVER = 'Send mail from a backend workflow or an Edge Function.';

export const EMAIL_PROVIDERS = defineProviders([
  {
    id: 'sendgrid-api-key',
    name: 'SendGrid API key',
    category: 'email',
    exposure: 'secret',
    format: '`SG.` + 22 + `.` + 43',
    prefixes: ['SG.'],
    rotateUrl: 'https://app.sendgrid.com/settings/api_keys',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
  },
  {
    id: 'mailgun-api-key',
    name: 'Mailgun private API key',
    category: 'email',
    exposure: 'secret',
    format: '`key-` + 32 hex next to Mailgun, or 32 hex + `-` + 8 hex + `-` + 8 hex named `mailgun…key`',
    prefixes: ['key-'],
    rotateUrl: 'https://app.mailgun.com/settings/api_security',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#primary-account-api-key',
  },
  {
    id: 'mailgun-public-key',
    name: 'Mailgun public validation key',
    category: 'email',
    exposure: 'publishable',
    format: '`pubkey-` + 32 hex',
    prefixes: ['pubkey-'],
    rotateUrl: 'https://app.mailgun.com/settings/api_security',
    advice: publishable('It can only validate addresses.'),
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/',
  },
  {
    id: 'mailchimp-api-key',
    name: 'Mailchimp API key',
    category: 'email',
    exposure: 'secret',
    format: '32 hex + `-us` + data-center number',
    rotateUrl: 'https://admin.mailchimp.com/account/api/',
    advice: rotateThen('It exposes your whole audience; add subscribers from the server.'),
    docs: 'https://mailchimp.com/developer/marketing/guides/quick-start/',
  },
  {
    id: 'brevo-api-key',
    name: 'Brevo (Sendinblue) API key',
    category: 'email',
    exposure: 'secret',
    format: '`xkeysib-` + 64 hex + `-` + 16',
    prefixes: ['xkeysib-'],
    rotateUrl: 'https://app.brevo.com/settings/keys/api',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://developers.brevo.com/docs/getting-started',
  },
  {
    id: 'brevo-smtp-key',
    name: 'Brevo (Sendinblue) SMTP key',
    category: 'email',
    exposure: 'secret',
    format: '`xsmtpsib-` + 64 hex + `-` + 16',
    prefixes: ['xsmtpsib-'],
    rotateUrl: 'https://app.brevo.com/settings/keys/smtp',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://help.brevo.com/hc/en-us/articles/7959631848850',
  },
  {
    id: 'resend-api-key',
    name: 'Resend API key',
    category: 'email',
    exposure: 'secret',
    format: '`re_` + 6-12 + `_` + 16-40 (unverified lengths)',
    prefixes: ['re_'],
    rotateUrl: 'https://resend.com/api-keys',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://resend.com/docs/dashboard/api-keys/introduction',
  },
  {
    id: 'postmark-server-token',
    name: 'Postmark server token',
    category: 'email',
    exposure: 'secret',
    format: 'UUID named `postmark…` (or the `X-Postmark-Server-Token` header)',
    rotateUrl: 'https://account.postmarkapp.com/servers',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://postmarkapp.com/developer/api/overview#authentication',
  },
  {
    id: 'mailgun-signing-key',
    name: 'Mailgun webhook signing key',
    category: 'email',
    exposure: 'secret',
    secretSeverity: 'high',
    format: '32 hex + `-` + 8 hex + `-` + 8 hex named `mailgun…signing`/`…webhook`',
    rotateUrl: 'https://app.mailgun.com/settings/api_security',
    advice: rotateThen('Whoever has it can forge Mailgun webhooks to your app.'),
    docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks',
  },
  {
    id: 'mailjet-secret-key',
    name: 'Mailjet API secret key',
    category: 'email',
    exposure: 'secret',
    format: '32 hex named `mailjet…secret`/`MJ_APIKEY_PRIVATE`',
    rotateUrl: 'https://app.mailjet.com/account/apikeys',
    advice: rotateThen(SEND_FROM_SERVER),
    docs: 'https://dev.mailjet.com/email/guides/#authentication',
  },
  {
    id: 'loops-api-key',
    name: 'Loops API key',
    category: 'email',
    exposure: 'secret',
    format: '32 hex named `loops…key` (unverified length)',
    rotateUrl: 'https://app.loops.so/settings?page=api',
    advice: rotateThen('It adds and edits contacts and sends transactional email as you.'),
    docs: 'https://loops.so/docs/api-reference/intro#authentication',
  },
]);

type Id = IdOf<typeof EMAIL_PROVIDERS>;

const MAILGUN_KEY = sticky(/key-[a-f0-9]{32}/);
const SENDGRID_TWO_PARTS = /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;
const MAILGUN = /mailgun/i;

/** `key-` + 32 hex is also how cache keys look: a Mailgun key is only reported next to the word Mailgun. */
const mailgunKey: Detector<Id> = {
  anchors: ['key-'],
  detect(text, at, _anchor, ctx) {
    const end = tokenEnd(MAILGUN_KEY, text, at);
    if (end < 0 || !nearby(text, at, end, 300, ctx, MAILGUN)) return null;
    return { provider: 'mailgun-api-key', start: at, end, bodyStart: at + 4, confidence: 'high', reason: 'prefix "key-" next to Mailgun' };
  },
};

const MAILCHIMP = sticky(/[a-f0-9]{32}-us[0-9]{1,2}/);

/** Mailchimp keys end in their data center (`-us21`): the anchor is that suffix, the hex part precedes it. */
const mailchimp: Detector<Id> = {
  anchors: ['-us1', '-us2', '-us3', '-us4', '-us5', '-us6', '-us7', '-us8', '-us9'],
  detect(text, at) {
    const start = at - 32;
    if (start < 0) return null;
    const end = tokenEnd(MAILCHIMP, text, start, { after: ALNUM });
    if (end < 0) return null;
    return { provider: 'mailchimp-api-key', start, end, bodyEnd: at, confidence: 'high', reason: 'hex key with data-center suffix' };
  },
};

const MAILGUN_WORDS = caseVariants('mailgun');
/** Mailgun's current private API keys and webhook signing keys share one shape: the name tells them apart. */
const MAILGUN_NEW_KEY = /[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}/;
const SIGNING_NAME = /sign|webhook/;
const CREDENTIAL_NAME = /key|token|secret|auth|private|password/;

export const EMAIL_DETECTORS: readonly Detector<Id>[] = [
  named({
    anchors: MAILGUN_WORDS,
    value: MAILGUN_NEW_KEY,
    classify: (name) => {
      if (SIGNING_NAME.test(name)) return { provider: 'mailgun-signing-key', confidence: 'high' };
      return CREDENTIAL_NAME.test(name) ? { provider: 'mailgun-api-key', confidence: 'high' } : null;
    },
  }),
  named({
    anchors: [...caseVariants('mailjet'), 'MJ_APIKEY_PRIVATE', 'MJ_API_SECRET'],
    value: /[a-f0-9]{32}/,
    classify: (name) => (/secret|private/.test(name) ? { provider: 'mailjet-secret-key', confidence: 'high' } : null),
  }),
  named({
    anchors: caseVariants('loops'),
    value: /[a-f0-9]{32}/,
    classify: (name) => (CREDENTIAL_NAME.test(name) ? { provider: 'loops-api-key', confidence: 'high' } : null),
  }),
  prefixed({
    provider: 'sendgrid-api-key',
    prefixes: ['SG.'],
    pattern: /SG\.[A-Za-z0-9_=.-]{66}/,
    after: charClass('A-Za-z0-9_=.-'),
    verify: (v) =>
      SENDGRID_TWO_PARTS.test(v)
        ? { confidence: 'high', reason: 'prefix "SG." and two-part format' }
        : { confidence: 'medium', reason: 'prefix "SG." and length 66' },
  }),
  mailgunKey,
  prefixed({ provider: 'mailgun-public-key', prefixes: ['pubkey-'], pattern: /pubkey-[a-f0-9]{32}/ }),
  mailchimp,
  prefixed({ provider: 'brevo-api-key', prefixes: ['xkeysib-'], pattern: /xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}/ }),
  prefixed({ provider: 'brevo-smtp-key', prefixes: ['xsmtpsib-'], pattern: /xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}/ }),
  prefixed({
    provider: 'resend-api-key',
    prefixes: ['re_'],
    pattern: /re_[A-Za-z0-9]{6,12}_[A-Za-z0-9]{16,40}/,
    verify: () => ({ confidence: 'medium', reason: 'prefix "re_" and two-part format' }),
  }),
  named({
    anchors: caseVariants('postmark'),
    value: UUID,
    classify: () => ({ provider: 'postmark-server-token', confidence: 'high' }),
  }),
];
