/**
 * The Bubble editor panel's content: built from a real audit of the leaky fixture (both serialisations), worst
 * first, with the editor tab to fix each in; the Data → Privacy names; and the content script's zod-free check of
 * what it receives (malformed, oversized or foreign-link updates dropped).
 */
import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { BUILDER_RULES } from '@/rules';
import { panelUpdate } from '@/utils/bubble/panel-build';
import { PANEL_LIMITS, parsePanelUpdate, placeOf, typeNames } from '@/utils/bubble/panel';
import { hardenedApp, leakyApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { NOW } from '../../helpers/evidence';

const links = Object.fromEntries(BUILDER_RULES.map((r) => [r.meta.id, r.meta.fix.platforms?.bubble?.deepLink ?? r.meta.fix.deepLink]));
const audit = (json: unknown, as: 'export' | 'editor' = 'editor') =>
  buildAudit(bubbleEvidence(json, as), BUILDER_RULES, { mode: 'monitor', fullAccess: true, retentionDays: 30, startedAt: NOW, now: NOW });

describe('panelUpdate', () => {
  for (const as of ['editor', 'export'] as const)
    it(`lists the findings worst first with where to fix them (${as} serialisation)`, () => {
      const a = audit(leakyApp(), as);
      const u = panelUpdate(a, links);
      expect(u.total).toBe(a.findings.length);
      expect(u.items.length).toBe(Math.min(a.findings.length, PANEL_LIMITS.items));
      const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
      for (let i = 1; i < u.items.length; i++) expect(rank[u.items[i]!.severity]).toBeGreaterThanOrEqual(rank[u.items[i - 1]!.severity]);
      const typeItem = u.items.find((i) => i.name?.startsWith('User') && i.where === 'Data → Privacy');
      expect(typeItem?.link).toBe('https://bubble.io/page?id=leaky-app&tab=Data&subtab=Privacy');
      expect(u.items.some((i) => i.where === 'Settings')).toBe(true);
      expect(u.publicTypes).toEqual(['User', 'user']);
      expect(u.dismissed).toBe(false);
    });

  it('a hardened app has no type to mark; no audit at all is an empty panel', () => {
    expect(panelUpdate(audit(hardenedApp()), links).publicTypes).toEqual([]);
    expect(panelUpdate(undefined, links, true)).toEqual({ type: 'bubble:panel', items: [], total: 0, publicTypes: [], dismissed: true });
  });

  it('a hostile app id never makes a link leave the editor', () => {
    const a = audit(leakyApp());
    const u = panelUpdate(
      { ...a, vars: { app: '../../evil.example/"><x' }, findings: a.findings.map((f) => ({ ...f, vars: { app: 'x"><img src=x>' } })) },
      links,
    );
    for (const i of u.items) if (i.link) expect(i.link).toMatch(/^https:\/\/bubble\.io\/page\?id=x%22%3E%3Cimg%20src%3Dx%3E&/);
  });
});

describe('placeOf and typeNames', () => {
  it('names the editor tab of a deep link, nothing for other links', () => {
    expect(placeOf('https://bubble.io/page?id=a&tab=Plugins')).toBe('Plugins → API Connector');
    expect(placeOf('https://bubble.io/page?id=a&tab=BackendWorkflows')).toBe('Backend workflows');
    expect(placeOf('https://evil.example/page?tab=Data')).toBeUndefined();
    expect(placeOf(undefined)).toBeUndefined();
  });
  it('splits the rules’ "Display (key)" labels', () => {
    expect(typeNames('Customer (custom.customer)')).toEqual(['Customer', 'custom.customer']);
    expect(typeNames('user')).toEqual(['user']);
    expect(typeNames('A (b) (c)')).toEqual(['A (b)', 'c']);
  });
});

describe('parsePanelUpdate', () => {
  const good = panelUpdate(audit(leakyApp()), links);
  it('accepts what the background builds', () => {
    expect(parsePanelUpdate(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });
  it('drops garbage and bad entries, never throws', () => {
    for (const bad of [null, 1, 'x', [], { type: 'other' }, { ...good, items: 'x' }, { ...good, total: -1 }, { ...good, total: Number.NaN }])
      expect(parsePanelUpdate(bad)).toBeUndefined();
    const mixed = parsePanelUpdate({
      ...good,
      items: [
        null,
        { id: 'a', severity: 'fatal', title: 't' },
        { id: 'b', severity: 'high', title: 'x'.repeat(PANEL_LIMITS.title + 1) },
        { id: 'c', severity: 'high', title: 'ok', link: 'javascript:alert(1)', where: 'Settings' },
        { id: 'd', severity: 'low', title: 'ok', link: 'https://bubble.io.evil.example/page?id=a', where: 'Settings' },
      ],
      publicTypes: ['User', 3, '', 'y'.repeat(PANEL_LIMITS.name + 1)],
    });
    expect(mixed?.items.map((i) => i.id)).toEqual(['c', 'd']);
    expect(mixed?.items.every((i) => i.link === undefined)).toBe(true);
    expect(mixed?.publicTypes).toEqual(['User']);
  });
});
