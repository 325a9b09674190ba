/** Rules over what the Supabase dashboard showed (registered in rules/index.ts as part of BUILDER_RULES). */
import type { Rule } from '../core/rule';

export const SUPABASE_DASHBOARD_RULES: readonly Rule[] = [];
