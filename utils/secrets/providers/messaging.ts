/** Chat platforms: bot and user tokens read and post as the workspace member or bot. */
import { identifier, rotateThen } from '../advice';
import { BASE64URL, TOKEN, charClass, endsClean, inClass, matchEnd, nearby, startsClean, tokenEnd } from '../context';
import { AUTH_NAME, assignedName, caseVariants, defineProviders, type IdOf, named, prefixed, searchWindow, sticky } from '../define';
import { decodeBase64 } from '../base64';
import type { Detector, Hit } from '../types';

const POST_FROM_SERVER = 'Post messages from a backend workflow or an Edge Function.';

export const MESSAGING_PROVIDERS = defineProviders([
  {
    id: 'slack-bot-token',
    name: 'Slack bot token',
    category: 'messaging',
    exposure: 'secret',
    format: '`xoxb-` + team id + `-` + bot id + `-` + 24',
    prefixes: ['xoxb-'],
    rotateUrl: 'https://api.slack.com/apps',
    advice: rotateThen(POST_FROM_SERVER),
    docs: 'https://api.slack.com/concepts/token-types',
  },
  {
    id: 'slack-user-token',
    name: 'Slack user token',
    category: 'messaging',
    exposure: 'secret',
    format: '`xoxp-` + three numeric ids + 32',
    prefixes: ['xoxp-', 'xoxe-'],
    rotateUrl: 'https://api.slack.com/apps',
    advice: rotateThen('A user token reads everything that user can read.'),
    docs: 'https://api.slack.com/concepts/token-types',
  },
  {
    id: 'slack-app-token',
    name: 'Slack app-level token',
    category: 'messaging',
    exposure: 'secret',
    format: '`xapp-` + version + app id + numeric id + hex',
    prefixes: ['xapp-'],
    rotateUrl: 'https://api.slack.com/apps',
    advice: rotateThen(),
    docs: 'https://api.slack.com/concepts/token-types',
  },
  {
    id: 'slack-config-token',
    name: 'Slack app configuration token',
    category: 'messaging',
    exposure: 'secret',
    format: '`xoxe.xoxp-`/`xoxe.xoxb-` or refresh `xoxe-` + 100+',
    prefixes: ['xoxe.xoxp-', 'xoxe.xoxb-', 'xoxe-'],
    rotateUrl: 'https://api.slack.com/authentication/config-tokens',
    advice: rotateThen('It can create and change Slack apps of the workspace.'),
    docs: 'https://api.slack.com/authentication/config-tokens',
  },
  {
    id: 'slack-legacy-token',
    name: 'Slack legacy token',
    category: 'messaging',
    exposure: 'secret',
    format: '`xoxa-`, `xoxr-`, `xoxs-`, `xoxo-` + ids',
    prefixes: ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-'],
    rotateUrl: 'https://api.slack.com/legacy/custom-integrations/legacy-tokens',
    advice: rotateThen('Legacy tokens carry broad scopes: revoke them and move to a Slack app.'),
    docs: 'https://api.slack.com/legacy/custom-integrations/legacy-tokens',
  },
  {
    id: 'telegram-bot-token',
    name: 'Telegram bot token',
    category: 'messaging',
    exposure: 'secret',
    format: 'bot id (8-10 digits) + `:AA` + 33',
    rotateUrl: 'https://t.me/BotFather',
    advice: rotateThen('Revoke it with /revoke in @BotFather; anyone with it controls the bot.'),
    docs: 'https://core.telegram.org/bots/api#authorizing-your-bot',
  },
  {
    id: 'discord-bot-token',
    name: 'Discord bot token',
    category: 'messaging',
    exposure: 'secret',
    format: 'base64 bot id + `.` + 6 + `.` + 27-38',
    rotateUrl: 'https://discord.com/developers/applications',
    advice: rotateThen('Anyone with it controls the bot in every server it joined.'),
    docs: 'https://discord.com/developers/docs/reference#authentication',
  },
  {
    id: 'twilio-account-sid',
    name: 'Twilio Account SID (identifier)',
    category: 'messaging',
    exposure: 'publishable',
    format: '`AC` + 32 hex',
    prefixes: ['AC'],
    rotateUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    advice: identifier('The Auth Token or API key secret used with it is the secret: make sure neither is in the page.'),
    docs: 'https://www.twilio.com/docs/glossary/what-is-a-sid',
  },
  {
    id: 'twilio-api-key-sid',
    name: 'Twilio API Key SID (identifier)',
    category: 'messaging',
    exposure: 'publishable',
    format: '`SK` + 32 hex',
    prefixes: ['SK'],
    rotateUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    advice: identifier('The API key secret shown once when the key was created is the secret: make sure it is not in the page.'),
    docs: 'https://www.twilio.com/docs/iam/api-keys',
  },
  {
    id: 'twilio-auth-token',
    name: 'Twilio Auth Token',
    category: 'messaging',
    exposure: 'secret',
    format: '32 hex named `…authToken`/`TWILIO_…TOKEN`, or next to an Account SID (`AC…:token`, `twilio(sid, token)`)',
    rotateUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    advice: rotateThen(
      'With the Account SID it sends SMS and calls billed to you and reads every message: rotate it in the Console (secondary token, then promote).',
    ),
    docs: 'https://www.twilio.com/docs/iam/api/authtoken',
  },
  {
    id: 'twilio-api-key-secret',
    name: 'Twilio API key secret',
    category: 'messaging',
    exposure: 'secret',
    format: '32 alphanumerics named `…secret` next to Twilio or an API Key SID (`SK…:secret`)',
    rotateUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    advice: rotateThen('With its SID it sends SMS and calls billed to you: delete the API key and create a new one.'),
    docs: 'https://www.twilio.com/docs/iam/api-keys',
  },
  {
    id: 'vonage-api-secret',
    name: 'Vonage (Nexmo) API secret',
    category: 'messaging',
    exposure: 'secret',
    format: '8-25 alphanumerics named `vonage…secret`/`nexmo…secret`',
    rotateUrl: 'https://dashboard.nexmo.com/settings',
    advice: rotateThen('With the 8-char API key it sends SMS billed to you.'),
    docs: 'https://developer.vonage.com/account/code-snippets/create-a-secret',
  },
  {
    id: 'messagebird-api-key',
    name: 'MessageBird (Bird) access key',
    category: 'messaging',
    exposure: 'secret',
    format: '25 alphanumerics named `messagebird…key`/`…token`',
    rotateUrl: 'https://dashboard.messagebird.com/en/developers/access',
    advice: rotateThen('It sends SMS billed to you and reads your conversations.'),
    docs: 'https://developers.messagebird.com/api/#authentication',
  },
  {
    id: 'plivo-auth-token',
    name: 'Plivo Auth Token',
    category: 'messaging',
    exposure: 'secret',
    format: '40 alphanumerics named `plivo…token`/`…secret`',
    rotateUrl: 'https://console.plivo.com/dashboard/',
    advice: rotateThen('With the Auth ID it sends SMS and calls billed to you.'),
    docs: 'https://www.plivo.com/docs/messaging/api/overview/authentication',
  },
  {
    id: 'telnyx-api-key',
    name: 'Telnyx API key',
    category: 'messaging',
    exposure: 'secret',
    format: '`KEY_` + 20-80, or `KEY` + 32 hex + `_` + 20-40 (unverified lengths)',
    prefixes: ['KEY'],
    rotateUrl: 'https://portal.telnyx.com/#/app/api-keys',
    advice: rotateThen('It sends SMS and calls billed to you.'),
    docs: 'https://developers.telnyx.com/docs/development/cli/getting-started/authentication',
  },
]);

type Id = IdOf<typeof MESSAGING_PROVIDERS>;

/** Slack token shapes, most specific first; each is tried at the anchor. */
const shape = (re: RegExp, provider: Id) => ({ re: sticky(re), provider });
const SLACK_SHAPES = [
  shape(/xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{100,220}/, 'slack-config-token'),
  shape(/xoxe-[0-9]-[A-Za-z0-9]{100,220}/, 'slack-config-token'),
  shape(/xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{18,34}/, 'slack-bot-token'),
  shape(/xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,34}/, 'slack-bot-token'),
  shape(/xox[pe](?:-[0-9]{8,14}){3}-[A-Za-z0-9]{28,34}/, 'slack-user-token'),
  shape(/xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[A-Za-z0-9]{32,80}/, 'slack-app-token'),
  shape(/xox[os]-[0-9]{1,14}-[0-9]{1,14}-[0-9]{1,14}-[A-Fa-f0-9]{8,64}/, 'slack-legacy-token'),
  shape(/xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,48}(?:-[A-Za-z0-9]{1,48}){0,4}/, 'slack-legacy-token'),
];

/** The last segment of a Slack token. */
const LAST_SEGMENT = /[^.-]+$/;

const slack: Detector<Id> = {
  anchors: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe-', 'xoxe.', 'xapp-'],
  detect(text, at, anchor) {
    for (const { re, provider } of SLACK_SHAPES) {
      const end = tokenEnd(re, text, at);
      if (end < 0) continue;
      // The random part is the last segment; the others are workspace and user ids.
      const last = text.slice(at, end).search(LAST_SEGMENT);
      return { provider, start: at, end, bodyStart: at + last, confidence: 'high', reason: `prefix "${anchor}" and id segments` };
    }
    return null;
  },
};

const TELEGRAM = sticky(/[0-9]{5,16}:A[A-Za-z0-9_-]{34}/);
const TELEGRAM_CANONICAL = /^[0-9]{8,10}:AA[A-Za-z0-9_-]{33}$/;
const DIGIT = charClass('0-9');
const TELEGRAM_WORD = /telegr/i;

/**
 * Telegram bot tokens: `<bot id>:AA…`. The anchor is the last digit of the id plus `:A`; the canonical shape
 * stands alone, looser ones (older ids, other second letters) need the word "telegram" nearby.
 */
const telegram: Detector<Id> = {
  anchors: ['0:A', '1:A', '2:A', '3:A', '4:A', '5:A', '6:A', '7:A', '8:A', '9:A'],
  detect(text, at, _anchor, ctx) {
    let start = at;
    while (start > 0 && at - start < 16 && inClass(DIGIT, text.charCodeAt(start - 1))) start--;
    if (start > 0 && text.charCodeAt(start - 1) === 58 /* : */) return null;
    const end = tokenEnd(TELEGRAM, text, start);
    if (end < 0) return null;
    const colon = at + 1;
    const hit = { provider: 'telegram-bot-token' as const, start, end, bodyStart: colon + 1 };
    if (TELEGRAM_CANONICAL.test(text.slice(start, end))) return { ...hit, confidence: 'high', reason: 'bot id and :AA format' };
    if (!nearby(text, start, end, 200, ctx, TELEGRAM_WORD)) return null;
    return { ...hit, confidence: 'medium', reason: 'bot-token shape next to "telegram"' };
  },
};

const DISCORD_TOKEN = /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/g;
const DISCORD_AT = sticky(DISCORD_TOKEN);
const BOT_SCHEME = 'Bot ';
const SNOWFLAKE = /^[0-9]{17,20}$/;
const DISCORD_RADIUS = 300;

/** A Discord bot token's first part is the base64 of the bot's snowflake id (17-20 digits). */
function discordHit(text: string, start: number): Hit<Id> | null {
  const end = matchEnd(DISCORD_AT, text, start);
  if (end < 0 || !startsClean(text, start, BASE64URL) || !endsClean(text, end)) return null;
  const id = decodeBase64(text.slice(start, text.indexOf('.', start)));
  if (!id || !SNOWFLAKE.test(id)) return null;
  return { provider: 'discord-bot-token', start, end, bodyStart: start, confidence: 'high', reason: 'first part encodes a Discord id' };
}

/** Bot tokens sit after `Bot ` in an Authorization header, or near the word "discord". */
const discordBot: Detector<Id> = {
  anchors: [BOT_SCHEME, ...caseVariants('discord')],
  detect(text, at, anchor, ctx) {
    if (anchor === BOT_SCHEME) return discordHit(text, at + BOT_SCHEME.length);
    return searchWindow(ctx, discordBot, text, at - DISCORD_RADIUS, at + DISCORD_RADIUS, (part, from) => {
      for (const m of part.matchAll(DISCORD_TOKEN)) {
        const hit = discordHit(text, from + m.index);
        if (hit) return hit;
      }
      return null;
    });
  },
};

const HEX_DIGITS = '0123456789abcdef';
/** `AC0`…`ACf`: anchors must be 3+ chars, and SIDs are lower-case hex after the two-letter prefix. */
const sidAnchors = (prefix: string) => [...HEX_DIGITS].map((d) => prefix + d);
const ACCOUNT_SID_ANCHORS = sidAnchors('AC');
const API_KEY_SID_ANCHORS = sidAnchors('SK');
const TWILIO_WORDS = caseVariants('twilio');
const TWILIO_RADIUS = 300;
const TWILIO_VALUE = /[A-Za-z0-9]{32}/g;
const HEX32 = /^[0-9a-f]{32}$/;
const ACCOUNT_SID_NAME = /^ac[0-9a-f]{32}$/;
const API_KEY_SID_NAME = /^sk[0-9a-f]{32}$/;
const SID_NAME = /sid$|_?sid_|account_?id|key_?id/;

/**
 * Which Twilio secret a 32-char value is, from what it is assigned to: the SID it follows (`AC…:token` in a URL or
 * `twilio(sid, token)`), or a credential name. A name that says secret means an API key secret (alphanumeric);
 * otherwise only a hex value is an Auth Token. SIDs themselves are identifiers, never these.
 */
function twilioSecret(name: string, value: string): Id | null {
  if (ACCOUNT_SID_NAME.test(name)) return HEX32.test(value) ? 'twilio-auth-token' : null;
  if (API_KEY_SID_NAME.test(name)) return 'twilio-api-key-secret';
  if (!AUTH_NAME.test(name) || SID_NAME.test(name)) return null;
  if (name.includes('secret')) return 'twilio-api-key-secret';
  return HEX32.test(value) ? 'twilio-auth-token' : null;
}

/**
 * Twilio's secrets have no prefix: a 32-char value near the word Twilio or a SID (`AC…`/`SK…`), assigned to a
 * credential name or right after the SID. Searches a window once per text (see searchWindow).
 */
const twilioSecrets: Detector<Id> = {
  anchors: [...TWILIO_WORDS, ...ACCOUNT_SID_ANCHORS, ...API_KEY_SID_ANCHORS],
  detect(text, at, anchor, ctx) {
    return searchWindow(ctx, twilioSecrets, text, at - TWILIO_RADIUS, at + anchor.length + TWILIO_RADIUS, (part, from) => {
      TWILIO_VALUE.lastIndex = 0;
      for (let m = TWILIO_VALUE.exec(part); m !== null; m = TWILIO_VALUE.exec(part)) {
        const start = from + m.index;
        const end = start + 32;
        if (!startsClean(text, start) || !endsClean(text, end)) continue;
        const name = assignedName(text, start);
        const provider = twilioSecret(name, m[0]);
        if (provider) return { provider, start, end, confidence: 'high', reason: `name "${name}" near "${anchor}"` };
      }
      return null;
    });
  },
};

/** Values recognised by a vendor word in the name they are assigned to, and a credential word next to it. */
const vendorNamed = (words: readonly string[], value: RegExp, provider: Id, credential: RegExp = AUTH_NAME) =>
  named<Id>({ anchors: words, value, classify: (name) => (credential.test(name) && !SID_NAME.test(name) ? { provider, confidence: 'high' } : null) });

export const MESSAGING_DETECTORS: readonly Detector<Id>[] = [
  slack,
  telegram,
  discordBot,
  prefixed({ provider: 'twilio-account-sid', prefixes: ACCOUNT_SID_ANCHORS, pattern: /AC[0-9a-f]{32}/, bodyOffset: () => 2 }),
  prefixed({ provider: 'twilio-api-key-sid', prefixes: API_KEY_SID_ANCHORS, pattern: /SK[0-9a-f]{32}/, bodyOffset: () => 2 }),
  twilioSecrets,
  vendorNamed([...caseVariants('vonage'), ...caseVariants('nexmo')], /[A-Za-z0-9]{8,25}/, 'vonage-api-secret', /secret/),
  vendorNamed(
    [...caseVariants('messagebird'), 'MessageBird', 'messageBird', 'message_bird', 'message-bird', 'MESSAGE_BIRD', 'MESSAGE-BIRD'],
    /[A-Za-z0-9]{25}/,
    'messagebird-api-key',
    /key|token|secret|auth/,
  ),
  vendorNamed(caseVariants('plivo'), /[A-Za-z0-9]{40}/, 'plivo-auth-token', /token|secret|auth/),
  prefixed({
    provider: 'telnyx-api-key',
    prefixes: ['KEY_', ...[...'0123456789ABCDEF'].map((d) => `KEY${d}`)],
    pattern: /KEY(?:_[A-Za-z0-9]{20,80}|[0-9A-F]{32}_[A-Za-z0-9]{20,40})/,
    // `API_KEY_…` is a name, not a key: nothing that continues a word may precede it.
    before: TOKEN,
    bodyOffset: () => 3,
    verify: () => ({ confidence: 'medium', reason: 'prefix "KEY" and Telnyx v2 key shape' }),
  }),
];
