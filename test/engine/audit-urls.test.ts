/**
 * engine/audit.ts (issue 10 item 10): a `?token=` in the page URL was stored in the audit and in finding URLs. Every
 * stored URL loses its query string and fragment; the scope (what the audit is about: Bubble's `page?id=<app>`) is
 * derived from the full address before, and is what is stored as `origin`.
 */
import { describe, expect, it } from 'vitest';
import { buildAudit, storedUrl, stripUrlsIn } from '@/engine/audit';
import { BUILDER_RULES, DEPLOYED_RULES } from '@/rules';
import { evidence, NOW } from '../helpers/evidence';

const OPTS = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 500, now: NOW };
const TOKEN = 'tok3n-9f8e7d6c5b4a';

describe('stored URLs', () => {
  it('storedUrl drops the query string and the fragment', () => {
    expect(storedUrl(`https://app.example.com/a/b?token=${TOKEN}#access_token=${TOKEN}`)).toBe('https://app.example.com/a/b');
    expect(storedUrl(`https://app.example.com/#/route?token=${TOKEN}`)).toBe('https://app.example.com/');
    expect(storedUrl('https://app.example.com/a')).toBe('https://app.example.com/a');
  });

  it('stripUrlsIn strips every URL inside a text, and nothing else', () => {
    expect(stripUrlsIn(`loaded https://cdn.example.net/x.js?sig=${TOKEN} and “http://a.test/?q=1”; ok?`)).toBe(
      'loaded https://cdn.example.net/x.js and “http://a.test/”; ok?',
    );
  });

  it('a deployed app’s audit keeps no query string or fragment in its URL, finding URLs or gaps', () => {
    const url = `https://app.example.com/dashboard?token=${TOKEN}#k=${TOKEN}`;
    const ev = { ...evidence({ url }), gaps: [{ collector: 'bundles', message: `https://app.example.com/app.js?token=${TOKEN} could not be downloaded` }] };
    const audit = buildAudit(ev, DEPLOYED_RULES, OPTS);
    expect(audit.url).toBe('https://app.example.com/dashboard');
    expect(audit.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it('a Bubble editor audit keeps its scope (the app id) as origin, and the URL without the query', () => {
    const url = `https://bubble.io/page?id=tinypoll&tab=Plugins&token=${TOKEN}`;
    const ev = {
      ...evidence({ url, page: null }),
      origin: 'https://bubble.io/page?id=tinypoll',
      builder: {
        platform: 'bubble' as const,
        secrets: [
          {
            field: 'Header',
            page: url,
            provider: 'stripe-secret-key',
            providerName: 'Stripe',
            exposure: 'secret' as const,
            severity: 'critical' as const,
            masked: 'sk_live_…abcd',
            fingerprint: 'aaaaaaaaaaaaaaaa',
            advice: 'x',
            rotateUrl: 'https://dashboard.stripe.com/apikeys',
            safe: false,
            seenAt: NOW,
          },
        ],
      },
    };
    const audit = buildAudit(ev, BUILDER_RULES, OPTS);
    expect(audit.origin).toBe('https://bubble.io/page?id=tinypoll');
    expect(audit.url).toBe('https://bubble.io/page');
    const f = audit.findings.find((x) => x.ruleId === 'secret-in-builder-field');
    expect(f?.location.url).toBe('https://bubble.io/page');
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });
});
