import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEBOUNCE_MS, MAX_FIELD_CHARS, fieldLabel, inPrivateRow, startFieldGuard, type FieldMatch, type GuardHooks } from '@/in-page/guard';

/** The events below are dispatched by the test (untrusted): the trust check is injected, as in the browser they are the user's. */
const TRUSTED = { isTrusted: () => true };

const KEY = ['tok', 'en', '_', 'Z'.repeat(20)].join(''); // what the fake scanner "detects"

function match(fp = 'aaaaaaaaaaaaaaaa'): FieldMatch {
  return {
    provider: 'fake',
    providerName: 'Fake key',
    exposure: 'secret',
    severity: 'critical',
    masked: 'tok…ZZZZ',
    fingerprint: fp,
    advice: '',
    rotateUrl: 'https://example.com',
  };
}

function hooks({ safe = false } = {}) {
  return {
    scan: vi.fn<GuardHooks['scan']>((text) => (text.includes(KEY) ? [match()] : [])),
    found: vi.fn<GuardHooks['found']>(),
    cleared: vi.fn<GuardHooks['cleared']>(),
    isSafe: vi.fn<GuardHooks['isSafe']>(() => safe),
  };
}

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/**
 * A paste as the browser makes it: the `paste` event with the clipboard text; then, unless a listener prevented it,
 * for a text input or textarea outside a code editor, the text inserted at the caret and an `input` event
 * (insertFromPaste) in the same task. Code editors (Monaco's textarea) insert it themselves.
 */
function paste(el: Element, text: string) {
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, composed: true, cancelable: true });
  el.dispatchEvent(ev);
  const field = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && ['text', 'search', 'url'].includes(el.type)) ? el : undefined;
  if (ev.defaultPrevented || !field || field.closest('.monaco-editor')) return;
  field.setRangeText(text, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
}

let stop: () => void = () => {};
beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('startFieldGuard', () => {
  it('scans a typed value once the user pauses, not on every keystroke', () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    for (let i = 1; i <= KEY.length; i++) type(input, KEY.slice(0, i));
    expect(h.scan).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.scan).toHaveBeenCalledTimes(1);
    expect(h.found).toHaveBeenCalledWith(input, 'Header value', expect.objectContaining({ fingerprint: 'aaaaaaaaaaaaaaaa' }), false);
  });

  it('the pause is counted from the last keystroke; the same text after a pause is not scanned again', () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    type(input, 'tok');
    vi.advanceTimersByTime(DEBOUNCE_MS - 100);
    type(input, KEY);
    vi.advanceTimersByTime(DEBOUNCE_MS - 100); // the first pause would have ended here: it did not, typing went on
    expect(h.scan).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(h.scan.mock.calls.map((c) => c[0])).toEqual([KEY]);
    expect(vi.getTimerCount()).toBe(0);
    type(input, KEY); // an input that changed nothing (e.g. a character typed and deleted)
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.scan).toHaveBeenCalledTimes(1);
    type(input, `${KEY} `);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.scan).toHaveBeenCalledTimes(2);
  });

  it('a text whose scan failed is scanned again at the next pause', async () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    const h = hooks();
    h.scan.mockImplementationOnce(() => Promise.reject(new Error('the background did not answer')));
    stop = startFieldGuard(document, h, TRUSTED);
    type(input, KEY);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(h.found).not.toHaveBeenCalled();
    type(input, KEY);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(h.scan).toHaveBeenCalledTimes(2);
    expect(h.found).toHaveBeenCalledTimes(1);
  });

  it('scans a paste at once, from the clipboard text', () => {
    document.body.innerHTML = '<div class="monaco-editor"><textarea class="inputarea"></textarea></div>';
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(document.querySelector('textarea')!, `select '${KEY}';`);
    expect(h.found).toHaveBeenCalledTimes(1);
    expect(h.found.mock.calls[0]![1]).toBe('code editor');
  });

  it('scans a paste into a plain field at once from the field, once the browser inserted it, without reading the clipboard', () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    input.value = 'Bearer ';
    const getData = vi.spyOn(DataTransfer.prototype, 'getData');
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(input, KEY);
    expect(getData).not.toHaveBeenCalled();
    expect(h.scan).toHaveBeenCalledTimes(1);
    expect(h.scan.mock.calls[0]![0]).toBe(`Bearer ${KEY}`); // the field's text, the paste in it
    expect(h.found).toHaveBeenCalledWith(input, 'Header value', expect.objectContaining({ fingerprint: 'aaaaaaaaaaaaaaaa' }), false);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.scan).toHaveBeenCalledTimes(1); // the typing pause reads the same text: not scanned again
    expect(h.found).toHaveBeenCalledTimes(1);
    getData.mockRestore();
  });

  it('a paste into a plain field whose insertion the page prevented is read from the field at the next task', () => {
    document.body.innerHTML = '<textarea aria-label="Notes"></textarea>';
    const ta = document.querySelector('textarea')!;
    // The page inserts the pasted text itself (e.g. trimmed), with no input event.
    ta.addEventListener('paste', (e) => {
      e.preventDefault();
      ta.value = (e as ClipboardEvent).clipboardData!.getData('text/plain').trim();
    });
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(ta, `  ${KEY}  `);
    expect(h.scan).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(h.scan.mock.calls.map((c) => c[0])).toEqual([KEY]);
    expect(h.found).toHaveBeenCalledTimes(1);
  });

  it('reads a paste into a code editor’s input from the clipboard (Monaco, Ace, CodeMirror insert it themselves)', () => {
    for (const editor of ['monaco-editor', 'ace_editor', 'CodeMirror']) {
      document.body.innerHTML = `<div class="${editor}"><textarea></textarea></div>`;
      const h = hooks();
      stop = startFieldGuard(document, h, TRUSTED);
      const ta = document.querySelector('textarea')!;
      ta.addEventListener('paste', (e) => e.preventDefault()); // as Monaco and Ace do: the text never reaches the textarea
      paste(ta, `select '${KEY}';`);
      expect(
        h.scan.mock.calls.map((c) => c[0]),
        editor,
      ).toEqual([`select '${KEY}';`]);
      stop();
    }
  });

  it('asks whether the field is a safe store only for a key new to it, once per check', () => {
    document.body.innerHTML = '<textarea name="body"></textarea>';
    const ta = document.querySelector('textarea')!;
    const h = hooks();
    h.scan.mockImplementation((text) => [...(text.includes(KEY) ? [match('a'.repeat(16))] : []), ...(text.includes('SECOND') ? [match('b'.repeat(16))] : [])]);
    stop = startFieldGuard(document, h, TRUSTED);
    type(ta, 'plain text');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.isSafe).not.toHaveBeenCalled(); // no key
    type(ta, `${KEY} SECOND`);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.found).toHaveBeenCalledTimes(2);
    expect(h.isSafe).toHaveBeenCalledTimes(1); // two new keys, one question
    type(ta, `${KEY} SECOND and more typing`);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.isSafe).toHaveBeenCalledTimes(1); // the same keys again: nothing new to ask about
  });

  it('reports a key once per field, and reports it cleared when the field no longer holds it', () => {
    document.body.innerHTML = '<textarea name="body"></textarea>';
    const ta = document.querySelector('textarea')!;
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    type(ta, `a ${KEY}`);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    type(ta, `a ${KEY} b`);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.found).toHaveBeenCalledTimes(1);
    type(ta, 'a b');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.cleared).toHaveBeenCalledWith(ta, 'aaaaaaaaaaaaaaaa');
  });

  it('never reads password fields, checkboxes or file inputs', () => {
    document.body.innerHTML = '<input type="password"><input type="checkbox"><input type="file">';
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    for (const el of document.querySelectorAll('input')) {
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      paste(el, KEY);
    }
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    expect(h.scan).not.toHaveBeenCalled();
  });

  it('guards contenteditable code editors', () => {
    document.body.innerHTML = '<div contenteditable="true" aria-label="Expression"><span>x</span></div>';
    const ed = document.querySelector('div')!;
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    ed.firstElementChild!.textContent = KEY;
    ed.firstElementChild!.dispatchEvent(new InputEvent('input', { bubbles: true }));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.found.mock.calls[0]![1]).toBe('Expression');
  });

  it('passes "safe" through when the field is the platform’s private store', () => {
    document.body.innerHTML = '<input aria-label="v">';
    const h = hooks({ safe: true });
    stop = startFieldGuard(document, h, TRUSTED);
    paste(document.querySelector('input')!, KEY);
    expect(h.found.mock.calls[0]![3]).toBe(true);
  });

  it('caps what it reads from a huge field', () => {
    document.body.innerHTML = '<textarea></textarea>';
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    type(document.querySelector('textarea')!, 'x'.repeat(MAX_FIELD_CHARS * 3));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.scan.mock.calls[0]![0].length).toBe(MAX_FIELD_CHARS);
  });

  it('does nothing at all while nothing is typed, and stops cleanly', () => {
    const add = vi.spyOn(document, 'addEventListener');
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    expect(add.mock.calls.map((c) => c[0]).sort()).toEqual(['input', 'paste']);
    expect(vi.getTimerCount()).toBe(0);
    stop();
    document.body.innerHTML = '<input>';
    paste(document.querySelector('input')!, KEY);
    expect(h.scan).not.toHaveBeenCalled();
  });
});

describe('startFieldGuard: only the user’s own input counts (issue 10 item 6)', () => {
  it('ignores paste and input events the page dispatched itself (not trusted)', () => {
    document.body.innerHTML = '<input aria-label="Header value"><textarea></textarea>';
    const h = hooks();
    stop = startFieldGuard(document, h); // the default check: event.isTrusted
    paste(document.querySelector('input')!, KEY);
    type(document.querySelector('textarea')!, KEY);
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    expect(h.scan).not.toHaveBeenCalled();
    expect(h.found).not.toHaveBeenCalled();
  });

  it('a forged input cannot clear a finding while the key is still in the field', () => {
    document.body.innerHTML = '<textarea name="body"></textarea>';
    const ta = document.querySelector('textarea')!;
    const h = hooks();
    let trusted = true;
    stop = startFieldGuard(document, h, { isTrusted: () => trusted });
    type(ta, `a ${KEY}`);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.found).toHaveBeenCalledTimes(1);
    trusted = false; // the page now dispatches input events of its own
    ta.value = '';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    ta.value = `a ${KEY}`; // …and puts the key back once the guard looked
    expect(h.cleared).not.toHaveBeenCalled();
  });

  it('re-reads the field before clearing: a stale scan does not clear a key the field holds again', () => {
    document.body.innerHTML = '<textarea name="body"></textarea>';
    const ta = document.querySelector('textarea')!;
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    type(ta, KEY);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    // The first scan of the next check sees no key (e.g. the value was swapped while it was read); the re-read does.
    h.scan.mockImplementationOnce(() => []);
    type(ta, `${KEY} `);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.cleared).not.toHaveBeenCalled();
    type(ta, 'gone');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.cleared).toHaveBeenCalledTimes(1);
  });

  it('never clears a code editor’s finding from its DOM text (the DOM holds only the visible lines)', () => {
    document.body.innerHTML = '<div class="monaco-editor"><textarea class="inputarea"></textarea></div>';
    const ta = document.querySelector('textarea')!;
    const h = hooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(ta, `select '${KEY}';`);
    type(ta, 'x');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(h.found).toHaveBeenCalledTimes(1);
    expect(h.cleared).not.toHaveBeenCalled();
  });
});

describe('fieldLabel', () => {
  it.each([
    ['<input aria-label="Header value">', 'Header value'],
    ['<label for="a">API key</label><input id="a">', 'API key'],
    ['<label>Token <input></label>', 'Token'],
    ['<input placeholder="Value">', 'Value'],
    ['<input name="secret-value">', 'secret-value'],
  ])('%s → %s', (html, label) => {
    document.body.innerHTML = html;
    expect(fieldLabel(document.querySelector('input')!)).toBe(label);
  });
});

describe('inPrivateRow (Bubble API Connector)', () => {
  it('is true only when the row’s "Private" box is ticked', () => {
    document.body.innerHTML = `
      <div class="r1"><input class="v"><label><input type="checkbox"> Private</label></div>
      <div class="r2"><input class="v"><label><input type="checkbox" checked> Private</label></div>
      <div class="r3"><input class="v"><label><input type="checkbox" checked> Optional</label></div>`;
    const [a, b, c] = [...document.querySelectorAll<HTMLInputElement>('input.v')];
    expect(inPrivateRow(a!)).toBe(false);
    expect(inPrivateRow(b!)).toBe(true);
    expect(inPrivateRow(c!)).toBe(false);
  });

  it('does not borrow another row’s "Private" box', () => {
    document.body.innerHTML = `
      <div class="r1"><input class="v"><label><input type="checkbox" checked> Private</label></div>
      <div class="r2"><input class="v"></div>`;
    expect(inPrivateRow(document.querySelectorAll<HTMLInputElement>('input.v')[1]!)).toBe(false);
  });
});

describe('startFieldGuard with an engine loaded on first need (in-page/scanner.ts)', () => {
  /** `ready` as the builder content scripts pass it: one load, resolved (or rejected) by the test. */
  function lazyHooks() {
    let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
    let loading: Promise<void> | undefined;
    const h = {
      ...hooks(),
      ready: vi.fn(() => (loading ??= new Promise<void>((resolve, reject) => (settle = { resolve, reject })))),
    };
    return { h, load: () => settle!.resolve(), fail: () => settle!.reject(new Error('not injected')) };
  }

  it('starts loading at the first keystroke and scans once both the pause and the load are over', async () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    const { h, load } = lazyHooks();
    stop = startFieldGuard(document, h, TRUSTED);
    type(input, KEY.slice(0, 1));
    expect(h.ready).toHaveBeenCalledTimes(1); // before the pause: loading overlaps it
    type(input, KEY);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    await Promise.resolve();
    expect(h.scan).not.toHaveBeenCalled(); // not loaded yet
    load();
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledTimes(1));
    expect(h.scan).toHaveBeenCalledTimes(1);
  });

  it('a paste made before the engine is loaded is scanned from the clipboard text once it is, in event order', async () => {
    document.body.innerHTML = '<div class="monaco-editor"><textarea class="inputarea"></textarea></div><textarea name="b"></textarea>';
    const [code, other] = [...document.querySelectorAll('textarea')];
    const { h, load } = lazyHooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(code!, `select '${KEY}';`);
    paste(other!, 'nothing here');
    expect(h.scan).not.toHaveBeenCalled();
    load();
    await vi.waitFor(() => expect(h.scan).toHaveBeenCalledTimes(2));
    expect(h.scan.mock.calls.map((c) => c[0])).toEqual([`select '${KEY}';`, 'nothing here']);
    expect(h.found).toHaveBeenCalledWith(code, 'code editor', expect.objectContaining({ fingerprint: 'aaaaaaaaaaaaaaaa' }), false);
  });

  it('when the engine cannot be loaded, nothing is scanned, nothing throws, and a later input tries again', async () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    let injected = false;
    const h = { ...hooks(), ready: vi.fn(() => (injected ? Promise.resolve() : Promise.reject(new Error('not injected')))) };
    stop = startFieldGuard(document, h, TRUSTED);
    type(input, KEY);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    paste(input, KEY);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(h.scan).not.toHaveBeenCalled();
    injected = true;
    type(input, `${KEY} `);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledTimes(1));
  });

  it('a paste whose engine load failed is scanned from its clipboard text once a later load succeeds', async () => {
    document.body.innerHTML = '<div class="monaco-editor"><textarea class="inputarea"></textarea></div>';
    const code = document.querySelector('textarea')!;
    let injected = false;
    const h = { ...hooks(), ready: vi.fn(() => (injected ? Promise.resolve() : Promise.reject(new Error('not injected')))) };
    stop = startFieldGuard(document, h, TRUSTED);
    paste(code, `select '${KEY}';`); // Monaco: the DOM will not hold this text, only the clipboard did
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(h.scan).not.toHaveBeenCalled();
    injected = true;
    code.value = 'select 1;';
    code.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledTimes(1));
    expect(h.scan.mock.calls[0]![0]).toBe(`select '${KEY}';`);
  });

  it('focus on a field starts loading (a paste right after does not wait for it); focus elsewhere does not', () => {
    document.body.innerHTML = '<input aria-label="Header value"><input type="password"><button>Save</button>';
    const [field, secret] = [...document.querySelectorAll('input')];
    const { h } = lazyHooks();
    stop = startFieldGuard(document, h, TRUSTED);
    document.querySelector('button')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    secret!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(h.ready).not.toHaveBeenCalled();
    field!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(h.ready).toHaveBeenCalledTimes(1);
    expect(h.scan).not.toHaveBeenCalled();
  });

  it('a focus the page dispatches itself loads nothing', () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const { h } = lazyHooks();
    stop = startFieldGuard(document, h); // the real trust check: these test events are untrusted
    document.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(h.ready).not.toHaveBeenCalled();
  });
});

describe('startFieldGuard with scans answered later (the builder content scripts scan in the background)', () => {
  /** A scan whose answers the test gives, one per call, in any order. */
  function laterHooks() {
    const answers: { text: string; resolve: (m: FieldMatch[]) => void; reject: (e: Error) => void }[] = [];
    const h = {
      ...hooks(),
      scan: vi.fn<GuardHooks['scan']>((text) => new Promise<FieldMatch[]>((resolve, reject) => answers.push({ text, resolve, reject }))),
    };
    const answer = (i: number) => answers[i]!.resolve(answers[i]!.text.includes(KEY) ? [match()] : []);
    return { h, answers, answer };
  }
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it('reports a key once its scan answers', async () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    const { h, answer } = laterHooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(input, KEY);
    expect(h.found).not.toHaveBeenCalled();
    answer(0);
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledExactlyOnceWith(input, 'Header value', match(), false));
  });

  it('a field’s scans run one after another in event order: a later edit that removed the key clears it after it was found', async () => {
    document.body.innerHTML = '<input aria-label="Header value">';
    const input = document.querySelector('input')!;
    const { h, answers, answer } = laterHooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(input, KEY);
    type(input, 'nothing');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    await settle();
    expect(answers).toHaveLength(1); // the edit's scan waits for the paste's answer
    answer(0);
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(h.found).toHaveBeenCalledTimes(1);
    answer(1); // the edit: no key; a fresh read of the field confirms it is gone
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    expect(answers[2]!.text).toBe('nothing');
    answer(2);
    await vi.waitFor(() => expect(h.cleared).toHaveBeenCalledExactlyOnceWith(input, 'aaaaaaaaaaaaaaaa'));
  });

  it('other fields do not wait for a field’s pending scan', async () => {
    document.body.innerHTML = '<input name="a"><input name="b">';
    const [a, b] = [...document.querySelectorAll('input')];
    const { h, answers, answer } = laterHooks();
    stop = startFieldGuard(document, h, TRUSTED);
    paste(a!, 'plain');
    paste(b!, KEY);
    await settle();
    expect(answers.map((x) => x.text)).toEqual(['plain', KEY]);
    answer(1);
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledWith(b, 'b', match(), false));
  });

  it('a paste whose scan failed (the background did not answer) is scanned from its clipboard text with the next scan', async () => {
    document.body.innerHTML = '<div class="monaco-editor"><textarea class="inputarea"></textarea></div>';
    const code = document.querySelector('textarea')!;
    const { h, answers, answer } = laterHooks();
    stop = startFieldGuard(document, { ...h, ready: () => Promise.resolve() }, TRUSTED);
    paste(code, `select '${KEY}';`);
    await settle();
    answers[0]!.reject(new Error('Extension context invalidated'));
    await settle();
    expect(h.found).not.toHaveBeenCalled();
    paste(code, 'select 1;');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(answers[1]!.text).toBe(`select '${KEY}';`); // the kept paste first, in event order
    answer(1);
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    expect(answers[2]!.text).toBe('select 1;');
  });

  it('a paste whose scan threw is kept and scanned from its clipboard text with the next input, before it', async () => {
    document.body.innerHTML = '<div class="monaco-editor"><textarea class="inputarea"></textarea></div>';
    const code = document.querySelector('textarea')!;
    const h = hooks();
    h.scan.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    stop = startFieldGuard(document, h, TRUSTED);
    paste(code, `select '${KEY}';`); // Monaco: the DOM will not hold this text, only the clipboard did
    await vi.waitFor(() => expect(h.scan).toHaveBeenCalledTimes(1));
    expect(h.found).not.toHaveBeenCalled();
    await Promise.resolve(); // the failure is recorded once the throw has settled
    paste(code, 'select 1;');
    await vi.waitFor(() => expect(h.found).toHaveBeenCalledTimes(1));
    expect(h.scan.mock.calls.map((c) => c[0])).toEqual([`select '${KEY}';`, `select '${KEY}';`, 'select 1;']);
  });
});
