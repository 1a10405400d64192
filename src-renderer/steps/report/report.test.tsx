/** The Report step: failures with their explanation and next step, files, saving and opening. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describeStatus } from '../../../src-shared/status/index.ts';
import { createFakeIpcBridge, fakeAppInfo, ok, type FakeHandlers } from '../../test/fake-ipc-bridge.ts';
import { renderApp } from '../../test/render.tsx';
import { repairResult } from '../../test/fixtures/data.ts';
import type { RepairResult } from '../../../src-shared/engine-protocol.ts';

async function showReport(result: RepairResult, lang: 'en' | 'nl' = 'en', more: FakeHandlers = {}) {
  const bridge = createFakeIpcBridge({
    'app.info': () => ok(fakeAppInfo({ systemLanguage: lang === 'nl' ? 'nl-NL' : 'en-US' })),
    'repair.state': () => ok({ status: 'done', result }),
    ...more,
  });
  await renderApp(bridge, lang);
  await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(lang === 'nl' ? 'Rapport' : 'Report'));
  return bridge;
}

describe('report step', () => {
  it('lists what could not be repaired, each status with its explanation and next step', async () => {
    await showReport(repairResult());
    expect(screen.getByText('2 parts could not be repaired; the rest is repaired.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What could not be repaired (2)' })).toBeTruthy();

    const changed = screen.getByTestId('failure-group-BlobUnexpectedChange');
    const blob = describeStatus('blob', 'BlobUnexpectedChange', 'en');
    expect(within(changed).getByText(blob.title)).toBeTruthy();
    expect(changed.textContent).toContain(blob.explanation.replace(/`/g, ''));
    expect(changed.textContent).toContain(blob.nextStep.replace(/`/g, ''));
    expect(within(changed).getByText('\\videos\\changed.mp4')).toBeTruthy();
    expect(within(changed).getByText('The blob’s ETag is no longer the one of the export.')).toBeTruthy();

    // A range failure is explained from the range table, with where it is.
    const request = screen.getByTestId('failure-group-BlobRequestFailed');
    expect(within(request).getByText(describeStatus('range', 'BlobRequestFailed', 'en').title)).toBeTruthy();
    expect(within(request).getByText('range at offset 1,048,576 (1.00 MB)')).toBeTruthy();

    expect(screen.getByText('\\docs\\a.properties was compared by value.')).toBeTruthy();
    expect(screen.getByText('/logs/9WM35C3U_20260101_repaired_drivelog.xml')).toBeTruthy();
    expect(screen.getByText('3.00 MB')).toBeTruthy();
    expect(screen.getByText('1 min 5 s')).toBeTruthy();
  });

  it('explains failures in Dutch', async () => {
    await showReport(repairResult(), 'nl');
    const changed = screen.getByTestId('failure-group-BlobUnexpectedChange');
    const nl = describeStatus('blob', 'BlobUnexpectedChange', 'nl');
    expect(within(changed).getByText(nl.title)).toBeTruthy();
    expect(changed.textContent).toContain(nl.nextStep.replace(/`/g, ''));
    expect(within(changed).getByText('Wat te doen:')).toBeTruthy();
    expect(screen.getByText('2 delen konden niet worden hersteld; de rest is hersteld.')).toBeTruthy();
  });

  it('says so when everything was repaired', async () => {
    await showReport(repairResult({ exitCode: 0, failures: [], notes: [] }));
    expect(screen.getByText('Every failed part is repaired and checked.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /What could not be repaired/ })).toBeNull();
  });

  it('saves the report as HTML and CSV and opens the log folder', async () => {
    const bridge = await showReport(repairResult(), 'en', {
      'report.save': ({ format }) => ok({ path: `/logs/report.${format}` }),
      'shell.openPath': () => ok(undefined),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save report as HTML' }));
    expect(await screen.findByText('Saved to /logs/report.html')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save report as CSV' }));
    expect(await screen.findByText('Saved to /logs/report.csv')).toBeTruthy();
    expect(bridge.callsOf('report.save')).toEqual([{ format: 'html' }, { format: 'csv' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Open the log folder' }));
    expect(bridge.callsOf('shell.openPath')).toEqual([{ path: '/logs' }]);
  });

  it('asks where to save with the native dialog when there is one', async () => {
    const bridge = await showReport(repairResult(), 'en', {
      'app.info': () => ok(fakeAppInfo({ nativeDialogs: true, host: 'electron' })),
      'dialog.open': () => ok({ path: 'D:\\reports\\9WM35C3U.html' }),
      'report.save': ({ path }) => ok({ path: path ?? '?' }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save report as HTML' }));
    expect(await screen.findByText('Saved to D:\\reports\\9WM35C3U.html')).toBeTruthy();
    expect(bridge.callsOf('dialog.open')[0]).toMatchObject({ kind: 'save', extensions: ['html'] });
    expect(bridge.callsOf('report.save')).toEqual([{ format: 'html', path: 'D:\\reports\\9WM35C3U.html' }]);
  });
});
