/** Shared pieces of the deployed Glide app rules (rules/glide/glide-app-*.ts). Pure. */
import type { Evidence } from '../evidence/evidence';
import { DATA_KINDS, type GlideApp } from './app-evidence';

export const glideAppOf = (evidence: Evidence): GlideApp | undefined => evidence.glideApp;

/** Values for the fix guides' links to the builder (only when the app id is evident). */
export const appIdVars = (app: GlideApp): Record<string, string> => (app.appId ? { appId: app.appId } : {});

export function dataDownloads(app: GlideApp): { count: number; bytes: number; kinds: string[] } {
  const data = app.requests.filter((r) => DATA_KINDS.has(r.kind));
  return {
    count: data.reduce((n, r) => n + r.count, 0),
    bytes: data.reduce((n, r) => n + (r.bytes ?? 0), 0),
    kinds: [...new Set(data.map((r) => r.kind))],
  };
}

export const kb = (bytes: number) => (bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`);
