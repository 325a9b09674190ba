import { describe, expect, it } from 'vitest';
import { compareFindings, fingerprint, formatMessage, runRules } from '@/engine/engine';
import type { Evidence } from '@/utils/evidence/evidence';
import { defineRule, type FindingDraft, type Rule, type RuleContext, type Surface } from '@/engine/rule';
import type { Severity } from '@/engine/severity';
import { evidence } from '../helpers/evidence';

const CTX = { platforms: [] };

function fakeRule(
  id: string,
  severity: Severity,
  check: (e: Evidence, ctx: RuleContext) => FindingDraft[],
  { surfaces = [] as Surface[], messages = { m: 'Message {name}.' } as Record<string, string> } = {},
): Rule {
  return defineRule({
    meta: {
      id,
      title: `Title of ${id}`,
      severity,
      category: 'headers',
      checklist: 'transport',
      surfaces,
      confidence: 'high',
      messages,
      fix: { summary: 'Fix it like this.', steps: ['Do the thing.'], docs: 'https://example.com/docs' },
      rationale: 'Because it matters a great deal.',
    },
    check,
  });
}
const draft = (identity: string, extra: Partial<FindingDraft> = {}): FindingDraft => ({
  messageId: 'm',
  data: { name: identity },
  evidence: `evidence ${identity}`,
  location: { kind: 'header', name: identity },
  identity,
  ...extra,
});
const emits = (id: string, severity: Severity, ...identities: string[]) => fakeRule(id, severity, () => identities.map((i) => draft(i)));

describe('runRules: order', () => {
  it('sorts by severity, then rule id, then location name', () => {
    const run = runRules(
      evidence(),
      [emits('b-rule', 'low', 'y', 'x'), emits('z-rule', 'high', 'q'), emits('a-rule', 'low', 'k'), emits('c-rule', 'critical', 'c')],
      CTX,
    );
    expect(run.findings.map((f) => `${f.severity}:${f.ruleId}:${f.location.name}`)).toEqual([
      'critical:c-rule:c',
      'high:z-rule:q',
      'low:a-rule:k',
      'low:b-rule:x',
      'low:b-rule:y',
    ]);
  });

  it('a draft severity override is used for sorting and shown', () => {
    const rule = fakeRule('r', 'medium', () => [draft('a'), draft('b', { severity: 'high' }), draft('c', { severity: 'info' })]);
    expect(runRules(evidence(), [rule], CTX).findings.map((f) => [f.location.name, f.severity])).toEqual([
      ['b', 'high'],
      ['a', 'medium'],
      ['c', 'info'],
    ]);
  });

  it('compareFindings falls back to the fingerprint so the order is total', () => {
    const run = runRules(
      evidence(),
      [fakeRule('r', 'low', () => [draft('1', { location: { kind: 'page' } }), draft('2', { location: { kind: 'page' } })])],
      CTX,
    );
    const [a, b] = run.findings;
    expect(Math.sign(compareFindings(a!, b!))).toBe(-Math.sign(compareFindings(b!, a!)));
    expect(a!.fingerprint < b!.fingerprint).toBe(true);
  });
});

describe('runRules: failures and skips', () => {
  it('a throwing rule is reported in errors and the others still run', () => {
    const boom = fakeRule('boom', 'high', () => {
      throw new Error('kaput');
    });
    const run = runRules(evidence(), [emits('before', 'low', 'a'), boom, emits('after', 'low', 'b')], CTX);
    expect(run.errors).toEqual([{ ruleId: 'boom', message: 'kaput' }]);
    expect(run.findings.map((f) => f.ruleId)).toEqual(['after', 'before']);
    expect(run.evaluated).toEqual(['before', 'after']);
    expect(run.skipped).toEqual([]);
  });

  it('a rule throwing a non-Error is reported with its text', () => {
    const run = runRules(
      evidence(),
      [
        fakeRule('str', 'low', () => {
          throw 'just a string';
        }),
      ],
      CTX,
    );
    expect(run.errors).toEqual([{ ruleId: 'str', message: 'just a string' }]);
  });

  it('skips rules whose surfaces were not collected, without running them', () => {
    let calls = 0;
    const count = (surfaces: Surface[]) =>
      fakeRule(
        `needs-${surfaces.join('+') || 'nothing'}`,
        'low',
        () => {
          calls++;
          return [];
        },
        { surfaces },
      );
    const ev = evidence({ page: null, redirect: { status: 'not-checked', reason: 'quick audit' } });
    const noDoc = { ...ev, responses: ev.responses.map((r) => ({ ...r, type: 'other' as const })) };
    const rules = [
      count(['page']),
      count(['redirect']),
      count(['responses']),
      count(['cookies', 'globals']),
      count([]),
      count(['cookies', 'page']),
      count(['builder']),
    ];
    const run = runRules(noDoc, rules, CTX);
    expect(run.skipped).toEqual(['needs-page', 'needs-redirect', 'needs-responses', 'needs-cookies+page', 'needs-builder']);
    expect(run.evaluated).toEqual(['needs-cookies+globals', 'needs-nothing']);
    expect(calls).toBe(2);
  });

  it('runs page, redirect and responses rules when those were collected (a failed redirect check counts)', () => {
    const ev = evidence({ redirect: { status: 'failed', httpUrl: 'http://app.example.com/', reason: 'timeout' } });
    const rules = (['page', 'redirect', 'responses'] as Surface[]).map((s) => fakeRule(s, 'low', () => [], { surfaces: [s] }));
    expect(runRules(ev, rules, CTX).evaluated).toEqual(['page', 'redirect', 'responses']);
  });

  it('passes the context to the rules', () => {
    let seen: RuleContext | undefined;
    const ctx: RuleContext = { platforms: [{ id: 'bubble', name: 'Bubble', kind: 'platform', confidence: 'high', signals: [] }], target: 'bubble' };
    runRules(
      evidence(),
      [
        fakeRule('ctx', 'low', (_e, c) => {
          seen = c;
          return [];
        }),
      ],
      ctx,
    );
    expect(seen).toBe(ctx);
  });
});

describe('runRules: fingerprints and de-duplication', () => {
  const rule = emits('fp-rule', 'low', 'cookie-a', 'cookie-b');

  it('fingerprints are 16 hex characters and stable across runs', () => {
    const one = runRules(evidence(), [rule], CTX).findings.map((f) => f.fingerprint);
    const two = runRules(evidence(), [rule], CTX).findings.map((f) => f.fingerprint);
    expect(one).toEqual(two);
    for (const fp of one) expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(one).toContain(fingerprint('fp-rule', 'https://app.example.com', 'cookie-a'));
  });

  it('fingerprints differ by identity, origin and rule, and do not depend on message or evidence', () => {
    const base = fingerprint('r', 'https://a.example', 'x');
    expect(fingerprint('r', 'https://a.example', 'y')).not.toBe(base);
    expect(fingerprint('r', 'https://b.example', 'x')).not.toBe(base);
    expect(fingerprint('s', 'https://a.example', 'x')).not.toBe(base);
    // the separator keeps parts from sliding into each other
    expect(fingerprint('ab', 'c', 'd')).not.toBe(fingerprint('a', 'bc', 'd'));
    const other = runRules(evidence({ url: 'https://other.example.com/' }), [rule], CTX).findings.map((f) => f.fingerprint);
    const mine = runRules(evidence(), [rule], CTX).findings.map((f) => f.fingerprint);
    expect(other.some((fp) => mine.includes(fp))).toBe(false);
    const reworded = fakeRule('fp-rule', 'low', () => [draft('cookie-a', { evidence: 'changed', data: { name: 'changed' } })]);
    expect(runRules(evidence(), [reworded], CTX).findings[0]!.fingerprint).toBe(fingerprint('fp-rule', 'https://app.example.com', 'cookie-a'));
  });

  it('drafts with the same identity become one finding (the first)', () => {
    const dup = fakeRule('dup', 'low', () => [draft('same', { evidence: 'first' }), draft('same', { evidence: 'second' }), draft('other')]);
    const run = runRules(evidence(), [dup], CTX);
    expect(run.findings).toHaveLength(2);
    expect(run.findings.find((f) => f.location.name === 'same')!.evidence).toBe('first');
  });

  it('two rules may report the same identity', () => {
    expect(runRules(evidence(), [emits('one', 'low', 'x'), emits('two', 'low', 'x')], CTX).findings).toHaveLength(2);
  });
});

describe('runRules: finding contents', () => {
  it('fills the message template, keeps title, location and vars, bounds the evidence', () => {
    const rule = fakeRule(
      'content',
      'medium',
      () => [draft('n', { data: { name: 'Bob', count: 3 }, evidence: 'e'.repeat(1000), vars: { app: 'myapp' }, messageId: 'two' })],
      { messages: { two: '{name} has {count} issues' } },
    );
    const [f] = runRules(evidence(), [rule], CTX).findings;
    expect(f).toMatchObject({
      ruleId: 'content',
      severity: 'medium',
      title: 'Title of content',
      message: 'Bob has 3 issues',
      messageId: 'two',
      location: { kind: 'header', name: 'n' },
      vars: { app: 'myapp' },
    });
    expect(f!.evidence).toBe(`${'e'.repeat(300)}…`);
  });

  it('has no vars key when the draft has none', () => {
    expect(runRules(evidence(), [emits('nv', 'low', 'a')], CTX).findings[0]).not.toHaveProperty('vars');
  });

  it('an unknown message id falls back to the id itself', () => {
    const rule = fakeRule('unknown-msg', 'low', () => [draft('a', { messageId: 'not-declared' })]);
    expect(runRules(evidence(), [rule], CTX).findings[0]!.message).toBe('not-declared');
  });
});

describe('formatMessage', () => {
  it('replaces known placeholders, numbers included', () => {
    expect(formatMessage('{a} and {b}', { a: 'x', b: 0 })).toBe('x and 0');
  });
  it('leaves unknown or undefined placeholders visible rather than inventing text', () => {
    expect(formatMessage('{a} {missing} {u}', { a: 'x', u: undefined })).toBe('x {missing} {u}');
    expect(formatMessage('no data {x}')).toBe('no data {x}');
  });
  it('inserts values literally ($ patterns and braces are not interpreted)', () => {
    expect(formatMessage('v={v}', { v: "$& $' $1 {v}" })).toBe("v=$& $' $1 {v}");
  });
  it('ignores non-word placeholders', () => expect(formatMessage('{a-b} { a }', { 'a-b': 'x', a: 'y' })).toBe('{a-b} { a }'));
});
