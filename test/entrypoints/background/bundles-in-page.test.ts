/**
 * entrypoints/background/bundles.ts fetchInPage, the in-page fetch fallback (issue 10 item 14): a never-ending
 * response made it read 400 MB and keep reading after the audit's timeout. It now stops the download at the byte
 * cap and aborts it at its own timeout, keeping what it read as a truncated file. The fake fetch below behaves like
 * the real one: aborting the request's signal errors its body.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchInPage } from '@/entrypoints/background/bundles';

const enc = new TextEncoder();

function endlessFetch(chunk: string, delayMs: number) {
  const state = { pulls: 0, aborted: false };
  const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
    const signal = init?.signal;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      async pull(c) {
        state.pulls++;
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        if (!signal?.aborted) c.enqueue(enc.encode(chunk));
      },
    });
    signal?.addEventListener('abort', () => {
      state.aborted = true;
      controller.error(new DOMException('The operation was aborted.', 'AbortError'));
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/javascript' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return state;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchInPage', () => {
  it('stops a never-ending download at the byte cap', async () => {
    const state = endlessFetch('x'.repeat(64 * 1024), 0);
    const [r] = await fetchInPage(['https://app.example.com/endless.js'], 1024 * 1024, 60_000);
    expect(r).toMatchObject({ url: 'https://app.example.com/endless.js', truncated: true });
    expect(r!.text!.length).toBe(1024 * 1024);
    expect(state.aborted).toBe(true);
    const pulls = state.pulls;
    await new Promise((r) => setTimeout(r, 20));
    expect(state.pulls).toBe(pulls); // nothing read after it returned
  });

  it('aborts a trickling download at its timeout and keeps what it read, truncated', async () => {
    const state = endlessFetch('var a = 1;\n', 5);
    const [r] = await fetchInPage(['https://app.example.com/trickle.js'], 5 * 1024 * 1024, 100);
    expect(state.aborted).toBe(true);
    expect(r!.truncated).toBe(true);
    expect(r!.text).toMatch(/^(var a = 1;\n)+$/);
    const pulls = state.pulls;
    await new Promise((r) => setTimeout(r, 30));
    expect(state.pulls).toBeLessThanOrEqual(pulls + 1);
  });

  it('reads a normal file whole', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('var k = 1;', { status: 200 })),
    );
    expect(await fetchInPage(['https://app.example.com/a.js'], 1000)).toEqual([{ url: 'https://app.example.com/a.js', text: 'var k = 1;', truncated: false }]);
  });
});
