/**
 * The Review step against a fake IPC bridge: review.run in the UI language, the drive status with its
 * explanation and next step, charts as accessible SVGs with their numbers, bytes affected, the failed
 * items virtualized with their strips and whether a repair can fix each, "Repair with …" switching to the
 * matching task with the copy log filled in, the dispositions, saving (review.save), and the life cycle.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeIpcBridge, fail, fakeAppInfo, ok, type FakeHandlers } from '../../test/fake-ipc-bridge.ts';
import { renderApp } from '../../test/render.tsx';
import { reviewModel } from '../../test/fixtures/import-review.ts';
import { useInputsStore } from '../../stores/inputs.ts';
import { useWizardStore } from '../../stores/wizard.ts';
import { FAILURE_ROW_HEIGHT } from './FailureList.tsx';

const LOG = '/data/waies/photoimport_WD1IMP0RT_20240607-101500-000_error.xml';

async function showReview(handlers: FakeHandlers = {}, lang: 'en' | 'nl' = 'en') {
  const bridge = createFakeIpcBridge({
    'app.info': () => ok(fakeAppInfo({ systemLanguage: lang === 'nl' ? 'nl-NL' : 'en-US' })),
    'review.run': ({ lang: l }) => ok(reviewModel(3, { lang: l ?? 'en' })),
    ...handlers,
  });
  await renderApp(bridge, lang);
  useInputsStore.setState({ copyLogFile: LOG });
  useWizardStore.setState({ task: 'review', step: 'review' });
  return bridge;
}

describe('review step', () => {
  it('reviews the copy log in the UI language and shows the drive status, what to do and the counts', async () => {
    const bridge = await showReview();
    expect(await screen.findByRole('heading', { name: 'The drive' })).toBeTruthy();
    expect(bridge.callsOf('review.run')).toEqual([{ copyLogPath: LOG, lang: 'en' }]);
    expect(screen.getByText('Drive finished with errors')).toBeTruthy();
    expect(screen.getByText('Some blobs could not be copied.')).toBeTruthy();
    expect(screen.getByText('Review the failed blobs and repair them.')).toBeTruthy();
    expect(screen.getByText(/Import — The blobs carry ImportDisposition/)).toBeTruthy();
    expect(screen.getByTestId('bytes-affected').textContent).toBe('192 KB');
    // The charts: inline SVGs with their numbers in the accessible name.
    const blob = within(screen.getByTestId('chart-rv-blob')).getByRole('img');
    expect(blob.getAttribute('aria-label')).toBe('Blobs per status: Completed 37, CompletedWithErrors 3');
    const range = within(screen.getByTestId('chart-rv-range')).getByRole('img');
    expect(range.getAttribute('aria-label')).toContain('Corrupted 3');
    expect(screen.getByTestId('chart-rv-disposition')).toBeTruthy();
    expect(screen.queryByTestId('chart-rv-entity')).toBeNull();
    // Dispositions.
    expect(screen.getByRole('table', { name: 'Import rules applied' }).textContent).toContain('sunset (2).jpg');
  });

  it('lists the failed items: repairable or not, with why, the strip, and a button to the matching repair', async () => {
    await showReview();
    await screen.findByRole('heading', { name: 'Failed items (3)' });
    const rows = screen.getAllByTestId('review-failure');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText('A repair cannot fix it')).toBeTruthy();
    expect(within(rows[0]!).getByText('The blob changed since the import.')).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(within(rows[1]!).getByText('A repair can fix it')).toBeTruthy();
    const strip = within(rows[1]!).getByRole('img');
    expect(strip.getAttribute('aria-label')).toBe('Where the failures sit in \\photos\\p1.jpg: 1 ranges, 64.0 KB of 4.00 MB');
    expect(strip.querySelectorAll('rect.run')).toHaveLength(1);

    // "Repair with RepairImport": the import task, the copy log kept, at its first step.
    await userEvent.click(within(rows[1]!).getByRole('button', { name: 'Repair with RepairImport (\\photos\\p1.jpg)' }));
    expect(useWizardStore.getState()).toMatchObject({ task: 'repairImport', step: 'sources' });
    expect(useInputsStore.getState().copyLogFile).toBe(LOG);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Source folders');
  });

  it('an export log’s button goes to “Repair an export drive” with the copy log and manifest', async () => {
    await showReview({ 'review.run': () => ok(reviewModel(2, { repair: { ...reviewModel().repair, command: 'RepairExport', repairable: 1 } })) });
    useInputsStore.setState({ manifestFile: '/data/X.manifest' });
    await userEvent.click(await screen.findByRole('button', { name: 'Repair with RepairExport' }));
    expect(useWizardStore.getState()).toMatchObject({ task: 'repair', step: 'drive' });
    expect(useInputsStore.getState()).toMatchObject({ copyLogFile: LOG, manifestFile: '/data/X.manifest' });
  });

  it('renders only a window of a long list of failures', async () => {
    await showReview({ 'review.run': () => ok(reviewModel(1000)) });
    await screen.findByRole('heading', { name: 'Failed items (1,000)' });
    const rows = screen.getAllByTestId('review-failure');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.length).toBeLessThan(20);
    const table = screen.getByRole('table', { name: 'Failed items' });
    expect(table.getAttribute('aria-rowcount')).toBe('1000');
    const inner = within(table).getByRole('rowgroup').firstElementChild as HTMLElement;
    expect(inner.style.height).toBe(`${1000 * FAILURE_ROW_HEIGHT}px`);
  });

  it('saves as HTML and CSV next to the copy log (review.save with the model)', async () => {
    const bridge = await showReview({ 'review.save': ({ path }) => ok({ path }) });
    await screen.findByRole('heading', { name: 'Save the review' });
    expect((screen.getByRole('textbox', { name: 'Save to folder' }) as HTMLInputElement).value).toBe('/data/waies');
    await userEvent.click(screen.getByRole('button', { name: 'Save as HTML' }));
    expect(await screen.findByText('Saved to /data/waies/photoimport_WD1IMP0RT_20240607-101500-000_error_review.html')).toBeTruthy();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Save to folder' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Save to folder' }), '/reports');
    await userEvent.click(screen.getByRole('button', { name: 'Save as CSV' }));
    expect(await screen.findByText('Saved to /reports/photoimport_WD1IMP0RT_20240607-101500-000_error_review.csv')).toBeTruthy();
    const saves = bridge.callsOf('review.save');
    expect(saves.map((s) => [s.format, s.path])).toEqual([
      ['html', '/data/waies/photoimport_WD1IMP0RT_20240607-101500-000_error_review.html'],
      ['csv', '/reports/photoimport_WD1IMP0RT_20240607-101500-000_error_review.csv'],
    ]);
    expect(saves[0]!.model.driveId).toBe('WD1IMP0RT');
  });

  it('asks where to save with the native dialog when there is one', async () => {
    const bridge = await showReview({
      'app.info': () => ok(fakeAppInfo({ nativeDialogs: true })),
      'dialog.open': () => ok({ path: 'D:\\reviews\\drive.html' }),
      'review.save': ({ path }) => ok({ path }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Save as HTML' }));
    expect(await screen.findByText('Saved to D:\\reviews\\drive.html')).toBeTruthy();
    expect(bridge.callsOf('dialog.open')[0]).toMatchObject({ kind: 'save', extensions: ['html'] });
    expect(screen.queryByRole('textbox', { name: 'Save to folder' })).toBeNull();
  });

  it('says why a log cannot be reviewed', async () => {
    await showReview({ 'review.run': () => fail({ code: 'XML_PARSE', title: 'The copy log is not valid XML', detail: 'line 3, column 7' }) });
    expect(await screen.findByText('The copy log is not valid XML')).toBeTruthy();
  });

  it('speaks Dutch: the review is asked for in Dutch and the life cycle starts at the log’s drive state', async () => {
    const bridge = await showReview({}, 'nl');
    expect(await screen.findByRole('heading', { name: 'De schijf' })).toBeTruthy();
    expect(bridge.callsOf('review.run')).toEqual([{ copyLogPath: LOG, lang: 'nl' }]);
    expect(screen.getByRole('heading', { name: 'Waar de taak is' })).toBeTruthy();
    const drive = within(screen.getByTestId('drive-lifecycle')).getByRole('img');
    expect(drive.querySelector('g.state[data-current="true"]')?.getAttribute('data-state')).toBe('CompletedMoreInfo');
    expect(screen.getByTestId('lifecycle-drive-text').textContent).toContain('De schijf is CompletedMoreInfo');
  });

  it('shows the Review step after the copy-log step of the review task', async () => {
    const bridge = createFakeIpcBridge({ 'review.run': () => ok(reviewModel()), 'copyLog.inspect': ({ path }) => ok({ ...reviewModel(), path, failedBlobs: [] }) });
    await renderApp(bridge);
    await userEvent.click(screen.getByRole('radio', { name: 'Review a copy log' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Copy log' }), LOG);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).not.toBe('true'));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('heading', { name: 'What to do' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
  });
});
