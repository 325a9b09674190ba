import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/page/mixed-content';
import { evidence } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const mixed = (...entries: [string, string][]) => evidence({ page: { mixedContent: entries.map(([tag, url]) => ({ tag, url })) } });

describeRule(rule, {
  flagged: [
    {
      name: 'script over HTTP is active content',
      evidence: mixed(['script', 'http://cdn.example.net/app.js']),
      messages: ['active'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toBe('<script> loaded over HTTP: http://cdn.example.net/app.js'),
    },
    { name: 'iframe over HTTP', evidence: mixed(['iframe', 'http://widgets.example.net/']), messages: ['active'], severity: 'high' },
    { name: 'image over HTTP is passive content', evidence: mixed(['img', 'http://cdn.example.net/a.png']), messages: ['passive'], severity: 'low' },
    {
      name: 'tag name in upper case',
      evidence: mixed(['SCRIPT', 'http://cdn.example.net/app.js']),
      messages: ['active'],
      check: ([f]) => expect(f!.location.name).toBe('script'),
    },
    {
      name: 'one finding per element',
      evidence: mixed(['link', 'http://cdn.example.net/a.css'], ['video', 'http://cdn.example.net/a.mp4']),
      messages: ['active', 'passive'],
    },
    {
      name: 'the same element listed twice is one finding',
      evidence: mixed(['img', 'http://x.example.net/a.png'], ['img', 'http://x.example.net/a.png']),
      messages: ['passive'],
    },
  ],
  clean: [
    { name: 'nothing loaded over HTTP', evidence: evidence() },
    {
      name: 'an http:// page (https-not-used reports it)',
      evidence: evidence({ url: 'http://app.example.com/', page: { mixedContent: [{ tag: 'script', url: 'http://cdn.example.net/a.js' }] } }),
    },
    { name: 'page not read: the rule is skipped', evidence: evidence({ page: null }) },
  ],
  fixed: [
    {
      name: 'loading the resource over https://',
      before: mixed(['script', 'http://cdn.example.net/app.js']),
      after: evidence({ page: { scripts: [{ src: 'https://cdn.example.net/app.js' }] } }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): both messages in full, evidence, location, identity, severities;
// every active tag; the guide's snippet and Bubble variant.
describe('mixed-content, cases from mutation testing', () => {
  it('active: message, evidence, location, identity in full', () => {
    const ev = mixed(['SCRIPT', 'http://cdn.example.net/app.js']);
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('<script> loaded over HTTP: http://cdn.example.net/app.js');
    expect(f!.severity).toBe('high');
    expect(f!.evidence).toBe('<script> http://cdn.example.net/app.js');
    expect(f!.location).toEqual({ kind: 'page', url: 'http://cdn.example.net/app.js', name: 'script' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'script|http://cdn.example.net/app.js'));
  });
  it('passive: message in full, low', () => {
    const [f] = findingsOf(rule, mixed(['IMG', 'http://cdn.example.net/a.png']));
    expect(f!.message).toBe('<img> loaded over HTTP: http://cdn.example.net/a.png');
    expect(f!.severity).toBe('low');
    expect(f!.messageId).toBe('passive');
  });
  it('every active tag is high, the rest low', () => {
    for (const tag of ['script', 'iframe', 'link', 'object', 'embed', 'form', 'fetch']) {
      expect(
        findingsOf(rule, mixed([tag, 'http://x.example.net/a'])).map((f) => f.severity),
        tag,
      ).toEqual(['high']);
    }
    for (const tag of ['img', 'audio', 'video', 'source']) {
      expect(
        findingsOf(rule, mixed([tag, 'http://x.example.net/a'])).map((f) => f.severity),
        tag,
      ).toEqual(['low']);
    }
  });
  it('the guide: the CSP safety net and the Bubble variant', () => {
    expect(rule.meta.fix.snippet).toEqual({ language: 'text', code: 'Content-Security-Policy: upgrade-insecure-requests' });
    expect(resolveGuide(rule.meta.fix, ['bubble'], {}).primary.docs).toBe('https://manual.bubble.io/help-guides/maintaining-an-application/seo/seo-app');
  });
});

describe('mixed-content fix guide docs, cases from mutation testing', () => {
  it('the MDN page', () => expect(rule.meta.fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content'));
});
