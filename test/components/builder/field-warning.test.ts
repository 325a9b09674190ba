/** components/builder/field-warning.ts: the in-page warning next to a builder field, drawn with plain DOM. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderFieldWarnings, type WarningItem } from '@/components/builder/field-warning';

const item = (id: string, over: Partial<WarningItem> = {}): WarningItem => ({
  id,
  rect: () => undefined,
  field: `Header ${id}`,
  providerName: 'Stripe',
  exposure: 'secret',
  masked: 'sk_l…abcd',
  why: 'Sent to every visitor.',
  safePlace: 'Mark the header "Private".',
  rotateUrl: 'https://dashboard.stripe.com/apikeys',
  ...over,
});

let container: HTMLElement;
const setUp = () => (container = document.body.appendChild(document.createElement('div')));
const cards = () => [...container.querySelectorAll<HTMLElement>('.maa-card')];
afterEach(() => container?.remove());

describe('renderFieldWarnings', () => {
  it('draws one card per warning with its headline, provider, masked key, field, advice and actions', () => {
    setUp();
    renderFieldWarnings(container, [item('a'), item('b', { exposure: 'capability', providerName: 'Slack', rotateUrl: '' })], () => undefined, 3);
    const [a, b] = cards();
    expect(cards()).toHaveLength(2);
    expect(container.querySelector('.maa-stack')?.getAttribute('data-tick')).toBe('3');
    expect(a!.getAttribute('role')).toBe('alert');
    expect(a!.getAttribute('data-maa-warning')).toBe('secret');
    expect(a!.className).toBe('maa-card maa-secret');
    expect(a!.querySelector('.maa-title')?.textContent).toBe('Secret key in a field that is not private');
    expect(a!.getAttribute('aria-labelledby')).toBe(a!.querySelector('.maa-title')?.id);
    expect(a!.textContent).toContain('Stripe sk_l…abcd in “Header a”.');
    expect(a!.textContent).toContain('Sent to every visitor.');
    expect(a!.textContent).toContain('Instead: Mark the header "Private".');
    expect(a!.querySelector('a')?.getAttribute('href')).toBe('https://dashboard.stripe.com/apikeys');
    expect(a!.querySelector('a')?.getAttribute('rel')).toBe('noreferrer noopener');
    expect(a!.querySelector('button')?.getAttribute('aria-label')).toBe('Dismiss the warning about Stripe');
    expect(b!.querySelector('.maa-title')?.textContent).toBe('Webhook URL in a field that is not private');
    expect(b!.querySelector('a')).toBeNull(); // no rotate link without an allow-listed one
  });

  it('sets page strings as text, never as markup', () => {
    setUp();
    const evil = '<img src=x onerror="window.__pwned=1">';
    renderFieldWarnings(container, [item('a', { field: evil, providerName: evil, masked: evil })], () => undefined);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain(evil);
  });

  it('places the card below the field, or above it near the bottom of the window', () => {
    setUp();
    const rect = (top: number, bottom: number, left: number) => () => ({ top, bottom, left }) as DOMRect;
    renderFieldWarnings(
      container,
      [item('a', { rect: rect(100, 130, 40) }), item('b', { rect: rect(window.innerHeight - 40, window.innerHeight - 10, 40) })],
      () => undefined,
    );
    const [a, b] = cards();
    expect(a!.style.top).toBe('136px');
    expect(a!.style.left).toBe('40px');
    expect(b!.style.top).toBe(`${window.innerHeight - 40 - 186}px`);
  });

  it('keeps each card across redraws (focus survives), moves it, and removes cards of gone warnings', () => {
    setUp();
    let top = 100;
    const a = item('a', { rect: () => ({ top, bottom: top + 20, left: 10 }) as DOMRect });
    renderFieldWarnings(container, [a, item('b')], () => undefined, 1);
    const [cardA, cardB] = cards();
    cardA!.querySelector('button')!.focus();
    top = 300;
    renderFieldWarnings(container, [a, item('b')], () => undefined, 2);
    expect(cards()[0]).toBe(cardA);
    expect(cardA!.style.top).toBe('326px');
    expect(document.activeElement).toBe(cardA!.querySelector('button'));
    renderFieldWarnings(container, [item('b'), a, item('c')], () => undefined, 3);
    expect(cards()).toEqual([cardB, cardA, expect.any(HTMLElement)]);
    expect(cards()[2]!.textContent).toContain('Header c');
    renderFieldWarnings(container, [item('c')], () => undefined, 4);
    expect(cards()).toHaveLength(1);
    expect(cardA!.isConnected).toBe(false);
    renderFieldWarnings(container, [], () => undefined, 5);
    expect(cards()).toHaveLength(0);
    expect(container.querySelector('.maa-stack')?.getAttribute('data-tick')).toBe('5');
  });

  it('"Dismiss" and Escape dismiss their own warning', () => {
    setUp();
    const onDismiss = vi.fn();
    renderFieldWarnings(container, [item('a'), item('b')], onDismiss);
    cards()[1]!.querySelector('button')!.click();
    expect(onDismiss).toHaveBeenLastCalledWith('b');
    cards()[0]!
      .querySelector('button')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onDismiss).toHaveBeenLastCalledWith('a');
    cards()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onDismiss).toHaveBeenCalledTimes(2);
  });

  it('starts over when the page emptied the container', () => {
    setUp();
    renderFieldWarnings(container, [item('a')], () => undefined);
    container.replaceChildren();
    renderFieldWarnings(container, [item('a')], () => undefined);
    expect(cards()).toHaveLength(1);
  });
});
