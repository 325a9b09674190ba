/**
 * The Glide builder's screen readers (entrypoints/glide.content/readers/) are pure functions over the page's DOM,
 * which the page controls. Property: the documented screens (test/fixtures/apps/glide-builder.ts), randomly
 * damaged — text replaced with any string or with other screens' anchors, elements removed or duplicated, roles
 * and ARIA states changed, 1 MB texts — always read into an observation GlideObservationSchema accepts ("read"
 * or "unreadable" with what is missing), never throwing. screenOf takes any address.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readScreen, screenOf } from '@/entrypoints/glide.content/readers';
import { GLIDE_SCREENS, GlideObservationSchema, type GlideScreen } from '@/utils/glide/builder-evidence';
import { accessHalf, accessNew, accessOld, dataEditor, secretsScreen, usersScreen, workflows } from '../../fixtures/apps/glide-builder';

const MB = 1024 * 1024;

const SCREENS: [GlideScreen, string][] = [
  ['access', accessNew({ mode: 'public' })],
  ['access', accessNew({ mode: 'private', requestAccess: true, magic: true })],
  ['access', accessOld('Public with email')],
  ['access', accessHalf()],
  ['data', dataEditor({ selected: 'Customers', menuOn: 'Email' })],
  ['data', dataEditor({ panelKey: 'stripe' })],
  ['api', dataEditor({ showApi: true })],
  ['workflows', workflows({ webhookOpen: true })],
  ['workflows', workflows({ empty: true })],
  ['users', usersScreen()],
  ['secrets', secretsScreen()],
];

/** Words the readers look for, so damage lands on what they read. */
const ANCHORS = [
  'Public',
  'Private',
  'Public with email',
  'Users table',
  'Request access',
  'Make Row Owner',
  'Row owner',
  'Data Sources',
  'Show API',
  'Webhook',
  'Call API',
  'Trigger',
  'Everyone',
  'true',
  'false',
  'mixed',
  '',
];
const ROLES = [
  'radio',
  'switch',
  'checkbox',
  'grid',
  'row',
  'columnheader',
  'gridcell',
  'treeitem',
  'tree',
  'menu',
  'menuitem',
  'dialog',
  'heading',
  'button',
  'tab',
  'tabpanel',
  'none',
];
const ATTRS = ['role', 'aria-checked', 'aria-selected', 'aria-expanded', 'aria-label', 'aria-colcount', 'aria-busy', 'value', 'hidden', 'style'];

type Op =
  | { kind: 'text'; pick: number; text: string }
  | { kind: 'remove' | 'dup'; pick: number }
  | { kind: 'attr'; pick: number; name: string; value: string }
  | { kind: 'huge'; pick: number; size: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    pick: fc.nat(),
    text: fc.oneof(fc.constantFrom(...ANCHORS), fc.string({ maxLength: 80, unit: 'grapheme' })),
  }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'dup' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('attr' as const),
    pick: fc.nat(),
    name: fc.constantFrom(...ATTRS),
    value: fc.oneof(fc.constantFrom(...ROLES, ...ANCHORS, '99999999', '-1'), fc.string({ maxLength: 40 })),
  }),
  fc.record({ kind: fc.constant('huge' as const), pick: fc.nat(), size: fc.integer({ min: 1000, max: MB }) }),
);

function load(html: string): Document {
  document.open();
  document.write(html);
  document.close();
  for (const s of [...document.querySelectorAll('script')]) s.remove(); // fixtures' timers are for the real browser
  return document;
}

function apply(doc: Document, ops: Op[]) {
  for (const o of ops) {
    const all = [...doc.body.querySelectorAll('*')];
    if (!all.length) return;
    const el = all[o.pick % all.length]!;
    if (o.kind === 'text') el.textContent = o.text;
    else if (o.kind === 'remove') el.remove();
    else if (o.kind === 'dup') el.after(el.cloneNode(true));
    else if (o.kind === 'attr') el.setAttribute(o.name, o.value);
    else if (o.kind === 'huge') el.textContent = `${ANCHORS[o.pick % ANCHORS.length]} ${'x'.repeat(o.size)}`;
  }
}

describe('Glide screen readers over damaged screens', () => {
  it('any damage to a documented screen reads into a valid observation of that screen', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCREENS), fc.array(op, { minLength: 1, maxLength: 8 }), ([screen, html], ops) => {
        const doc = load(html);
        apply(doc, ops);
        const o = readScreen(doc, screen);
        const parsed = GlideObservationSchema.safeParse({ ...o, seenAt: 1 });
        expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
        // The Data editor's reader serves the Data, API and Integrations addresses and says which one it saw.
        const DATA_EDITOR: GlideScreen[] = ['data', 'api', 'integrations'];
        if (DATA_EDITOR.includes(screen)) expect(DATA_EDITOR).toContain(o.screen);
        else expect(o.screen).toBe(screen);
        if (o.status === 'unreadable') expect(o.missing?.length).toBeGreaterThan(0);
      }),
      { numRuns: 80 },
    );
  });

  it('any screen read on any other screen’s page gives a valid observation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCREENS), fc.constantFrom(...GLIDE_SCREENS), ([, html], screen) => {
        const o = readScreen(load(html), screen);
        expect(GlideObservationSchema.safeParse({ ...o, seenAt: 1 }).success).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('random markup of the readers’ roles and words reads into a valid observation', () => {
    const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.constantFrom(...ANCHORS), fc.string({ maxLength: 30 })).map((t) => t.replace(/[<&]/g, '')),
        fc
          .tuple(
            fc.constantFrom('div', 'section', 'h2', 'h3', 'button', 'label', 'input', 'ul', 'li', 'span', 'textarea', 'code'),
            fc.constantFrom(...ROLES),
            fc.constantFrom('true', 'false', 'mixed'),
            fc.array(tie('node'), { maxLength: 4 }),
          )
          .map(([tag, role, state, kids]) => `<${tag} role="${role}" aria-checked="${state}" aria-selected="${state}">${kids.join('')}</${tag}>`),
      ),
    })).node;
    fc.assert(
      fc.property(node, fc.constantFrom(...GLIDE_SCREENS), (html, screen) => {
        const o = readScreen(load(`<!doctype html><html><body>${html}</body></html>`), screen);
        expect(GlideObservationSchema.safeParse({ ...o, seenAt: 1 }).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('screenOf: any address is a known screen or undefined', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ maxLength: 100 }).map((p) => `https://go.glideapps.com/app/AbCdEfGhIj${p}`),
        ),
        (href) => {
          const s = screenOf(href);
          if (s !== undefined) expect(GLIDE_SCREENS).toContain(s);
        },
      ),
      { numRuns: 200 },
    );
  });
});
