/**
 * axe-core (4.14) over a rendered component in happy-dom. happy-dom has no layout engine: rules that need real boxes,
 * colours or scrolling cannot give a true answer there and are turned off (they are listed here and in
 * docs/popup.md, "Accessibility"): color-contrast and color-contrast-enhanced (computed colours over rendered
 * backgrounds), target-size (box sizes), scrollable-region-focusable (overflow needs layout), link-in-text-block
 * (colour against the text around it), region (the popup and settings are one landmark each; happy-dom's
 * document has no real viewport). Everything else runs on the whole document. Stylesheets are not loaded in happy-dom,
 * so the themes (and contrast) are checked in real Chromium by test/e2e/cockpit.e2e.test.ts.
 */
import axe from 'axe-core';

export const LAYOUT_RULES = [
  'color-contrast',
  'color-contrast-enhanced',
  'target-size',
  'scrollable-region-focusable',
  'link-in-text-block',
  'region',
] as const;

export interface AxeIssue {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** The violations axe finds in `root` (default: the document), each with the offending elements' HTML (cut). */
export async function axeViolations(root: Element | Document = document): Promise<AxeIssue[]> {
  const result = await axe.run(root as Element, {
    rules: Object.fromEntries(LAYOUT_RULES.map((r) => [r, { enabled: false }])),
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 200)) }));
}

/**
 * The page's own shell, from its index.html (the `lang` and `<title>` axe checks on the document): component tests
 * render into happy-dom's blank document, the extension renders into these pages.
 */
export async function usePageShell(page: 'popup' | 'options'): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const html = readFileSync(path.resolve(__dirname, `../../entrypoints/${page}/index.html`), 'utf8');
  document.documentElement.lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? '';
  document.title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
}
