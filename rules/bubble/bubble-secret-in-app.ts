import { defineRule, type FindingDraft } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { appOf, appVars } from '../../utils/bubble/findings';
import { DESIGN_LINK, DOCS, UI } from '../../utils/bubble/links';

type M = 'secret' | 'api-token';

/**
 * Keys typed into page elements, reusables, workflow actions or client-safe settings (the app JSON every visitor's
 * browser receives, reference 1a/3e: `window.app`, `static.js`), and the app's own Data/Workflow API tokens
 * (`settings.secure.api_tokens`, full admin per Flusk) appearing anywhere client-side. Publishable keys are left to
 * the page rules.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-secret-in-app',
    title: 'A key typed into the Bubble app itself',
    severity: 'critical',
    category: 'bubble',
    checklist: 'secrets',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale:
      'Pages, reusable elements and workflow actions are part of the app definition Bubble sends to browsers; a key typed there is readable by any visitor. A Bubble API token overrides every privacy rule.',
    messages: {
      secret: '{where} contains a key ({provider}, {masked}): visitors’ browsers receive the app definition with it.',
      'api-token':
        '{where} contains one of the app’s own Data/Workflow API tokens ({masked}): whoever reads it has full admin access to the data, past every privacy rule.',
    },
    fix: {
      summary: 'Move the key into a private API Connector header or parameter (or a plugin’s secure field), rotate it, and delete the typed-in copy.',
      steps: [
        'Find the element or action named in the finding (Design or Workflow tab; Backend workflows for server-side ones).',
        `Call the service through ${UI.apiConnector} with the key in a row marked “${UI.private}”.`,
        'Delete the typed-in key, then rotate it at the provider (Settings → API for Bubble API tokens).',
      ],
      deepLink: DESIGN_LINK,
      docs: DOCS.tokens,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app) return [];
    const vars = appVars(app);
    const out: FindingDraft<M>[] = [];
    for (const s of app.secrets) {
      if (s.exposure === 'publishable' && !s.apiToken) continue;
      out.push({
        messageId: s.apiToken ? 'api-token' : 'secret',
        severity: s.apiToken ? 'critical' : (s.severity as Severity),
        data: { where: s.where, provider: s.providerName, masked: s.masked },
        evidence: `${s.where}: ${s.providerName} ${s.masked}`,
        location: { kind: 'builder', name: s.where },
        identity: `${s.where}:${s.fingerprint}`,
        ...(vars ? { vars } : {}),
      });
    }
    return out;
  },
});
