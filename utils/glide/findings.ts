/** Shared pieces of the Glide builder rules (rules/glide/glide-*.ts). Pure. */
import type { Evidence } from '../evidence/evidence';
import type { GlideBuilder } from './builder-evidence';

export function glideOf(evidence: Evidence): GlideBuilder | undefined {
  return evidence.builder?.platform === 'glide' ? evidence.builder.glide : undefined;
}

/** Values every Glide builder finding carries: the app, for the deep links. */
export const appVars = (g: GlideBuilder): Record<string, string> => ({ appId: g.appId });
