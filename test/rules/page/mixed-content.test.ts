import { expect } from 'vitest';
import rule from '@/rules/page/mixed-content';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

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
