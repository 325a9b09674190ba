/**
 * Every link the UI opens is an https URL on an allow-listed vendor host (utils/links.ts): the catalogue's own
 * links all pass, and nothing a page can supply (a host, a scheme, credentials, a port, a value in a deep link's
 * template) becomes a link we open or show.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { h } from 'preact';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHECKLIST_ITEMS, whereLink } from '@/engine/checklist';
import { fillTemplate, resolveGuide } from '@/engine/fix';
import type { FixGuide } from '@/engine/rule';
import { ALL_RULES } from '@/rules';
import { PROVIDERS } from '@/utils/secrets/catalogue';
import { LINK_HOSTS, LINK_MAX, isSafeLink, safeLink } from '@/utils/links';
import { FixGuideView } from '@/components/FixGuideView';
import { renderFieldWarnings, type WarningItem } from '@/components/builder/field-warning';
import { browserApi } from '@/entrypoints/popup/api';

/** Values a deep-link template may need, as a real audit would have them. */
const SAMPLE_VARS: Record<string, string> = {
  ref: 'abcdefghijklmnopqrst',
  schema: 'public',
  table: 'profiles',
  bucket: 'avatars',
  app: 'tinypoll',
  appId: 'Ab12Cd34Ef56Gh78',
  host: 'app.example.com',
  origin: 'https://app.example.com',
  lint: '0013_rls_disabled_in_public',
  rotate: 'https://dashboard.stripe.com/apikeys',
};

function catalogueLinks(): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  const add = (where: string, url: string | undefined) => {
    if (url) out.push({ where, url });
  };
  for (const r of ALL_RULES) {
    const f = r.meta.fix;
    add(`${r.meta.id} docs`, f.docs);
    add(`${r.meta.id} deepLink`, fillTemplate(f.deepLink, SAMPLE_VARS));
    for (const [target, p] of Object.entries(f.platforms ?? {})) {
      add(`${r.meta.id} ${target} docs`, p?.docs);
      add(`${r.meta.id} ${target} deepLink`, fillTemplate(p?.deepLink, SAMPLE_VARS));
    }
  }
  for (const p of PROVIDERS) {
    add(`${p.id} rotateUrl`, p.rotateUrl);
    add(`${p.id} docs`, p.docs);
  }
  for (const [id, item] of Object.entries(CHECKLIST_ITEMS)) {
    const where = (item as { where?: Parameters<typeof whereLink>[0] }).where;
    if (!where) continue;
    for (const platform of ['supabase', 'bubble', 'glide'] as const) {
      add(
        `${id} where (${platform})`,
        whereLink(where, { platforms: [{ id: platform, confidence: 'high' }], vars: SAMPLE_VARS, origin: 'https://app.example.com' } as never),
      );
    }
  }
  return out;
}

/** Hosts a page might try: look-alikes, suffixes, IP literals, internal names. */
const HOSTILE = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'chrome://settings',
  'chrome-extension://abc/popup.html',
  'about:blank',
  'blob:https://supabase.com/1234',
  'http://supabase.com/dashboard',
  'https://supabase.com.evil.example/',
  'https://evilsupabase.com/',
  'https://supabase.com@evil.example/',
  'https://evil.example@supabase.com/',
  'https://user:pw@supabase.com/',
  'https://supabase.com:8443/dashboard',
  'https://supabase.com:443.evil.example/',
  'https://xn--supabse-7ya.com/',
  'https://hooks.slack.com/services/T0/B0/x',
  'https://127.0.0.1/',
  'https://[::1]/',
  'https://localhost/',
  '//supabase.com/dashboard',
  '/dashboard/project/x',
  ' https://supabase.com/',
  'https://supabase.com/\n',
  'https:\\\\evil.example\\supabase.com',
  'https://supabase.com\t.evil.example/',
  'https://app.example.com/',
  '',
];

describe('safeLink', () => {
  it('accepts every link of our own catalogue (a new vendor page means a new allow-listed host)', () => {
    const links = catalogueLinks();
    expect(links.length).toBeGreaterThan(200);
    const refused = links.filter((l) => !isSafeLink(l.url)).map((l) => `${l.where}: ${l.url}`);
    expect(refused).toEqual([]);
  });

  it('every allow-listed host is used by the catalogue (no stale entry widens the list)', () => {
    const used = new Set(catalogueLinks().map((l) => new URL(l.url).hostname));
    expect([...LINK_HOSTS].filter((h) => !used.has(h))).toEqual([]);
  });

  it.each(HOSTILE)('refuses %j', (url) => {
    expect(safeLink(url)).toBeUndefined();
  });

  it('refuses what is not a string, and over-long links', () => {
    for (const v of [undefined, null, 42, {}, [], new URL('https://supabase.com/'), { toString: () => 'https://supabase.com/' }]) {
      expect(safeLink(v)).toBeUndefined();
    }
    expect(safeLink(`https://supabase.com/${'a'.repeat(LINK_MAX)}`)).toBeUndefined();
  });

  it('property: any string either is refused or is an https link on an allow-listed host, never throwing', () => {
    const hosts = [...LINK_HOSTS];
    const urlish = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc
        .tuple(
          fc.constantFrom('https://', 'http://', 'javascript:', '//', 'https:/', 'HTTPS://'),
          fc.constantFrom(...hosts),
          fc.string({ maxLength: 40 }),
          fc.string({ maxLength: 80 }),
        )
        .map(([s, host, mid, path]) => `${s}${host}${mid}/${path}`),
      fc.tuple(fc.constantFrom(...hosts), fc.domain()).map(([a, b]) => `https://${a}.${b}/`),
    );
    fc.assert(
      fc.property(urlish, (url) => {
        const out = safeLink(url);
        if (out === undefined) return;
        const u = new URL(out);
        expect(u.protocol).toBe('https:');
        expect(LINK_HOSTS.has(u.hostname)).toBe(true);
        expect(u.username + u.password + u.port).toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('property: a URL on any host outside the list is refused', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true }), (url) => {
        fc.pre(!LINK_HOSTS.has(new URL(url).hostname));
        expect(safeLink(url)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a page-supplied value never becomes a link we open', () => {
  const guide: FixGuide = {
    summary: 'Fix it',
    steps: ['Do this.'],
    deepLink: '{rotate}',
    docs: 'https://supabase.com/docs',
    platforms: { supabase: { steps: ['There.'], deepLink: 'https://supabase.com/dashboard/project/{ref}/auth/policies?search={table}' } },
  };

  it('a whole-value deep link ({rotate}) only keeps an allow-listed vendor link', () => {
    for (const rotate of HOSTILE) expect(resolveGuide(guide, [], { rotate }).primary.deepLink).toBeUndefined();
    expect(resolveGuide(guide, [], { rotate: 'https://dashboard.stripe.com/apikeys' }).primary.deepLink).toBe('https://dashboard.stripe.com/apikeys');
  });

  it('property: any values in a template stay on the template’s host', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (ref, table) => {
        const link = resolveGuide(guide, ['supabase'], { ref, table }).primary.deepLink;
        if (link === undefined) return;
        const u = new URL(link);
        expect(u.origin).toBe('https://supabase.com');
        expect(u.pathname.startsWith('/dashboard/project/')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  afterEach(() => cleanup());

  it('the fix guide shows neither "Open settings" nor "Documentation" for a link off the list', () => {
    const onOpen = vi.fn();
    const variant = { target: 'generic' as const, name: 'Any host', steps: ['Step.'], deepLink: 'https://evil.example/', docs: 'javascript:alert(1)' };
    render(h(FixGuideView, { guide: { summary: 'S', primary: variant, others: [] }, onOpen, onCopy: async () => undefined, idPrefix: 'g' }));
    expect(screen.queryByRole('button', { name: /Open settings/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Documentation' })).toBeNull();
  });

  it('the fix guide opens an allow-listed deep link and links its docs', () => {
    const onOpen = vi.fn();
    const variant = {
      target: 'generic' as const,
      name: 'Any host',
      steps: ['Step.'],
      deepLink: 'https://supabase.com/dashboard/project/x',
      docs: 'https://supabase.com/docs',
    };
    render(h(FixGuideView, { guide: { summary: 'S', primary: variant, others: [] }, onOpen, onCopy: async () => undefined, idPrefix: 'g' }));
    fireEvent.click(screen.getByRole('button', { name: /Open settings/ }));
    expect(onOpen).toHaveBeenCalledWith('https://supabase.com/dashboard/project/x');
    expect(screen.getByRole('link', { name: 'Documentation' }).getAttribute('href')).toBe('https://supabase.com/docs');
  });

  it('the builder warning links "Rotate this key" only to an allow-listed host', () => {
    const item = (id: string, rotateUrl: string): WarningItem => ({
      id,
      rect: () => undefined,
      field: 'API key',
      providerName: 'Stripe',
      exposure: 'secret',
      masked: 'sk_l…abcd',
      why: 'Why.',
      safePlace: 'Elsewhere.',
      rotateUrl,
    });
    const container = document.body.appendChild(document.createElement('div'));
    renderFieldWarnings(container, [item('a', 'https://evil.example/rotate'), item('b', 'https://dashboard.stripe.com/apikeys')], () => undefined);
    const links = screen.getAllByRole('link', { name: 'Rotate this key' });
    container.remove();
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://dashboard.stripe.com/apikeys']);
  });

  describe('the popup bridge opens only allow-listed links', () => {
    beforeEach(() => fakeBrowser.reset());

    it('drops a link off the list and opens one on it', async () => {
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      const api = browserApi('');
      for (const url of HOSTILE) api.open(url);
      expect(create).not.toHaveBeenCalled();
      api.open('https://supabase.com/dashboard/project/abcdefghijklmnopqrst');
      expect(create).toHaveBeenCalledTimes(1);
      expect(create).toHaveBeenCalledWith({ url: 'https://supabase.com/dashboard/project/abcdefghijklmnopqrst' });
    });
  });
});
