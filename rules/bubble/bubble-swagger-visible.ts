import { defineRule } from '../../engine/rule';
import { appOf, appVars, has } from '../../utils/bubble/findings';
import { DOCS, SETTINGS_LINK, UI } from '../../utils/bubble/links';

type M = 'visible';

/** An API is on and “Hide Swagger API documentation access” is not ticked (`hide_swagger_api`, reference 1e, 3c). */
export default defineRule<M>({
  meta: {
    id: 'bubble-swagger-visible',
    title: 'Bubble publishes a Swagger file of the app’s API',
    severity: 'low',
    category: 'bubble',
    checklist: 'least-privilege',
    surfaces: ['bubble-app'],
    confidence: 'high',
    rationale: 'The Swagger file (`/api/1.1/meta/swagger.json`, on by default) lists every exposed type, field and workflow: a map for anyone probing the app.',
    messages: { visible: 'The {apis} is on and the Swagger documentation is not hidden: /api/1.1/meta/swagger.json describes it to anyone.' },
    fix: {
      summary: 'Tick “Hide Swagger API documentation access” under Settings → API.',
      steps: [`Open ${UI.apiTab}.`, `Tick “${UI.hideSwagger}”.`, 'Turn off the Data or Workflow API too if nothing outside the app uses it.'],
      deepLink: SETTINGS_LINK,
      docs: DOCS.apiSettings,
    },
  },
  check(evidence) {
    const app = appOf(evidence);
    if (!app || !has(app, 'settings.client_safe')) return [];
    const { exposesDataApi, exposesWorkflowApi, hideSwagger } = app.settings;
    if (hideSwagger === true || (!exposesDataApi && !exposesWorkflowApi)) return [];
    const apis = exposesDataApi && exposesWorkflowApi ? 'Data API and Workflow API' : exposesDataApi ? 'Data API' : 'Workflow API';
    const vars = appVars(app);
    return [
      {
        messageId: 'visible',
        data: { apis },
        evidence: `settings.client_safe: exposes_get_api ${exposesDataApi === true}, exposes_wf_api ${exposesWorkflowApi === true}, hide_swagger_api ${hideSwagger ?? '(absent)'}`,
        location: { kind: 'builder', name: 'Settings → API' },
        identity: 'swagger',
        ...(vars ? { vars } : {}),
      },
    ];
  },
});
