/** The taskbar progress: export counts downloads (verified bytes while verifying), import counts uploads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RepairProgress } from '../../src-shared/engine-protocol.ts';
import { taskbarProgress } from './taskbar.ts';

const p = (patch: Partial<RepairProgress>): RepairProgress => ({
  phase: 'repairing',
  bytesDownloaded: 0,
  bytesVerified: 0,
  bytesToDownload: 0,
  bytesToVerify: 0,
  bytesUploaded: 0,
  bytesToUpload: 0,
  componentsDone: 0,
  componentsTotal: 0,
  componentsFailed: 0,
  elapsedMs: 1,
  ...patch,
});

test('RepairImport: the fraction of bytes uploaded', () => {
  assert.deepEqual(taskbarProgress(p({ bytesUploaded: 25, bytesToUpload: 100 }), 'RepairImport'), { value: 0.25, mode: 'normal' });
  // Told from the counters when the job kind is not known.
  assert.deepEqual(taskbarProgress(p({ bytesUploaded: 75, bytesToUpload: 100 })), { value: 0.75, mode: 'normal' });
  assert.deepEqual(taskbarProgress(p({ bytesUploaded: 0, bytesToUpload: 0 }), 'RepairImport'), { value: 2, mode: 'indeterminate' });
  assert.equal(taskbarProgress(p({ bytesUploaded: 10, bytesToUpload: 100, paused: true }), 'RepairImport').mode, 'paused');
});

test('RepairExport: downloaded bytes, then verified bytes', () => {
  assert.deepEqual(taskbarProgress(p({ bytesDownloaded: 50, bytesToDownload: 200 }), 'RepairExport'), { value: 0.25, mode: 'normal' });
  assert.deepEqual(taskbarProgress(p({ phase: 'verifying', bytesVerified: 30, bytesToVerify: 60, bytesDownloaded: 1, bytesToDownload: 1000 }), 'RepairExport'), { value: 0.5, mode: 'normal' });
  assert.equal(taskbarProgress(p({ bytesDownloaded: 500, bytesToDownload: 100 }), 'RepairExport').value, 1);
});
