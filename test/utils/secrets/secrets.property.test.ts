/**
 * The secret engine on 1 MB adversarial inputs of the shapes that make scanners backtrack or loop: long runs of
 * key-like characters (after a real prefix, base64, hex), nested and escaped quotes, many `=`, and JWT-looking
 * text. Each scan completes with a well-formed result (sorted, in-bounds matches, masked previews), and redaction
 * of the same text never leaves a planted key in clear. JWT claims are read from any segment without throwing.
 * (properties.test.ts covers random text; this file covers the families named in issue 14.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SecretMatch, scanSecretsDetailed } from '@/utils/secrets/index';
import { redactSecrets } from '@/utils/secrets/redact';
import { readClaims } from '@/utils/secrets/jwt';
import { plantedKeys } from './fake-keys';

const MB = 1024 * 1024;

function expectWellFormed(text: string, matches: readonly SecretMatch[]) {
  let last = 0;
  for (const m of matches) {
    expect(m.start).toBeGreaterThanOrEqual(last);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(text.length);
    // A preview, never the value: short for keys, a URL's host and path head for capability URLs.
    expect(m.masked.length).toBeLessThanOrEqual(120);
    expect(m.masked).not.toBe(text.slice(m.start, m.end));
    last = m.end;
  }
}

/** Half a megabyte to a megabyte: every run is a big input. */
const SIZE = fc.integer({ min: MB / 2, max: MB });

const repeatTo = (pattern: string, size: number) => pattern.repeat(Math.ceil(size / Math.max(1, pattern.length))).slice(0, size);

/** Prefixes of real key families, joined at run time (no committed line looks like a live key). */
const PREFIXES = [
  ['sk', 'live', ''].join('_'),
  ['sk', 'proj-'].join('-'),
  'AKIA',
  'AIza',
  ['gh', 'p_'].join(''),
  ['xo', 'xb-'].join(''),
  'eyJ',
  'SG.',
  'sb_secret_',
  'glpat-',
  'npm_',
];
const KEYLIKE = ['A', 'a', '0', 'Z9', 'abcdef0123456789', 'Zq8Wm2Lp4Xr6Tn0V', '_-', 'AAAA', '+/'];

/** The families of issue 14, each filling up to 1 MB. */
const families: fc.Arbitrary<string>[] = [
  // A prefix then a long run of key-like characters (a "key" that never ends).
  fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...KEYLIKE), SIZE).map(([p, k, n]) => p + repeatTo(k, n - p.length)),
  // Many prefixes back to back, each followed by a few key-like characters.
  fc.tuple(fc.constantFrom(...PREFIXES), fc.integer({ min: 0, max: 40 }), SIZE).map(([p, k, n]) => repeatTo(p + 'A'.repeat(k), n)),
  // Nested and escaped quotes around key-ish assignments.
  fc
    .tuple(fc.constantFrom('"', "'", '`', '\\"', '\\\\\\"', '"\'`'), fc.integer({ min: 1, max: 30 }), SIZE)
    .map(([q, depth, n]) => repeatTo(`${q.repeat(depth)}api_key=${q.repeat(depth)}secret${q.repeat(depth)}: `, n)),
  SIZE.map((n) => repeatTo('{"a":"{\\"b\\":\\"{\\\\\\"c\\\\\\":\\\\\\"', n)),
  // Many `=`: padding runs, assignments, base64 tails.
  fc.tuple(fc.constantFrom('=', '==', 'a=', 'key=', 'token==', '=\n', 'x=y&'), SIZE).map(([p, n]) => repeatTo(p, n)),
  SIZE.map((n) => `secret=${'='.repeat(n)}`),
  // JWT-looking text: endless segments, many dots.
  fc.tuple(fc.constantFrom('eyJhbGciOi.', 'eyJ.eyJ.', '.', `eyJ${'A'.repeat(30)}.`), SIZE).map(([p, n]) => repeatTo(p, n)),
  // Escapes and percent-encoding that open decoded layers.
  fc.tuple(fc.constantFrom('\\u0041', '\\x41', '%41', '\\u00', '%2', '\\\\u0041'), SIZE).map(([p, n]) => repeatTo(p, n)),
];
const adversarial = fc.oneof(...families);

describe('secret engine: 1 MB adversarial inputs', () => {
  it('every family scans to a well-formed result, not truncated at 1 MB', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        const result = scanSecretsDetailed(text);
        expect(result.truncated).toBe(false);
        expect(result.scannedBytes).toBe(text.length);
        expectWellFormed(text, result.matches);
      }),
      { numRuns: 16 },
    );
  });

  it('a fake key planted in the middle of adversarial filler is still found, and redaction masks it', () => {
    const keys = plantedKeys(14).filter((k) => k.value === k.snippet && k.value.length >= 20);
    fc.assert(
      fc.property(adversarial, fc.constantFrom(...keys), fc.double({ min: 0, max: 1, noNaN: true }), (filler, key, at) => {
        const cut = Math.floor(filler.length * at);
        const text = `${filler.slice(0, cut)}\n${key.value}\n${filler.slice(cut)}`;
        const start = cut + 1;
        const { matches } = scanSecretsDetailed(text);
        expectWellFormed(text, matches);
        expect(
          matches.some((m) => m.start <= start && m.end >= start + key.value.length),
          `${key.provider} not found at ${start}`,
        ).toBe(true);
        expect(redactSecrets(text).includes(key.value)).toBe(false);
      }),
      { numRuns: 12 },
    );
  });

  it('redaction of any adversarial text completes and never grows it unboundedly', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        const out = redactSecrets(text);
        expect(typeof out).toBe('string');
        expect(out.length).toBeLessThanOrEqual(text.length * 2 + 100);
      }),
      { numRuns: 10 },
    );
  });
});

describe('JWT claims', () => {
  const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

  it('any segment: null or claims whose values are strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          fc.base64String({ maxLength: 500 }),
          fc.json().map(b64url),
          fc.anything().map((v) => b64url(String(JSON.stringify(v)))),
        ),
        (segment) => {
          const claims = readClaims(segment);
          if (claims === null) return;
          for (const v of Object.values(claims)) expect(typeof v).toBe('string');
          expect(Object.keys(claims).every((k) => ['role', 'iss', 'ref'].includes(k))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads role, iss and ref from a payload, even truncated after them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('anon', 'service_role', 'authenticated'),
        fc.stringMatching(/^[a-z0-9]{20}$/),
        fc.integer({ min: 0, max: 30 }),
        (role, ref, chop) => {
          const json = JSON.stringify({ iss: 'supabase', ref, role, iat: 1700000000, exp: 2000000000 });
          expect(readClaims(b64url(json))).toEqual({ iss: 'supabase', ref, role });
          // Cut inside the trailing numbers: the claims before the cut survive.
          const cutJson = json.slice(0, json.length - chop);
          const claims = readClaims(b64url(cutJson));
          expect(claims).toMatchObject({ iss: 'supabase', ref, role });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a 1 MB segment (valid base64url, garbage JSON) is read without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom('"role":"', '{"role":', '\\"', '{'.repeat(10), 'x'), SIZE, (p, n) => {
        const claims = readClaims(b64url(repeatTo(p, n)));
        expect(claims === null || typeof claims === 'object').toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});
