/**
 * Property-based tests: any input scans without throwing, with well-formed matches; planted keys are found in
 * random surroundings; a huge paste is cut at maxBytes.
 *
 * No test here measures time (scan speed is printed by `scripts/bench-secrets.ts`). The guard against a scan that
 * backtracks without end on a hostile input is each test's own timeout: a hung scan fails its test by timing out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SecretMatch, scanSecrets, scanSecretsDetailed } from '../../../utils/secrets/index';
import { plantedKeys } from './fake-keys';
import { matchAt } from './helpers';

const MB = 1024 * 1024;

function expectWellFormed(text: string, matches: readonly SecretMatch[]) {
  let last = 0;
  for (const m of matches) {
    expect(m.start).toBeGreaterThanOrEqual(last);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(text.length);
    expect(m.masked.length).toBeLessThanOrEqual(40);
    last = m.end;
  }
}

/** Fragments that make detectors work hard: anchors, near-anchors, escapes, base64 openers, long runs. */
const ADVERSARIAL = [
  'sk_live_',
  'sk-proj-',
  'T3BlbkFJ',
  'AIza',
  'AKIA',
  'ghp_',
  'xoxb-',
  'xoxa-1-',
  'eyJ',
  'eyJhbGciOi.',
  'pk.eyJ',
  '-----BEGIN RSA ',
  'PRIVATE KEY-----',
  '\\u00',
  '\\u0041',
  '\\x2f',
  '%2F',
  '%3A',
  ':\\/\\/',
  'postgres://',
  'a:b@',
  'hooks.slack.com/services/',
  '.supabase.co',
  'sentry.io/',
  'algolia',
  'glide',
  'bubble',
  'discord',
  'Bot ',
  'paypal',
  '-us1',
  '1:A',
  'pat',
  'key-',
  'SG.',
  'EAAA',
  ':APA91b',
  'secretAccessKey="',
  'Bearer ',
  '=',
  '"',
  ':',
  'a'.repeat(64),
  'A'.repeat(50),
  '0123456789abcdef',
  'Zq8Wm2Lp4Xr6Tn0V',
  '_',
  '-',
  '.',
  '/',
  '+',
  ' ',
  '\n',
];

const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 2000 }).map((units) => String.fromCharCode(...units));
const adversarial = fc.array(fc.constantFrom(...ADVERSARIAL), { minLength: 1, maxLength: 400 }).map((parts) => parts.join(''));

/** Repeats a generated pattern to about `size` chars: big inputs without generating them char by char. */
const upTo = (size: number) => (pattern: string) => (pattern.length === 0 ? '' : pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size));

describe('robustness', () => {
  it('random UTF-16 (lone surrogates included) never throws and gives well-formed matches', () => {
    fc.assert(
      fc.property(codeUnits, (text) => {
        expectWellFormed(text, scanSecrets(text));
      }),
      { numRuns: 300 },
    );
  });

  it('adversarial inputs up to 1 MB end with well-formed, non-overlapping matches (hang guard: the test timeout)', () => {
    fc.assert(
      fc.property(adversarial, fc.integer({ min: 1, max: MB }), (pattern, size) => {
        const text = upTo(size)(pattern);
        const matches = scanSecrets(text);
        // Well-formed and non-overlapping: the output is bounded by the input, whatever the pattern.
        expectWellFormed(text, matches);
      }),
      { numRuns: 40 },
    );
    // A generous hang guard (40 scans of up to 1 MB on a loaded machine stay far below it; a backtracking scan
    // of 1 MB does not).
  }, 60_000);

  it('random text and binary-looking data of 1 MB end with well-formed matches (hang guard: the test timeout)', () => {
    fc.assert(
      fc.property(codeUnits, fc.uint8Array({ minLength: 1, maxLength: 4096 }), (units, bytes) => {
        for (const text of [upTo(MB)(units), upTo(MB)(Buffer.from(bytes).toString('latin1')), upTo(MB)(Buffer.from(bytes).toString('base64'))]) {
          expectWellFormed(text, scanSecrets(text));
        }
      }),
      { numRuns: 10 },
    );
  });
});

describe('planted keys in random surroundings', () => {
  const contextFree = plantedKeys(8).filter((k) => k.snippet === k.value);
  const filler = fc.string({ unit: 'binary', maxLength: 300 });
  const SEPARATORS: [string, string][] = [
    [' ', ' '],
    ['"', '"'],
    ["'", "'"],
    ['=', '&'],
    ['(', ')'],
    [',', ','],
    ['\n', '\n'],
    ['>', '<'],
  ];

  it('are found at their span, whatever comes before and after a separator', () => {
    fc.assert(
      fc.property(fc.constantFrom(...contextFree), filler, filler, fc.constantFrom(...SEPARATORS), (key, before, after, [open, close]) => {
        const text = `${before}${open}${key.value}${close}${after}`;
        const start = before.length + open.length;
        const match = matchAt(scanSecrets(text), key.provider, start, key.value.length);
        expect(match, `${key.provider} in ${JSON.stringify(text).slice(0, 300)}`).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('maxBytes', () => {
  const key = plantedKeys(9).find((k) => k.provider === 'github-pat')!.value;

  it('a multi-megabyte paste is cut at maxBytes, reported as truncated, and only the first maxBytes are scanned', () => {
    const filler = 'lorem ipsum dolor sit amet, '.repeat(400_000);
    const text = `token="${key}"\n${filler}\ntoken2="${key}"`;
    const result = scanSecretsDetailed(text, { maxBytes: 2 * MB });
    expect(text.length).toBeGreaterThan(10 * MB);
    expect(result.truncated).toBe(true);
    expect(result.scannedBytes).toBe(2 * MB);
    // The key after the cut is not found: nothing past maxBytes was read.
    expect(result.matches.map((m) => m.start)).toEqual([7]);
  });

  it('defaults to 8 MiB and reports untruncated input as such', () => {
    const result = scanSecretsDetailed(`x="${key}"`);
    expect(result).toMatchObject({ truncated: false, scannedBytes: key.length + 4 });
    expect(scanSecretsDetailed('a'.repeat(9 * MB)).scannedBytes).toBe(8 * MB);
  });
});
