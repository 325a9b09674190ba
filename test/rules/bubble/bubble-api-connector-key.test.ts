import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-api-connector-key';
import type { Evidence } from '@/utils/evidence/evidence';
import { APP_ID, fixtureKeys, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const k = fixtureKeys(3);
const connector = (group: object) => minimalApp({ clientSafe: { apiconnector2: { bTAPI0: { human: 'OpenAI', ...group } } } });
const header = (row: object) => connector({ shared_headers: { bTH: { key: 'Authorization', ...row } } });

describeRule(rule, {
  flagged: [
    {
      name: 'a secret key in a non-private shared header (export)',
      evidence: bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false })),
      messages: ['secret'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).not.toContain(k.openai);
        expect(f!.evidence).not.toContain(k.openai);
      },
    },
    {
      name: 'same in the editor serialisation (%v)',
      evidence: bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false }), 'editor'),
      messages: ['secret'],
    },
    {
      name: 'a publishable key: info',
      evidence: bubbleEvidence(connector({ shared_params: { bTP: { key: 'pk', value: k.stripePublishable, private: false } } })),
      messages: ['publishable'],
      severity: 'info',
    },
    {
      name: 'a typed-in Authorization value the engine does not know',
      evidence: bubbleEvidence(header({ value: 'Token team-shared-value', private: false })),
      messages: ['named'],
      severity: 'medium',
    },
    {
      name: 'a key typed into the call URL',
      evidence: bubbleEvidence(
        connector({ calls: { bTC: { name: 'Geocode', url: `https://maps.example.test/geo?q=[q]&api_key=${'v'.repeat(3)}-typed-in` } } }),
      ),
      messages: ['url'],
      check: ([f]) => expect(f!.message).toContain('“api_key”'),
    },
    {
      name: 'tokens baked into the initialised test response (types)',
      evidence: bubbleEvidence(
        connector({
          calls: { bTC: { name: 'Login', url: 'https://auth.example.test/token', types: JSON.stringify({ refresh_token: 'rt-live-session-0042' }) } },
        }),
        'editor',
      ),
      messages: ['test-response'],
    },
    { name: 'leaky fixture', evidence: bubbleEvidence(leakyApp()), messages: ['secret', 'publishable', 'named', 'url', 'test-response'] },
  ],
  clean: [
    {
      name: 'a private header is only {"private": true} client-side (reference 1c)',
      evidence: bubbleEvidence(connector({ shared_headers: { bTH: { private: true } } })),
    },
    { name: 'a dynamic value <token>', evidence: bubbleEvidence(header({ value: '<token>', private: false })) },
    {
      name: 'a URL parameter filled at run time',
      evidence: bubbleEvidence(connector({ calls: { bTC: { name: 'Geo', url: 'https://maps.example.test/geo?key=[key]' } } })),
    },
    {
      name: 'a non-credential parameter',
      evidence: bubbleEvidence(
        connector({
          calls: { bTC: { name: 'Files', url: 'https://x.test/f', params: { r: { key: 'file', value: '//cdn.bubble.io/f/a.csv', private: false } } } },
        }),
      ),
    },
    { name: 'hardened fixture', evidence: bubbleEvidence(hardenedApp()) },
  ],
  fixed: [
    {
      name: 'ticking Private',
      before: bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false })),
      after: bubbleEvidence(header({ private: true })),
    },
    { name: 'leaky → hardened (editor)', before: bubbleEvidence(leakyApp(), 'editor'), after: bubbleEvidence(hardenedApp(), 'editor') },
  ],
});

// Found by mutation testing (docs/mutation.md): each finding pinned whole (severity, wording, evidence, location,
// identity, vars), the URL finding's severity and masked key, the response's secrets without the publishable ones.
describe('bubble-api-connector-key, cases from mutation testing', () => {
  const id = rule.meta.id;
  const modelOf = (ev: Evidence) => ev.builder!.bubble!;
  const call = (c: object) => connector({ calls: { bTC: { name: 'Sync', ...c } } });

  it('a secret row: its own severity, the row named in full, masked, keyed on the row and the key', () => {
    const ev = bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false }));
    const s = modelOf(ev).apiRows[0]!.secret!;
    expect(s.severity).toBe('critical');
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'critical',
        messageId: 'secret',
        message: `OpenAI (shared): the shared_headers row “Authorization” holds a key (${s.providerName}, ${s.masked}) and is not marked Private: every visitor receives it.`,
        evidence: `apiconnector2 OpenAI (shared) shared_headers.Authorization = ${s.masked} (private: false)`,
        location: { kind: 'builder', name: 'OpenAI (shared)' },
        fingerprint: fingerprint(id, ev.origin, `row:OpenAI (shared):shared_headers:Authorization:${s.fingerprint}`),
        vars: { app: APP_ID },
      },
    ]);
  });

  it('a publishable row: info, its wording, evidence and identity', () => {
    const ev = bubbleEvidence(connector({ shared_params: { bTP: { key: 'pk', value: k.stripePublishable, private: false } } }));
    const s = modelOf(ev).apiRows[0]!.secret!;
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'info',
        messageId: 'publishable',
        message: `OpenAI (shared): the shared_params row “pk” holds a key meant for browsers (${s.providerName}, ${s.masked}); fine if its restrictions (referrers, rules) are set.`,
        evidence: `apiconnector2 OpenAI (shared) shared_params.pk = ${s.masked} (private: false)`,
        location: { kind: 'builder', name: 'OpenAI (shared)' },
        fingerprint: fingerprint(id, ev.origin, `row:OpenAI (shared):shared_params:pk:${s.fingerprint}`),
        vars: { app: APP_ID },
      },
    ]);
  });

  it('a typed-in value under a credential name: medium, the value not shown, keyed on the row', () => {
    const ev = bubbleEvidence(header({ value: 'Token team-shared-value', private: false }));
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'medium',
        messageId: 'named',
        message:
          'OpenAI (shared): the shared_headers row “Authorization” holds a typed-in value and is not marked Private: if it is a key, every visitor receives it.',
        evidence: 'apiconnector2 OpenAI (shared) shared_headers.Authorization = (typed-in value, not shown) (private: false)',
        location: { kind: 'builder', name: 'OpenAI (shared)' },
        fingerprint: fingerprint(id, ev.origin, 'row:OpenAI (shared):shared_headers:Authorization'),
        vars: { app: APP_ID },
      },
    ]);
  });

  it('typed-in URL parameters: high, every name listed, the host and the parameters in the evidence', () => {
    const ev = bubbleEvidence(call({ url: 'https://maps.example.test/geo?q=[q]&api_key=typed-value-1&token=typed-value-2' }));
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'high',
        messageId: 'url',
        message: 'OpenAI → Sync: the call’s URL carries “api_key”, “token” as typed-in values: the URL is client-safe, so every visitor receives them.',
        evidence: 'apiconnector2 OpenAI → Sync url → maps.example.test?api_key=…&token=…',
        location: { kind: 'builder', name: 'OpenAI → Sync' },
        fingerprint: fingerprint(id, ev.origin, 'url:OpenAI → Sync'),
        vars: { app: APP_ID },
      },
    ]);
  });

  it('a URL without a host: "(host unknown)"', () => {
    const [f] = findingsOf(rule, bubbleEvidence(call({ url: '[base]/geo?api_key=typed-value-1' })));
    expect(f!.evidence).toBe('apiconnector2 OpenAI → Sync url → (host unknown)?api_key=…');
  });

  it('a secret key in the URL path: "a key", the key’s own severity and its masked form', () => {
    const ev = bubbleEvidence(call({ url: `https://api.example.test/v1/${k.openai}/files` }));
    const s = modelOf(ev).apiCalls[0]!.urlSecrets[0]!;
    expect(s.exposure).not.toBe('publishable');
    expect(s.severity).toBe('critical');
    const [f] = findingsOf(rule, ev);
    expect(f!.severity).toBe('critical');
    expect(f!.message).toBe(
      `OpenAI → Sync: the call’s URL carries a key as typed-in values (${s.providerName} ${s.masked}): the URL is client-safe, so every visitor receives them.`,
    );
    expect(f!.evidence).toBe('apiconnector2 OpenAI → Sync url → api.example.test?');
  });

  it('a publishable key in the URL path: flagged high, without a masked key', () => {
    const ev = bubbleEvidence(call({ url: `https://api.example.test/v1/${k.stripePublishable}/files` }));
    expect(modelOf(ev).apiCalls[0]!.urlSecrets.map((s) => s.exposure)).toEqual(['publishable']);
    const [f] = findingsOf(rule, ev);
    expect(f!.severity).toBe('high');
    expect(f!.message).toBe('OpenAI → Sync: the call’s URL carries a key as typed-in values: the URL is client-safe, so every visitor receives them.');
  });

  it('the test response: tokens and non-publishable keys listed, publishable keys left out', () => {
    const types = JSON.stringify({ access_token: 'tok-session-value-123', key: k.openai, pk: k.stripePublishable });
    const ev = bubbleEvidence(call({ url: 'https://auth.example.test/token', types }));
    const secrets = modelOf(ev).apiCalls[0]!.responseSecrets;
    const s = secrets.find((x) => x.exposure !== 'publishable')!;
    expect(secrets.some((x) => x.exposure === 'publishable')).toBe(true);
    const names = `“access_token”, a ${s.providerName} (${s.masked})`;
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'high',
        messageId: 'test-response',
        message: `OpenAI → Sync: the initialised test response kept ${names}: it is part of the client-safe definition every visitor receives.`,
        evidence: `apiconnector2 OpenAI → Sync types/full_response: ${names}`,
        location: { kind: 'builder', name: 'OpenAI → Sync' },
        fingerprint: fingerprint(id, ev.origin, 'response:OpenAI → Sync'),
        vars: { app: APP_ID },
      },
    ]);
  });

  it('a secret alone in the test response is flagged; a publishable key alone is not', () => {
    const secretOnly = findingsOf(rule, bubbleEvidence(call({ url: 'https://x.example.test/a', types: JSON.stringify({ key: k.openai }) })));
    expect(secretOnly.map((f) => f.messageId)).toEqual(['test-response']);
    expect(findingsOf(rule, bubbleEvidence(call({ url: 'https://x.example.test/a', types: JSON.stringify({ pk: k.stripePublishable }) })))).toEqual([]);
  });

  it('an app without an id: no vars', () => {
    const ev = bubbleEvidence(header({ value: 'Token team-shared-value', private: false }), 'export', '');
    expect(findingsOf(rule, ev)[0]).not.toHaveProperty('vars');
  });
});
