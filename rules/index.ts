/**
 * The rule catalogue: every rule, registered once. test/conventions.test.ts checks that every rule file under
 * rules/ is listed here, has a test, and has a valid fix guide; the README's "What it checks" is generated from it.
 */
import type { Rule } from '../engine/rule';
import clickjackingUnprotected from './headers/clickjacking-unprotected';
import cookiePrefix from './cookies/cookie-prefix';
import cookieSameSiteNoneInsecure from './cookies/cookie-samesite-none-insecure';
import cookieSessionLongLived from './cookies/cookie-session-long-lived';
import cookieSessionNoHttpOnly from './cookies/cookie-session-no-httponly';
import cookieSessionNoSameSite from './cookies/cookie-session-no-samesite';
import cookieNoSecure from './cookies/cookie-no-secure';
import cookieSessionNoSecure from './cookies/cookie-session-no-secure';
import corsReflectedOrigin from './cors/cors-reflected-origin';
import corsWildcardCredentialed from './cors/cors-wildcard-credentialed';
import cspBaseUri from './headers/csp-base-uri';
import cspBroadScriptSrc from './headers/csp-broad-script-src';
import cspFormActionHttp from './headers/csp-form-action-http';
import cspFrameAncestors from './headers/csp-frame-ancestors';
import cspMissing from './headers/csp-missing';
import cspObjectSrc from './headers/csp-object-src';
import cspUnsafeEval from './headers/csp-unsafe-eval';
import cspUnsafeInline from './headers/csp-unsafe-inline';
import formInsecureAction from './page/form-insecure-action';
import hstsMissing from './transport/hsts-missing';
import hstsNoIncludeSubdomains from './transport/hsts-no-include-subdomains';
import hstsShortMaxAge from './transport/hsts-short-max-age';
import httpRedirectMissing from './transport/http-redirect-missing';
import httpsNotUsed from './transport/https-not-used';
import mixedContent from './page/mixed-content';
import nosniffMissing from './headers/nosniff-missing';
import permissionsPolicyMissing from './headers/permissions-policy-missing';
import referrerPolicyWeak from './headers/referrer-policy-weak';
import sriMissing from './page/sri-missing';
import versionDisclosure from './headers/version-disclosure';
import publishableKeyInPage from './secrets/publishable-key-in-page';
import secretExposed from './secrets/secret-exposed';
import secretInBuilderField from './secrets/secret-in-builder-field';
import appAnonRowsInPage from './supabase/app-anon-rows-in-page';
import appBucketPublic from './supabase/app-bucket-public';
import appExposureSummary from './supabase/app-exposure-summary';
import appExposureUnchecked from './supabase/app-exposure-unchecked';
import appOpenapiExposed from './supabase/app-openapi-exposed';
import appTableReadable from './supabase/app-table-readable';
import advisorLint from './supabase/supabase-advisor-lint';
import exposedAuthUsers from './supabase/supabase-exposed-auth-users';
import leakedServiceKey from './supabase/supabase-leaked-service-key';
import noRetentionJob from './supabase/supabase-no-retention-job';
import policyAlwaysTrue from './supabase/supabase-policy-always-true';
import policyUserMetadata from './supabase/supabase-policy-user-metadata';
import publicBucket from './supabase/supabase-public-bucket';
import rlsDisabled from './supabase/supabase-rls-disabled';
import rlsNoPolicy from './supabase/supabase-rls-no-policy';
import securityDefinerView from './supabase/supabase-security-definer-view';
import glideAppCheckInBuilder from './glide/glide-app-check-in-builder';
import glideAppDownloads from './glide/glide-app-downloads';
import glideAppOpen from './glide/glide-app-open';
import glideNoRetention from './glide/glide-no-retention';
import glideNoRowOwner from './glide/glide-no-row-owner';
import glidePublicApp from './glide/glide-public-app';
import glidePublicEmail from './glide/glide-public-email';
import glideRequestAccess from './glide/glide-request-access';
import glideSecretInIntegration from './glide/glide-secret-in-integration';
import glideTeamToken from './glide/glide-team-token';
import glideVisibilityOnly from './glide/glide-visibility-only';
import glideWeakSignIn from './glide/glide-weak-sign-in';
import glideWebhookExposed from './glide/glide-webhook-exposed';
import glideScreenUnreadable from './glide/glide-screen-unreadable';
import bubbleApiConnectorKey from './bubble/bubble-api-connector-key';
import bubbleAppRightsOpen from './bubble/bubble-app-rights-open';
import bubbleDataApiReadable from './bubble/bubble-data-api-readable';
import bubbleDataApiTypeOpen from './bubble/bubble-data-api-type-open';
import bubbleDevVersionOpen from './bubble/bubble-dev-version-open';
import bubbleMetaExposed from './bubble/bubble-meta-exposed';
import bubbleNoRetention from './bubble/bubble-no-retention';
import bubbleSecretInApp from './bubble/bubble-secret-in-app';
import bubbleSwaggerVisible from './bubble/bubble-swagger-visible';
import bubbleTypePublic from './bubble/bubble-type-public';
import bubbleVersionTestOpen from './bubble/bubble-version-test-open';
import bubbleWorkflowNoAuth from './bubble/bubble-workflow-no-auth';

/** Rules over a deployed app's Supabase exposure (part of DEPLOYED_RULES). */
export const SUPABASE_APP_RULES: readonly Rule[] = [
  appTableReadable,
  appAnonRowsInPage,
  appBucketPublic,
  appOpenapiExposed,
  appExposureUnchecked,
  appExposureSummary,
] as Rule[];

/** Rules over what the Supabase dashboard showed (part of BUILDER_RULES). */
export const SUPABASE_DASHBOARD_RULES: readonly Rule[] = [
  rlsDisabled,
  rlsNoPolicy,
  policyAlwaysTrue,
  policyUserMetadata,
  publicBucket,
  exposedAuthUsers,
  securityDefinerView,
  leakedServiceKey,
  noRetentionJob,
  advisorLint,
] as Rule[];

/** Rules over a deployed Glide app seen logged out (part of DEPLOYED_RULES). */
export const GLIDE_APP_RULES: readonly Rule[] = [glideAppOpen, glideAppDownloads, glideAppCheckInBuilder] as Rule[];

/** Rules over what the Glide builder showed (part of BUILDER_RULES). */
export const GLIDE_BUILDER_RULES: readonly Rule[] = [
  glidePublicApp,
  glideWeakSignIn,
  glideRequestAccess,
  glideNoRowOwner,
  glideVisibilityOnly,
  glidePublicEmail,
  glideSecretInIntegration,
  glideTeamToken,
  glideWebhookExposed,
  glideNoRetention,
  glideScreenUnreadable,
] as Rule[];

/** Rules over a deployed Bubble app's own API answers (part of DEPLOYED_RULES). */
export const BUBBLE_DEPLOYED_RULES: readonly Rule[] = [bubbleDataApiReadable, bubbleMetaExposed, bubbleVersionTestOpen] as Rule[];

/** Rules over a Bubble app model: the editor's, or an exported .bubble file's (part of BUILDER_RULES). */
export const BUBBLE_APP_RULES: readonly Rule[] = [
  bubbleTypePublic,
  bubbleDataApiTypeOpen,
  bubbleApiConnectorKey,
  bubbleSecretInApp,
  bubbleWorkflowNoAuth,
  bubbleAppRightsOpen,
  bubbleDevVersionOpen,
  bubbleSwaggerVisible,
  bubbleNoRetention,
] as Rule[];

/** Rules that run on a deployed app's evidence. */
export const DEPLOYED_RULES: readonly Rule[] = [
  httpsNotUsed,
  httpRedirectMissing,
  hstsMissing,
  hstsShortMaxAge,
  hstsNoIncludeSubdomains,
  cspMissing,
  cspUnsafeInline,
  cspBroadScriptSrc,
  cspUnsafeEval,
  cspObjectSrc,
  cspBaseUri,
  cspFrameAncestors,
  cspFormActionHttp,
  clickjackingUnprotected,
  nosniffMissing,
  referrerPolicyWeak,
  permissionsPolicyMissing,
  versionDisclosure,
  corsWildcardCredentialed,
  corsReflectedOrigin,
  cookieSessionNoSecure,
  cookieNoSecure,
  cookieSessionNoHttpOnly,
  cookieSessionNoSameSite,
  cookieSameSiteNoneInsecure,
  cookieSessionLongLived,
  cookiePrefix,
  mixedContent,
  sriMissing,
  formInsecureAction,
  secretExposed,
  publishableKeyInPage,
  ...SUPABASE_APP_RULES,
  ...GLIDE_APP_RULES,
  ...BUBBLE_DEPLOYED_RULES,
] as Rule[];

/** Rules that run on a builder's editor tab, over what its content script observed. */
export const BUILDER_RULES: readonly Rule[] = [secretInBuilderField, ...SUPABASE_DASHBOARD_RULES, ...GLIDE_BUILDER_RULES, ...BUBBLE_APP_RULES] as Rule[];

/** Every rule, for the conventions test and the README. */
export const ALL_RULES: readonly Rule[] = [...DEPLOYED_RULES, ...BUILDER_RULES];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
