/**
 * Bubble evidence for a deployed app: `/api/1.1/meta` always (one same-origin GET, passive); the Data API and
 * `/version-test` check only when the user consented for this origin (`bubble-data-api-check`: popup, or
 * `npm run audit -- <url> --probe`) and only on an explicit audit, never on a monitoring re-audit: that one reuses
 * the last check of this session for the origin (when recent), as the Supabase check does, so a page load does not
 * store an audit that has lost the check's findings.
 * Runs only for pages that look like Bubble (its host, its response headers, its bundle paths).
 */
import type { Audit } from '@/engine/audit';
import type { HttpResponse } from '@/utils/evidence/evidence';
import type { BubbleDeployedInput, BubbleProbe } from '@/utils/bubble/deployed';
import { PLATFORM_FINGERPRINTS } from '@/utils/platform/detect';
import { local } from './store';
import { readMeta, runBubbleCheck, type BubbleCheckOptions } from './bubble-probe';
import { checkMemory } from './check-memory';

const running = new Map<number, AbortController>();

/** The last Data API check per origin, for monitoring re-audits (./check-memory.ts). */
const checks = checkMemory<BubbleProbe>();

/** Test hook: forget reused results. */
export function clearBubbleProbeMemory(): void {
  checks.clear();
}

/** Cancels the Bubble check of a tab's audit (the popup's "Cancel check" also stops this one). */
export function cancelBubbleCheck(tabId: number): boolean {
  const c = running.get(tabId);
  c?.abort();
  return c !== undefined;
}

/** Bubble's bundle paths (reference 3e: `/package/{static_js,dynamic_js,run_js,…}/<sha>`). */
const BUNDLE_PATH = /\/package\/(early_js|pre_run_jquery_js|static_js|dynamic_js|run_js|run_css)\//;

/** The page is a deployed Bubble app by our own fingerprints (utils/platform/detect.ts and reference 3e). */
export function looksLikeBubble(url: string, responses: readonly HttpResponse[], resources: readonly string[] = []): boolean {
  const fp = PLATFORM_FINGERPRINTS.bubble;
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  if (host === 'bubble.io' || host.endsWith('.bubble.io')) return false; // the editor and Bubble's own site
  if (fp.hosts?.some((h) => h.test(host))) return true;
  const doc = responses.filter((r) => r.type === 'main_frame');
  if (doc.some((r) => r.headers.some(([n, v]) => fp.headers?.some((h) => h.test(`${n.toLowerCase()}:${v}`))))) return true;
  return resources.some((r) => BUNDLE_PATH.test(r) && r.startsWith(new URL(url).origin));
}

export interface BubbleCollectOptions {
  tabId: number;
  url: string;
  mode: Audit['mode'];
  fullAccess: boolean;
  responses: readonly HttpResponse[];
  resources?: readonly string[];
  /** Test hook. */
  check?: Partial<BubbleCheckOptions>;
}

export async function collectBubbleApp(o: BubbleCollectOptions, gaps: { collector: string; message: string }[]): Promise<BubbleDeployedInput | undefined> {
  if (!looksLikeBubble(o.url, o.responses, o.resources)) return undefined;
  const origin = new URL(o.url).origin;
  if (!o.fullAccess) {
    gaps.push({ collector: 'bubble', message: 'Bubble app: its /api/1.1/meta was not read (allow full audits of this site).' });
    return undefined;
  }
  const meta = await readMeta(origin, o.check?.fetch ? { fetch: o.check.fetch } : {});
  if (!meta) {
    gaps.push({ collector: 'bubble', message: 'Bubble app: /api/1.1/meta did not answer.' });
    return undefined;
  }
  const out: BubbleDeployedInput = { meta };
  const consent = (await local().getConsent('bubble-data-api-check', origin)) !== undefined;
  if (!consent) return { ...out, skipped: 'no-consent' };
  if (o.mode === 'monitor') {
    // A check the user started may still be running (a page load re-audits while it does): wait for its result.
    const last = await checks.reuse(origin);
    return last ? { ...out, probe: last } : { ...out, skipped: 'not-run' };
  }
  const controller = new AbortController();
  running.get(o.tabId)?.abort();
  running.set(o.tabId, controller);
  try {
    // Types are asked about only when /meta lists them (Data API on); /version-test is asked either way.
    const probe = await checks.run(origin, runBubbleCheck({ ...o.check, origin, types: meta.state === 'on' ? meta.types : [], signal: controller.signal }));
    if (probe.state !== 'complete') gaps.push({ collector: 'bubble', message: `The Bubble Data API check is incomplete (${probe.state}).` });
    if (probe.notChecked > 0)
      gaps.push({ collector: 'bubble', message: `${probe.notChecked} exposed types were not checked (at most ${probe.types.length} per audit).` });
    return { ...out, probe };
  } finally {
    if (running.get(o.tabId) === controller) running.delete(o.tabId);
  }
}
