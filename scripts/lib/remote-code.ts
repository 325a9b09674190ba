/**
 * "No remote code", checked on the built package (test/e2e/manifest.e2e.test.ts, both browsers): every script the
 * extension runs is a file of the package, and none turns a string into code. Parsed with acorn (a JavaScript parser,
 * the one Rollup uses), not searched with a regular expression: the rule catalogue's own text says "eval" and "new
 * Function" in strings, which are not calls.
 *
 * What counts as a finding:
 * - in scripts: a call of `eval`, `Function` called or constructed (also through `globalThis`/`window`/`self`), a
 *   string given to `setTimeout`/`setInterval`, `importScripts`, a dynamic `import()` of anything but a relative
 *   literal path, a static import from an absolute address;
 * - in HTML pages: a `<script src>` that is not a relative path (a scheme, `//host`), an inline script with code (the
 *   extension CSP would refuse it anyway), a `<link href>` (stylesheet, module preload) that is not a relative path,
 *   an inline event handler attribute (`onclick=`…).
 */
import { parse } from 'acorn';

export interface RemoteCodeFinding {
  file: string;
  what: string;
  /** Offset in the file. */
  at: number;
}

type AnyNode = { type: string; start: number; end: number; [key: string]: unknown };

const GLOBALS = new Set(['globalThis', 'window', 'self']);
const STRING_TIMERS = new Set(['setTimeout', 'setInterval']);

/** `name`, or `globalThis.name` / `window.name` / `self.name` (also `globalThis["name"]`, `(0, name)`). */
function calleeName(node: AnyNode): string | undefined {
  // `(0, eval)(code)`: an indirect call of the same function.
  if (node.type === 'SequenceExpression') return calleeName((node.expressions as AnyNode[]).at(-1)!);
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression') {
    const object = node.object as AnyNode;
    const property = node.property as AnyNode;
    if (object.type !== 'Identifier' || !GLOBALS.has(object.name as string)) return undefined;
    if (!node.computed && property.type === 'Identifier') return property.name as string;
    if (node.computed && property.type === 'Literal' && typeof property.value === 'string') return property.value;
  }
  return undefined;
}

const isRelative = (spec: string) => spec.startsWith('./') || spec.startsWith('../') || (spec.startsWith('/') && !spec.startsWith('//'));
const isStringish = (node: AnyNode | undefined) =>
  !!node && ((node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral' || node.type === 'BinaryExpression');

function walk(node: unknown, visit: (n: AnyNode) => void): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const c of n) stack.push(c);
      continue;
    }
    const a = n as AnyNode;
    if (typeof a.type !== 'string') continue;
    visit(a);
    for (const [k, v] of Object.entries(a)) if (k !== 'type' && v && typeof v === 'object') stack.push(v);
  }
}

/** The findings in one script's source (ES module syntax tried first, then a classic script). */
export function checkScript(file: string, source: string): RemoteCodeFinding[] {
  let ast: unknown;
  try {
    ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch {
    try {
      ast = parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
    } catch (e) {
      return [{ file, what: `not parsable as JavaScript: ${(e as Error).message}`, at: 0 }];
    }
  }
  const out: RemoteCodeFinding[] = [];
  const add = (what: string, n: AnyNode) => out.push({ file, what, at: n.start });
  walk(ast, (n) => {
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const name = calleeName(n.callee as AnyNode);
      const args = n.arguments as AnyNode[];
      if (name === 'eval' && n.type === 'CallExpression') add('eval() call', n);
      else if (name === 'Function') add(`${n.type === 'NewExpression' ? 'new ' : ''}Function()`, n);
      else if (name === 'importScripts') add('importScripts()', n);
      else if (name && STRING_TIMERS.has(name) && isStringish(args[0])) add(`${name} with a string`, n);
    } else if (n.type === 'ImportExpression') {
      const src = n.source as AnyNode;
      if (!(src.type === 'Literal' && typeof src.value === 'string' && isRelative(src.value))) add('dynamic import() of a computed or absolute address', n);
    } else if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') {
      const src = n.source as AnyNode | null | undefined;
      if (src && typeof src.value === 'string' && !isRelative(src.value)) add(`import from "${src.value}"`, n);
    }
  });
  return out;
}

/** The findings in one HTML page. */
export function checkHtml(file: string, html: string): RemoteCodeFinding[] {
  const out: RemoteCodeFinding[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    const url = src ? (src[1] ?? src[2] ?? src[3] ?? '') : undefined;
    if (url !== undefined && !isRelative(url)) out.push({ file, what: `<script src="${url}">`, at: m.index });
    if (url === undefined && (m[2] ?? '').trim()) out.push({ file, what: 'inline <script> with code', at: m.index });
  }
  for (const m of html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]*)/gi))
    if (!isRelative(m[1] ?? '')) out.push({ file, what: `<link href="${m[1]}">`, at: m.index });
  for (const m of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi)) out.push({ file, what: `inline event handler ${m[1]}=`, at: m.index });
  return out;
}
