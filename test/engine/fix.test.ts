import { describe, expect, it } from 'vitest';
import { fillTemplate, guideForFinding, resolveGuide } from '@/engine/fix';
import { hstsFix } from '@/utils/http/hsts';
import type { Detection } from '@/utils/platform/platforms';
import type { FixGuide } from '@/engine/rule';
import { ruleById } from '@/rules';

const det = (id: Detection['id'], kind: Detection['kind'], confidence: Detection['confidence'] = 'high'): Detection => ({
  id,
  name: id,
  kind,
  confidence,
  signals: [],
});

const GUIDE: FixGuide = {
  summary: 'Do the right thing.',
  steps: ['Generic one.', 'Generic two.'],
  deepLink: 'https://supabase.com/{origin}/settings', // deep links must be on an allow-listed vendor host (utils/links.ts)
  docs: 'https://example.com/docs',
  platforms: {
    server: { steps: ['Server step.'], docs: 'https://example.com/server' },
    bubble: { steps: ['Bubble step.'], deepLink: 'https://bubble.io/page?id={app}&tab=Settings' },
    netlify: { steps: ['1', '2', '3', '4', '5', '6', '7'], snippet: { language: 'text', code: '/*\n  X: y' } },
    vercel: { steps: ['Vercel step.'], docs: 'https://vercel.example/docs' },
  },
};

describe('fillTemplate', () => {
  it('fills and URL-encodes every placeholder', () => {
    expect(fillTemplate('https://x.example/{a}/{b}?q={a}', { a: 'my app/&?', b: 'ü' })).toBe('https://x.example/my%20app%2F%26%3F/%C3%BC?q=my%20app%2F%26%3F');
  });
  it('drops the whole link when a value is missing', () => {
    expect(fillTemplate('https://x.example/{a}/{b}', { a: '1' })).toBeUndefined();
  });
  it('returns undefined without a template and the template itself without placeholders', () => {
    expect(fillTemplate(undefined, {})).toBeUndefined();
    expect(fillTemplate('', {})).toBeUndefined();
    expect(fillTemplate('https://dash.cloudflare.com/?to=/:account/:zone/rules', {})).toBe('https://dash.cloudflare.com/?to=/:account/:zone/rules');
  });
  it('a template that is one whole value takes it only if it is an https URL', () => {
    expect(fillTemplate('{rotate}', { rotate: 'https://provider.example/keys' })).toBe('https://provider.example/keys');
    expect(fillTemplate('{rotate}', { rotate: 'javascript:alert(1)' })).toBeUndefined();
    expect(fillTemplate('{rotate}', { rotate: 'http://provider.example/keys' })).toBeUndefined();
    expect(fillTemplate('{rotate}', {})).toBeUndefined();
  });
});

describe('resolveGuide', () => {
  it('without a target, shows the generic steps first and the server variant last', () => {
    const g = resolveGuide(GUIDE, [], { origin: 'https://a.example' });
    expect(g.summary).toBe('Do the right thing.');
    expect(g.primary).toMatchObject({ target: 'generic', name: 'Any host', steps: ['Generic one.', 'Generic two.'], docs: 'https://example.com/docs' });
    expect(g.primary.deepLink).toBe('https://supabase.com/https%3A%2F%2Fa.example/settings');
    expect(g.others.map((v) => v.target)).toEqual(['bubble', 'netlify', 'vercel', 'server']);
  });

  it('with a detected platform that has a variant, shows it first, then generic, then the rest with server last', () => {
    const g = resolveGuide(GUIDE, ['vercel'], {});
    expect(g.primary).toMatchObject({ target: 'vercel', name: 'Vercel', steps: ['Vercel step.'], docs: 'https://vercel.example/docs' });
    expect(g.others.map((v) => v.target)).toEqual(['generic', 'bubble', 'netlify', 'server']);
  });

  it('takes the first target that has a variant', () => {
    expect(resolveGuide(GUIDE, ['glide', 'cloudflare', 'netlify', 'vercel'], {}).primary.target).toBe('netlify');
    expect(resolveGuide(GUIDE, ['glide', 'supabase'], {}).primary.target).toBe('generic');
  });

  it('a variant without docs falls back to the guide docs; steps are capped at five', () => {
    const g = resolveGuide(GUIDE, ['netlify'], {});
    expect(g.primary.docs).toBe('https://example.com/docs');
    expect(g.primary.steps).toEqual(['1', '2', '3', '4', '5']);
    expect(g.primary.snippet?.code).toContain('X: y');
  });

  it('drops a deep link whose variable is missing, fills it when present', () => {
    expect(resolveGuide(GUIDE, ['bubble'], {}).primary).not.toHaveProperty('deepLink');
    expect(resolveGuide(GUIDE, ['bubble'], { app: 'my app' }).primary.deepLink).toBe('https://bubble.io/page?id=my%20app&tab=Settings');
    // the generic link needs {origin}: without it there is no link at all
    expect(resolveGuide(GUIDE, [], {}).primary).not.toHaveProperty('deepLink');
  });

  it('a guide without platforms is just the generic steps', () => {
    const g = resolveGuide({ summary: 's', steps: ['a'], docs: 'https://d.example' }, ['netlify'], {});
    expect(g.primary.target).toBe('generic');
    expect(g.others).toEqual([]);
  });

  it('the HSTS guide speaks Netlify when Netlify is detected', () => {
    const g = resolveGuide(hstsFix, ['netlify'], {});
    expect(g.primary.name).toBe('Netlify');
    expect(g.primary.snippet?.code).toContain('Strict-Transport-Security: max-age=31536000; includeSubDomains');
    expect(g.others.at(-1)?.target).toBe('server');
  });
});

describe('guideForFinding', () => {
  const audit = (platforms: Detection[], vars: Record<string, string> = {}) => ({
    platforms,
    origin: 'https://app.example.com',
    url: 'https://app.example.com/page',
    vars,
  });

  it('speaks to a confidently detected builder before a host', () => {
    const g = guideForFinding({ ruleId: 'https-not-used' }, audit([det('cloudflare', 'host'), det('bubble', 'platform')], { app: 'tinypoll' }), ruleById)!;
    expect(g.primary.target).toBe('bubble');
    expect(g.primary.deepLink).toBe('https://bubble.io/page?id=tinypoll&tab=Settings&subtab=Domain+%2F+email');
  });

  it("a finding's own vars win over the audit's", () => {
    const g = guideForFinding({ ruleId: 'https-not-used', vars: { app: 'other' } }, audit([det('bubble', 'platform')], { app: 'tinypoll' }), ruleById)!;
    expect(g.primary.deepLink).toContain('id=other&');
  });

  it('falls back to a host variant when the builder has none', () => {
    const g = guideForFinding({ ruleId: 'nosniff-missing' }, audit([det('glide', 'platform'), det('netlify', 'host')]), ruleById)!;
    expect(g.primary.target).toBe('netlify');
  });

  it('generic steps when nothing is detected; undefined for an unknown rule', () => {
    expect(guideForFinding({ ruleId: 'nosniff-missing' }, audit([]), ruleById)!.primary.target).toBe('generic');
    expect(guideForFinding({ ruleId: 'no-such-rule' }, audit([]), ruleById)).toBeUndefined();
  });

  it('an unparsable audit URL only drops links that need {host}', () => {
    const g = guideForFinding({ ruleId: 'nosniff-missing' }, { ...audit([]), url: 'garbage' }, ruleById);
    expect(g?.primary.target).toBe('generic');
  });
});
