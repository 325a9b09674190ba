/** The deep-audit panel in the popup: nothing runs before the click that says what will happen; revocable. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeepAuditPanel, type DeepAuditApi } from '@/components/supabase/DeepAuditPanel';
import { buildAudit } from '@/engine/audit';
import { BUILDER_RULES } from '@/rules';
import { REF, dashboard, table } from '../../helpers/dashboard';
import { NOW } from '../../helpers/evidence';
import { sqlUnavailable } from '@/entrypoints/supabase.content/deep-audit';

const AUDIT = buildAudit(dashboard({ tables: [table({ name: 'profiles', rls: 'disabled', exposed: 'yes' })] }), BUILDER_RULES, {
  mode: 'click',
  fullAccess: true,
  retentionDays: 30,
  startedAt: NOW,
  now: NOW,
});

function api(consent = false): DeepAuditApi & { [K in keyof DeepAuditApi]: ReturnType<typeof vi.fn> } {
  return {
    hasConsent: vi.fn(async () => consent),
    setConsent: vi.fn(async () => undefined),
    run: vi.fn(async () => ({
      ok: true as const,
      summary: {
        ok: true,
        calls: [
          { endpoint: 'GET /v1/projects/{ref}/advisors/security', status: 200 },
          { endpoint: 'GET /v1/projects/{ref}/storage/buckets', status: 403 },
        ],
      },
    })),
  };
}
afterEach(cleanup);

describe('DeepAuditPanel', () => {
  it('asks first: nothing is run or stored until the button is pressed; then consent is stored for this project and it runs', async () => {
    const a = api(false);
    const done = vi.fn();
    render(<DeepAuditPanel audit={AUDIT} tabId={3} api={a} onDone={done} />);
    const button = await screen.findByRole('button', { name: `Allow and run a read-only deep audit of project ${REF}` });
    await waitFor(() => expect(button).not.toHaveProperty('disabled', true));
    expect(a.run).not.toHaveBeenCalled();
    expect(a.setConsent).not.toHaveBeenCalled();
    fireEvent.click(button);
    await waitFor(() => expect(a.run).toHaveBeenCalledWith(3));
    expect(a.setConsent).toHaveBeenCalledWith(REF, true);
    expect((await screen.findByRole('status')).textContent).toContain('1 of 2 read-only requests answered');
    expect(done).toHaveBeenCalled();
  });

  it('with consent stored: run again, or revoke', async () => {
    const a = api(true);
    render(<DeepAuditPanel audit={AUDIT} tabId={3} api={a} onDone={() => undefined} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke permission for this project' }));
    await waitFor(() => expect(a.setConsent).toHaveBeenCalledWith(REF, false));
    expect(await screen.findByRole('button', { name: /Allow and run/ })).toBeTruthy();
    expect(a.run).not.toHaveBeenCalled();
  });

  it('a refusal is shown, not hidden', async () => {
    const a = api(true);
    a.run.mockResolvedValue({ ok: false, kind: 'no-consent', message: 'The deep audit needs your permission for this project first.' });
    render(<DeepAuditPanel audit={AUDIT} tabId={3} api={a} onDone={() => undefined} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run deep audit' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('needs your permission'));
  });

  it('a deep audit without SQL says so beside the answered requests (advisor and bucket results still count)', async () => {
    const a = api(true);
    const message = sqlUnavailable(404);
    a.run.mockResolvedValue({
      ok: true,
      summary: {
        ok: true,
        message,
        calls: [
          { endpoint: 'GET /v1/projects/{ref}/advisors/security', status: 200 },
          { endpoint: 'GET /v1/projects/{ref}/storage/buckets', status: 200 },
          { endpoint: 'POST /v1/projects/{ref}/database/query/read-only', status: 404 },
        ],
      },
    });
    render(<DeepAuditPanel audit={AUDIT} tabId={3} api={a} onDone={() => undefined} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run deep audit' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('2 of 3 read-only requests answered'));
    expect(screen.getByRole('status').textContent).toContain('SQL checks not available on this project');
  });

  it('is not offered for a deployed app', () => {
    const { container } = render(<DeepAuditPanel audit={{ ...AUDIT, context: 'deployed' }} tabId={3} api={api()} onDone={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
