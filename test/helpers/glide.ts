/**
 * Hand-made Glide evidence for rule tests: what the builder showed for one app (Access, Data, Workflows, keys), and
 * a deployed Glide app seen logged out. Models bubble-glide.md §4-6 (screens, wording, Row Owners).
 */
import { EvidenceSchema, type Evidence, type EvidenceInput } from '@/utils/evidence/evidence';
import { auditScope } from '@/utils/platform/builders';
import type { GlideBuilder, GlideBuilderInput, GlideColumn, GlideTable } from '@/utils/glide/builder-evidence';
import type { GlideAppInput } from '@/utils/glide/app-evidence';
import { NOW, pageSnapshot } from './evidence';

export const APP_ID = 'AbCdEfGhIjKlMnOpQrSt';
export const BUILDER_URL = `https://go.glideapps.com/app/${APP_ID}/data`;

export type Glide = Partial<Omit<GlideBuilderInput, 'appId'>>;

export function glide(g: Glide = {}): Evidence {
  const raw: EvidenceInput = {
    url: BUILDER_URL,
    origin: auditScope(BUILDER_URL),
    collectedAt: NOW,
    responses: [],
    cookies: [],
    redirect: { status: 'not-checked', reason: 'builder editor' },
    builder: { platform: 'glide', secrets: [], glide: { appId: APP_ID, screens: [{ screen: 'data', status: 'read', seenAt: NOW }], ...g } },
    globals: {},
    gaps: [],
  };
  return EvidenceSchema.parse(raw);
}

type Col = string | (Partial<GlideColumn> & { name: string });
/** A table whose header row was read completely; a column given as a string has an unknown Row Owner state. */
export function table(name: string, cols: Col[], o: Partial<GlideTable> = {}): GlideTable {
  return {
    name,
    columns: cols.map((c) =>
      typeof c === 'string' ? { name: c, rowOwner: 'unknown', computed: 'unknown' } : { rowOwner: 'unknown', computed: 'unknown', ...c },
    ),
    columnsComplete: true,
    seenAt: NOW,
    ...o,
  };
}
/** Every column's menu seen offering "Make Row Owner" (none is one). */
export const noOwner = (name: string, cols: string[]) =>
  table(
    name,
    cols.map((c) => ({ name: c, rowOwner: 'no' as const })),
  );

export const access = (a: Partial<NonNullable<GlideBuilder['access']>> & { mode: NonNullable<GlideBuilder['access']>['mode'] }) => ({
  who: [],
  signIn: [],
  seenAt: NOW,
  ...a,
});

export const PEOPLE = noOwner('Customers', ['Name', 'Email', 'Phone Number', 'Notes']);
export const PRODUCTS = noOwner('Products', ['Title', 'Price', 'Stock']);

/** A deployed Glide app's evidence (a served page plus the logged-out visit's Glide facts). */
export function glideApp(app: Partial<GlideAppInput> = {}, url = 'https://tinyshop.glide.page/dl/a1b2c3'): Evidence {
  const raw: EvidenceInput = {
    url,
    origin: new URL(url).origin,
    collectedAt: NOW,
    responses: [{ url, status: 200, type: 'main_frame', headers: [], source: 'webRequest' }],
    cookies: [],
    redirect: { status: 'not-checked', reason: 'test' },
    page: pageSnapshot(url),
    glideApp: { signIn: 'absent', visible: { emails: 0, phones: 0 }, requests: [], ...app },
    globals: {},
    gaps: [],
  };
  return EvidenceSchema.parse(raw);
}
