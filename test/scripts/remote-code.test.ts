/**
 * The "no remote code" check (scripts/lib/remote-code.ts) that test/e2e/manifest.e2e.test.ts runs over both built
 * packages: each kind of finding on a snippet that has it (the check can fail), and the look-alikes it must let
 * through (the rule catalogue's text names eval and new Function; relative imports; timers given functions).
 */
import { describe, expect, it } from 'vitest';
import { checkHtml, checkScript } from '../../scripts/lib/remote-code';

const whats = (src: string) => checkScript('x.js', src).map((f) => f.what);

describe('checkScript', () => {
  it.each([
    ['eval("1+1")', 'eval() call'],
    ['globalThis.eval(code)', 'eval() call'],
    ['(0, eval)(code)', 'eval() call'],
    ['new Function("return 1")', 'new Function()'],
    ['Function("return this")()', 'Function()'],
    ['window["Function"]("x")', 'Function()'],
    ['setTimeout("alert(1)", 10)', 'setTimeout with a string'],
    ['self.setInterval(`tick()`, 10)', 'setInterval with a string'],
    ['importScripts("https://cdn.example/x.js")', 'importScripts()'],
    ['import("https://cdn.example/x.js")', 'dynamic import() of a computed or absolute address'],
    ['import(url)', 'dynamic import() of a computed or absolute address'],
    ['import x from "https://cdn.example/x.js"; x()', 'import from "https://cdn.example/x.js"'],
    ['export * from "//cdn.example/x.js"', 'import from "//cdn.example/x.js"'],
  ])('flags %s', (src, what) => expect(whats(src)).toEqual([what]));

  it('lets the look-alikes through', () => {
    const src = [
      `const rule = { rationale: "'unsafe-eval' lets strings become code (eval, new Function)", message: "eval() ('unsafe-eval')" };`,
      'setTimeout(() => run(), 10); setInterval(tick, 50);',
      'import a from "./chunk-1.js"; export { b } from "../b.js"; import("/chunks/c.js");',
      'const o = { eval: 1, Function: 2 }; o.eval; myEval("x"); obj.Function("x");',
    ].join('\n');
    expect(checkScript('ok.js', src)).toEqual([]);
  });

  it('reads a classic script that is not a module (a top-level `with`, an IIFE)', () => {
    expect(checkScript('iife.js', 'var x = (function(){ with (Math) { return eval("PI"); } })();').map((f) => f.what)).toEqual(['eval() call']);
  });

  it('reports a file it cannot parse instead of passing it', () => {
    expect(whats('function (')[0]).toMatch(/^not parsable/);
  });
});

describe('checkHtml', () => {
  it('lets a page with relative scripts and styles through', () => {
    const html = `<script src="/popup-prefetch.js"></script><script type="module" crossorigin src="/chunks/popup.js"></script>
      <link rel="modulepreload" crossorigin href="/chunks/a.js"><link rel="stylesheet" href="./style.css"><div id="app"></div>`;
    expect(checkHtml('popup.html', html)).toEqual([]);
  });

  it.each([
    ['<script src="https://cdn.example/x.js"></script>', '<script src="https://cdn.example/x.js">'],
    ["<script src='//cdn.example/x.js'></script>", '<script src="//cdn.example/x.js">'],
    ['<script>alert(1)</script>', 'inline <script> with code'],
    ['<link rel="stylesheet" href="https://cdn.example/x.css">', '<link href="https://cdn.example/x.css">'],
    ['<button onclick="go()">Go</button>', 'inline event handler onclick='],
  ])('flags %s', (html, what) => expect(checkHtml('p.html', html).map((f) => f.what)).toEqual([what]));
});
