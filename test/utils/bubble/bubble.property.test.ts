/**
 * Property-based tests of the Bubble app model (utils/bubble/read.ts) and the deployed app's API answers
 * (utils/bubble/deployed.ts). A definition comes from a file or a page's main world: any shape either reads into a
 * model that BubbleAppSchema accepts or is refused with "Not a Bubble app: …", and both serialisations (the export's
 * readable keys, the editor's short codes) of the same, randomly damaged app read into the same model. Any status
 * and body of `/api/1.1/meta`, `/obj/<type>` and `/version-test` classifies into its schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBubbleApp } from '@/utils/bubble/read';
import { BubbleAppSchema, type BubbleApp } from '@/utils/bubble/model';
import { MetaSchema, ObjAnswerSchema, VersionTestSchema, classifyMeta, classifyObj, classifyVersionTest } from '@/utils/bubble/deployed';
import { hardenedApp, leakyApp, minimalApp, toEditor } from '../../fixtures/bubble/app';

const MB = 1024 * 1024;
type Json = unknown;

/** Reads, or returns the refusal's message; any other exception fails the test. */
function read(root: unknown, source: BubbleApp['source']): BubbleApp | string {
  try {
    const app = readBubbleApp(root, { source, appId: 'leaky-app' });
    expect(BubbleAppSchema.safeParse(app).success).toBe(true);
    return app;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/^Not a Bubble app: /);
    return (e as Error).message;
  }
}

/** Every path to an object or array inside `v`. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (out.length > 5000) return out;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

type Op = { kind: 'replace' | 'delete' | 'dup'; pick: number; value: Json };
/** Applies damage at picked paths of a deep copy: replace a node with any JSON, delete it, or duplicate a sibling. */
function damage(app: Json, ops: Op[]): Json {
  const root = structuredClone(app) as Record<string, Json>;
  for (const op of ops) {
    const all = paths(root).filter((p) => p.length > 0);
    if (!all.length) break;
    const p = all[op.pick % all.length]!;
    const parent = p.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], root) as Record<string | number, Json>;
    const key = p[p.length - 1]!;
    if (op.kind === 'replace') parent[key] = op.value;
    else if (op.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (!Array.isArray(parent)) parent[`${String(key)}_copy`] = structuredClone(parent[key]);
  }
  return root;
}

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'dup'),
  pick: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, true, '', '%d', { type: 'Empty' }, { '%d': 'x' }, [], {})),
});
const base = fc.constantFrom(leakyApp(), hardenedApp(), minimalApp());
const same = (a: BubbleApp | string, b: BubbleApp | string) =>
  typeof a === 'string' || typeof b === 'string'
    ? [a, b]
    : [
        { ...a, source: 'export' },
        { ...b, source: 'export' },
      ];

describe('Bubble app model', () => {
  it('any JSON value: a valid model or "Not a Bubble app"', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 })), fc.constantFrom('export' as const, 'editor' as const), (v, source) => {
        read(v, source);
      }),
      { numRuns: 300 },
    );
  });

  it('a randomly damaged app reads the same from both serialisations, or is refused by both', () => {
    fc.assert(
      fc.property(base, fc.array(op, { minLength: 1, maxLength: 6 }), (app, ops) => {
        const damaged = damage(app, ops);
        const [a, b] = same(read(damaged, 'export'), read(toEditor(damaged), 'editor'));
        expect(b).toEqual(a);
      }),
      { numRuns: 120 },
    );
  });

  it('huge values (1 MB strings, thousands of types, deep nesting) read into the bounded model', () => {
    const big = 'x'.repeat(MB);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom('export' as const, 'editor' as const),
        (types, depth, source) => {
          const user_types: Record<string, Json> = {};
          for (let i = 0; i < types; i++) user_types[`t${i}`] = { display: i % 97 === 0 ? big : `Type ${i}`, fields: { f: { display: big, value: 'text' } } };
          // Deep nesting is built in the serialisation under test (the fixture's toEditor recurses).
          const [elements, display] = source === 'editor' ? ['%el', '%d'] : ['elements', 'display'];
          let deep: Json = { [display]: 'leaf' };
          for (let i = 0; i < depth; i++) deep = { [elements]: { a: deep }, [display]: `e${i}` };
          const shallow = minimalApp({ types: user_types, pages: { index: { name: big } } });
          const app = (source === 'editor' ? toEditor(shallow) : shallow) as Record<string, Record<string, Record<string, Json>>>;
          const pages = app[source === 'editor' ? '%p3' : 'pages']!;
          pages.index![elements] = { root: deep };
          const model = read(app, source);
          expect(typeof model).toBe('object');
        },
      ),
      { numRuns: 6 },
    );
  });

  it('a hostile object (getters, prototype keys, cycles) is read without looping or polluting prototypes', () => {
    let called = 0;
    const app = minimalApp() as Record<string, unknown>;
    Object.defineProperty(app, 'api', {
      enumerable: true,
      get() {
        called++;
        return {};
      },
    });
    const cyclic: Record<string, unknown> = { display: 'c' };
    cyclic.elements = { self: cyclic };
    (app.pages as Record<string, unknown>).loop = cyclic;
    (app as Record<string, unknown>).__proto__polluted = JSON.parse('{"__proto__": {"polluted": true}}');
    for (const source of ['export', 'editor'] as const) expect(typeof read(app, source)).toBe('object');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(called).toBeGreaterThan(0); // the getter's {} was read as the app's api
  });
});

describe('deployed Bubble API answers', () => {
  const metaBody = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .record({
        get: fc.array(fc.oneof(fc.string({ maxLength: 120 }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 40 }),
        post: fc.array(
          fc.oneof(
            fc.record({ endpoint: fc.jsonValue({ maxDepth: 1 }), method: fc.jsonValue({ maxDepth: 1 }), auth_unecessary: fc.jsonValue({ maxDepth: 1 }) }),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          { maxLength: 20 },
        ),
        types: fc.dictionary(fc.string({ maxLength: 120 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 20 }),
      })
      .map((v) => JSON.stringify(v)),
  );
  const status = fc.oneof(fc.constantFrom(0, 200, 401, 403, 404, 500), fc.integer({ min: 0, max: 999 }));

  it('/meta: any status and body classify into the schema', () => {
    fc.assert(
      fc.property(status, fc.option(metaBody, { nil: undefined }), (s, body) => {
        expect(MetaSchema.safeParse(classifyMeta({ status: s, ...(body !== undefined ? { body } : {}) })).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('/obj/<type>: any status, body and error classify into the schema', () => {
    const objBody = fc.oneof(
      metaBody,
      fc
        .record({
          response: fc.record({
            results: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
            count: fc.jsonValue({ maxDepth: 0 }),
            remaining: fc.jsonValue({ maxDepth: 0 }),
          }),
        })
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z_ ]{1,40}$/),
        status,
        fc.option(objBody, { nil: undefined }),
        fc.option(fc.string({ maxLength: 400 }), { nil: undefined }),
        (type, s, body, error) => {
          const parsed = ObjAnswerSchema.safeParse(
            classifyObj(type, { status: s, ...(body !== undefined ? { body } : {}), ...(error !== undefined ? { error } : {}) }),
          );
          expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('/obj/<type>: counts past 2^53 are capped, not a schema failure (found by the property above)', () => {
    const body = JSON.stringify({ response: { results: [], count: false, remaining: 2 ** 53 } });
    const a = classifyObj('_', { status: 200, body });
    expect(ObjAnswerSchema.safeParse(a).success).toBe(true);
    expect(a.total).toBe(Number.MAX_SAFE_INTEGER);
    const both = classifyObj('user', { status: 200, body: JSON.stringify({ response: { results: [{}], count: 2 ** 52, remaining: 2 ** 52 + 7 } }) });
    expect(ObjAnswerSchema.safeParse(both).success).toBe(true);
  });

  it('/version-test: any status and WWW-Authenticate classify into the schema', () => {
    fc.assert(
      fc.property(status, fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), (s, authenticate) => {
        expect(VersionTestSchema.safeParse(classifyVersionTest({ status: s, ...(authenticate !== undefined ? { authenticate } : {}) })).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a 1 MB /meta body classifies into the schema', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `type_${i}_${'n'.repeat(30)}`);
    const meta = classifyMeta({ status: 200, body: JSON.stringify({ get: names, post: [], types: {} }) });
    expect(JSON.stringify({ get: names }).length).toBeGreaterThan(MB / 2);
    expect(MetaSchema.safeParse(meta).success).toBe(true);
  });
});
