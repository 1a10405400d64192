/** The Repair step consuming engine events: progress text, announcements, the virtualized file list, controls. */
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { JobState } from '../../../src-shared/ipc/contract.ts';
import userEvent from '@testing-library/user-event';
import { App } from '../../app/App.tsx';
import { createI18n } from '../../i18n/index.ts';
import { createFakeIpcBridge, ok, type FakeIpcBridge } from '../../test/fake-ipc-bridge.ts';
import { isDisabled, nextButton, renderApp } from '../../test/render.tsx';
import { progress, repairResult } from '../../test/fixtures/data.ts';
import { files, useFilesStore } from '../../stores/files.ts';
import { useJobStore } from '../../stores/job.ts';
import { ANNOUNCE_INTERVAL_MS } from './ProgressPanel.tsx';
import { STATE_POLL_MS } from './RepairStep.tsx';

const MiB = 1048576;

function line(): string {
  return screen.getByTestId('progress-line').textContent ?? '';
}

async function showRunningRepair(more = {}): Promise<FakeIpcBridge> {
  const bridge = createFakeIpcBridge({
    'repair.state': () => ok({ status: 'running', job: 'RepairExport', paused: false }),
    'repair.pause': () => ok(undefined),
    'repair.cancel': () => ok(undefined),
    ...more,
  });
  await renderApp(bridge);
  await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Repair'));
  return bridge;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('repair step', () => {
  it('a reloaded window asks for the current state and shows the running repair at once', async () => {
    const bridge = createFakeIpcBridge({
      'repair.state': () => ok({ status: 'running', job: 'RepairExport', paused: true, progress: progress({ bytesDownloaded: 2 * MiB, elapsedMs: 5000, currentFile: '\\videos\\a.mp4' }) }),
    });
    await renderApp(bridge);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Repair'));
    expect(line()).toMatch(/^Paused · 2\.00 MB of 4\.00 MB downloaded/);
    expect(screen.getByTestId('current-file').textContent).toBe('Now: \\videos\\a.mp4');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(bridge.listenerCount()).toBe(1);
  });

  it('updates the progress bar, the progress line and the current file from progress events', async () => {
    const bridge = await showRunningRepair();
    expect(line()).toBe('Waiting for the repair to report progress…');
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 1000, bytesDownloaded: 0 }) });
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 2000, bytesDownloaded: 1 * MiB, componentsDone: 1, currentFile: '\\videos\\a.mp4' }) });
    expect(line()).toMatch(/^Downloading · 1\.00 MB of 4\.00 MB downloaded · [\d.]+ KB\/s · about .+ left · 1 of 4 parts done$/);
    const bar = screen.getByRole('progressbar', { name: 'Repair progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('current-file').textContent).toBe('Now: \\videos\\a.mp4');

    bridge.emit({ type: 'progress', progress: progress({ phase: 'verifying', elapsedMs: 3000, bytesDownloaded: 4 * MiB, bytesToVerify: 4 * MiB, bytesVerified: 2 * MiB, componentsDone: 3, componentsFailed: 1 }) });
    expect(line()).toMatch(/^Verifying · 4\.00 MB of 4\.00 MB downloaded · 2\.00 MB of 4\.00 MB checked · .* · 3 of 4 parts done, 1 failed$/);
    expect(bar.getAttribute('aria-valuenow')).toBe('75');
  });

  it('announces progress politely, at most every few seconds, and at once on a phase change', async () => {
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(1_000_000);
    const bridge = await showRunningRepair();
    const announcer = screen.getByTestId('progress-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 1000, bytesDownloaded: 1 * MiB }) });
    const first = announcer.textContent;
    expect(first).toMatch(/^Downloading · 1\.00 MB of 4\.00 MB downloaded/);
    now.mockReturnValue(1_000_000 + 500);
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 1500, bytesDownloaded: 2 * MiB }) });
    expect(line()).toMatch(/^Downloading · 2\.00 MB/);
    expect(announcer.textContent).toBe(first);
    now.mockReturnValue(1_000_000 + 500 + ANNOUNCE_INTERVAL_MS);
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 2000, bytesDownloaded: 3 * MiB }) });
    expect(announcer.textContent).toMatch(/^Downloading · 3\.00 MB/);
    now.mockReturnValue(1_000_000 + 600 + ANNOUNCE_INTERVAL_MS);
    bridge.emit({ type: 'progress', progress: progress({ phase: 'verifying', elapsedMs: 2100, bytesDownloaded: 3 * MiB, bytesToVerify: MiB }) });
    expect(announcer.textContent).toMatch(/^Verifying/);
  });

  it('renders only a window of a 100,000-file list, and keeps it current', async () => {
    const bridge = await showRunningRepair();
    const paths = Array.from({ length: 100_000 }, (_, i) => `\\data\\file-${String(i).padStart(6, '0')}.bin`);
    files.seed(paths);
    const table = screen.getByRole('table', { name: 'Files' });
    await waitFor(() => expect(table.getAttribute('aria-rowcount')).toBe('100001'));
    expect(screen.getByTestId('files-summary').textContent).toBe('100,000 files, 0 failed');
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(within(table).getByText('\\data\\file-000000.bin')).toBeTruthy();
    expect(within(table).queryByText('\\data\\file-099999.bin')).toBeNull();

    // Progress names the file being worked on; a log line names one that failed.
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 100, currentFile: '\\data\\file-000001.bin' }) });
    bridge.emit({ type: 'log', level: 'error', message: 'BlobRequestFailed range \\data\\file-000002.bin offset 0 length 4194304: HTTP 500 after 6 attempts' });
    await waitFor(() => expect(screen.getByTestId('files-summary').textContent).toBe('100,000 files, 1 failed'));
    const row1 = within(table).getByText('\\data\\file-000001.bin').closest('[role=row]')!;
    expect(row1.textContent).toContain('Working on it');
    const row2 = within(table).getByText('\\data\\file-000002.bin').closest('[role=row]')!;
    expect(row2.textContent).toContain('(BlobRequestFailed)');
    expect(useFilesStore.getState().rows).toHaveLength(100_000);
  });

  it('does not re-render the wizard on progress events (transient subscriptions)', async () => {
    const bridge = createFakeIpcBridge({ 'repair.state': () => ok({ status: 'running', job: 'RepairExport', paused: false }) });
    let commits = 0;
    render(
      <Profiler id="app" onRender={() => commits++}>
        <App api={bridge.api} i18n={createI18n({ lng: 'en' })} />
      </Profiler>,
    );
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Repair'));
    bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 100, currentFile: '\\a.bin' }) });
    await new Promise((r) => setTimeout(r, 50));
    commits = 0;
    for (let i = 1; i <= 30; i++) bridge.emit({ type: 'progress', progress: progress({ elapsedMs: 100 + i * 100, bytesDownloaded: i * 1000, currentFile: '\\a.bin' }) });
    await new Promise((r) => setTimeout(r, 50));
    expect(line()).toMatch(/^Downloading · 29\.3 KB of 4\.00 MB downloaded/);
    expect(commits).toBe(0);
  });

  it('pauses and resumes', async () => {
    const bridge = await showRunningRepair();
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(bridge.callsOf('repair.pause')).toEqual([{ paused: true }]);
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeTruthy();
    bridge.emit({ type: 'paused', paused: false });
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
  });

  it('cancels only after a confirmation', async () => {
    const bridge = await showRunningRepair();
    // In happy-dom (no layout), Fluent's focus manager (tabster) sometimes marks the open dialog, or the page
    // behind a closed one, aria-hidden; a real browser does not (the e2e tests cancel in Chromium).
    const H = { hidden: true } as const;
    await userEvent.click(screen.getByRole('button', { ...H, name: 'Cancel repair…' }));
    const dialog = await screen.findByRole('alertdialog', H);
    expect(within(dialog).getByText('Cancel the repair?')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { ...H, name: 'Keep repairing' }));
    expect(bridge.callsOf('repair.cancel')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { ...H, name: 'Cancel repair…' }));
    await userEvent.click(within(await screen.findByRole('alertdialog', H)).getByRole('button', { ...H, name: 'Cancel the repair' }));
    expect(bridge.callsOf('repair.cancel')).toHaveLength(1);
    bridge.emit({ type: 'cancelled' });
    expect(await screen.findByText('The repair was cancelled')).toBeTruthy();
    expect(isDisabled(nextButton('See the report'))).toBe(true);
  });

  it('when the repair is done, the failures are marked and the report is one click away', async () => {
    const bridge = await showRunningRepair();
    expect(isDisabled(nextButton('See the report'))).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: 'Back' }))).toBe(true);
    files.seed(['\\videos\\changed.mp4', '\\docs\\fine.pdf']);
    bridge.emit({ type: 'progress', progress: progress({ phase: 'reporting', elapsedMs: 900, bytesDownloaded: 3 * MiB, componentsDone: 4, currentFile: '\\docs\\fine.pdf' }) });
    bridge.emit({ type: 'done', result: repairResult() });
    expect(line()).toBe('Finished · 3.00 MB of 4.00 MB downloaded · 4 of 4 parts done');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByTestId('current-file').textContent).toBe('');
    expect(screen.getByTestId('progress-announcer').textContent).toMatch(/^Finished/);
    expect(await screen.findByText('The repair is finished, but 2 parts could not be repaired.')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('files-summary').textContent).toBe('3 files, 2 failed'));
    expect(useJobStore.getState().status).toBe('done');
    const table = screen.getByRole('table', { name: 'Files' });
    expect(within(table).getByText('\\docs\\fine.pdf').closest('[role=row]')!.textContent).toContain('Done');
    await userEvent.click(nextButton('See the report'));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Report');
  });

  it('asks for the state now and then while running, so a lost terminal event is not missed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let state: JobState = { status: 'running', job: 'RepairExport', paused: false };
    const bridge = createFakeIpcBridge({ 'repair.state': () => ok(state) });
    await renderApp(bridge);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Repair'));
    const asked = bridge.callsOf('repair.state').length;
    state = { status: 'done', result: repairResult({ exitCode: 0, failures: [] }) };
    await act(async () => {
      vi.advanceTimersByTime(STATE_POLL_MS);
    });
    expect(bridge.callsOf('repair.state').length).toBe(asked + 1);
    expect(await screen.findByText('The repair is finished: everything is repaired.')).toBeTruthy();
    expect(isDisabled(nextButton('See the report'))).toBe(false);
  });

  it('shows why a run stopped, with the status explanation', async () => {
    const bridge = await showRunningRepair();
    bridge.emit({ type: 'failed', error: { code: 'STORAGE_FORBIDDEN', title: 'The storage account refused the key', detail: 'HTTP 403.', statusCode: 'BlobRequestForbidden' } });
    expect(await screen.findByText('The storage account refused the key')).toBeTruthy();
    expect(screen.getByText(/Fix the cause, then go back to the plan/)).toBeTruthy();
    expect(screen.getAllByText('BlobRequestForbidden').length).toBeGreaterThan(0);
  });
});
