/** Rules over a deployed app's Supabase exposure (registered in rules/index.ts as part of DEPLOYED_RULES). */
import type { Rule } from '../core/rule';
import appAnonRowsInPage from './app-anon-rows-in-page';
import appBucketPublic from './app-bucket-public';
import appExposureSummary from './app-exposure-summary';
import appExposureUnchecked from './app-exposure-unchecked';
import appOpenapiExposed from './app-openapi-exposed';
import appTableReadable from './app-table-readable';

export const SUPABASE_APP_RULES: readonly Rule[] = [
  appTableReadable,
  appAnonRowsInPage,
  appBucketPublic,
  appOpenapiExposed,
  appExposureUnchecked,
  appExposureSummary,
] as Rule[];
