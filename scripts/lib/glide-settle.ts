/**
 * The headless command on a Glide builder URL: instead of a fixed pause, wait until the builder content script has
 * filed its reading of the screen (the stored `glide-builder:<appId>` record shows that screen, read after the page
 * was opened) and the record has stopped changing for a quiet period (the reader passes at most every 750 ms, so a
 * screen still rendering keeps changing it). Bounded by a timeout: past it the audit is marked partial, with what was
 * (not) seen, rather than reported as if complete.
 */
import type { Audit } from '../../engine/audit';
import { screenOf } from '../../entrypoints/glide.content/readers';
import { type GlideScreen, glideAppId } from '../../utils/glide/constants';

export interface GlideSettleOptions {
  screen: GlideScreen;
  /** Only readings filed at or after this time (epoch ms) count: an older record is another visit's. */
  since: number;
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** The record must stay the same this long to count as settled (default 2 s: the reader's throttle plus margin). */
  quietMs?: number;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface GlideSettle {
  screen: GlideScreen;
  /** 'settled': the reading stopped changing; 'timeout': none was filed, or it kept changing, before the timeout. */
  outcome: 'settled' | 'timeout';
  /** The screen's status in the last reading seen (absent: no reading was filed). */
  status?: 'read' | 'unreadable';
  missing?: string;
  waitedMs: number;
}

/** The app and screen of a Glide builder URL whose screen the content script reads; undefined for anything else. */
export function glideBuilderScreen(url: string): { appId: string; screen: GlideScreen } | undefined {
  const appId = glideAppId(url);
  const screen = appId ? screenOf(url) : undefined;
  return appId && screen ? { appId, screen } : undefined;
}

/** The Data screen's reading is filed as 'api' while the "Show API" panel is open. */
const counts = (target: GlideScreen, filed: unknown) => filed === target || (target === 'data' && filed === 'api');

/** The stored reading of `screen` filed since `since`, from an untrusted stored value (anything else: undefined). */
function readingOf(raw: unknown, o: Pick<GlideSettleOptions, 'screen' | 'since'>): { status: 'read' | 'unreadable'; missing?: string } | undefined {
  const screens = (raw as { screens?: unknown } | undefined)?.screens;
  if (!Array.isArray(screens)) return undefined;
  for (const s of screens.slice(0, 20) as { screen?: unknown; status?: unknown; missing?: unknown; seenAt?: unknown }[]) {
    if (!s || !counts(o.screen, s.screen) || typeof s.seenAt !== 'number' || s.seenAt < o.since) continue;
    if (s.status !== 'read' && s.status !== 'unreadable') continue;
    return { status: s.status, ...(typeof s.missing === 'string' ? { missing: s.missing.slice(0, 200) } : {}) };
  }
  return undefined;
}

export async function waitForGlideSettled(read: () => Promise<unknown>, o: GlideSettleOptions): Promise<GlideSettle> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeout = o.timeoutMs ?? 15_000;
  const quiet = o.quietMs ?? 2_000;
  const poll = o.pollMs ?? 150;
  const start = now();
  let last: { digest: string; since: number; reading: NonNullable<ReturnType<typeof readingOf>> } | undefined;
  for (;;) {
    let raw: unknown;
    try {
      raw = await read();
    } catch {
      raw = undefined; // the worker restarting: try again until the timeout
    }
    const reading = readingOf(raw, o);
    const t = now();
    if (reading) {
      let digest: string;
      try {
        digest = JSON.stringify(raw);
      } catch {
        digest = String(t);
      }
      if (!last || last.digest !== digest) last = { digest, since: t, reading };
      else if (t - last.since >= quiet) return { screen: o.screen, outcome: 'settled', ...reading, waitedMs: t - start };
    }
    if (t - start >= timeout) return { screen: o.screen, outcome: 'timeout', ...(last ? last.reading : reading ? reading : {}), waitedMs: t - start };
    await sleep(poll);
  }
}

/** The audit, marked partial when the screen did not settle (the command then exits 3 unless --allow-partial). */
export function withGlideSettle(audit: Audit, s: GlideSettle | undefined): Audit {
  if (!s || s.outcome === 'settled') return audit;
  const seconds = Math.round(s.waitedMs / 100) / 10;
  const message = s.status
    ? `The Glide builder's ${s.screen} screen kept changing for ${seconds} s: the findings show its last reading (${s.status}), which may be incomplete.`
    : `The Glide builder's ${s.screen} screen was not read within ${seconds} s (the content script filed nothing): its checks are missing from this audit.`;
  return { ...audit, gaps: [...audit.gaps, { collector: 'glide-builder', message, partial: true }] };
}
