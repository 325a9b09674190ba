/**
 * in-page/show-me.ts: finds the element by visible text or a field's label (never a class), highlights it for a
 * moment, and answers only the extension itself. The DOM below models the editors' visible wording only (Bubble:
 * Data → Privacy lists types by display name, shared/reference/builders.md; Glide: the data editor's "Data sources"
 * list of tables, bubble-glide.md §4) with hashed class names that the finder must not need.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHOW_ME } from '@/engine/show-me';
import { HIGHLIGHT_MS, findByText, findField, onShowMeMessage, showMe } from '@/in-page/show-me';

afterEach(() => {
  document.body.innerHTML = '';
});

const PRIVACY = `
  <div class="x9f2a"><h3 class="k1">Data types</h3>
    <ul role="list" class="q8">
      <li role="listitem" class="a1b2"><span class="z">User</span></li>
      <li role="listitem" class="a1b3"><span class="z">Poll answer</span></li>
      <li role="listitem" class="a1b4" hidden><span class="z">Secret type</span></li>
    </ul>
  </div>`;

describe('findByText', () => {
  it('the innermost visible element whose whole text matches, loosely (case, spaces, quotes)', () => {
    document.body.innerHTML = PRIVACY;
    const el = findByText(document, ['  poll   ANSWER '])!;
    expect(el.tagName).toBe('SPAN');
    expect(el.textContent).toBe('Poll answer');
  });

  it('falls back to the next text; hidden elements and partial matches do not count', () => {
    document.body.innerHTML = PRIVACY;
    expect(findByText(document, ['Secret type'])).toBeUndefined();
    expect(findByText(document, ['Poll'])).toBeUndefined();
    expect(findByText(document, ['Missing', 'User'])?.textContent).toBe('User');
  });
});

describe('findField', () => {
  it('by the label the paste guard reported (aria-label, label[for], wrapping label, placeholder)', () => {
    document.body.innerHTML = `
      <input class="h1" aria-label="API key" value="not read">
      <label for="t">Authorization</label><input id="t" class="h2">
      <label>Webhook URL <textarea class="h3"></textarea></label>
      <input placeholder="Bearer token" class="h4">`;
    expect(findField(document, ['api key'])?.className).toBe('h1');
    expect(findField(document, ['Authorization'])?.className).toBe('h2');
    expect(findField(document, ['Webhook URL'])?.className).toBe('h3');
    expect(findField(document, ['Bearer token'])?.className).toBe('h4');
    expect(findField(document, ['Nothing'])).toBeUndefined();
  });

  it('a field after a text naming it (no label element)', () => {
    document.body.innerHTML = '<div><div>Secret key</div><input class="near"></div>';
    expect(findField(document, ['Secret key'])?.className).toBe('near');
  });
});

describe('showMe', () => {
  it('scrolls to the element and outlines it, then restores its outline', () => {
    document.body.innerHTML = PRIVACY;
    const later: (() => void)[] = [];
    const span = findByText(document, ['User'])!;
    span.style.outline = '1px dotted green';
    const before = span.style.outline;
    const scroll = vi.fn();
    span.scrollIntoView = scroll;
    expect(
      showMe(document, { type: SHOW_ME, texts: ['User'], field: false }, (fn, ms) => {
        expect(ms).toBe(HIGHLIGHT_MS);
        later.push(fn);
      }),
    ).toBe(true);
    expect(scroll).toHaveBeenCalledWith({ block: 'center', behavior: 'smooth' });
    expect(span.style.outline).toMatch(/3px/);
    later.forEach((fn) => {
      fn();
    });
    expect(span.style.outline).toBe(before);
    expect(showMe(document, { type: SHOW_ME, texts: ['Nope'], field: false }, () => undefined)).toBe(false);
  });
});

describe('onShowMeMessage', () => {
  const ctx = { setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms) };
  const OWN = 'moz-extension://our-uuid/';
  const listener = onShowMeMessage(document, ctx, 'our-id', OWN);
  const msg = { type: SHOW_ME, texts: ['User'], field: false };

  it('answers the extension’s own popup', async () => {
    document.body.innerHTML = PRIVACY;
    await expect(listener(msg, { id: 'our-id' })).resolves.toEqual({ ok: true });
    await expect(listener({ ...msg, texts: ['Nope'] }, { id: 'our-id' })).resolves.toEqual({ ok: false });
  });

  it('answers the popup when Firefox names a tab for it (it runs in one): told apart by its extension address', async () => {
    document.body.innerHTML = PRIVACY;
    await expect(listener(msg, { id: 'our-id', tab: { id: 3 } as never, url: `${OWN}popup.html?tab=7` })).resolves.toEqual({ ok: true });
    expect(listener(msg, { id: 'our-id', tab: { id: 3 } as never, url: 'https://bubble.io/page?id=x' })).toBeUndefined();
  });

  it('ignores another extension, a content script in a tab, and anything that is not exactly a show-me request', () => {
    document.body.innerHTML = PRIVACY;
    expect(listener(msg, { id: 'other' })).toBeUndefined();
    expect(listener(msg, { id: 'our-id', tab: { id: 3 } as never })).toBeUndefined();
    expect(listener({ ...msg, extra: true }, { id: 'our-id' })).toBeUndefined();
    expect(listener({ type: 'page:highlight', name: 'User', kind: 'builder' }, { id: 'our-id' })).toBeUndefined();
  });
});
