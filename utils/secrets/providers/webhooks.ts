/** Webhook URLs are capabilities: whoever holds one can post into the channel or trigger the automation. */
import { capabilityUrl } from '../advice';
import { charClass, inClass, tokenEnd } from '../context';
import { defineProviders, type IdOf, sticky } from '../define';
import type { Detector } from '../types';

export const WEBHOOK_PROVIDERS = defineProviders([
  {
    id: 'slack-webhook-url',
    name: 'Slack incoming webhook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://hooks.slack.com/services/T…/B…/…`',
    prefixes: ['https://hooks.slack.com/services/', 'https://hooks.slack.com/workflows/', 'https://hooks.slack.com/triggers/'],
    rotateUrl: 'https://api.slack.com/apps',
    advice: capabilityUrl('post messages into your Slack channel'),
    docs: 'https://api.slack.com/messaging/webhooks',
  },
  {
    id: 'discord-webhook-url',
    name: 'Discord webhook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://discord.com/api/webhooks/<id>/<68>`',
    prefixes: ['https://discord.com/api/webhooks/', 'https://discordapp.com/api/webhooks/'],
    rotateUrl: 'https://support.discord.com/hc/en-us/articles/228383668-Intro-to-Webhooks',
    advice: capabilityUrl('post messages into your Discord channel (or delete the webhook)'),
    docs: 'https://discord.com/developers/docs/resources/webhook',
  },
  {
    id: 'teams-webhook-url',
    name: 'Microsoft Teams incoming webhook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://<tenant>.webhook.office.com/webhookb2/…`',
    rotateUrl: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    advice: capabilityUrl('post messages into your Teams channel'),
    docs: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
  },
  {
    id: 'zapier-webhook-url',
    name: 'Zapier catch hook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://hooks.zapier.com/hooks/catch/<n>/<id>/`',
    prefixes: ['https://hooks.zapier.com/hooks/catch/'],
    rotateUrl: 'https://zapier.com/app/zaps',
    advice: capabilityUrl('trigger your Zap with any data'),
    docs: 'https://help.zapier.com/hc/en-us/articles/8496288690317',
  },
  {
    id: 'make-webhook-url',
    name: 'Make (Integromat) webhook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://hook.<region>.make.com/<32>`',
    rotateUrl: 'https://www.make.com/en/help/tools/webhooks',
    advice: capabilityUrl('run your scenario with any data'),
    docs: 'https://www.make.com/en/help/tools/webhooks',
  },
  {
    id: 'google-chat-webhook-url',
    name: 'Google Chat incoming webhook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://chat.googleapis.com/v1/spaces/<id>/messages?key=…&token=…`',
    prefixes: ['https://chat.googleapis.com/v1/spaces/'],
    rotateUrl: 'https://developers.google.com/workspace/chat/quickstart/webhooks',
    advice: capabilityUrl('post messages into your Google Chat space'),
    docs: 'https://developers.google.com/workspace/chat/quickstart/webhooks',
  },
  {
    id: 'n8n-webhook-url',
    name: 'n8n Cloud webhook URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://<instance>.app.n8n.cloud/webhook/<path>`',
    rotateUrl: 'https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.webhook/',
    advice: capabilityUrl('run your n8n workflow with any data (add authentication to the Webhook node)'),
    docs: 'https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.webhook/',
  },
  {
    id: 'pipedream-webhook-url',
    name: 'Pipedream HTTP trigger URL',
    category: 'webhooks',
    exposure: 'capability',
    format: '`https://<endpoint id>.m.pipedream.net`',
    rotateUrl: 'https://pipedream.com/docs/workflows/building-workflows/triggers/',
    advice: capabilityUrl('run your Pipedream workflow with any data'),
    docs: 'https://pipedream.com/docs/workflows/building-workflows/triggers/',
  },
]);

type Id = IdOf<typeof WEBHOOK_PROVIDERS>;

const HOST = charClass('a-z0-9.-');
const PATH = charClass('A-Za-z0-9_/+@%=-');
/** The scheme before a host: `https://`, `http://` or `//`. */
const SCHEME_BEFORE = /(?:https?:)?\/\/$/;

/**
 * A webhook URL, found from a literal part of its host and path. The reported span starts at the scheme when
 * there is one (`https://`, `http://`, `//`), else at the host.
 */
function webhook(spec: {
  provider: Id;
  anchors: readonly string[];
  /** The URL from its host on; the host may start before the anchor (subdomains). */
  pattern: RegExp;
  /** Literal path prefix after which the random part starts. */
  secretAfter: RegExp;
  reason: string;
}): Detector<Id> {
  const re = sticky(spec.pattern);
  return {
    anchors: spec.anchors,
    detect(text, at) {
      let host = at;
      while (host > 0 && at - host < 64 && inClass(HOST, text.charCodeAt(host - 1))) host--;
      // Try every dot-separated host start, longest first, so `ptb.discord.com` and `discord.com` both work.
      for (let start = host; start <= at; start++) {
        if (start > host && text.charCodeAt(start - 1) !== 46 /* . */) continue;
        const end = tokenEnd(re, text, start, { after: PATH });
        if (end < 0) continue;
        const url = text.slice(start, end);
        const secret = spec.secretAfter.exec(url);
        const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, start - 8), start));
        return {
          provider: spec.provider,
          start: start - (scheme ? scheme[0].length : 0),
          end,
          bodyStart: start + (secret ? secret.index + secret[0].length : 0),
          confidence: 'high',
          reason: spec.reason,
        };
      }
      return null;
    },
  };
}

export const WEBHOOK_DETECTORS: readonly Detector<Id>[] = [
  webhook({
    provider: 'slack-webhook-url',
    reason: 'Slack webhook path',
    anchors: ['hooks.slack.com/'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,150}/,
    secretAfter: /\/(?:services|workflows|triggers)\//,
  }),
  webhook({
    provider: 'discord-webhook-url',
    reason: 'Discord webhook id and token',
    anchors: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: /(?:[a-z]{1,10}\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,80}/,
    secretAfter: /\/webhooks\/[0-9]+\//,
  }),
  webhook({
    provider: 'teams-webhook-url',
    reason: 'Teams webhook path',
    anchors: ['.webhook.office.com/', 'outlook.office.com/webhook/'],
    pattern: /(?:[a-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2|outlook\.office\.com\/webhook)\/[A-Za-z0-9@/_-]{40,400}/,
    secretAfter: /\/webhookb?2?\//,
  }),
  webhook({
    provider: 'zapier-webhook-url',
    reason: 'Zapier catch hook path',
    anchors: ['hooks.zapier.com/hooks/catch/'],
    pattern: /hooks\.zapier\.com\/hooks\/catch\/[0-9]{3,12}\/[A-Za-z0-9]{3,12}\/?/,
    secretAfter: /\/catch\/[0-9]+\//,
  }),
  webhook({
    provider: 'make-webhook-url',
    reason: 'Make webhook id',
    anchors: ['.make.com/', 'hook.integromat.com/'],
    pattern: /hook\.(?:[a-z0-9]{2,6}\.)?(?:make|integromat)\.com\/[a-z0-9]{32}/,
    secretAfter: /\.com\//,
  }),
  webhook({
    provider: 'google-chat-webhook-url',
    reason: 'Chat webhook key and token',
    anchors: ['chat.googleapis.com/v1/spaces/'],
    pattern: /chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]{6,20}\/messages\?key=[A-Za-z0-9_-]{39}&(?:amp;)?token=[A-Za-z0-9_%=-]{20,100}/,
    secretAfter: /&(?:amp;)?token=/,
  }),
  webhook({
    provider: 'n8n-webhook-url',
    reason: 'n8n Cloud webhook path',
    anchors: ['.app.n8n.cloud/webhook'],
    pattern: /[a-z0-9-]{1,63}\.app\.n8n\.cloud\/webhook(?:-test)?\/[A-Za-z0-9_/-]{8,120}/,
    secretAfter: /\/webhook(?:-test)?\//,
  }),
  webhook({
    provider: 'pipedream-webhook-url',
    reason: 'Pipedream endpoint host',
    anchors: ['.m.pipedream.net'],
    pattern: /[a-z0-9]{10,40}\.m\.pipedream\.net/,
    // The random part is the endpoint id, the first label of the host.
    secretAfter: /(?!)/,
  }),
];
