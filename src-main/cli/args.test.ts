import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from './args.ts';
import { REPAIR_EXPORT_PARAMS, repairExportRequest } from './commands/repair-export.ts';
import { WaieError } from '../../src-shared/errors.ts';

const known = REPAIR_EXPORT_PARAMS;

test('WAImportExport syntax from seed 003 parses unchanged, names case-insensitive, values with colons', () => {
  const argv = ['/r:C:\\WAImportExport\\9WM35C3U.rep', '/d:G:\\', '/sn:bobmediaaccount', '/sk:VkGb+kp0C9MEdx3GELxmBw4hK94f7KysbbeKLDksg7VoN1W/a5UuM2zNgQ==', '/CopyLogFile:C:\\WAImportExport\\9WM35C3U.log', '/ManifestFile:G:\\9WM35C3U.manifest'];
  const p = parseCommandLine(argv, known, 'RepairExport');
  assert.equal(p.params.r, 'C:\\WAImportExport\\9WM35C3U.rep');
  assert.equal(p.params.d, 'G:\\');
  assert.equal(p.params.sk, 'VkGb+kp0C9MEdx3GELxmBw4hK94f7KysbbeKLDksg7VoN1W/a5UuM2zNgQ==');
  assert.equal(p.params.copylogfile, 'C:\\WAImportExport\\9WM35C3U.log');
  assert.equal(p.params.manifestfile, 'G:\\9WM35C3U.manifest');
  const upper = parseCommandLine(['/R:x', '/COPYLOGFILE:y', '/BlobEndpoint:http://127.0.0.1:1/devstoreaccount1'], known, 'RepairExport');
  assert.equal(upper.params.r, 'x');
  assert.equal(upper.params.copylogfile, 'y');
  assert.equal(upper.params.blobendpoint, 'http://127.0.0.1:1/devstoreaccount1');
});

test('unknown parameter is a BAD_INPUT naming it', () => {
  assert.throws(
    () => parseCommandLine(['/r:x', '/bogus:1'], known, 'RepairExport'),
    (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT' && e.info.title.includes('/bogus'),
  );
});

test('missing parameters are listed; /sk and /csas are exclusive; env supplies the key', () => {
  assert.throws(() => repairExportRequest({ r: 'a' }, {}), (e: unknown) => e instanceof WaieError && /\/d/.test(e.info.title) && /\/sk or \/csas/.test(e.info.title));
  assert.throws(() => repairExportRequest({ r: 'a', d: 'b', sn: 'acct', copylogfile: 'c', sk: 'k', csas: 's' }, {}), /not both/);
  const fromEnv = repairExportRequest({ r: 'a', d: 'b', sn: 'acct', copylogfile: 'c' }, { WAIE_STORAGE_ACCOUNT_KEY: 'a2V5' });
  assert.equal(fromEnv.credentials.accountKey, 'a2V5');
  assert.equal(fromEnv.credentials.containerSas, undefined);
  const sas = repairExportRequest({ r: 'a', d: 'b', sn: 'acct', copylogfile: 'c', csas: 'cont?sv=1&sig=x' }, { WAIE_STORAGE_ACCOUNT_KEY: 'a2V5' });
  assert.equal(sas.credentials.accountKey, undefined);
  assert.equal(sas.credentials.containerSas, 'cont?sv=1&sig=x');
});
