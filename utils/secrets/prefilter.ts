/**
 * The single pass over the text: finds every occurrence of a set of literal anchors (Wu-Manber, 2-char blocks,
 * 4-char windows). Each anchor is represented by the 4-char window inside it that is least likely to occur in
 * ordinary code and prose; a shift table over character pairs lets the loop skip up to 3 characters at a time.
 * Positions whose last pair ends some window are candidates: the char before the pair is compared first, then
 * the anchors of that pair are verified with `startsWith`. Long texts are walked by two cursors at once.
 *
 * Anchors of 3 chars are placed at the end of a window whose first char is a wildcard. Anchors must be ASCII.
 * Text characters are folded to 7 bits for hashing: a non-ASCII char can only cause an extra (rejected)
 * verification, never a missed anchor, because anchors are ASCII.
 */

const WINDOW = 4;
const PAIRS = 1 << 14;

/** The most frequent characters of minified JavaScript and English text, most frequent first. */
const COMMON = 'etaoinsrlcudpmhgfybvwk.,()=;:"{} [];\n';

/** Anchor occurrences, in text order: `data[2k]` is where one starts, `data[2k + 1]` which anchor it is. */
export interface AnchorHits {
  readonly data: Int32Array;
  /** Used length of `data` (twice the number of occurrences). */
  readonly length: number;
}

export interface AnchorMatcher {
  readonly anchors: readonly string[];
  /**
   * Every anchor occurrence (overlapping ones included), in text order. The result is a buffer the matcher
   * reuses: it is valid until the next call to `find`.
   */
  find(text: string): AnchorHits;
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

/** Texts at least this long are scanned by two cursors at once (see `stepTwo`). */
const TWO_CURSORS = 1 << 14;
/** In `second`, a last pair whose windows do not all have the same second char. */
const ANY = -1;

/** (start, anchor) pairs found by a pass, in a buffer kept between scans (a scan of a bundle finds thousands). */
class Hits implements AnchorHits {
  data = new Int32Array(256);
  length = 0;

  push(start: number, anchor: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = start;
    this.data[this.length++] = anchor;
  }

  append(other: Hits): void {
    for (let k = 0; k < other.length; k += 2) this.push(other.data[k]!, other.data[k + 1]!);
  }
}

/*
 * The hot loops only step and collect candidates (window ends whose shift is 0) in a buffer; they call nothing
 * and allocate nothing, so V8 compiles them to the same tight code whatever the text and whatever ran before (a
 * loop that also verified inlined the verification and its rare paths, and got slower code when those had not
 * run before it was compiled). Candidates are verified in batches afterwards. Loop results go to module
 * variables: plain stores that need no type feedback.
 */

/**
 * Candidates per batch (minified code has about one per 60 chars). Small, so that a batch is verified while the
 * text it came from is still in the processor's cache.
 */
const BATCH = 1 << 10;
let cursorA = 0;
let cursorB = 0;
let countA = 0;
let countB = 0;

/** One cursor over window ends [i, to), until `to` or a full batch. */
function stepOne(shift: Uint8Array, text: string, i: number, to: number, found: Int32Array): void {
  let n = 0;
  while (i < to) {
    const h = ((text.charCodeAt(i - 1) & 127) << 7) | (text.charCodeAt(i) & 127);
    const s = shift[h]!;
    if (s !== 0) {
      i += s;
      continue;
    }
    found[n++] = i;
    i++;
    if (n === BATCH) break;
  }
  cursorA = i;
  countA = n;
}

/**
 * Two cursors, over window ends [a, mid) and [b, to), stepping in turn until one reaches its end or fills its
 * batch. Each step's position depends on the chars read by the step before, so a single cursor mostly waits for
 * memory; two independent cursors keep the processor busy. Shifts never skip a window end, so each half finds
 * exactly its own anchors.
 */
function stepTwo(shift: Uint8Array, text: string, a: number, mid: number, b: number, to: number, foundA: Int32Array, foundB: Int32Array): void {
  let na = 0;
  let nb = 0;
  while (a < mid && b < to) {
    const ha = ((text.charCodeAt(a - 1) & 127) << 7) | (text.charCodeAt(a) & 127);
    const hb = ((text.charCodeAt(b - 1) & 127) << 7) | (text.charCodeAt(b) & 127);
    const sa = shift[ha]!;
    const sb = shift[hb]!;
    if (sa !== 0) {
      a += sa;
    } else {
      foundA[na++] = a;
      a++;
      if (na === BATCH) break;
    }
    if (sb !== 0) {
      b += sb;
    } else {
      foundB[nb++] = b;
      b++;
      if (nb === BATCH) break;
    }
  }
  cursorA = a;
  cursorB = b;
  countA = na;
  countB = nb;
}

class Matcher implements AnchorMatcher {
  /** Per pair of chars ending the window: how far the window may move. */
  private readonly shift = new Uint8Array(PAIRS).fill(WINDOW - 1);
  /** Per final pair: flat list of (anchor index, window offset). */
  private readonly buckets: (number[] | undefined)[] = new Array(PAIRS);
  /**
   * Per final pair: the char every window ending in it has second (the char before the pair), or ANY. Pairs
   * such as `at` (of `pat`) or `t ` (of `Bot `) end thousands of windows of ordinary code; one char compared
   * before the bucket is walked rejects almost all of them.
   */
  private readonly second = new Int16Array(PAIRS).fill(ANY);
  private readonly hits = new Hits();
  private readonly later = new Hits();
  /** Candidate window ends of the two cursors. */
  private readonly foundA = new Int32Array(BATCH);
  private readonly foundB = new Int32Array(BATCH);

  constructor(readonly anchors: readonly string[]) {
    anchors.forEach((anchor, index) => {
      if (anchor.length < WINDOW - 1 || !/^[\x20-\x7e]+$/.test(anchor)) {
        throw new Error(`anchor must be 3+ printable ASCII chars: ${JSON.stringify(anchor)}`);
      }
      const offset = windowOffset(anchor);
      for (let j = 1; j < WINDOW; j++) {
        const at = offset + j;
        if (at - 1 < 0) {
          for (let c = 0; c < 128; c++) this.lower(pair(c, anchor.charCodeAt(at)), WINDOW - 1 - j);
        } else {
          this.lower(pair(anchor.charCodeAt(at - 1), anchor.charCodeAt(at)), WINDOW - 1 - j);
        }
      }
      const last = pair(anchor.charCodeAt(offset + WINDOW - 2), anchor.charCodeAt(offset + WINDOW - 1));
      // The window's second char: the anchor's first for a 3-char anchor (whose window starts with a wildcard).
      const c = anchor.charCodeAt(offset + 1);
      this.second[last] = this.buckets[last] === undefined || this.second[last] === c ? c : ANY;
      (this.buckets[last] ??= []).push(index, offset);
    });
  }

  private lower(h: number, s: number): void {
    if (s < this.shift[h]!) this.shift[h] = s;
  }

  find(text: string): AnchorHits {
    const n = text.length;
    const hits = this.hits;
    hits.length = 0;
    // Window ends; the first is early enough for a 3-char anchor at position 0.
    let a = WINDOW - 2;
    if (n < TWO_CURSORS) {
      this.finish(text, a, n, hits);
      return hits;
    }
    const later = this.later;
    later.length = 0;
    const mid = n >> 1;
    let b = mid;
    while (a < mid && b < n) {
      stepTwo(this.shift, text, a, mid, b, n, this.foundA, this.foundB);
      a = cursorA;
      b = cursorB;
      const nb = countB;
      this.verify(text, this.foundA, countA, hits);
      this.verify(text, this.foundB, nb, later);
    }
    this.finish(text, a, mid, hits);
    this.finish(text, b, n, later);
    hits.append(later);
    return hits;
  }

  /** Window ends in [i, to), one cursor. */
  private finish(text: string, i: number, to: number, hits: Hits): void {
    while (i < to) {
      stepOne(this.shift, text, i, to, this.foundA);
      i = cursorA;
      this.verify(text, this.foundA, countA, hits);
    }
  }

  /** Pushes (start, anchor) of every anchor whose window ends at one of the `count` candidates in `found`. */
  private verify(text: string, found: Int32Array, count: number, hits: Hits): void {
    for (let c = 0; c < count; c++) {
      const i = found[c]!;
      const h = pair(text.charCodeAt(i - 1), text.charCodeAt(i));
      const expected = this.second[h]!;
      if (expected !== ANY && text.charCodeAt(i - 2) !== expected) continue;
      const bucket = this.buckets[h]!;
      const windowStart = i - WINDOW + 1;
      for (let k = 0; k < bucket.length; k += 2) {
        const start = windowStart - bucket[k + 1]!;
        if (start >= 0 && text.startsWith(this.anchors[bucket[k]!]!, start)) hits.push(start, bucket[k]!);
      }
    }
  }

  scan(text: string, onHit: (start: number, anchor: number) => void): void {
    // A copy: onHit may start another pass.
    const found = this.find(text);
    const data = found.data.slice(0, found.length);
    for (let k = 0; k < data.length; k += 2) onHit(data[k]!, data[k + 1]!);
  }
}

export function compileAnchors(anchors: readonly string[]): AnchorMatcher {
  return new Matcher(anchors);
}
