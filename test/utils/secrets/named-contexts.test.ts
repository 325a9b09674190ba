/**
 * Keys whose shape is generic (32 hex, 40 alphanumerics, a UUID, a JWT) are recognised from the name they are
 * assigned to, in every context where prefixed keys are found: JS objects, JSON, `.env` lines, HTML attributes,
 * query strings and headers objects. Twilio's secrets are also recognised next to the SID they belong to.
 */
import { describe, expect, it } from 'vitest';
import { type ProviderId, scanSecrets } from '../../../utils/secrets/index';
import { FAKE_KEYS, seeded } from './fake-keys';
import { expectPlanted } from './helpers';

const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/** The spellings one name takes in each context. */
const NAME_CONTEXTS: readonly { name: string; text: (words: string[], v: string) => string }[] = [
  { name: 'JS object', text: (w, v) => `const cfg={${w[0]}${w.slice(1).map(cap).join('')}:"${v}",region:"us1"};` },
  { name: 'JSON', text: (w, v) => `{"settings":{"${w.join('_')}":"${v}","v":2}}` },
  { name: '.env line', text: (w, v) => `NODE_ENV=production\n${w.join('_').toUpperCase()}=${v}\nPORT=3000\n` },
  { name: 'HTML attribute', text: (w, v) => `<div id="app" data-${w.join('-')}="${v}"></div>` },
  { name: 'query string', text: (w, v) => `fetch("/api/send?${w.join('_')}=${v}&to=%2B15550100")` },
  { name: 'headers object', text: (w, v) => `fetch(u,{method:"POST",headers:{"X-${w.map(cap).join('-')}":"${v}","Content-Type":"application/json"}})` },
];

/** Generic-shape secrets and the words of a name that carries them. */
const GENERIC: readonly { provider: ProviderId; words: string[]; from?: ProviderId }[] = [
  { provider: 'twilio-auth-token', words: ['twilio', 'auth', 'token'] },
  { provider: 'twilio-api-key-secret', words: ['twilio', 'api', 'secret'] },
  { provider: 'vonage-api-secret', words: ['vonage', 'api', 'secret'] },
  { provider: 'messagebird-api-key', words: ['messagebird', 'access', 'key'] },
  { provider: 'plivo-auth-token', words: ['plivo', 'auth', 'token'] },
  { provider: 'mailjet-secret-key', words: ['mailjet', 'secret', 'key'] },
  { provider: 'mailgun-api-key', words: ['mailgun', 'api', 'key'], from: 'mailgun-signing-key' },
  { provider: 'mailgun-signing-key', words: ['mailgun', 'signing', 'key'] },
  { provider: 'loops-api-key', words: ['loops', 'api', 'key'] },
  { provider: 'jotform-api-key', words: ['jotform', 'api', 'key'] },
  { provider: 'calendly-token', words: ['calendly', 'api', 'token'] },
  { provider: 'postmark-server-token', words: ['postmark', 'server', 'token'] },
  { provider: 'hubspot-api-key', words: ['hubspot', 'api', 'key'] },
  { provider: 'algolia-admin-key', words: ['algolia', 'admin', 'key'] },
];

describe.each(GENERIC.map((g) => [g.provider, g] as const))('%s', (provider, g) => {
  const value = FAKE_KEYS[g.from ?? provider](seeded(41)).value;
  it.each(NAME_CONTEXTS.map((c) => [c.name, c] as const))('is found from its name in a %s', (_, context) => {
    const text = context.text(g.words, value);
    const match = expectPlanted(text, { provider, exposure: 'secret', value, snippet: text });
    expect(match.exposure).toBe('secret');
  });

  it('is not reported under a name that does not name the vendor', () => {
    expect(scanSecrets(`{"settings":{"session_token":"${value}"}}`).filter((m) => m.exposure === 'secret')).toEqual([]);
  });
});

describe('Twilio', () => {
  const r = seeded(5);
  const sid = FAKE_KEYS['twilio-account-sid'](r).value;
  const keySid = FAKE_KEYS['twilio-api-key-sid'](r).value;
  const token = FAKE_KEYS['twilio-auth-token'](r).value;
  const secret = FAKE_KEYS['twilio-api-key-secret'](r).value;

  it('an Account SID or API Key SID alone is an identifier: info, never a secret', () => {
    for (const [text, provider] of [
      [`accountSid:"${sid}"`, 'twilio-account-sid'],
      [`{"apiKeySid":"${keySid}"}`, 'twilio-api-key-sid'],
    ] as const) {
      const matches = scanSecrets(text);
      expect(matches.map((m) => [m.provider, m.exposure, m.severity])).toEqual([[provider, 'publishable', 'info']]);
    }
  });

  it.each([
    ['a JS object next to the SID', `client=new Twilio({accountSid:"${sid}",authToken:"${token}"})`],
    ['the SDK call', `const client = twilio("${sid}", "${token}");`],
    ['Basic auth in a URL', `fetch("https://${sid}:${token}@api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json")`],
    ['a nested config object', `config={twilio:{sid:"${sid}",token:"${token}"}}`],
  ])('finds the Auth Token in %s, and the SID as an identifier', (_, text) => {
    const match = expectPlanted(text, { provider: 'twilio-auth-token', exposure: 'secret', value: token, snippet: text });
    expect(match.severity).toBe('critical');
    expect(
      scanSecrets(text)
        .filter((m) => m.provider === 'twilio-account-sid')
        .every((m) => m.severity === 'info'),
    ).toBe(true);
  });

  it('finds the API key secret next to its SID', () => {
    for (const text of [`twilio("${keySid}","${secret}",{accountSid:"${sid}"})`, `{apiKey:"${keySid}",apiSecret:"${secret}"}`]) {
      expectPlanted(text, { provider: 'twilio-api-key-secret', exposure: 'secret', value: secret, snippet: text });
    }
  });

  it('a 32-hex value under a SID name is not a token', () => {
    const text = `{twilio:{messagingServiceSid:"MG${token}",authToken:"${token}"}}`;
    const tokens = scanSecrets(text).filter((m) => m.provider === 'twilio-auth-token');
    expect(tokens.map((m) => text.slice(m.start, m.end))).toEqual([token]);
  });
});
