import { expect, test } from 'vitest';
import { browser } from 'wxt/browser';
test('fake browser storage', async () => {
  await browser.storage.local.set({ a: 1 });
  expect(await browser.storage.local.get('a')).toEqual({ a: 1 });
});
