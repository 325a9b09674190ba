/**
 * The contexts keys sit in on real pages: minified code, URLs, JSON, HTML attributes, escaped strings and base64
 * config blobs. Each context embeds a planted key and says where the key's (possibly encoded) form must be found.
 * Shared by the tests and the benchmark.
 */
import type { PlantedKey } from './fake-keys';

export interface Embedded {
  text: string;
  /** Expected span of the credential: the span of its encoded form when the context encodes it. */
  start: number;
  end: number;
}

/** What a context needs of a key: its value and the snippet that carries it. */
export type Embeddable = Pick<PlantedKey, 'value' | 'snippet'>;

export interface KeyContext {
  name: string;
  embed(key: Embeddable): Embedded;
}

/** A context that writes the snippet through a char-wise transform between fixed text. */
function charwise(name: string, transform: (s: string) => string, around: (inner: string) => [string, string]): KeyContext {
  return {
    name,
    embed({ snippet, value }) {
      const at = snippet.indexOf(value);
      const pre = transform(snippet.slice(0, at));
      const encoded = transform(value);
      const inner = pre + encoded + transform(snippet.slice(at + value.length));
      const [before, after] = around(inner);
      return { text: before + inner + after, start: before.length + pre.length, end: before.length + pre.length + encoded.length };
    },
  };
}

/** Context-free keys are quoted as a string literal; keys with context bring their own code. */
const asCode = (key: Embeddable) => key.snippet === key.value;
const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');
const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);
const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unicodeEscape = (s: string) => s.replace(/[^A-Za-z0-9]/g, (c) => `\\u${hex(c, 4)}`);
const hexEscape = (s: string) => s.replace(/[^A-Za-z0-9]/g, (c) => `\\x${hex(c, 2)}`);

/** In minified code, followed by each of the chars bundles put after keys: `,` `)` `}` `;` `"` `&`. */
const minified = (name: string, open: string, close: string): KeyContext => ({
  name,
  embed(key) {
    const code = asCode(key) ? `${open}${key.value}${close}` : `;${key.snippet};`;
    const before = '!function(e,t){"use strict";var n=e.a,r=t.b';
    const start = before.length + code.indexOf(key.value);
    return { text: `${before}${code}return n+r}(window,self);`, start, end: start + key.value.length };
  },
});

export const CONTEXTS: readonly KeyContext[] = [
  minified('minified `,k="…",`', ',k="', '",'),
  minified('minified call `f("…")`', ';f("', '")'),
  minified('minified object `{k:"…"}`', ';o={k:"', '"}'),
  minified('minified unquoted `k=…;`', ';k=', ';'),
  minified('URL parameter `?key=…&cb=`', ';s.src="https://cdn.example.com/x.js?key=', '&cb=1"'),
  charwise('JSON', jsonEscape, () => ['{"settings":{"value":"', '","v":2}}']),
  charwise('HTML attribute', htmlEscape, () => ['<div id="app" data-config="', '"></div>']),
  charwise('\\u-escaped string', unicodeEscape, () => ['var c="', '";']),
  charwise('\\x-escaped string', hexEscape, () => ["var c='", "';"]),
  charwise('percent-encoded', encodeURIComponent, () => ['<a href="/go?next=', '&amp;x=1">go</a>']),
  charwise(
    'JSON-escaped slashes',
    (s) => jsonEscape(s).replace(/\//g, '\\/'),
    () => ['<script>window.__DATA__={"c":"', '"}</script>'],
  ),
  {
    name: 'base64 config blob',
    embed({ snippet, value }) {
      const json = JSON.stringify({ config: snippet });
      const blob = Buffer.from(json, 'utf8').toString('base64');
      const before = 'var cfg=JSON.parse(atob("';
      const k = json.indexOf(jsonEscape(value));
      const start = before.length + Math.floor(k / 3) * 4;
      const end = Math.min(before.length + blob.length, before.length + Math.ceil((k + jsonEscape(value).length) / 3) * 4);
      return { text: `${before}${blob}"));`, start, end };
    },
  },
];
