/** Building blocks for the provider catalogue: typed provider lists and the common detector shapes. */
import { type CharClass, endsClean, nameAround, nameBefore, startsClean, tokenEnd, valueAfter } from './context';
import type { Confidence, Detector, Provider, ScanContext } from './types';

/** Keeps the literal ids of a provider list, so detectors can only report ids that exist. */
export const defineProviders = <const T extends readonly Provider[]>(providers: T): T => providers;
export type IdOf<T extends readonly Provider[]> = T[number]['id'];

export interface Verdict {
  confidence: Confidence;
  reason: string;
}

/** Sticky copy of a pattern: detectors only ever match at a known position. */
export const sticky = (re: RegExp): RegExp => new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`);

export interface PrefixedSpec<Id extends string> {
  provider: Id;
  /** Literal prefixes the token starts with; they are the prefilter anchors. */
  prefixes: readonly string[];
  /** The whole token, from its prefix. Bounded quantifiers only. */
  pattern: RegExp;
  /** Chars that may not precede / follow the token (default: letters and digits / letters, digits, `_`, `-`). */
  before?: CharClass;
  after?: CharClass;
  /** Extra verification (checksums, structure); null rejects the candidate. */
  verify?: (value: string) => Verdict | null;
  /** Offset of the random part inside the value (default: after the prefix). */
  bodyOffset?: (value: string) => number;
  /**
   * A literal char every token has at a fixed offset from its start, compared before the pattern runs: for a
   * short prefix that ordinary words start with (`pat` of `path`, `pattern`), one char comparison rejects them.
   */
  charAt?: { offset: number; char: string };
}

/** A token that starts with a unique literal prefix and has a fixed shape (`ghp_…`, `sk-ant-api03-…`). */
export function prefixed<Id extends string>(spec: PrefixedSpec<Id>): Detector<Id> {
  const re = sticky(spec.pattern);
  const charOffset = spec.charAt?.offset ?? 0;
  const char = spec.charAt?.char.charCodeAt(0);
  return {
    anchors: spec.prefixes,
    detect(text, at, anchor) {
      if (char !== undefined && text.charCodeAt(at + charOffset) !== char) return null;
      const end = tokenEnd(re, text, at, spec);
      if (end < 0) return null;
      const value = text.slice(at, end);
      const verdict = spec.verify ? spec.verify(value) : { confidence: 'high' as const, reason: `prefix "${anchor}"` };
      if (!verdict) return null;
      return {
        provider: spec.provider,
        start: at,
        end,
        bodyStart: at + (spec.bodyOffset ? spec.bodyOffset(value) : anchor.length),
        ...verdict,
      };
    },
  };
}

/**
 * A value that is only recognisable by the name it is assigned to: the anchors are vendor words inside that
 * name (`algoliaAdminKey`, `HEROKU_API_KEY`, `<postmarkToken>`), and `classify` decides from the name.
 */
export function named<Id extends string>(spec: {
  /** Vendor words as they appear in names; pass them through `caseVariants` for the usual spellings. */
  anchors: readonly string[];
  value: RegExp;
  after?: CharClass;
  classify: (name: string, text: string, start: number, end: number) => { provider: Id; confidence: Confidence } | null;
}): Detector<Id> {
  const re = sticky(spec.value);
  return {
    anchors: spec.anchors,
    detect(text, at) {
      const name = nameAround(text, at);
      const start = valueAfter(text, name.end);
      if (start < 0) return null;
      const end = tokenEnd(re, text, start, spec);
      if (end < 0) return null;
      const label = text.slice(name.start, name.end);
      const verdict = spec.classify(label.toLowerCase(), text, start, end);
      return verdict && { ...verdict, start, end, reason: `name "${label}"` };
    },
  };
}

/** `word`, `Word`, `WORD`: the spellings a vendor word takes in camelCase, PascalCase and SCREAMING_CASE. */
export function caseVariants(word: string): string[] {
  const capital = word[0]!.toUpperCase() + word.slice(1);
  return [...new Set([word, capital, word.toUpperCase()])];
}

/** The lower-cased name a value at `start` is assigned to ('' when none). */
export const assignedName = (text: string, start: number): string => nameBefore(text, start).toLowerCase();

/** `Bearer ` / `Token ` right before a value. */
const BEARER_BEFORE = /(?:bearer|token)[ \t]+$/i;
/** How far back it is looked for: the longer word (`bearer`) and up to 16 spaces or tabs, as much glue as a name's. */
const BEARER_REACH = 6 + 16;

/** Names that hold credentials: `apiKey`, `X-Api-Token`, `authorization`, `client_secret`, `password`. */
export const AUTH_NAME = /token|secret|api.?key|auth|bearer|password|pat$/;

/**
 * A value of a generic shape (a UUID, 32 hex) near a vendor word, accepted only in a credential position:
 * after `Bearer`/`Token`, or assigned to a name that `accept` approves. Used where the vendor has no prefix
 * (Glide, Bubble): the vendor word is usually the API host the value is sent to.
 */
export function nearVendor<Id extends string>(spec: {
  provider: Id;
  anchors: readonly string[];
  /** The value's shape (no flags needed). */
  value: RegExp;
  accept: (name: string, bearer: boolean) => boolean;
  radius: number;
  confidence: Confidence;
}): Detector<Id> {
  // One global copy, run with exec and lastIndex (matchAll would clone it for every window).
  const value = new RegExp(spec.value.source, `${spec.value.flags.replace('g', '')}g`);
  const detector: Detector<Id> = {
    anchors: spec.anchors,
    detect(text, at, anchor, ctx) {
      return searchWindow(ctx, detector, text, at - spec.radius, at + anchor.length + spec.radius, (part, from) => {
        value.lastIndex = 0;
        for (let m = value.exec(part); m !== null; m = value.exec(part)) {
          const start = from + m.index;
          const end = start + m[0].length;
          if (!startsClean(text, start) || !endsClean(text, end)) continue;
          const name = assignedName(text, start);
          const bearer = BEARER_BEFORE.test(text.slice(Math.max(0, start - BEARER_REACH), start));
          if (!spec.accept(name, bearer)) continue;
          const why = bearer ? 'Bearer credential' : `name "${name}"`;
          return { provider: spec.provider, start, end, confidence: spec.confidence, reason: `${why} near "${anchor}"` };
        }
        return null;
      });
    },
  };
  return detector;
}

/**
 * Runs `search` on the part of [from, to) that `detector` has not searched yet in this text, and records how far
 * it got: to the end of the hit it returns, or to `to`. Dense anchors thus cost O(n) in total.
 */
export function searchWindow<H extends { end: number }>(
  ctx: ScanContext,
  detector: object,
  text: string,
  from: number,
  to: number,
  search: (part: string, partStart: number) => H | null,
): H | null {
  const start = Math.max(0, from, ctx.searched.get(detector) ?? 0);
  const end = Math.min(text.length, to);
  if (start >= end) return null;
  const hit = search(text.slice(start, end), start);
  ctx.searched.set(detector, hit ? hit.end : end);
  return hit;
}
