import { defineRule } from '../../engine/rule';
import { appIdVars, glideAppOf } from '../../utils/glide/app-findings';
import { ACCESS_LINK, SECURITY_DOCS } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-app-check-in-builder',
    title: 'Glide checks that only the builder can show',
    severity: 'info',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['glide-app'],
    confidence: 'high',
    rationale:
      'From outside, a Glide app does not show its Row Owner columns, its sign-in method in full, keys pasted into integrations or whether old rows are deleted: those need the builder, where this extension reads them as you open each screen.',
    messages: {
      'check-in-builder':
        'Check in the builder: Row Owners on tables with personal data, sign-in method, keys in Call API / AI integrations, and a scheduled clean-up workflow. Open the app in the Glide builder with this extension installed.',
      'check-in-builder-no-id':
        'Check in the builder (app id not evident from this page): Row Owners on tables with personal data, sign-in method, keys in integrations, and a scheduled clean-up workflow.',
    },
    fix: {
      summary: 'Open the app in the Glide builder: the extension reads Access, Data and Workflows as you visit them.',
      steps: [
        'Open the app in the Glide builder (button below, when the app id is known) with this extension installed.',
        'Visit Settings → Access, the Data tab (open each table) and Workflows.',
        'Open the extension’s popup on the builder tab for the findings.',
      ],
      deepLink: ACCESS_LINK,
      docs: SECURITY_DOCS,
    },
  },
  check(evidence) {
    const app = glideAppOf(evidence);
    if (!app) return [];
    return [
      {
        messageId: app.appId ? 'check-in-builder' : 'check-in-builder-no-id',
        data: {},
        evidence: app.appId ? `app ${app.appId}` : 'app id not evident',
        location: { kind: 'page', url: evidence.url },
        identity: 'check_in_builder',
        vars: appIdVars(app),
      },
    ];
  },
});
