/** The copy-log summary: drive status with explanation and next step, counts, failures — in English and Dutch. */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { describeStatus } from '../../../src-shared/status/index.ts';
import { createI18n, type UiLanguage } from '../../i18n/index.ts';
import { copyLogSummary } from '../../test/fixtures/data.ts';
import type { CopyLogSummary } from '../../../src-shared/ipc/contract.ts';
import { CopyLogSummaryView } from './CopyLogSummaryView.tsx';

function show(summary: CopyLogSummary, lang: UiLanguage) {
  return render(
    <I18nextProvider i18n={createI18n({ lng: lang })}>
      <FluentProvider theme={webLightTheme}>
        <CopyLogSummaryView summary={summary} />
      </FluentProvider>
    </I18nextProvider>,
  );
}

describe('copy-log summary', () => {
  it('explains the drive status and what to do next, in English', () => {
    show(copyLogSummary(), 'en');
    const status = screen.getByRole('group', { name: 'Drive status' });
    const en = describeStatus('drive', 'CompletedWithErrors', 'en');
    expect(within(status).getByText(en.title)).toBeTruthy();
    expect(within(status).getByText(/^The drive was processed, but some blobs/)).toBeTruthy();
    expect(within(status).getByText('What to do:')).toBeTruthy();
    expect(status.textContent).toContain('waie RepairExport');
    // The command in the next step is shown as code.
    expect(within(status).getAllByText('waie RepairExport', { selector: 'code' }).length).toBeGreaterThan(0);
  });

  it('explains the drive status in Dutch from the status catalogue', () => {
    show(copyLogSummary(), 'nl');
    const status = screen.getByRole('group', { name: 'Status van de schijf' });
    const nl = describeStatus('drive', 'CompletedWithErrors', 'nl');
    expect(nl.title).not.toBe(describeStatus('drive', 'CompletedWithErrors', 'en').title);
    expect(within(status).getByText(nl.title)).toBeTruthy();
    expect(within(status).getByText('Wat te doen:')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Wat het kopieerlog zegt' })).toBeTruthy();
    expect(screen.getByText('2 blobs, 3,00 MB opnieuw te downloaden')).toBeTruthy();
  });

  it('counts blobs and ranges per status, with the status titles', () => {
    show(copyLogSummary(), 'en');
    const blobs = screen.getByRole('table', { name: 'Blobs per status' });
    const rows = within(blobs).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toContain(`${describeStatus('blob', 'Completed', 'en').title}Completed3`);
    expect(rows).toContain(`${describeStatus('blob', 'BlobRequestFailed', 'en').title}BlobRequestFailed1`);
    const ranges = screen.getByRole('table', { name: 'Blocks and page ranges per status' });
    expect(within(ranges).getByText(describeStatus('range', 'Corrupted', 'en').title)).toBeTruthy();
    expect(screen.getByText('2 blobs, 3.00 MB to download again')).toBeTruthy();
  });

  it('lists the failed blobs with their failed ranges, and explains each status met', () => {
    show(copyLogSummary(), 'en');
    const failed = screen.getByRole('table', { name: 'Failed blobs' });
    const video = within(failed).getByText('\\videos\\a.mp4').closest('tr')!;
    expect(video.textContent).toContain('offset 0 (1.00 MB): Corrupted');
    expect(video.textContent).toContain('offset 4,194,304 (1.00 MB): Corrupted');
    const zip = within(failed).getByText('\\archive\\backup.zip').closest('tr')!;
    expect(zip.textContent).toContain('The whole file');
    const meanings = screen.getByText('What these statuses mean').parentElement!;
    expect(within(meanings).getByText(describeStatus('range', 'Corrupted', 'en').title)).toBeTruthy();
    expect(within(meanings).getByText(describeStatus('blob', 'BlobRequestFailed', 'en').title)).toBeTruthy();
  });

  it('says when the list of failed blobs is capped, and shows unknown codes honestly', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      blobPath: `c/b${i}`,
      filePath: `\\b${i}`,
      status: 'FancyNewStatus',
      failedRanges: [],
      bytesAffected: 1,
      whole: true,
    }));
    show(copyLogSummary({ failedBlobs: many, failedBlobCount: 5000, driveStatus: 'Completed' }), 'en');
    expect(screen.getByText('The first 150 of 5,000 failed blobs.')).toBeTruthy();
    const failed = screen.getByRole('table', { name: 'Failed blobs' });
    expect(within(failed).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByRole('button', { name: 'Show 50 more' })).toBeTruthy();
    expect(screen.getAllByText('Unknown status “FancyNewStatus”').length).toBeGreaterThan(0);
  });
});
