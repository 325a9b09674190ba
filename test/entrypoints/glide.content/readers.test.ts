/**
 * The Glide builder readers over the documented screens (test/fixtures/apps/glide-builder.ts: glide-code's and the
 * old docs' wording), in happy-dom: what each screen yields, half-rendered screens, and what they never guess.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { TOKEN_SOMEWHERE } from '@/entrypoints/glide.content/anchors';
import { tokenFingerprints } from '@/entrypoints/glide.content/readers/api';
import { readScreen, screenOf } from '@/entrypoints/glide.content/readers';
import { GlideObservationSchema } from '@/utils/glide/builder-evidence';
import { accessHalf, accessNew, accessOld, dataEditor, secretsScreen, TEAM_TOKEN, usersScreen, workflows } from '../../fixtures/apps/glide-builder';
import { fingerprint } from '@/utils/secrets/mask';
import { readPanels } from '@/entrypoints/glide.content/readers/panels';
import { SCANNER_GLOBAL } from '@/in-page/scanner-slot';

const doc = (html: string) => {
  document.open();
  document.write(html);
  document.close();
  for (const s of [...document.querySelectorAll('script')]) s.remove(); // fixtures' timers are for the real browser
  return document;
};
const read = (html: string, screen: Parameters<typeof readScreen>[1]) => GlideObservationSchema.parse(readScreen(doc(html), screen));

describe('screenOf', () => {
  it.each([
    ['https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/settings/privacy', 'access'],
    ['https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/data', 'data'],
    ['https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/workflows?x=1', 'workflows'],
    ['https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/layout', undefined],
    ['https://evil.example/app/AbCdEfGhIjKlMnOpQrSt/data', undefined],
  ])('%s → %s', (url, screen) => expect(screenOf(url)).toBe(screen));
});

describe('Access', () => {
  it('new wording, public', () =>
    expect(read(accessNew({ mode: 'public' }), 'access').access).toMatchObject({
      mode: 'public',
      wording: 'new',
      requestAccess: false,
      signIn: ['glide-pin'],
    }));
  it('new wording, private, users table, request access and magic link on', () =>
    expect(read(accessNew({ mode: 'private', requestAccess: true, magic: true }), 'access').access).toMatchObject({
      mode: 'private',
      who: ['users-table'],
      requestAccess: true,
      signIn: ['magic-link', 'glide-pin'],
    }));
  it.each([
    ['Public', 'public'],
    ['Public with email', 'public-email'],
    ['Limit access by password', 'private'],
    ['Only I can sign in', 'private'],
  ] as const)('old wording "%s" → %s', (label, mode) => expect(read(accessOld(label), 'access').access).toMatchObject({ mode, wording: 'old' }));
  it('old "Limit access by password" is a shared password', () =>
    expect(read(accessOld('Limit access by password'), 'access').access?.who).toEqual(['password']));
  it('half-rendered (heading, no options): could not read, says what is missing', () => {
    const o = read(accessHalf(), 'access');
    expect(o).toMatchObject({ status: 'unreadable' });
    expect(o.missing).toContain('Public / Private');
    expect(o.access).toBeUndefined();
  });
});

describe('Data', () => {
  it('tables, the selected table’s columns (complete by aria-colcount), no Row Owner verdict without a menu', () => {
    const o = read(dataEditor({ selected: 'Customers' }), 'data');
    expect(o.tables.map((t) => t.name)).toEqual(['Customers', 'Orders', 'Products']);
    expect(o.tables[0]).toMatchObject({
      columnsComplete: true,
      columns: [{ name: 'Name', rowOwner: 'unknown' }, { name: 'Email', rowOwner: 'unknown' }, { name: 'Phone Number' }, { name: 'Notes' }],
    });
    expect(o.tables[1]!.columns).toEqual([]);
  });
  it('the sidebar with "Tables" (Glide Tables) and "Data Sources" (external): both lists', () => {
    const o = read(dataEditor({ selected: 'Orders', sidebar: 'tables-and-sources' }), 'data');
    expect(o.tables.map((t) => t.name)).toEqual(['Customers', 'Orders', 'Products', 'Team Leads']);
    expect(o.tables.find((t) => t.name === 'Orders')?.columns.map((c) => c.name)).toEqual(['Item', 'Customer Email', 'Total']);
  });
  it('a column menu offering "Make Row Owner" says that column is not one', () => {
    const o = read(dataEditor({ selected: 'Customers', menuOn: 'Email' }), 'data');
    expect(o.tables[0]!.columns.find((c) => c.name === 'Email')?.rowOwner).toBe('no');
    expect(o.tables[0]!.columns.find((c) => c.name === 'Name')?.rowOwner).toBe('unknown');
  });
  it('a menu without "Make Row Owner" says nothing (the marking of a Row Owner is not documented)', () => {
    const o = read(dataEditor({ selected: 'Customers', menuOn: 'Email' }).replace('<div role="menuitem">Make Row Owner</div>', ''), 'data');
    expect(o.tables[0]!.columns.every((c) => c.rowOwner === 'unknown')).toBe(true);
  });
  it('a Stripe key in a Call API panel: masked and fingerprinted, never the value', () => {
    const html = dataEditor({ panelKey: 'stripe' });
    const o = read(html, 'data');
    expect(o.secrets).toHaveLength(1);
    expect(o.secrets[0]).toMatchObject({ place: 'call-api', field: 'Headers', provider: 'stripe-secret-key' });
    expect(JSON.stringify(o)).not.toMatch(/sk_live_51[A-Za-z0-9]{20}/);
  });
  it('the team token in a Call API header is reported; in the "Show API" panel it is where it belongs', () => {
    expect(read(dataEditor({ panelKey: 'glide-token' }), 'data').secrets[0]?.provider).toBe('glide-api-token');
    const api = read(dataEditor({ showApi: true }), 'data');
    expect(api.screen).toBe('api');
    expect(api.secrets).toEqual([]);
  });
  it('half-rendered: could not read', () => expect(read(dataEditor({ half: true }), 'data')).toMatchObject({ status: 'unreadable', tables: [] }));
  it('an open panel says it needs the secret engine; without it loaded, nothing is read from panels (never "no key" by omission)', () => {
    doc(dataEditor({ panelKey: 'stripe' }));
    const g = globalThis as unknown as Record<string, unknown>;
    const engine = g[SCANNER_GLOBAL];
    delete g[SCANNER_GLOBAL]; // a tab before the engine is injected (in-page/scanner.ts)
    try {
      expect(readPanels(document, 'column')).toEqual({ secrets: [], urlHashes: [], tokenCandidates: [], unread: true });
      expect(readScreen(document, 'data')).toMatchObject({ panelsUnread: true, secrets: [] });
      doc(workflows({ webhookOpen: true })); // a step panel open
      expect(readScreen(document, 'workflows')).toMatchObject({ panelsUnread: true });
    } finally {
      g[SCANNER_GLOBAL] = engine;
    }
    doc(dataEditor({ panelKey: 'stripe' }));
    expect(readPanels(document, 'column')).toMatchObject({ secrets: [{ provider: 'stripe-secret-key' }], unread: false });
    expect(readScreen(document, 'data').panelsUnread).toBeUndefined();
    // No panel open: nothing to read, engine or not.
    doc(dataEditor({}));
    delete g[SCANNER_GLOBAL];
    try {
      expect(readPanels(document, 'column').unread).toBe(false);
      expect(readScreen(document, 'data').panelsUnread).toBeUndefined();
    } finally {
      g[SCANNER_GLOBAL] = engine;
    }
  });
});

describe('"Show API"', () => {
  const teamFp = () => fingerprint('glide-api-token', TEAM_TOKEN());
  it.each([
    ['current wording (curl and @glideapps/tables snippets)', true],
    ['old "Show API usage" window (mutateTables)', 'old'],
  ] as const)('%s: the token’s shape, fingerprint and masked preview, never the token', (_, v) => {
    const o = read(dataEditor({ selected: 'Customers', showApi: v }), 'data');
    expect(o.screen).toBe('api');
    expect(o.apiPanel).toEqual({ shape: 'uuid', fingerprint: teamFp(), masked: `…${TEAM_TOKEN().slice(-4)}` });
    expect(o.secrets).toEqual([]); // where the token belongs: not a leak
    expect(JSON.stringify(o)).not.toContain(TEAM_TOKEN());
    expect(JSON.stringify(o)).not.toContain(TEAM_TOKEN().slice(0, 8));
  });
  it.each([
    ['masked', 'masked'],
    ['half-rendered (no code yet)', 'half'],
  ] as const)('%s: shape "hidden", no fingerprint', (_, v) => expect(read(dataEditor({ showApi: v }), 'data').apiPanel).toEqual({ shape: 'hidden' }));
  it('a token in another shape: "other", still fingerprinted', () =>
    expect(read(dataEditor({ showApi: 'other-shape' }), 'data').apiPanel).toMatchObject({
      shape: 'other',
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    }));
  it('the team token pasted into a column’s cell: a candidate with the same fingerprint, named by table and column', () => {
    const o = read(dataEditor({ selected: 'Customers', tokenInCell: true }), 'data');
    expect(o.tokenCandidates).toEqual([{ fingerprint: teamFp(), place: 'column', field: 'Customers → Notes' }]);
    expect(JSON.stringify(o)).not.toContain(TEAM_TOKEN());
  });
  it('the team token in a Call API header (any host): a candidate too, besides the key detector', () => {
    const o = read(dataEditor({ panelKey: 'glide-token' }), 'data');
    expect(o.tokenCandidates.map((c) => c.place)).toContain('call-api');
  });
  it('the panel before its token button renders ("Copy code" and the operations): still the panel, never a leak', () => {
    const html = dataEditor({ showApi: 'code-only' });
    expect(html).not.toContain('Copy secret token');
    const o = read(html, 'data');
    expect(o.screen).toBe('api');
    expect(o.secrets).toEqual([]);
    expect(o.apiPanel).toMatchObject({ shape: 'uuid', fingerprint: teamFp() });
  });
  it('the token in the "Show API" panel’s own field is where it belongs: no secret, no candidate from that panel', () => {
    const html = dataEditor({ showApi: 'code-only' }).replace('</pre>', `</pre><textarea readonly aria-label="Secret token">${TEAM_TOKEN()}</textarea>`);
    const o = read(html, 'data');
    expect(o.screen).toBe('api');
    expect(o.secrets).toEqual([]);
    expect(o.tokenCandidates).toEqual([]);
  });
  it('a "Copy code" button in another dialog (no API operations) is not the panel', () => {
    const html = dataEditor().replace('</main>', '<div role="dialog"><pre>x</pre><button>Copy code</button></div></main>');
    expect(read(html, 'data').screen).toBe('data');
  });
  it('no token-shaped values: no candidates', () => expect(read(dataEditor({ selected: 'Customers' }), 'data').tokenCandidates).toEqual([]));
  it('a grid whose text holds no token shape: its cells are not visited one by one', () => {
    const d = doc(dataEditor({ selected: 'Customers' }));
    const grid = d.querySelector('[role="grid"]')!;
    const spy = vi.spyOn(grid, 'querySelectorAll');
    expect(GlideObservationSchema.parse(readScreen(d, 'data')).tokenCandidates).toEqual([]);
    expect(spy.mock.calls.map((c) => c[0])).not.toContain('[role="gridcell"], td');
    spy.mockRestore();
  });
  it('the grid test is a superset of the cell test: a token in any cell is in the grid’s glued text (property)', () => {
    // A cell ending in a letter before a "Bearer …" cell: glued, no word boundary is left before "bearer".
    const glued = ['key', 'Bearer example-example-example'];
    expect(tokenFingerprints(glued[1]!, 2)).toHaveLength(1);
    expect(TOKEN_SOMEWHERE.test(glued.join(''))).toBe(true);
    const uuid = fc.tuple(...[8, 4, 4, 4, 12].map((n) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`)))).map((p) => p.join('-'));
    const bearer = fc
      .tuple(fc.constantFrom('Bearer ', 'bearer\t', 'BEARER  ', 'Bearer\n'), fc.stringMatching(/^[A-Za-z0-9._~+/=-]{16,30}$/))
      .map(([b, t]) => b + t);
    const piece = fc.oneof(
      uuid,
      bearer,
      fc.constantFrom('Bearer ', 'bearer\t', 'BEARER  ', 'xbearer ', 'Bearer\n', ' ', '-', '\u212a'),
      fc.stringMatching(/^[A-Za-z0-9._~+/=-]{0,24}$/),
      fc.string({ maxLength: 6 }),
    );
    const cell = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        // What cellCandidates finds per cell (text cut at 300, at least 16 chars) implies the one-string test.
        const perCell = cells.some((t) => t.slice(0, 300).length >= 16 && tokenFingerprints(t.slice(0, 300), 2).length > 0);
        if (perCell) expect(TOKEN_SOMEWHERE.test(cells.join(''))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  // However the token button is written, it is found (./readers/api.ts reads every button's name).
  it.each([
    ['named only by its aria-label (an icon button), outside any dialog', '<button aria-label="Copy secret token"><svg></svg></button>'],
    ['its words split across elements', '<button><span>Copy secret</span> <b>TOKEN</b></button>'],
    ['written with the Kelvin sign (lower-cases to "k", as the readers normalise)', '<button>Copy secret to\u212Aen</button>'],
    ['aria-label with the Kelvin sign', '<button aria-label="COPY SECRET TO\u212AEN"></button>'],
  ])('the token button %s: still the "Show API" panel', (_, button) => {
    const panel = `<section><pre>curl -H "Authorization: Bearer ${TEAM_TOKEN()}"</pre>${button}</section>`;
    const o = read(dataEditor({ selected: 'Customers' }).replace('</main>', `${panel}</main>`), 'data');
    expect(o.screen).toBe('api');
    expect(o.apiPanel).toMatchObject({ shape: 'uuid', fingerprint: teamFp() });
  });
  it('a page without the word "token" anywhere has no "Show API" panel', () => {
    const html = dataEditor({ selected: 'Customers' }).replace('</main>', '<section><pre>x</pre><button>Copy secret</button></section></main>');
    expect(html.toLowerCase()).not.toContain('token');
    expect(read(html, 'data').screen).toBe('data');
  });
});

describe('Workflows', () => {
  it('triggers, a scheduled "Delete rows" step', () => {
    const o = read(workflows({ cleanup: true }), 'workflows');
    expect(o.workflows?.items).toEqual([
      { name: 'New lead Webhook', trigger: 'webhook' },
      { name: 'Welcome email Manual', trigger: 'manual' },
      { name: 'Nightly clean-up Schedule Delete rows', trigger: 'schedule', deletesRows: true },
    ]);
  });
  it('an open webhook trigger: the URL as a hash only', () => {
    const o = read(workflows({ webhookOpen: true }), 'workflows');
    expect(o.workflows?.items[0]?.webhookHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(o)).not.toContain('fixture-hook');
  });
  it('current docs’ "App interaction" trigger (user-started) reads as manual', () => {
    const html = workflows().replace('Welcome email <span>Manual</span>', 'Approve order <span>App interaction</span>');
    expect(read(html, 'workflows').workflows?.items[1]).toEqual({ name: 'Approve order App interaction', trigger: 'manual' });
  });
  it('an empty screen (empty-state wording undocumented) is "unknown", never "no workflows"', () =>
    expect(read(workflows({ empty: true }), 'workflows')).toMatchObject({ status: 'unreadable', workflows: { state: 'unknown' } }));
});

describe('Users and Secrets', () => {
  it.each([
    ['users', usersScreen()],
    ['secrets', secretsScreen()],
  ] as const)('%s: could not read (no documented wording), never reads values', (screen, html) => {
    const o = read(html, screen);
    expect(o).toMatchObject({ screen, status: 'unreadable' });
    expect(JSON.stringify(o)).not.toContain('ana@example.com');
  });
});
