/**
 * The scan: one prefilter pass over the text finds every anchor; the detectors listening on an anchor verify
 * the candidate; escaped and base64-encoded regions are decoded and scanned as nested layers; overlapping
 * matches are resolved; placeholders are dropped.
 */
import { DETECTORS, PROVIDERS, type ProviderId, providerById } from './catalogue';
import { BASE64_ANCHORS, ESCAPE_ANCHORS, base64Run, decodeBase64Run, decodeEscapes, escapeAt, escapeRegions, type Layer } from './decode';
import { placeholderReason } from './placeholder';
import { type AnchorHits, type AnchorMatcher, compileAnchors } from './prefilter';
import type { Confidence, Detector, Exposure, Hit, ScanContext } from './types';

/** A verified credential, with its span in the scanned text and its decoded value. */
export interface Found {
  provider: ProviderId;
  start: number;
  end: number;
  value: string;
  confidence: Confidence;
  reason: string;
}

interface AnchorEntry {
  detectors: Detector<ProviderId>[];
  /** For escape-layer triggers: where the escape starts inside the anchor (1 in `:\/\/`). */
  escapeOffset: number | undefined;
  base64: boolean;
}

/** Nested decoding depth: a base64 blob inside an escaped string is decoded, one more level is not. */
const MAX_DEPTH = 2;

const ENTRIES = new Map<string, AnchorEntry>();
const entryFor = (anchor: string): AnchorEntry => {
  let entry = ENTRIES.get(anchor);
  if (!entry) ENTRIES.set(anchor, (entry = { detectors: [], escapeOffset: undefined, base64: false }));
  return entry;
};
for (const detector of DETECTORS) {
  for (const anchor of detector.anchors) {
    const entry = entryFor(anchor);
    if (!entry.detectors.includes(detector)) entry.detectors.push(detector);
  }
}
for (const anchor of ESCAPE_ANCHORS) entryFor(anchor).escapeOffset = anchor.search(/[\\%]/);
for (const anchor of BASE64_ANCHORS) entryFor(anchor).base64 = true;

const ANCHORS = [...ENTRIES.keys()];
const TABLE = [...ENTRIES.values()];
// Compiled on the first scan, not at import: the builder guards load this module on every editor page, and a page
// where nothing is ever pasted should not pay for it.
let matcher: AnchorMatcher | undefined;

function accept(text: string, hit: Hit<ProviderId>, out: Found[]): void {
  if (placeholderReason(text.slice(hit.bodyStart ?? hit.start, hit.bodyEnd ?? hit.end))) return;
  const { provider, start, end, confidence, reason } = hit;
  // No credential contains `\/`: it is a JSON-escaped slash, and the value is the same key as with `/`.
  out.push({ provider, start, end, value: text.slice(start, end).replaceAll('\\/', '/'), confidence, reason });
}

/**
 * Runs the detectors listening on each anchor found, and collects the escapes and base64 runs to decode. A
 * function of its own that ends with its loop: V8 optimises the loop while it runs (on-stack replacement), and
 * later calls re-enter that code, which would leave it (deoptimise) at every call if code after the loop had not
 * run before the loop was optimised.
 */
function runDetectors(text: string, hits: AnchorHits, ctx: ScanContext, found: Found[], escapes: number[], layers: Layer[], decode: boolean): void {
  const data = hits.data;
  const count = hits.length;
  for (let k = 0; k < count; k += 2) {
    const at = data[k]!;
    const index = data[k + 1]!;
    const entry = TABLE[index]!;
    for (const detector of entry.detectors) {
      const hit = detector.detect(text, at, ANCHORS[index]!, ctx);
      if (hit) accept(text, hit, found);
    }
    if (decode && entry.escapeOffset !== undefined && escapeAt(text, at + entry.escapeOffset)) {
      escapes.push(at + entry.escapeOffset);
    }
    if (decode && entry.base64) {
      const run = base64Run(text, at);
      const layer = run && decodeBase64Run(text, run);
      if (layer) layers.push(layer);
    }
  }
}

function scanLayer(text: string, hints: Hints, depth: number, budget: { chars: number }): Found[] {
  const ctx: ScanContext = { host: hints.host, field: hints.field, searched: new Map() };
  const found: Found[] = [];
  const escapes: number[] = [];
  const layers: Layer[] = [];
  // The matcher's buffer is read to the end before the nested layers below run their own passes.
  runDetectors(text, (matcher ??= compileAnchors(ANCHORS)).find(text), ctx, found, escapes, layers, depth < MAX_DEPTH);
  for (const region of escapeRegions(escapes, text.length)) layers.push(decodeEscapes(text, region.start, region.end));
  for (const layer of layers) {
    // Decoded layers never add up to more than twice the input: a hostile page cannot make us scan forever.
    if (layer.text.length > budget.chars) continue;
    budget.chars -= layer.text.length;
    // Resolved where the spans are exact, then mapped back. A base64 layer maps to whole 4-char groups, so two keys
    // fewer than 3 bytes apart (`k1,k2`) share a group: the later one starts after the group the first ends in.
    let mappedEnd = 0;
    for (const f of resolveOverlaps(scanLayer(layer.text, hints, depth + 1, budget))) {
      const start = Math.max(layer.start(f.start), mappedEnd);
      const end = layer.end(f.end);
      if (start >= end) continue;
      found.push({ ...f, start, end });
      mappedEnd = end;
    }
  }
  return found;
}

const EXPOSURE_RANK: Record<Exposure, number> = { secret: 3, capability: 2, test: 1, publishable: 0 };
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };
const EXPOSURE_RANK_OF = new Map<string, number>(PROVIDERS.map((p) => [p.id, EXPOSURE_RANK[p.exposure]]));
const exposureRank = (id: ProviderId): number => EXPOSURE_RANK_OF.get(id) ?? EXPOSURE_RANK[providerById(id).exposure];

/** Of two overlapping matches: the longer span, then the more dangerous exposure, then the surer one. */
function better(a: Found, b: Found): boolean {
  const length = a.end - a.start - (b.end - b.start);
  if (length !== 0) return length > 0;
  const exposure = exposureRank(a.provider) - exposureRank(b.provider);
  if (exposure !== 0) return exposure > 0;
  return CONFIDENCE_RANK[a.confidence] > CONFIDENCE_RANK[b.confidence];
}

function resolveOverlaps(found: Found[]): Found[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Found[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) {
      if (better(f, last)) kept[kept.length - 1] = f;
    } else {
      kept.push(f);
    }
  }
  return kept;
}

export type Hints = Pick<ScanContext, 'host' | 'field'>;

/** All credentials in `text`, non-overlapping, in order. */
export function findSecrets(text: string, hints: Hints): Found[] {
  return resolveOverlaps(scanLayer(text, hints, 0, { chars: 2 * text.length }));
}
