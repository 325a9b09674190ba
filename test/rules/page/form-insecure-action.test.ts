import { expect } from 'vitest';
import rule from '@/rules/page/form-insecure-action';
import { fingerprint } from '@/engine/engine';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

type Form = { action: string; method: string; hasPassword: boolean };
const forms = (list: Form[], url?: string) => evidence({ ...(url ? { url } : {}), page: { forms: list } });

describeRule(rule, {
  flagged: [
    {
      name: 'form posting to http://',
      evidence: forms([{ action: 'http://app.example.com/subscribe', method: 'post', hasPassword: false }]),
      messages: ['plain'],
      severity: 'medium',
      check: ([f]) => {
        expect(f!.message).toBe('A form submits to http://app.example.com/subscribe over plain HTTP.');
        expect(f!.evidence).toBe('<form method="post" action="http://app.example.com/subscribe">');
        expect(f!.location).toEqual({ kind: 'form', url: 'http://app.example.com/subscribe' });
        expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, 'https://app.example.com', 'post|http://app.example.com/subscribe'));
      },
    },
    {
      name: 'login form posting to http:// is high',
      evidence: forms([{ action: 'http://auth.example.net/login', method: 'post', hasPassword: true }]),
      messages: ['password'],
      severity: 'high',
      check: ([f]) => {
        expect(f!.message).toBe('A form with a password field submits to http://auth.example.net/login over plain HTTP.');
        expect(f!.evidence).toBe('<form method="post" action="http://auth.example.net/login"> (has a password field)');
      },
    },
    { name: 'scheme in upper case', evidence: forms([{ action: 'HTTP://APP.EXAMPLE.COM/x', method: 'get', hasPassword: false }]), messages: ['plain'] },
    {
      name: 'relative action on an http:// page',
      evidence: forms([{ action: '/login', method: 'post', hasPassword: true }], 'http://app.example.com/'),
      messages: ['password'],
    },
    {
      name: 'the same action with two methods is two forms',
      evidence: forms([
        { action: 'http://app.example.com/s', method: 'get', hasPassword: false },
        { action: 'http://app.example.com/s', method: 'post', hasPassword: false },
      ]),
      messages: ['plain', 'plain'],
    },
  ],
  clean: [
    { name: 'https action', evidence: forms([{ action: 'https://app.example.com/login', method: 'post', hasPassword: true }]) },
    { name: 'relative action on an https page', evidence: forms([{ action: 'login', method: 'post', hasPassword: true }]) },
    { name: 'empty action (submits to the https page itself)', evidence: forms([{ action: '', method: 'get', hasPassword: false }]) },
    {
      name: 'non-HTTP actions',
      evidence: forms([
        { action: 'mailto:hi@example.com', method: 'post', hasPassword: false },
        { action: 'javascript:void(0)', method: 'get', hasPassword: false },
      ]),
    },
    { name: 'unparsable action', evidence: forms([{ action: 'http://[::1', method: 'post', hasPassword: false }]) },
    { name: 'page not read: skipped', evidence: evidence({ page: null }) },
  ],
  fixed: [
    {
      name: 'changing the action to https://',
      before: forms([{ action: 'http://app.example.com/login', method: 'post', hasPassword: true }]),
      after: forms([{ action: 'https://app.example.com/login', method: 'post', hasPassword: true }]),
    },
  ],
});
