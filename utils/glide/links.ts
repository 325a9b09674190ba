/**
 * Glide builder pages the fix guides link to (`{appId}` comes from the builder URL or, for a deployed app, from its
 * /play/<appId> address or its upload paths). Facts: bubble-glide.md §4 (URLs), §6 (docs pages).
 */
export const BUILDER = 'https://go.glideapps.com/app/{appId}';
export const ACCESS_LINK = `${BUILDER}/settings/privacy`;
export const DATA_LINK = `${BUILDER}/data`;
export const WORKFLOWS_LINK = `${BUILDER}/workflows`;
export const ROW_OWNERS_DOCS = 'https://www.glideapps.com/docs/essentials/security-and-user-data/row-owners';
export const PUBLISHING_DOCS = 'https://www.glideapps.com/new/docs/publishing-and-sharing';
export const ACCESS_DOCS = 'https://docs.glideapps.com/all/topics/security-and-user-data/controlling-who-can-access-your-app';
export const SECRETS_DOCS = 'https://www.glideapps.com/new/docs/connect-external-ap-is-with-secrets';
export const API_TOKEN_DOCS = 'https://apidocs.glideapps.com/api-reference/v2/general/authentication';
export const SECURITY_DOCS = 'https://docs.glideapps.com/all/topics/security-and-user-data';
export const PROTECTED_COLUMNS_DOCS = 'https://www.glideapps.com/docs/essentials/security-and-user-data/protected-columns';
