/** engine/show-me.ts: what "Show me" looks for in the Bubble and Glide builders, and where it sends the user otherwise. */
import { describe, expect, it } from 'vitest';
import { SHOW_ME, builderProject, onShowMeHost, readShowMe, showMePlan } from '@/engine/show-me';

const bubble = { origin: 'https://bubble.io/page?id=tinypoll', url: 'https://bubble.io/page?id=tinypoll&tab=Data', context: 'builder' as const };
const glide = {
  origin: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789',
  url: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data',
  context: 'builder' as const,
};
const at = (ruleId: string, name: string) => ({ ruleId, location: { kind: 'builder' as const, name } });

describe('showMePlan: Bubble', () => {
  it('a data type: its display name in Data → Privacy, with the Privacy tab as the link', () => {
    const p = showMePlan(at('bubble-type-public', 'Poll answer (poll_answer)'), bubble)!;
    expect(p).toEqual({
      builder: 'bubble',
      message: { type: SHOW_ME, texts: ['Poll answer', 'poll_answer'], field: false },
      where: 'Data → Privacy, the type “Poll answer”',
      link: 'https://bubble.io/page?id=tinypoll&tab=Data&subtab=Privacy',
    });
    expect(showMePlan(at('bubble-type-public', 'user'), bubble)!.message.texts).toEqual(['user']);
  });

  it('settings, backend workflows and a pasted key’s field', () => {
    expect(showMePlan(at('bubble-app-rights-open', 'Settings → General'), bubble)).toMatchObject({
      message: { texts: ['Application rights', 'General'] },
      link: 'https://bubble.io/page?id=tinypoll&tab=Settings',
    });
    expect(showMePlan(at('bubble-workflow-no-auth', 'backend workflow delete_all'), bubble)).toMatchObject({
      message: { texts: ['delete_all'] },
      where: 'Backend workflows, the workflow “delete_all”',
      link: 'https://bubble.io/page?id=tinypoll&tab=BackendWorkflows',
    });
    expect(showMePlan(at('secret-in-builder-field', 'Key value'), bubble)).toMatchObject({ message: { texts: ['Key value'], field: true } });
  });

  it('an API Connector key: the call, else the API, in Plugins → API Connector (where says so, not just the call’s name)', () => {
    expect(showMePlan(at('bubble-api-connector-key', 'Stripe → Charge'), bubble)).toEqual({
      builder: 'bubble',
      message: { type: SHOW_ME, texts: ['Charge', 'Stripe'], field: false },
      where: 'Plugins → API Connector, “Stripe → Charge”',
      link: 'https://bubble.io/page?id=tinypoll&tab=Plugins',
    });
    expect(showMePlan(at('bubble-api-connector-key', 'Anthropic (shared)'), bubble)).toMatchObject({
      message: { texts: ['Anthropic'] },
      where: 'Plugins → API Connector, “Anthropic (shared)”',
      link: 'https://bubble.io/page?id=tinypoll&tab=Plugins',
    });
  });

  it('finds the app id wherever the editor address puts it', () => {
    expect(builderProject({ origin: 'x', url: 'https://bubble.io/page?type=page&name=index&id=MyApp&tab=tabs-1' })).toEqual({ builder: 'bubble', id: 'myapp' });
    expect(builderProject({ origin: 'https://bubble.io/page?id=../x', url: 'https://evil.example/page?id=a' })).toBeUndefined();
  });
});

describe('showMePlan: Glide', () => {
  it('a table in the data editor, the Access settings, a key’s field', () => {
    expect(showMePlan(at('glide-no-row-owner', 'Data → Customers'), glide)).toEqual({
      builder: 'glide',
      message: { type: SHOW_ME, texts: ['Customers'], field: false },
      where: 'Data → the table “Customers” (its columns in the data editor)',
      link: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data',
    });
    expect(showMePlan(at('glide-public-app', 'Settings → Access'), glide)).toMatchObject({
      link: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/settings/privacy',
    });
    expect(showMePlan(at('glide-team-token', 'Authorization'), glide)).toMatchObject({ message: { texts: ['Authorization'], field: true } });
  });

  it('nothing for findings that are not a builder’s (deployed app, no name, Supabase dashboard)', () => {
    expect(showMePlan({ ruleId: 'glide-app-open', location: { kind: 'page' } }, glide)).toBeUndefined();
    expect(showMePlan({ ruleId: 'x', location: { kind: 'builder' } }, glide)).toBeUndefined();
    expect(showMePlan(at('glide-public-app', 'Settings → Access'), { ...glide, context: 'deployed' })).toBeUndefined();
    expect(
      showMePlan(at('supabase-rls-disabled', 'public.profiles'), { origin: 'https://supabase.com/dashboard/project/abc', url: '', context: 'builder' }),
    ).toBeUndefined();
  });

  it('page strings are cut to the message’s bounds', () => {
    const p = showMePlan(at('glide-no-row-owner', `Data → ${'x'.repeat(500)}`), glide)!;
    expect(p.message.texts[0]!.length).toBe(200);
    expect(readShowMe(p.message)).toEqual(p.message);
  });
});

describe('readShowMe and onShowMeHost', () => {
  it('accepts exactly a bounded show-me request', () => {
    expect(readShowMe({ type: SHOW_ME, texts: ['a'], field: false })).toEqual({ type: SHOW_ME, texts: ['a'], field: false });
    for (const bad of [
      null,
      [],
      'x',
      { type: SHOW_ME, texts: [], field: false },
      { type: SHOW_ME, texts: ['a', 'b', 'c', 'd', 'e'], field: false },
      { type: SHOW_ME, texts: ['x'.repeat(201)], field: false },
      { type: SHOW_ME, texts: [' '], field: false },
      { type: SHOW_ME, texts: [1], field: false },
      { type: SHOW_ME, texts: ['a'], field: 'yes' },
      { type: SHOW_ME, texts: ['a'], field: false, extra: 1 },
      { type: 'page:highlight', texts: ['a'], field: false },
    ])
      expect(readShowMe(bad)).toBeUndefined();
  });

  it('the popup sends only to a tab on that builder', () => {
    expect(onShowMeHost('bubble', 'https://bubble.io/page?id=tinypoll&tab=Data')).toBe(true);
    expect(onShowMeHost('bubble', 'https://bubble.io.evil.example/page?id=tinypoll')).toBe(false);
    expect(onShowMeHost('glide', 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data')).toBe(true);
    expect(onShowMeHost('glide', 'https://go.glideapps.com/play/AbCdEfGhIj0123456789')).toBe(false);
    expect(onShowMeHost('glide', undefined)).toBe(false);
  });
});
