import { defineRule, type FindingDraft } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { listOf } from '../../utils/bubble/classify';
import { appOf, appVars, callLabel } from '../../utils/bubble/findings';
import { DOCS, PLUGINS_LINK, UI } from '../../utils/bubble/links';

type M = 'secret' | 'publishable' | 'named' | 'url' | 'test-response';

/**
 * API Connector definitions are client-safe except rows marked Private (reference 1c: a private row leaves only
 * `{"private": true}` in `settings.client_safe`; a non-private row's key and value ship to every visitor in
 * `static.js`). Flags keys in such rows (secret engine; publishable keys are info), typed-in keys in a call's URL,
 * and tokens baked into an initialised call's response ("Detect request data", reference 1c).
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-api-connector-key',
    title: 'A key in a Bubble API Connector row that is not private',
    severity: 'high',
    category: 'bubble',
    checklist: 'secrets',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale:
      'Bubble ships the API Connector’s non-private headers, parameters and URLs to every visitor’s browser (static.js); a key there can be copied by anyone and used against the provider on your bill and with your data.',
    messages: {
      secret: '{where}: the {group} row “{key}” holds a key ({provider}, {masked}) and is not marked Private: every visitor receives it.',
      publishable:
        '{where}: the {group} row “{key}” holds a key meant for browsers ({provider}, {masked}); fine if its restrictions (referrers, rules) are set.',
      named: '{where}: the {group} row “{key}” holds a typed-in value and is not marked Private: if it is a key, every visitor receives it.',
      url: '{where}: the call’s URL carries {params} as typed-in values{masked}: the URL is client-safe, so every visitor receives them.',
      'test-response': '{where}: the initialised test response kept {tokens}: it is part of the client-safe definition every visitor receives.',
    },
    fix: {
      summary:
        'Tick “Private” on every header or parameter that holds a key (it then stays on Bubble’s server), rotate keys that were exposed, and re-initialise calls with throw-away data.',
      steps: [
        `Open ${UI.apiConnector} and expand the call (or the API’s shared headers).`,
        `Tick “${UI.private}” on each row holding a key; move keys out of the URL into a private header or parameter.`,
        'Rotate the exposed key at the provider: the old one stays in copies of static.js.',
        'Re-initialise calls whose test response held tokens, with a test account, then check “Data type” shows no token.',
      ],
      deepLink: PLUGINS_LINK,
      docs: DOCS.apiConnector,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app) return [];
    const out: FindingDraft<M>[] = [];
    const vars = appVars(app);
    const v = vars ? { vars } : {};
    for (const r of app.apiRows) {
      const where = callLabel(r.api, r.call);
      const base = { where, group: r.group, key: r.key };
      const location = { kind: 'builder' as const, name: where };
      if (r.secret && r.secret.exposure !== 'publishable') {
        out.push({
          messageId: 'secret',
          severity: r.secret.severity as Severity,
          data: { ...base, provider: r.secret.providerName, masked: r.secret.masked },
          evidence: `apiconnector2 ${where} ${r.group}.${r.key} = ${r.secret.masked} (private: false)`,
          location,
          identity: `row:${where}:${r.group}:${r.key}:${r.secret.fingerprint}`,
          ...v,
        });
      } else if (r.secret) {
        out.push({
          messageId: 'publishable',
          severity: 'info',
          data: { ...base, provider: r.secret.providerName, masked: r.secret.masked },
          evidence: `apiconnector2 ${where} ${r.group}.${r.key} = ${r.secret.masked} (private: false)`,
          location,
          identity: `row:${where}:${r.group}:${r.key}:${r.secret.fingerprint}`,
          ...v,
        });
      } else if (r.credentialName) {
        out.push({
          messageId: 'named',
          severity: 'medium',
          data: base,
          evidence: `apiconnector2 ${where} ${r.group}.${r.key} = (typed-in value, not shown) (private: false)`,
          location,
          identity: `row:${where}:${r.group}:${r.key}`,
          ...v,
        });
      }
    }
    for (const c of app.apiCalls) {
      const where = callLabel(c.api, c.call);
      const location = { kind: 'builder' as const, name: where };
      if (c.urlKeys.length || c.urlSecrets.length) {
        const top = c.urlSecrets.find((s) => s.exposure !== 'publishable');
        const params = c.urlKeys.length ? listOf(c.urlKeys.map((k) => `“${k}”`)) : 'a key';
        out.push({
          messageId: 'url',
          severity: (top?.severity as Severity | undefined) ?? 'high',
          data: { where, params, masked: top ? ` (${top.providerName} ${top.masked})` : '' },
          evidence: `apiconnector2 ${where} url → ${c.host || '(host unknown)'}?${c.urlKeys.map((k) => `${k}=…`).join('&')}`,
          location,
          identity: `url:${where}`,
          ...v,
        });
      }
      if (c.responseTokens.length || c.responseSecrets.some((s) => s.exposure !== 'publishable')) {
        const names = [
          ...c.responseTokens.map((t) => `“${t}”`),
          ...c.responseSecrets.filter((s) => s.exposure !== 'publishable').map((s) => `a ${s.providerName} (${s.masked})`),
        ];
        out.push({
          messageId: 'test-response',
          severity: 'high',
          data: { where, tokens: listOf(names) },
          evidence: `apiconnector2 ${where} types/full_response: ${listOf(names)}`,
          location,
          identity: `response:${where}`,
          ...v,
        });
      }
    }
    return out;
  },
});
