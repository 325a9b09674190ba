/** Rules over what the Supabase dashboard showed (registered in rules/index.ts as part of BUILDER_RULES). */
import type { Rule } from '../core/rule';
import advisorLint from './supabase-advisor-lint';
import exposedAuthUsers from './supabase-exposed-auth-users';
import leakedServiceKey from './supabase-leaked-service-key';
import noRetentionJob from './supabase-no-retention-job';
import policyAlwaysTrue from './supabase-policy-always-true';
import policyUserMetadata from './supabase-policy-user-metadata';
import publicBucket from './supabase-public-bucket';
import rlsDisabled from './supabase-rls-disabled';
import rlsNoPolicy from './supabase-rls-no-policy';
import securityDefinerView from './supabase-security-definer-view';

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
