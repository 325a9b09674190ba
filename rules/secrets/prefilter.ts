/**
 * The single pass over the text: finds every occurrence of a set of literal anchors (Wu-Manber, 2-char blocks,
 * 4-char windows). Each anchor is represented by the 4-char window inside it that is least likely to occur in
 * ordinary code and prose; a shift table over character pairs lets the loop skip up to 3 characters at a time,
 * and only positions whose last pair ends some window are verified with `startsWith`.
 *
 * Anchors of 3 chars are placed at the end of a window whose first char is a wildcard. Anchors must be ASCII.
 * Text characters are folded to 7 bits for hashing: a non-ASCII char can only cause an extra (rejected)
 * verification, never a missed anchor, because anchors are ASCII.
 */

const WINDOW = 4;
const PAIRS = 1 << 14;

/** The most frequent characters of minified JavaScript and English text, most frequent first. */
const COMMON = 'etaoinsrlcudpmhgfybvwk.,()=;:"{} [];\n';

export interface AnchorMatcher {
  readonly anchors: readonly string[];
  /** Calls `onHit` with the start of every anchor occurrence (overlapping ones included). */
  scan(text: string, onHit: (start: number, anchor: number) => void): void;
}

const pair = (a: number, b: number): number => ((a & 127) << 7) | (b & 127);

function commonness(code: number): number {
  const rank = COMMON.indexOf(String.fromCharCode(code));
  return rank < 0 ? 0 : COMMON.length - rank;
}

/** Offset of the window that represents `anchor` (-1: a 3-char anchor after a wildcard). */
function windowOffset(anchor: string): number {
  if (anchor.length < WINDOW) return anchor.length - WINDOW;
  let best = 0;
  let bestCost = Infinity;
  for (let offset = 0; offset + WINDOW <= anchor.length; offset++) {
    let cost = 0;
    // The last pair of the window decides which positions get verified: it weighs most.
    for (let j = 1, weight = 1; j < WINDOW; j++, weight *= 4) {
      cost += weight * commonness(anchor.charCodeAt(offset + j - 1)) * commonness(anchor.charCodeAt(offset + j));
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = offset;
    }
  }
  return best;
}

export function compileAnchors(anchors: readonly string[]): AnchorMatcher {
  const shift = new Uint8Array(PAIRS).fill(WINDOW - 1);
  /** Per final pair: flat list of (anchor index, window offset). */
  const buckets: (number[] | undefined)[] = new Array(PAIRS);
  const lower = (h: number, s: number) => {
    if (s < shift[h]!) shift[h] = s;
  };

  anchors.forEach((anchor, index) => {
    if (anchor.length < WINDOW - 1 || !/^[\x20-\x7e]+$/.test(anchor)) {
      throw new Error(`anchor must be 3+ printable ASCII chars: ${JSON.stringify(anchor)}`);
    }
    const offset = windowOffset(anchor);
    for (let j = 1; j < WINDOW; j++) {
      const at = offset + j;
      if (at - 1 < 0) {
        for (let c = 0; c < 128; c++) lower(pair(c, anchor.charCodeAt(at)), WINDOW - 1 - j);
      } else {
        lower(pair(anchor.charCodeAt(at - 1), anchor.charCodeAt(at)), WINDOW - 1 - j);
      }
    }
    const last = pair(anchor.charCodeAt(offset + WINDOW - 2), anchor.charCodeAt(offset + WINDOW - 1));
    (buckets[last] ??= []).push(index, offset);
  });

  return {
    anchors,
    scan(text, onHit) {
      const n = text.length;
      // Window end; starts early enough for a 3-char anchor at position 0.
      let i = WINDOW - 2;
      while (i < n) {
        const h = ((text.charCodeAt(i - 1) & 127) << 7) | (text.charCodeAt(i) & 127);
        const s = shift[h]!;
        if (s !== 0) {
          i += s;
          continue;
        }
        const bucket = buckets[h]!;
        const windowStart = i - WINDOW + 1;
        for (let k = 0; k < bucket.length; k += 2) {
          const index = bucket[k]!;
          const start = windowStart - bucket[k + 1]!;
          if (start >= 0 && text.startsWith(anchors[index]!, start)) onHit(start, index);
        }
        i++;
      }
    },
  };
}
