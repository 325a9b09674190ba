/**
 * Platform and host detection, from the signals in shared/reference/builders.md (Bubble headers, cookies, globals and
 * host; Glide hosts; Supabase REST hosts in requests the page made) and our own host fingerprints.
 * Signals a page can fake (globals, meta tags, scripts) must never give 'high' on their own.
 */
import { describe, expect, it } from 'vitest';
import type { Detection } from '@/utils/platform/platforms';
import { detectPlatforms, platformVars } from '@/utils/platform/detect';
import { cookie, evidence, type PageSpec } from '../../helpers/evidence';

const detect = (spec: PageSpec) => detectPlatforms(evidence(spec));
const find = (list: Detection[], id: string) => list.find((d) => d.id === id);
const SUPABASE_REST = 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/polls';

describe('detectPlatforms: Bubble', () => {
  it.each([
    ['header x-bubble-perf', { headers: [['x-bubble-perf', '{"server":12}']] }],
    ['header X-Bubble-Capacity-Used in odd case', { headers: [['X-Bubble-Capacity-Used', '0.1']] }],
    ['host <app>.bubbleapps.io', { url: 'https://tinypoll.bubbleapps.io/version-test/' }],
    ['cookie <app>_live_u2main from the cookie store', { cookies: [cookie({ name: 'tinypoll_live_u2main' })] }],
    ['cookie <app>_live_u2main.sig from Set-Cookie', { cookies: [cookie({ name: 'tinypoll_live_u2main.sig', source: 'set-cookie' })] }],
    ['cookie <app>_test_u2main', { cookies: [cookie({ name: 'tinypoll_test_u2main' })] }],
  ] as [string, PageSpec][])('%s → Bubble, high', (_, spec) => {
    expect(find(detect(spec), 'bubble')).toMatchObject({ kind: 'platform', name: 'Bubble', confidence: 'high' });
  });

  it('lists the signals it used', () => {
    const d = find(detect({ url: 'https://tinypoll.bubbleapps.io/', headers: [['x-bubble-perf', '1']], globals: { bubble_version: '5' } }), 'bubble')!;
    expect(d.signals).toEqual(expect.arrayContaining(['header x-bubble-perf', 'address tinypoll.bubbleapps.io', 'global bubble_version']));
  });

  it('globals alone (_bubble_page_load_data, bubble_version, appquery) give low confidence only', () => {
    expect(find(detect({ globals: { _bubble_page_load_data: true, bubble_version: '5', appquery: true } }), 'bubble')?.confidence).toBe('low');
  });

  it('globals plus scripts from bubble.io give medium, never high', () => {
    const d = find(detect({ globals: { appquery: true }, page: { scripts: [{ src: 'https://assets.bubble.io/package/run_js.js' }] } }), 'bubble');
    expect(d?.confidence).toBe('medium');
  });

  it('a u2main cookie the page set for itself (visible only to scripts) is only a weak signal', () => {
    expect(find(detect({ cookies: [cookie({ name: 'fake_live_u2main', source: 'page', httpOnly: false })] }), 'bubble')?.confidence).toBe('low');
  });

  it('a u2main cookie page script could have written (cookie API, not HttpOnly) does not give high', () => {
    expect(find(detect({ cookies: [cookie({ name: 'fake_live_u2main', httpOnly: false })] }), 'bubble')?.confidence).toBe('low');
  });

  it('an HttpOnly u2main cookie (only a server can set it) gives high', () => {
    expect(find(detect({ cookies: [cookie({ name: 'tinypoll_live_u2main', httpOnly: true })] }), 'bubble')?.confidence).toBe('high');
  });

  it("Bubble headers on a request the page made are not the page's own headers", () => {
    const d = find(
      detect({ responses: [{ url: 'https://api.example.net/x', status: 200, type: 'fetch', headers: [['x-bubble-perf', '1']], source: 'webRequest' }] }),
      'bubble',
    );
    expect(d).toBeUndefined();
  });

  it('look-alike names are not Bubble', () => {
    const list = detect({
      url: 'https://bubbleapps.io.evil.example/',
      headers: [
        ['x-bubble', '1'],
        ['x-bubbles-perf', '1'],
      ],
      cookies: [cookie({ name: 'live_u2main_x' })],
    });
    expect(find(list, 'bubble')).toBeUndefined();
  });
});

describe('detectPlatforms: Glide', () => {
  it.each(['https://tinypoll.glide.page/dl/abc', 'https://tinypoll.glideapp.io/', 'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt'])(
    'host %s → Glide, high',
    (url) => expect(find(detect({ url }), 'glide')).toMatchObject({ confidence: 'high', kind: 'platform' }),
  );

  it('a faked meta generator alone is low; with a Glide script, medium', () => {
    expect(find(detect({ page: { meta: [{ name: 'generator', content: 'Glide' }] } }), 'glide')?.confidence).toBe('low');
    expect(
      find(detect({ page: { meta: [{ name: 'generator', content: 'Glide' }], scripts: [{ src: 'https://cdn.glideapps.com/app.js' }] } }), 'glide')?.confidence,
    ).toBe('medium');
  });

  it('glide.page must be the end of the host', () => expect(find(detect({ url: 'https://glide.page.evil.example/' }), 'glide')).toBeUndefined());
});

describe('detectPlatforms: Supabase (client)', () => {
  it('a request the page made to a project REST host → Supabase, low', () => {
    const list = detect({ page: { resources: [SUPABASE_REST] } });
    expect(find(list, 'supabase')).toMatchObject({ confidence: 'low', signals: ['loads from abcdefghijklmnopqrst.supabase.co'] });
  });

  it('the same from a captured response, plus the supabase-js global → medium (page-chosen signals never reach high)', () => {
    const list = detect({
      responses: [{ url: `${SUPABASE_REST}?select=*`, status: 200, type: 'fetch', headers: [], source: 'webRequest' }],
      globals: { supabase: true },
    });
    expect(find(list, 'supabase')?.confidence).toBe('medium');
  });

  it('supabase-js from a CDN counts as a script signal', () => {
    expect(find(detect({ page: { scripts: [{ src: 'https://cdn.jsdelivr.net/npm/@supabase/supabase-js@2' }] } }), 'supabase')?.confidence).toBe('low');
  });

  it.each([
    'https://abc.supabase.co/rest/v1/x',
    'https://abcdefghijklmnopqrstu.supabase.co/rest/v1/x',
    'https://supabase.com/dashboard',
    'https://abcdefghijklmnopqrst.supabase.co.evil.example/rest/v1/x',
  ])('not a project host: %s', (url) => expect(find(detect({ page: { resources: [url] } }), 'supabase')).toBeUndefined());
});

describe('detectPlatforms: Firebase, Lovable, Softr, Webflow', () => {
  it('Firebase from its hosting address (platform and host both high)', () => {
    const list = detect({ url: 'https://tinypoll.web.app/' });
    expect(find(list, 'firebase')).toMatchObject({ kind: 'platform', confidence: 'high' });
    expect(find(list, 'firebase-hosting')).toMatchObject({ kind: 'host', confidence: 'high' });
    expect(find(detect({ url: 'https://tinypoll.firebaseapp.com/' }), 'firebase')?.confidence).toBe('high');
  });

  it('Firebase SDK script and global only → medium', () => {
    expect(
      find(detect({ globals: { firebase: true }, page: { scripts: [{ src: 'https://www.gstatic.com/firebasejs/10.0.0/firebase-app.js' }] } }), 'firebase')
        ?.confidence,
    ).toBe('medium');
  });

  it('Lovable from its host; a faked author meta alone is low', () => {
    expect(find(detect({ url: 'https://poll.lovable.app/' }), 'lovable')?.confidence).toBe('high');
    expect(find(detect({ page: { meta: [{ name: 'author', content: 'Lovable' }] } }), 'lovable')?.confidence).toBe('low');
  });

  it('Softr from its host; a faked generator alone is low', () => {
    expect(find(detect({ url: 'https://poll.softr.app/' }), 'softr')?.confidence).toBe('high');
    expect(find(detect({ page: { meta: [{ name: 'generator', content: 'Softr' }] } }), 'softr')?.confidence).toBe('low');
  });

  it('Webflow from its host', () => expect(find(detect({ url: 'https://poll.webflow.io/' }), 'webflow')?.confidence).toBe('high'));

  it('every faked Webflow page signal at once (meta, global, root attribute, script) is still only medium', () => {
    const d = find(
      detect({
        globals: { Webflow: true },
        page: {
          meta: [{ name: 'generator', content: 'Webflow' }],
          rootAttributes: { 'data-wf-site': '64ab', 'data-wf-page': '64cd' },
          scripts: [{ src: 'https://cdn.prod.website-files.com/x/js/webflow.js' }],
        },
      }),
      'webflow',
    );
    expect(d).toMatchObject({ confidence: 'medium' });
    expect(d!.signals).toHaveLength(4);
  });
});

describe('detectPlatforms: hosts', () => {
  it.each([
    ['netlify', { headers: [['Server', 'Netlify']] }],
    ['netlify', { headers: [['x-nf-request-id', '01H']] }],
    ['netlify', { url: 'https://poll.netlify.app/' }],
    ['vercel', { headers: [['server', 'Vercel']] }],
    ['vercel', { headers: [['X-Vercel-Id', 'fra1::abc']] }],
    ['vercel', { url: 'https://poll.vercel.app/' }],
    ['cloudflare', { headers: [['Server', 'cloudflare']] }],
    ['cloudflare', { headers: [['CF-RAY', '8a1b-FRA']] }],
    ['cloudflare', { url: 'https://poll.pages.dev/' }],
  ] as [string, PageSpec][])('%s from %j', (id, spec) => {
    expect(find(detect(spec), id)).toMatchObject({ kind: 'host', confidence: 'high' });
  });

  it('a Server header that only mentions a host later in its value is not that host', () => {
    expect(find(detect({ headers: [['Server', 'nginx (behind netlify)']] }), 'netlify')).toBeUndefined();
  });
});

describe('detectPlatforms: unknown pages and order', () => {
  it('a plain page yields nothing', () => expect(detect({ headers: [['Server', 'nginx']] })).toEqual([]));

  it('a page without headers, cookies or snapshot yields nothing', () => {
    const ev = evidence({ page: null });
    expect(detectPlatforms({ ...ev, responses: [] })).toEqual([]);
  });

  it('sorts by confidence, platforms before hosts', () => {
    const list = detect({
      url: 'https://tinypoll.bubbleapps.io/',
      headers: [['Server', 'cloudflare']],
      page: { meta: [{ name: 'generator', content: 'Webflow' }] },
    });
    expect(list.map((d) => `${d.id}:${d.confidence}`)).toEqual(['bubble:high', 'cloudflare:high', 'webflow:low']);
  });
});

describe('platformVars', () => {
  it('takes the Bubble app name from the X-Bubble-Appname header, lower-cased', () => {
    expect(platformVars(evidence({ headers: [['X-Bubble-Appname', 'TinyPoll']] }))).toEqual({ app: 'tinypoll' });
  });

  it('or from the bubbleapps.io host', () => expect(platformVars(evidence({ url: 'https://tiny-poll.bubbleapps.io/' }))).toEqual({ app: 'tiny-poll' }));

  it('or from the login cookie', () => expect(platformVars(evidence({ cookies: [cookie({ name: 'tinypoll_live_u2main' })] }))).toEqual({ app: 'tinypoll' }));

  it.each([
    ['a header with a slash and quotes', { headers: [['X-Bubble-Appname', 'evil"/../x']] }],
    ['a header with spaces', { headers: [['X-Bubble-Appname', 'my app']] }],
    ['a header of 101 characters', { headers: [['X-Bubble-Appname', 'a'.repeat(101)]] }],
    ['a header with a URL', { headers: [['X-Bubble-Appname', 'https://evil.example/']] }],
    ['a cookie whose prefix is not an identifier', { cookies: [cookie({ name: 'a.b_live_u2main' })] }],
    ['a custom domain without Bubble signals', { url: 'https://polls.example.com/' }],
  ] as [string, PageSpec][])('no app name from %s', (_, spec) => expect(platformVars(evidence(spec))).toEqual({}));
});
