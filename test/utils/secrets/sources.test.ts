/** The scan of what a page shipped (utils/secrets/sources.ts): one pass per audit, hints, masked context, where. */
import { describe, expect, it } from 'vitest';
import type { Evidence, Source } from '@/utils/evidence/evidence';
import { describeSource, keyDrafts, LOCATION_KIND, maskedContext, scannedSources } from '@/utils/secrets/sources';
import { scanSecrets } from '@/utils/secrets/index';
import { evidence } from '../../helpers/evidence';
import { FAKE_KEYS, seeded } from './fake-keys';

const r = seeded(91);
const stripe = FAKE_KEYS['stripe-secret-key'](r).value;
const openai = FAKE_KEYS['openai-api-key'](r).value;
const google = FAKE_KEYS['google-api-key'](r).value;

const src = (kind: Source['kind'], text: string, url = 'https://app.example.com/main.js', label = 'main.js'): Source => ({
  kind,
  url,
  label,
  text,
  truncated: false,
});
const withSources = (sources: Source[] | undefined): Evidence => ({ ...evidence(), ...(sources ? { sources } : {}) });

describe('scannedSources', () => {
  it('scans each source once per evidence, and nothing without sources', () => {
    const e = withSources([src('script', `k="${stripe}"`)]);
    const first = scannedSources(e);
    expect(first.map((s) => s.matches.map((m) => m.provider))).toEqual([['stripe-secret-key']]);
    expect(scannedSources(e)).toBe(first);
    expect(scannedSources(withSources(undefined))).toEqual([]);
  });

  it('gives the host a request went to as a hint, for requests only', () => {
    const url = 'https://generativelanguage.googleapis.com/v1/models';
    const text = `key=${google}`;
    const e = withSources([src('request-url', text, url, 'a request'), src('script', text, url)]);
    expect(scannedSources(e).map((s) => s.matches.map((m) => m.provider))).toEqual([['google-gemini-api-key'], ['google-api-key']]);
    const odd = withSources([src('request-url', `not a url ${google}`, 'https://app.example.com/x', 'odd')]);
    expect(scannedSources(odd)[0]!.matches.map((m) => m.provider)).toEqual(['google-api-key']);
  });

  it('scans a request whose address does not parse, without a hint (no throw)', () => {
    const e = withSources([src('request-url', `key=${google}`, 'http://[not a url', 'a request')]);
    expect(scannedSources(e)[0]!.matches.map((m) => m.provider)).toEqual(['google-api-key']);
  });
});

describe('maskedContext', () => {
  it('shows 32 characters around the key, every key in it masked, on one line, with ellipses where it was cut', () => {
    const text = `${'a'.repeat(40)}\n\t x=${stripe}; y=${openai}\n${'b'.repeat(40)}`;
    const all = scanSecrets(text);
    const [s, o] = all;
    const out = maskedContext(text, s!, all);
    expect(out).toBe(`…${'a'.repeat(27)} x=${s!.masked}; y=${o!.masked}…`);
    expect(out).not.toContain(stripe);
    expect(out).not.toContain(openai);
    expect(out).not.toMatch(/[\n\t]|\s{2}/);
  });

  it('no ellipsis at the text’s edges, and a key cut by the window masked whole', () => {
    const text = `k=${stripe} and ${'c'.repeat(20)} ${openai}`;
    const all = scanSecrets(text);
    const out = maskedContext(text, all[0]!, all);
    expect(out.startsWith('k=')).toBe(true);
    // The window ends inside the second key: it is masked whole, and the text goes on after the window.
    expect(out).toBe(`k=${all[0]!.masked} and ${'c'.repeat(20)} ${all[1]!.masked}…`);
    expect(maskedContext(stripe, scanSecrets(stripe)[0]!, scanSecrets(stripe))).toBe(scanSecrets(stripe)[0]!.masked);
  });

  it('masks every key in the window whatever order the matches come in, and each once', () => {
    const text = `x=${stripe};${openai}`;
    const all = scanSecrets(text);
    const [s, o] = all;
    for (const m of [s!, o!]) {
      const sorted = maskedContext(text, m, [s!, o!]);
      expect(sorted).toContain(`${s!.masked};${o!.masked}`);
      expect(maskedContext(text, m, [o!, s!])).toBe(sorted);
      // The same span reported twice (two providers): masked once.
      expect(maskedContext(text, m, [s!, { ...s!, provider: 'other' }, o!])).toBe(sorted);
    }
  });

  it('never shows part of a key that starts before the window or overlaps the one before', () => {
    /** Any 8 chars of the key's middle (the preview shows at most its prefix and last 4) found in `out`. */
    const leaked = (out: string, key: string) => {
      for (let i = 8; i + 8 <= key.length - 4; i++) if (out.includes(key.slice(i, i + 8))) return key.slice(i, i + 8);
      return undefined;
    };
    // Two keys a line apart, as in a .env blob: the window around the second starts inside the first.
    const text = `STRIPE_KEY=${stripe}\nOPENAI_KEY=${openai}\n`;
    const all = scanSecrets(text);
    expect(all.map((m) => m.provider)).toEqual(['stripe-secret-key', 'openai-api-key']);
    const out = maskedContext(text, all[1]!, all);
    expect(out).toBe(`…${all[0]!.masked} OPENAI_KEY=${all[1]!.masked} `);
    expect(leaked(out, stripe)).toBeUndefined();
    // Overlapping spans (a wider match over a narrower one): both masked, nothing of either shown between them.
    const [s] = all;
    const inner = { ...s!, start: s!.start + 10, end: s!.end + 5, masked: '[inner]' };
    const both = maskedContext(text, s!, [s!, inner]);
    expect(leaked(both, stripe)).toBeUndefined();
    expect(both).toContain(`${s!.masked}[inner]`);
  });

  it('leaves out a key that starts right where the window ends', () => {
    const text = `${stripe}${' '.repeat(32)}${openai}`;
    const all = scanSecrets(text);
    expect(all[1]!.start).toBe(all[0]!.end + 32);
    expect(maskedContext(text, all[0]!, all)).toBe(`${all[0]!.masked} …`);
  });

  it('ignores matches outside the window', () => {
    const text = `${stripe}${' '.repeat(100)}${openai}`;
    const all = scanSecrets(text);
    expect(maskedContext(text, all[0]!, all)).toBe(`${all[0]!.masked} …`);
    expect(maskedContext(text, all[1]!, all)).toBe(`… ${all[1]!.masked}`);
  });
});

describe('where a key was found', () => {
  it('names each kind of source, and files it under its location kind', () => {
    expect(describeSource(src('script', '', 'https://app.example.com/a.js', 'a.js'))).toBe('the script a.js');
    expect(describeSource(src('request-url', '', 'https://api.example.com/', 'GET api.example.com'))).toBe('a request the page made (GET api.example.com)');
    expect(describeSource(src('storage-key', '', 'https://app.example.com/', 'localStorage'))).toBe('a browser-storage key name');
    expect(describeSource(src('html', '', 'https://app.example.com/', 'page HTML'))).toBe('the page HTML');
    expect(describeSource(src('inline-script', '', 'https://app.example.com/', 'inline script 2'))).toBe('the inline script 2');
    const kinds: Source['kind'][] = ['script', 'inline-script', 'data-blob', 'html', 'request-url', 'storage-key'];
    expect(kinds.map((k) => LOCATION_KIND[k]).join(' ')).toBe('script page page page request storage');
  });

  it('drafts one finding per kept key, with its masked evidence and location', () => {
    const e = withSources([src('inline-script', `const k = "${stripe}"; const o = "${openai}";`, 'https://app.example.com/', 'inline script 1')]);
    const drafts = keyDrafts(e, (m) => m.provider === 'stripe-secret-key');
    expect(drafts).toHaveLength(1);
    const d = drafts[0]!;
    expect(d.match.provider).toBe('stripe-secret-key');
    expect(d.location).toEqual({ kind: 'page', url: 'https://app.example.com/', name: 'inline script 1' });
    expect(d.data).toMatchObject({ provider: d.match.providerName, masked: d.match.masked, where: 'the inline script 1' });
    expect(d.evidence.startsWith('inline script 1: ')).toBe(true);
    expect(d.identity).toBe(d.match.fingerprint);
    expect(JSON.stringify(drafts)).not.toContain(stripe);
  });
});
