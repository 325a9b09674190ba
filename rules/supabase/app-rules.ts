/** Rules over a deployed app's Supabase exposure (registered in rules/index.ts as part of DEPLOYED_RULES). */
import type { Rule } from '../core/rule';

export const SUPABASE_APP_RULES: readonly Rule[] = [];
