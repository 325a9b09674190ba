import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-app-check-in-builder';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { glideApp } from '../../helpers/glide';
import { evidence } from '../../helpers/evidence';

describeRule(rule, {
  flagged: [
    {
      name: 'app id known from /play/<appId>',
      evidence: glideApp({ appId: 'AbCdEfGhIjKlMnOpQrSt' }, 'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt'),
      messages: ['check-in-builder'],
      severity: 'info',
    },
    { name: 'custom domain, app id not evident', evidence: glideApp({}, 'https://app.example.org/'), messages: ['check-in-builder-no-id'] },
  ],
  clean: [{ name: 'not a Glide app', evidence: evidence() }],
  fixed: [{ name: 'not applicable once the page is no Glide app', before: glideApp({}), after: evidence() }],
});

// Found by mutation testing (docs/mutation.md): evidence, location, identity and vars of the finding.
describe('glide-app-check-in-builder, cases from mutation testing', () => {
  it('names the app id it saw, on the page, one finding per origin', () => {
    const e = glideApp({ appId: 'AbCdEfGhIjKlMnOpQrSt' }, 'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt');
    const [f] = findingsOf(rule, e);
    expect(f!.message).toBe(
      'Check in the builder: Row Owners on tables with personal data, sign-in method, keys in Call API / AI integrations, and a scheduled clean-up workflow. Open the app in the Glide builder with this extension installed.',
    );
    expect(f!.evidence).toBe('app AbCdEfGhIjKlMnOpQrSt');
    expect(f!.location).toEqual({ kind: 'page', url: 'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'check_in_builder'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('without an app id: says so in the evidence and carries no builder link values', () => {
    const [f] = findingsOf(rule, glideApp({}, 'https://app.example.org/'));
    expect(f!.evidence).toBe('app id not evident');
    expect(f!.location).toEqual({ kind: 'page', url: 'https://app.example.org/' });
    expect(f!.vars).toEqual({});
  });
  it('the rule alone returns nothing without a Glide app visit', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
