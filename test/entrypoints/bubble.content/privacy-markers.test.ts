/**
 * Finding the Data → Privacy type list by visible text (type names from the model), modelled on the documented
 * screen: each type row shows its name and a button reading "Publicly visible" or "Privacy rules applied"
 * (shared/reference/bubble-glide.md 2b, POWERUP privacy_button_red_public); class names hashed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findTypeAnchors, onPrivacyTab } from '@/entrypoints/bubble.content/privacy-markers';

afterEach(() => {
  document.body.innerHTML = '';
});

const row = (name: string, state: string) =>
  `<div class="_1nfonn87"><div class="up8wd41">${name}</div><button class="privacy-setting-btn"><span class="privacy-setting-text">${state}</span></button></div>`;

describe('onPrivacyTab', () => {
  it('only on Data → Privacy', () => {
    expect(onPrivacyTab('https://bubble.io/page?id=a&tab=Data&subtab=Privacy')).toBe(true);
    expect(onPrivacyTab('https://bubble.io/page?tab=Data&id=a&subtab=Privacy&name=index')).toBe(true);
    expect(onPrivacyTab('https://bubble.io/page?id=a&tab=Data&subtab=Data+Types')).toBe(false);
    expect(onPrivacyTab('https://bubble.io/page?id=a&tab=Design')).toBe(false);
    expect(onPrivacyTab('nonsense')).toBe(false);
  });
});

describe('findTypeAnchors', () => {
  it('finds each named type in the list by its text, preferring the row with the privacy state', () => {
    document.body.innerHTML = `<h2>User</h2><div class="py1871p">${row('User', 'Publicly visible')}${row('Project', 'Privacy rules applied')}${row('Invoice', 'Publicly visible')}</div>`;
    const found = findTypeAnchors(document.body, ['User', 'Invoice', 'Missing']);
    expect([...found.keys()].sort()).toEqual(['Invoice', 'User']);
    expect(found.get('User')?.tagName).toBe('DIV'); // the list row, not the heading
    expect(found.get('User')?.nextElementSibling?.textContent).toBe('Publicly visible');
  });

  it('the first exact occurrence when no row says its state; never fields or partial text', () => {
    document.body.innerHTML = '<input value="User"><textarea>User</textarea><p>User profile</p><span>User</span><span>User</span>';
    const found = findTypeAnchors(document.body, ['User']);
    expect(found.get('User')).toBe(document.querySelector('span'));
  });

  it('hostile names are matched as text only, and the scan is bounded', () => {
    document.body.innerHTML = `<span>&lt;img src=x onerror=alert(1)&gt;</span>${'<i>x</i>'.repeat(50)}<b>Late</b>`;
    expect(findTypeAnchors(document.body, ['<img src=x onerror=alert(1)>']).size).toBe(1);
    expect(document.querySelector('img')).toBeNull();
    expect(findTypeAnchors(document.body, ['Late'], 20).size).toBe(0);
    expect(findTypeAnchors(document.body, ['Late']).size).toBe(1);
    expect(findTypeAnchors(document.body, []).size).toBe(0);
  });
});
