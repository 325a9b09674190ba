/** Small helpers the Bubble rules share (rules/bubble/*). Pure. */
import type { Evidence } from '../evidence/evidence';
import type { BubbleApp } from './model';

/** The app model of a Bubble editor tab or exported file, when read. */
export const appOf = (e: Evidence): BubbleApp | undefined => e.builder?.bubble;

/** Deep-link values: the app id, when known (else the audit's own `{app}` from the URL, see platformVars). */
export const appVars = (app: BubbleApp): Record<string, string> | undefined => (app.appId ? { app: app.appId } : undefined);

/** The model had this section (an editor read or a large export may lack some). */
export const has = (app: BubbleApp, section: string) => !app.missing.includes(section);

/** "where" for a finding about one API Connector call or row. */
export const callLabel = (api: string, call?: string) => (call ? `${api} → ${call}` : `${api} (shared)`);
