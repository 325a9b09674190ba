/** A PopupApi for component tests: no browser, every method a mock with a harmless default. */
import { vi } from 'vitest';
import type { PopupApi, TabInfo } from '@/components/popup-api';

export type FakeApi = { [K in keyof PopupApi]-?: ReturnType<typeof vi.fn> & NonNullable<PopupApi[K]> };

export function fakePopupApi(tab: TabInfo, reply: PopupApi['runAudit'], over: Partial<PopupApi> = {}): FakeApi {
  const api: PopupApi = {
    currentTab: vi.fn(async () => tab),
    loadAudit: vi.fn(async () => undefined),
    runAudit: vi.fn(reply),
    hasAccess: vi.fn(async () => false),
    requestAccess: vi.fn(async () => true),
    revokeAccess: vi.fn(async () => true),
    copy: vi.fn(async () => undefined),
    open: vi.fn(),
    getRetentionDays: vi.fn(async () => 30),
    setRetentionDays: vi.fn(async () => undefined),
    ...over,
  };
  return api as FakeApi;
}
