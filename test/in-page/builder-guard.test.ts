/** in-page/builder-guard.ts keepInDocument: the warning's host is put back when the page removes or restyles it (issue 10 item 7). */
import { afterEach, describe, expect, it } from 'vitest';
import { keepInDocument } from '@/in-page/builder-guard';

const flush = () => new Promise((r) => setTimeout(r, 0));
let stop = () => {};
afterEach(() => {
  stop();
  document.body.innerHTML = '';
});

describe('keepInDocument', () => {
  function host() {
    const el = document.createElement('micro-app-auditor-warning');
    el.setAttribute('style', 'display:block !important');
    document.body.append(el);
    return el;
  }

  it('puts the host back when the page removes it', async () => {
    const el = host();
    stop = keepInDocument(el);
    el.remove();
    await flush();
    expect(el.isConnected).toBe(true);
  });

  it('restores its attributes when the page hides it', async () => {
    const el = host();
    stop = keepInDocument(el);
    el.setAttribute('style', 'display:none');
    el.setAttribute('hidden', '');
    await flush();
    expect(el.getAttribute('style')).toBe('display:block !important');
    expect(el.hasAttribute('hidden')).toBe(false);
  });

  it('follows the page when it replaces <body>', async () => {
    const el = host();
    stop = keepInDocument(el);
    document.documentElement.replaceChild(document.createElement('body'), document.body);
    await flush();
    expect(el.isConnected).toBe(true);
    expect(el.parentNode).toBe(document.body);
  });

  it('lets go once stopped', async () => {
    const el = host();
    keepInDocument(el)();
    el.remove();
    await flush();
    expect(el.isConnected).toBe(false);
  });
});
