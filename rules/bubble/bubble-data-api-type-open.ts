import { defineRule, type FindingDraft } from '../../engine/rule';
import { appliesToEveryone, dataApiExposes, listOf, personalFields, publicAccess, typeLabel } from '../../utils/bubble/classify';
import { appOf, appVars } from '../../utils/bubble/findings';
import { DOCS, SETTINGS_LINK, UI } from '../../utils/bubble/links';

type M = 'open' | 'writes';

/**
 * The Data API serves a type (`exposes_get_api` and `user_types.<type>.exposed_api`, reference 1e) that privacy rules
 * do not protect; or a rule applying to everyone allows Create/Modify/Delete via API (reference 1b, keys seen in
 * third-party rule engines, not in a real export).
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-data-api-type-open',
    title: 'The Data API serves a Bubble type to anyone',
    severity: 'high',
    category: 'bubble',
    checklist: 'least-privilege',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale:
      'With the Data API on, `/api/1.1/obj/<type>` lists records to anyone the privacy rules let through; without rules that is every record, one request away (the forum’s “death combination”).',
    messages: {
      open: 'The Data API exposes {type} and its privacy rules let anyone read it: GET /api/1.1/obj/{key} lists its records.{personal}',
      writes: 'The rule “{rule}” of {type} applies to everyone and allows {ops} via the Data API.',
    },
    fix: {
      summary: 'Untick the type under Settings → API unless another system needs it, and protect it with privacy rules either way.',
      steps: [
        `Open ${UI.apiTab} and untick the type under “${UI.enableDataApi}” (or untick the whole Data API if nothing uses it).`,
        `Open ${UI.privacyTab}: add a rule for the type’s owner and leave “${UI.everyoneElse}” with nothing ticked.`,
        'Untick Create / Modify / Delete via API on every rule that applies to everyone.',
        'Systems that need the data call the API with an API token (Settings → API), never anonymously.',
      ],
      deepLink: SETTINGS_LINK,
      docs: DOCS.dataApi,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (app?.settings.exposesDataApi !== true) return [];
    const out: FindingDraft<M>[] = [];
    const vars = appVars(app);
    for (const t of app.types) {
      if (!dataApiExposes(app, t)) continue;
      if (publicAccess(t)) {
        const personal = personalFields(t);
        out.push({
          messageId: 'open',
          severity: personal.length ? 'critical' : 'high',
          data: { type: typeLabel(t), key: t.key, personal: personal.length ? ` Personal-looking fields: ${listOf(personal)}.` : '' },
          evidence: `settings.client_safe.exposes_get_api: true; user_types.${t.key}.exposed_api: true; ${t.hasPrivacyRoles ? 'rules let everyone read it' : 'no privacy_role'}`,
          location: { kind: 'builder', name: typeLabel(t) },
          identity: `open:${t.key}`,
          ...(vars ? { vars } : {}),
        });
      }
      for (const r of t.rules.filter(appliesToEveryone)) {
        const ops = [r.createViaApi && 'create', r.modifyViaApi && 'modify', r.deleteViaApi && 'delete'].filter((x): x is string => !!x);
        if (!ops.length) continue;
        out.push({
          messageId: 'writes',
          severity: 'critical',
          data: { type: typeLabel(t), rule: r.display, ops: listOf(ops) },
          evidence: `user_types.${t.key}.privacy_role.${r.key}.permissions: ${ops.map((o) => `${o}_via_api: true`).join(', ')}`,
          location: { kind: 'builder', name: typeLabel(t) },
          identity: `writes:${t.key}:${r.key}`,
          ...(vars ? { vars } : {}),
        });
      }
    }
    return out;
  },
});
