/** Pure helpers: paths the host gives, sizes and durations, and the engine's log lines. */
import { describe, expect, it } from 'vitest';
import { basename, defaultOutputDir, defaultRepairFile, dirname, extensionOf, isRoot, joinPath } from './paths.ts';
import { formatBytes, formatDuration } from './format.ts';
import { parseLogLine } from '../stores/log-lines.ts';
import { buildRequest } from '../app/actions.ts';
import { useInputsStore } from '../stores/inputs.ts';

describe('paths', () => {
  it('splits Windows, UNC and POSIX paths', () => {
    expect(dirname('C:\\WAImportExport\\9WM35C3U_error.xml')).toBe('C:\\WAImportExport');
    expect(dirname('C:\\x.xml')).toBe('C:\\');
    expect(dirname('G:\\')).toBeUndefined();
    expect(dirname('G:')).toBeUndefined();
    expect(dirname('\\\\nas\\exports\\copy')).toBe('\\\\nas\\exports\\');
    expect(dirname('\\\\nas\\exports')).toBeUndefined();
    expect(dirname('/mnt/drive/')).toBe('/mnt');
    expect(dirname('/mnt')).toBe('/');
    expect(dirname('/')).toBeUndefined();
    expect(isRoot('C:\\')).toBe(true);
    expect(isRoot('/home')).toBe(false);
    expect(basename('C:\\a\\b.manifest')).toBe('b.manifest');
    expect(extensionOf('/a/B.XML')).toBe('xml');
    expect(extensionOf('/a/.hidden')).toBe('');
    expect(joinPath('C:\\logs', 'x.rep')).toBe('C:\\logs\\x.rep');
    expect(joinPath('/logs/', 'x.rep')).toBe('/logs/x.rep');
  });

  it('puts the repair file next to the copy log, else beside the target; a drive root leaves the choice to the user', () => {
    expect(defaultOutputDir('C:\\jobs\\9WM35C3U_error.xml', 'G:\\')).toBe('C:\\jobs');
    expect(defaultOutputDir(undefined, '/mnt/copies/9WM35C3U')).toBe('/mnt/copies');
    expect(defaultOutputDir('', 'G:\\')).toBeUndefined();
    expect(defaultRepairFile('C:\\jobs', '9WM35C3U')).toBe('C:\\jobs\\9WM35C3U.rep');
    expect(defaultRepairFile('/j', undefined)).toBe('/j/repair.rep');
    expect(defaultRepairFile('/j', '../evil')).toBe('/j/..evil.rep');
  });
});

describe('format', () => {
  it('sizes in binary units with three significant digits, per language', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1536, 'en')).toBe('1.50 KB');
    expect(formatBytes(3 * 1048576, 'nl')).toBe('3,00 MB');
    expect(formatBytes(78.2 * 1024 ** 3, 'en')).toBe('78.2 GB');
    expect(formatBytes(2 * 1024 ** 4, 'en')).toBe('2.00 TB');
  });
  it('durations', () => {
    expect(formatDuration(45_000, 'en')).toBe('45 s');
    expect(formatDuration(190_000, 'en')).toBe('3 min 10 s');
    expect(formatDuration(7_500_000, 'nl')).toBe('2 u 5 min');
  });
});

describe('engine log lines', () => {
  // The formats of src-main/engine/repair-export (context.ts fail(), transfer.ts onRetry, manifest-pass.ts).
  it('reads failures, retries and damaged files', () => {
    expect(parseLogLine('error', 'BlobUnexpectedChange blob \\videos\\a b.mp4: the ETag changed')).toEqual({ path: '\\videos\\a b.mp4', patch: { status: 'failed', statusCode: 'BlobUnexpectedChange', detail: 'the ETag changed' } });
    expect(parseLogLine('error', 'Corrupted range \\x\\y.bin offset 0 length 4194304: MD5 differs')?.patch.statusCode).toBe('Corrupted');
    expect(parseLogLine('warn', 'retry 2 \\x\\y.bin offset 4194304 length 4194304 after 1000 bytes: socket hang up')).toEqual({ path: '\\x\\y.bin', patch: { status: 'retrying', detail: 'socket hang up' } });
    expect(parseLogLine('warn', '\\x\\y.bin: file is 10 bytes, the manifest says 20')).toEqual({ path: '\\x\\y.bin', patch: { status: 'active', detail: 'file is 10 bytes, the manifest says 20' } });
    expect(parseLogLine('warn', 'cancelled; the repair file keeps what is done')).toBeUndefined();
    expect(parseLogLine('error', 'stopped: disk full')).toBeUndefined();
  });
});

describe('the request', () => {
  it('is RepairExport’s, without the copy log when validating against the manifest', () => {
    const s = { ...useInputsStore.getState(), targetDir: 'G:\\', repairFile: 'C:\\r.rep', logDir: 'C:\\logs', copyLogFile: 'C:\\l.xml', manifestFile: 'G:\\m.manifest', accountName: 'acc', credentialKind: 'sas' as const, secret: 'c?sv=1&sig=x', blobEndpoint: '' };
    expect(buildRequest(s, 'repair')).toEqual({ repairFile: 'C:\\r.rep', targetDir: 'G:\\', logDir: 'C:\\logs', copyLogFile: 'C:\\l.xml', manifestFile: 'G:\\m.manifest', credentials: { accountName: 'acc', containerSas: 'c?sv=1&sig=x' } });
    expect(buildRequest(s, 'validate')?.copyLogFile).toBeUndefined();
    expect(buildRequest({ ...s, manifestFile: '' }, 'validate')).toBeUndefined();
    expect(buildRequest({ ...s, logDir: ' ' }, 'repair')).toBeUndefined();
  });
});
