/**
 * Bubble editor links and UI wording the fix guides use, in one place. `{app}` is the app id (editor URL `?id=`,
 * `<app>.bubbleapps.io`, or the export's file name). Sources: shared/reference/builders.md "Bubble → Editor" (tabs,
 * `subtab=Privacy`, Settings → API and General labels) and bubble-glide.md 1d/1e/2b (checkbox labels, manual wording,
 * "Publicly visible" / "Privacy rules applied" in Data → Privacy).
 */
export const EDITOR = 'https://bubble.io/page?id={app}';
export const PRIVACY_LINK = `${EDITOR}&tab=Data&subtab=Privacy`;
/** Settings has sub-tabs (General, API); their `subtab` values are not documented, so links open the Settings tab. */
export const SETTINGS_LINK = `${EDITOR}&tab=Settings`;
export const PLUGINS_LINK = `${EDITOR}&tab=Plugins`;
export const BACKEND_LINK = `${EDITOR}&tab=BackendWorkflows`;
export const DESIGN_LINK = `${EDITOR}&tab=Design`;

export const DOCS = {
  privacy: 'https://manual.bubble.io/core-resources/data/privacy',
  apiSettings: 'https://manual.bubble.io/core-resources/application-settings/api',
  general: 'https://manual.bubble.io/core-resources/application-settings/general',
  dataApi: 'https://manual.bubble.io/core-resources/api/the-bubble-api/the-data-api',
  apiConnector: 'https://manual.bubble.io/help-guides/security/api-security/api-connector-security',
  tokens: 'https://manual.bubble.io/help-guides/security/flusk/flusk-security-tools/issue-details',
  auth: 'https://manual.bubble.io/core-resources/api/the-bubble-api/authentication',
} as const;

/** Labels as the editor shows them (builders.md, bubble-glide.md 1d, 1e, 2b). */
export const UI = {
  privacyTab: 'Data → Privacy',
  publiclyVisible: 'Publicly visible',
  rulesApplied: 'Privacy rules applied',
  everyoneElse: 'Everyone else (default permissions)',
  findInSearches: 'Find this in searches',
  viewAllFields: 'View all fields',
  apiTab: 'Settings → API',
  enableDataApi: 'Enable Data API',
  enableWorkflowApi: 'Enable Workflow API and backend workflows',
  hideSwagger: 'Hide Swagger API documentation access',
  generalTab: 'Settings → General',
  appRights: 'Application rights',
  privateApp: 'Private app',
  limitAccess: 'Limit access to this app with a username and password',
  livePassword: 'Do not apply password for live',
  expose: 'Expose as a public API workflow',
  noAuth: 'This workflow can be run without authentication',
  ignorePrivacy: 'Ignore privacy rules',
  apiConnector: 'Plugins → API Connector',
  private: 'Private',
} as const;
