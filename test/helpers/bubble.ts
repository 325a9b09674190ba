/** Evidence for the Bubble rules: an app model read by the real reader from either serialisation, or a deployed app's API answers. */
import { EvidenceSchema, type Evidence } from '@/utils/evidence/evidence';
import { readBubbleApp } from '@/utils/bubble/read';
import type { BubbleDeployedInput } from '@/utils/bubble/deployed';
import { APP_ID, toEditor } from '../fixtures/bubble/app';
import { NOW } from './evidence';

export type Serialisation = 'export' | 'editor';

/** Evidence of an editor tab (or an export) whose model is `json`, read as `as` (export keys or editor short codes). */
export function bubbleEvidence(json: unknown, as: Serialisation = 'export', appId = APP_ID): Evidence {
  const model = readBubbleApp(as === 'editor' ? toEditor(json) : json, { source: as, appId });
  const url = `https://bubble.io/page?id=${appId}&tab=Data`;
  return EvidenceSchema.parse({
    url,
    origin: 'https://bubble.io',
    collectedAt: NOW,
    responses: [],
    cookies: [],
    redirect: { status: 'not-checked', reason: 'builder' },
    builder: { platform: 'bubble', secrets: [], bubble: model },
    globals: {},
    gaps: [],
  });
}

/** Evidence of a deployed Bubble app with these API answers. */
export function deployedEvidence(bubble: BubbleDeployedInput, url = `https://${APP_ID}.bubbleapps.io/`): Evidence {
  return EvidenceSchema.parse({
    url,
    origin: new URL(url).origin,
    collectedAt: NOW,
    responses: [{ url, status: 200, type: 'main_frame', headers: [['x-bubble-perf', '1']], source: 'webRequest' }],
    cookies: [],
    redirect: { status: 'not-checked', reason: 'test' },
    bubble,
    globals: {},
    gaps: [],
  });
}
