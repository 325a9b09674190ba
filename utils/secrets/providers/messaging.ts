/** Chat platforms: bot and user tokens read and post as the workspace member or bot. */
import { rotateThen } from '../advice';
import { BASE64URL, charClass, endsClean, inClass, matchEnd, nearby, startsClean, tokenEnd } from '../context';
import { caseVariants, defineProviders, type IdOf, searchWindow, sticky } from '../define';
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

export const MESSAGING_DETECTORS: readonly Detector<Id>[] = [slack, telegram, discordBot];
