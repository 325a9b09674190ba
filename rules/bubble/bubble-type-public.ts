import { defineRule, type FindingDraft } from '../../engine/rule';
import { dataApiExposes, listOf, personalFields, publicAccess, typeLabel } from '../../utils/bubble/classify';
import { appOf, appVars } from '../../utils/bubble/findings';
import { DOCS, PRIVACY_LINK, UI } from '../../utils/bubble/links';

type M = 'no-rules' | 'views-all' | 'finds';

/**
 * A data type without privacy rules, or whose rules let every visitor find it or view all its fields (reference 1b:
 * no `privacy_role`, or the `everyone` fallback / a rule without a "When" granting `view_all` / `search_for`).
 * Higher when it holds personal-looking fields, higher again when the Data API serves it.
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-type-public',
    title: 'Anyone can read this Bubble data type',
    severity: 'medium',
    category: 'bubble',
    checklist: 'least-privilege',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale:
      'Bubble hands every record a visitor may see to the browser; without privacy rules anyone can list a type through the page’s own search endpoint, logged in or not (the 2025 pop_n_bubble research dumped such types).',
    messages: {
      'no-rules': 'Type {type} has no privacy rules: anyone can find every record and read all its fields.{personal}{api}',
      'views-all': 'Type {type}: the rule “{rule}” applies to everyone and lets them view all fields.{personal}{api}',
      finds: 'Type {type}: the rule “{rule}” applies to everyone and lets them find records in searches (visible fields: {fields}).{personal}{api}',
    },
    fix: {
      summary: 'Add privacy rules so each record is visible only to who needs it, and leave “Everyone else” with nothing ticked.',
      steps: [
        `Open ${UI.privacyTab} in the editor and pick the type (it shows “${UI.publiclyVisible}” while it has no rule).`,
        'Define a new rule, e.g. “When This <type>’s Creator is Current User”, and tick only what its owner needs.',
        `Untick “${UI.findInSearches}”, “${UI.viewAllFields}” and attached files for “${UI.everyoneElse}”.`,
        'Records that must stay public (a catalogue): tick only the fields meant for everyone, never personal ones.',
        'Preview the app logged out: lists of this type should now be empty.',
      ],
      deepLink: PRIVACY_LINK,
      docs: DOCS.privacy,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app) return [];
    const out: FindingDraft<M>[] = [];
    for (const t of app.types) {
      const access = publicAccess(t);
      if (!access) continue;
      const personal = personalFields(t);
      const api = dataApiExposes(app, t);
      const severity = api ? (personal.length ? 'critical' : 'high') : personal.length ? 'high' : 'medium';
      const vars = appVars(app);
      out.push({
        messageId: access.kind,
        severity,
        data: {
          type: typeLabel(t),
          rule: access.kind === 'no-rules' ? undefined : access.rule,
          fields: access.kind === 'finds' ? (access.fields.length ? listOf(access.fields) : 'none') : undefined,
          personal: personal.length ? ` It holds personal-looking fields: ${listOf(personal)}.` : '',
          api: api ? ' The Data API serves it too (/api/1.1/obj/…).' : '',
        },
        evidence: `user_types.${t.key}: ${t.hasPrivacyRoles ? `${t.rules.length} rule(s)` : 'no privacy_role'}; ${t.fields.length} field(s)${api ? '; exposed_api: true' : ''}`,
        location: { kind: 'builder', name: typeLabel(t) },
        identity: `type:${t.key}`,
        ...(vars ? { vars } : {}),
      });
    }
    return out;
  },
});
