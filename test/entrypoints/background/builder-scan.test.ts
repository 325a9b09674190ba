/**
 * `builder:scan`: the background scans a builder field's text for the content script's field guard
 * (in-page/scanner.ts `scanInBackground`), answers with masked matches only, and only to our content script in the
 * top frame of a builder host's tab. Keys are built at run time.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, scanField } from '@/entrypoints/background';
import { DEFAULT_MAX_BYTES } from '@/utils/secrets';
import { FAKE_KEYS, seeded } from '../../utils/secrets/fake-keys';

type Sender = Parameters<typeof handleMessage>[1];
const EDITOR = 'https://bubble.io/page?id=my-app&tab=tabs-2';
const STRIPE = FAKE_KEYS['stripe-secret-key'](seeded(7)).value;
const PUBLISHABLE = FAKE_KEYS['stripe-publishable-key'](seeded(8)).value;

const sender = (over: Partial<Sender> = {}, url = EDITOR): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId: 0,
  tab: { id: 4, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url } as Sender['tab'],
  ...over,
});

beforeEach(() => fakeBrowser.reset());

describe('builder:scan', () => {
  it('answers with the keys in the text, masked, with what the guard shows: never the raw value or its offsets', async () => {
    const reply = await handleMessage({ type: 'builder:scan', text: `Authorization: Bearer ${STRIPE}`, field: 'Header value' }, sender());
    expect(reply).toMatchObject({ ok: true, matches: [{ provider: 'stripe-secret-key', exposure: 'secret', severity: 'critical' }] });
    const [m] = (reply as { matches: Record<string, unknown>[] }).matches;
    expect(Object.keys(m!).sort()).toEqual(['advice', 'exposure', 'fingerprint', 'masked', 'provider', 'providerName', 'rotateUrl', 'severity']);
    expect(JSON.stringify(reply)).not.toContain(STRIPE);
    expect(JSON.stringify(reply)).not.toContain(STRIPE.slice(8, 20));
    expect(m!.masked).toMatch(/^sk_live_…/);
  });

  it('reports a publishable key as such (the guard shows no alarm for it), and nothing for plain text', async () => {
    expect(await handleMessage({ type: 'builder:scan', text: PUBLISHABLE, field: 'Key' }, sender())).toMatchObject({
      ok: true,
      matches: [{ exposure: 'publishable' }],
    });
    expect(await handleMessage({ type: 'builder:scan', text: 'hello world', field: 'Key' }, sender())).toEqual({ ok: true, matches: [] });
  });

  it('an empty text (the wake-up sent on the first focus) answers at once with nothing', () => {
    expect(scanField('', '')).toEqual({ ok: true, matches: [] });
  });

  it('from any page of a builder host (the guard keeps running after in-app navigation)', async () => {
    const account = 'https://supabase.com/dashboard/account/tokens';
    expect(await handleMessage({ type: 'builder:scan', text: STRIPE, field: 'x' }, sender({}, account))).toMatchObject({ ok: true, matches: [{}] });
  });

  it.each<[string, () => Sender]>([
    ['a web page that is not a builder', () => sender({}, 'https://evil.example/page?id=x')],
    ['another extension', () => sender({ id: 'someone-else' })],
    ['a sub-frame', () => sender({ frameId: 3 })],
    ['a sender without a tab', () => sender({ tab: undefined })],
    ['our popup (not a content script)', () => sender({ tab: undefined, url: fakeBrowser.runtime.getURL('/popup.html') })],
  ])('from %s: no answer', async (_, from) => {
    expect(await handleMessage({ type: 'builder:scan', text: STRIPE, field: 'x' }, from())).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['text over the engine’s cap', { type: 'builder:scan', text: 'a'.repeat(DEFAULT_MAX_BYTES + 1), field: 'x' }],
    ['a field name over 200 characters', { type: 'builder:scan', text: STRIPE, field: 'f'.repeat(201) }],
    ['text that is not a string', { type: 'builder:scan', text: { toString: () => STRIPE }, field: 'x' }],
    ['an extra field', { type: 'builder:scan', text: STRIPE, field: 'x', tabId: 1 }],
  ])('%s: not a message of ours, no answer', async (_, msg) => {
    expect(await handleMessage(msg, sender())).toBeUndefined();
  });

  it('text at the cap is scanned', async () => {
    const text = `${STRIPE} ${'a'.repeat(DEFAULT_MAX_BYTES - STRIPE.length - 1)}`;
    expect(await handleMessage({ type: 'builder:scan', text, field: 'x' }, sender())).toMatchObject({ ok: true, matches: [{ provider: 'stripe-secret-key' }] });
  });
});
