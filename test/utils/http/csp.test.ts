import { describe, expect, it } from 'vitest';
import {
  allPolicies,
  allowsDataScript,
  allowsEval,
  allowsInlineScript,
  baseUriExposure,
  broadScriptSources,
  CSP_BASELINE,
  CSP_BASELINE_META,
  cspDraft,
  cspFix,
  effectiveSources,
  enforcedPolicies,
  formActionHttpSources,
  hasDirective,
  objectSrcRestricted,
  objectSrcSelfOnly,
  parseCsp,
  trustsByNonceOrHash,
  withoutDirective,
} from '@/utils/http/csp';
import { evidence, subresourcesOnly } from '../../helpers/evidence';

const one = (value: string) => {
  const [p] = parseCsp(value, 'header');
  if (!p) throw new Error(`no policy in ${value}`);
  return p;
};

describe('parseCsp', () => {
  it('splits directives on ; and lower-cases directive names, keeping source case', () => {
    const p = one("Default-Src 'self' https://CDN.example.net; SCRIPT-SRC 'nonce-AbC'");
    expect([...p.directives.keys()]).toEqual(['default-src', 'script-src']);
    expect(p.directives.get('default-src')).toEqual(["'self'", 'https://CDN.example.net']);
    expect(p.directives.get('script-src')).toEqual(["'nonce-AbC'"]);
    expect(p.source).toBe('header');
  });

  it('reads a comma-joined header as several policies', () => {
    const ps = parseCsp("default-src 'self', script-src 'none'; object-src 'none'", 'header');
    expect(ps).toHaveLength(2);
    expect(ps[0]!.raw).toBe("default-src 'self'");
    expect([...ps[1]!.directives.keys()]).toEqual(['script-src', 'object-src']);
  });

  it('keeps the first occurrence of a duplicated directive', () => {
    expect(one("script-src 'none'; script-src *").directives.get('script-src')).toEqual(["'none'"]);
    expect(one("SCRIPT-SRC 'self'; script-src 'unsafe-inline'").directives.get('script-src')).toEqual(["'self'"]);
  });

  it('keeps a directive with an empty source list', () => {
    expect(one("default-src 'self'; frame-ancestors").directives.get('frame-ancestors')).toEqual([]);
  });

  it('skips invalid directive names and empty parts, and yields no policy from garbage', () => {
    expect([...one(";; default-src 'self' ;; \u00e9vil x; 1bad y;").directives.keys()]).toEqual(['default-src']);
    expect(parseCsp('', 'header')).toEqual([]);
    expect(parseCsp(' , ; ,', 'meta')).toEqual([]);
    expect(parseCsp("!!! 'self'", 'header')).toEqual([]);
  });

  it('tolerates tabs and repeated spaces', () => {
    expect(one("script-src\t'self'   https://a.example").directives.get('script-src')).toEqual(["'self'", 'https://a.example']);
  });

  it('parses a 100 KB value without trouble', () => {
    const p = one(`script-src ${'https://a.example '.repeat(6000)}; object-src 'none'`);
    expect(p.directives.get('script-src')).toHaveLength(6000);
    expect(p.directives.get('object-src')).toEqual(["'none'"]);
  });
});

describe('enforcedPolicies', () => {
  it('collects every CSP header of the page plus <meta http-equiv> policies, in that order', () => {
    const ev = evidence({
      headers: [
        ['Content-Security-Policy', "default-src 'self'"],
        ['content-security-policy', "script-src 'none', object-src 'none'"],
      ],
      page: { meta: [{ httpEquiv: 'CONTENT-SECURITY-POLICY', content: "base-uri 'self'" }] },
    });
    expect(enforcedPolicies(ev).map((p) => [p.source, p.raw])).toEqual([
      ['header', "default-src 'self'"],
      ['header', "script-src 'none'"],
      ['header', "object-src 'none'"],
      ['meta', "base-uri 'self'"],
    ]);
  });

  it('ignores report-only headers, <meta name=…> and other http-equiv values', () => {
    const ev = evidence({
      headers: [['Content-Security-Policy-Report-Only', "default-src 'none'"]],
      page: {
        meta: [
          { name: 'Content-Security-Policy', content: "default-src 'none'" },
          { httpEquiv: 'Content-Security-Policy-Report-Only', content: "default-src 'none'" },
          { httpEquiv: 'refresh', content: '0' },
        ],
      },
    });
    expect(enforcedPolicies(ev)).toEqual([]);
  });

  it('reads the document response only, and works without a page snapshot', () => {
    const ev = evidence({
      page: null,
      responses: [
        {
          url: 'https://app.example.com/x.js',
          status: 200,
          type: 'script',
          headers: [['Content-Security-Policy', "default-src 'none'"]],
          source: 'webRequest',
        },
      ],
    });
    expect(enforcedPolicies(ev)).toEqual([]);
  });
});

describe('effectiveSources', () => {
  it('falls back to default-src for a missing fetch directive', () => {
    expect(effectiveSources(one("default-src 'self'"), 'script-src')).toEqual(["'self'"]);
    expect(effectiveSources(one("default-src 'self'; script-src 'none'"), 'script-src')).toEqual(["'none'"]);
    expect(effectiveSources(one("base-uri 'self'"), 'script-src')).toBeUndefined();
  });
});

describe('allowsInlineScript', () => {
  it.each([
    ["script-src 'unsafe-inline'", true],
    ["default-src 'unsafe-inline'", true],
    ["SCRIPT-SRC 'UNSAFE-INLINE'", true],
    ["script-src 'unsafe-inline' 'nonce-abc'", false],
    ["script-src 'unsafe-inline' 'NONCE-abc'", false],
    ["script-src 'unsafe-inline' 'sha256-abc='", false],
    ["script-src 'unsafe-inline' 'sha384-abc='", false],
    ["script-src 'unsafe-inline' 'sha512-abc='", false],
    ["script-src 'unsafe-inline' 'strict-dynamic'", false],
    ["script-src 'unsafe-inline' 'sha1-abc='", true],
    ["script-src 'self'", false],
    ["default-src 'unsafe-inline'; script-src 'self'", false],
    ["default-src 'self'; script-src 'unsafe-inline'", true],
    ["frame-ancestors 'none'", true],
    ["style-src 'nonce-a'; script-src 'unsafe-inline'", true],
  ])('%s → %s', (value, expected) => expect(allowsInlineScript(one(value))).toBe(expected));
});

describe('allowsDataScript', () => {
  it.each([
    ["script-src 'self' data:", true],
    ['default-src data:', true],
    ["script-src 'nonce-a' DATA:", true],
    ["script-src 'nonce-a' 'strict-dynamic' data:", false],
    ["script-src 'self'; default-src data:", false],
    ['img-src data:', true],
    ["script-src 'self'", false],
  ])('%s → %s', (value, expected) => expect(allowsDataScript(one(value))).toBe(expected));
});

describe('allowsEval', () => {
  it.each([
    ["script-src 'unsafe-eval'", true],
    ["default-src 'unsafe-eval'", true],
    ["script-src 'wasm-unsafe-eval'", false],
    ["script-src 'self' 'nonce-a'", false],
    ["default-src 'unsafe-eval'; script-src 'self'", false],
    ["object-src 'none'", true],
  ])('%s → %s', (value, expected) => expect(allowsEval(one(value))).toBe(expected));
});

describe('allPolicies', () => {
  it('holds only when every enforced policy allows it (and vacuously with none)', () => {
    const open = one("script-src 'unsafe-inline'");
    const strict = one("script-src 'self'");
    expect(allPolicies([open, open], allowsInlineScript)).toBe(true);
    expect(allPolicies([open, strict], allowsInlineScript)).toBe(false);
    expect(allPolicies([], allowsInlineScript)).toBe(true);
  });
});

describe('hasDirective', () => {
  it('finds a directive in any policy, optionally ignoring <meta> ones', () => {
    const header = one("default-src 'self'");
    const [meta] = parseCsp("frame-ancestors 'none'", 'meta');
    expect(hasDirective([header, meta!], 'frame-ancestors')).toBe(true);
    expect(hasDirective([header, meta!], 'frame-ancestors', { metaCounts: false })).toBe(false);
    expect(hasDirective([], 'default-src')).toBe(false);
  });
});

describe('objectSrcRestricted', () => {
  it.each([
    ["object-src 'none'", true],
    ["OBJECT-SRC 'NONE'", true],
    ["default-src 'none'", true],
    ['object-src', true],
    ["default-src 'none'; object-src 'self'", false],
    ["object-src 'none' 'self'", false],
    ["default-src 'self'", false],
    ["script-src 'self'", false],
  ])('%s → %s', (value, expected) => expect(objectSrcRestricted(one(value))).toBe(expected));
});

describe('baselines and cspFix', () => {
  it('the baseline passes every CSP check it is offered for', () => {
    const p = one(CSP_BASELINE);
    expect(allowsInlineScript(p)).toBe(false);
    expect(allowsEval(p)).toBe(false);
    expect(objectSrcRestricted(p)).toBe(true);
    expect(p.directives.has('base-uri')).toBe(true);
    expect(p.directives.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('the meta baseline is the baseline without frame-ancestors (ignored in <meta>)', () => {
    const p = one(CSP_BASELINE_META);
    expect(p.directives.has('frame-ancestors')).toBe(false);
    expect([...p.directives.keys()]).toEqual([...one(CSP_BASELINE).directives.keys()].filter((k) => k !== 'frame-ancestors'));
  });

  it('ships the policy as a header snippet, and as a <meta> tag for builders without header control', () => {
    const fix = cspFix('Summary sentence here.', ['Step one.'], { policy: "default-src 'self'; frame-ancestors 'self'; object-src 'none'" });
    expect(fix.snippet?.code).toBe("Content-Security-Policy: default-src 'self'; frame-ancestors 'self'; object-src 'none'");
    for (const builder of ['bubble', 'webflow', 'softr'] as const) {
      const code = fix.platforms?.[builder]?.snippet?.code ?? '';
      expect(code).toContain('<meta http-equiv="Content-Security-Policy"');
      expect(code).not.toContain('frame-ancestors');
    }
    expect(fix.platforms?.server?.snippet?.code).toContain('add_header Content-Security-Policy');
  });

  it('offers no <meta> variant for header-only directives (frame-ancestors)', () => {
    const fix = cspFix('Summary sentence here.', ['Step one.'], { headerOnly: true });
    for (const builder of ['bubble', 'webflow', 'softr'] as const) expect(fix.platforms?.[builder]).toBeUndefined();
    expect(fix.platforms?.netlify?.snippet?.code).toContain('Content-Security-Policy');
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target"): the questions the CSP rules ask that had no unit
// test of their own in this folder (their rules' tests are not run by the parsers target). CSP3 source semantics.
describe('allowsInlineScript: script-src-elem and script-src-attr', () => {
  it.each([
    ["script-src 'self'; script-src-attr 'unsafe-inline'", true],
    ["script-src 'self'; script-src-elem 'unsafe-inline'", true],
    ["script-src 'unsafe-inline'; script-src-elem 'self'; script-src-attr 'self'", false],
    ["script-src 'unsafe-inline'; script-src-elem 'self'", true],
    ["script-src-elem 'unsafe-inline' 'nonce-a'; script-src-attr 'self'", false],
    ["default-src 'self'; script-src-attr 'unsafe-inline' 'strict-dynamic'", false],
  ])('%s → %s', (value, expected) => expect(allowsInlineScript(one(value))).toBe(expected));
});

describe('effectiveSources: an empty list is a list', () => {
  it('an empty script-src does not fall back to default-src', () => {
    expect(effectiveSources(one('script-src; default-src *'), 'script-src')).toEqual([]);
    expect(effectiveSources(one('default-src *'), 'script-src')).toEqual(['*']);
    expect(effectiveSources(one('img-src *'), 'script-src')).toBeUndefined();
  });
});

describe('broadScriptSources', () => {
  it.each([
    ['script-src *', ['*']],
    ['script-src https:', ['https:']],
    ['script-src HTTP: wss: ws:', ['HTTP:', 'wss:', 'ws:']],
    ['script-src https://* http://*:* *:443 wss://*/', ['https://*', 'http://*:*', '*:443', 'wss://*/']],
    ["script-src 'self' https://cdn.example.com *.example.com https://*.example.com data: blob: 'unsafe-inline'", []],
    ['script-src ftp: https httpsx: https:x', []],
    ['default-src *', ['*']],
    ["default-src *; script-src 'self'", []],
    ["script-src * 'strict-dynamic' 'nonce-a'", []],
    ["script-src * 'STRICT-DYNAMIC'", []],
    ['img-src *', []],
  ])('%s → %j', (value, expected) => expect(broadScriptSources(one(value))).toEqual(expected));
});

describe('trustsByNonceOrHash', () => {
  it.each([
    ["script-src 'nonce-abc'", true],
    ["script-src 'NONCE-abc'", true],
    ["script-src 'sha384-abc='", true],
    ["default-src 'sha256-abc='", true],
    ["default-src 'sha256-abc='; script-src 'self'", false],
    ["script-src 'self' 'strict-dynamic'", false],
    ["script-src 'sha1-abc='", false],
    ["script-src nonce-abc 'self'", false],
    ["object-src 'none'", false],
  ])('%s → %s', (value, expected) => expect(trustsByNonceOrHash(one(value))).toBe(expected));
});

describe('baseUriExposure', () => {
  it.each([
    ["object-src 'none'", undefined],
    ["script-src 'self' https://cdn.example.com", 'host'],
    ["script-src 'self' 'strict-dynamic'", 'host'],
    ["script-src 'nonce-abc'", 'runs'],
    ["script-src 'NONCE-abc' 'sha256-x='", 'runs'],
    ["default-src 'nonce-abc'", 'runs'],
    ["script-src 'sha256-abc='", 'hash'],
    ["script-src 'sha512-abc=' 'strict-dynamic'", 'runs'],
    ["script-src 'sha256-abc=' 'STRICT-DYNAMIC'", 'runs'],
    ["script-src 'self' nonce-abc", 'host'],
  ])('%s → %s', (value, expected) => expect(baseUriExposure(one(value))).toBe(expected));
});

describe('formActionHttpSources', () => {
  it.each([
    ['form-action http:', ['http:']],
    ['form-action HTTP://a.example https://b.example', ['HTTP://a.example']],
    ['form-action * http://*', ['*', 'http://*']],
    ["form-action 'self' https: https://a.example", []],
    ['default-src http: *', []],
    ['form-action', []],
    ['script-src http:', []],
  ])('%s → %j', (value, expected) => expect(formActionHttpSources(one(value))).toEqual(expected));
});

describe('objectSrcSelfOnly', () => {
  it.each([
    ["object-src 'self'", true],
    ["OBJECT-SRC 'SELF'", true],
    ["object-src 'self' 'none'", true],
    ["default-src 'self'", true],
    ["default-src 'self'; object-src 'self' https://a.example", false],
    ["object-src 'none'", false],
    ['object-src', false],
    ["script-src 'self'", false],
    ["object-src 'self' *", false],
  ])('%s → %s', (value, expected) => expect(objectSrcSelfOnly(one(value))).toBe(expected));
});

describe('cspDraft', () => {
  it('lists every policy with its source, located at the CSP header', () => {
    const policies = [...parseCsp("default-src 'self'", 'header'), ...parseCsp("  script-src 'none' ", 'meta')];
    expect(cspDraft('weak', policies, 'https://app.example.com/', 'script-src')).toEqual({
      messageId: 'weak',
      evidence: "header: default-src 'self'\nmeta: script-src 'none'",
      location: { kind: 'header', name: 'Content-Security-Policy', url: 'https://app.example.com/' },
      identity: 'script-src',
    });
  });
});

describe('withoutDirective', () => {
  it('drops the directive in any case, and empty parts, and keeps the others in order', () => {
    expect(withoutDirective("default-src 'self'; FRAME-ANCESTORS 'none';; object-src 'none' ;", 'frame-ancestors')).toBe(
      "default-src 'self'; object-src 'none'",
    );
  });
  it('does not drop a directive whose name only starts like it', () => {
    expect(withoutDirective("frame-ancestorsx 'none'; frame-src 'self'", 'frame-ancestors')).toBe("frame-ancestorsx 'none'; frame-src 'self'");
  });
  it('matches the name only, not a source that spells it', () => {
    expect(withoutDirective("script-src frame-ancestors; frame-ancestors  'self'", 'frame-ancestors')).toBe('script-src frame-ancestors');
  });
});

describe('cspFix: generic parts', () => {
  it('passes summary and steps through, links the CSP guide, every variant has real steps', () => {
    const fix = cspFix('Summary sentence here.', ['Step one.', 'Step two.']);
    expect(fix.summary).toBe('Summary sentence here.');
    expect(fix.steps).toEqual(['Step one.', 'Step two.']);
    expect(fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CSP');
    expect(fix.snippet).toEqual({ language: 'text', code: `Content-Security-Policy: ${CSP_BASELINE}` });
    expect(fix.platforms?.bubble?.snippet?.code).toBe(`<meta http-equiv="Content-Security-Policy" content="${CSP_BASELINE_META}">`);
  });
});

// Cases from the fourth parsers run (docs/mutation.md, "Fourth run"): each kills a mutant that survived it.
describe('csp: cases from the fourth mutation run', () => {
  it('without a document response only <meta> policies are read (no header to read)', () => {
    const ev = subresourcesOnly(evidence({ page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "default-src 'self'" }] } }));
    expect(enforcedPolicies(ev).map((p) => [p.source, p.raw])).toEqual([['meta', "default-src 'self'"]]);
    expect(enforcedPolicies(subresourcesOnly(evidence()))).toEqual([]);
  });

  it('a token that only contains a nonce or hash expression is not one (it does not cancel unsafe-inline)', () => {
    expect(allowsInlineScript(one("script-src 'unsafe-inline' x'nonce-abc'"))).toBe(true);
    expect(trustsByNonceOrHash(one("script-src x'sha256-abc='"))).toBe(false);
  });

  it('one host with any port, or a path ending in *, is not a broad source; ws://* is', () => {
    expect(broadScriptSources(one('script-src https://cdn.example.com:* example.com:* https://cdn.example.com/js/*'))).toEqual([]);
    expect(broadScriptSources(one('script-src ws://* WS://*:443'))).toEqual(['ws://*', 'WS://*:443']);
  });

  it('form-action: an https source whose path holds "http:" is not an http source', () => {
    expect(formActionHttpSources(one('form-action https://a.example/http:x'))).toEqual([]);
  });

  it('hasDirective without <meta> policies still finds a header policy’s directive', () => {
    const [meta] = parseCsp("frame-ancestors 'none'", 'meta');
    expect(hasDirective([meta!, one("frame-ancestors 'self'")], 'frame-ancestors', { metaCounts: false })).toBe(true);
  });
});
