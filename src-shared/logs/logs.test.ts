// Log blob names (seed 000 "waies/<job>_<drive>_<timestamp>_<type>.xml", seed 004 manifest backups,
// the databoxcopylog naming) and the location table of seed 000 (key/SAS × default/chosen value).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WaieError } from '../errors.ts';
import { logLocations, parseDataBoxFileName, parseLogBlobName, parseLogTimestamp, parseWaiesFileName } from './index.ts';

describe('log blob names', () => {
  test("the seed's example", () => {
    assert.deepEqual(parseWaiesFileName('myjob_9WM35C2V_20130921-034307-902_error.xml'), {
      family: 'waies',
      kind: 'error',
      jobName: 'myjob',
      driveId: '9WM35C2V',
      stamp: '20130921-034307-902',
      time: '2013-09-21T03:43:07.902Z',
      fileName: 'myjob_9WM35C2V_20130921-034307-902_error.xml',
    });
  });

  test('verbose and manifest, type case-insensitive; job names with _ and -; drive IDs with -', () => {
    assert.equal(parseWaiesFileName('a_b_20200101-000000-000_VERBOSE.xml')?.kind, 'verbose');
    const m = parseWaiesFileName('my_long_job-2_WD-WMATV123456_20141231-235959-999_manifest.xml');
    assert.deepEqual([m?.kind, m?.jobName, m?.driveId, m?.time], ['manifest', 'my_long_job-2', 'WD-WMATV123456', '2014-12-31T23:59:59.999Z']);
  });

  test('a known job name lets the drive ID hold _', () => {
    assert.deepEqual(
      [parseWaiesFileName('job_DR_IVE_20200101-000000-000_error.xml', 'JOB')?.jobName, parseWaiesFileName('job_DR_IVE_20200101-000000-000_error.xml', 'JOB')?.driveId],
      ['job', 'DR_IVE'],
    );
    // Without it, the last segment before the timestamp is the drive.
    assert.equal(parseWaiesFileName('job_DR_IVE_20200101-000000-000_error.xml')?.driveId, 'IVE');
    // A known job that does not match: read from the right as usual.
    assert.equal(parseWaiesFileName('other_X_20200101-000000-000_error.xml', 'job')?.jobName, 'other');
  });

  test('timestamps: UTC, milliseconds optional, impossible dates refused', () => {
    assert.equal(parseLogTimestamp('20130921-034307'), '2013-09-21T03:43:07.000Z');
    assert.equal(parseLogTimestamp('20130921-034307-9'), '2013-09-21T03:43:07.900Z');
    assert.equal(parseLogTimestamp('20240229-000000-000'), '2024-02-29T00:00:00.000Z');
    for (const bad of ['20230229-000000-000', '20131321-000000-000', '20130921-246000-000', '2013-09-21', '']) assert.equal(parseLogTimestamp(bad), undefined, bad);
  });

  test('not log names', () => {
    for (const n of ['readme.txt', 'myjob_9WM35C2V_error.xml', 'myjob_20130921-034307-902_error.xml', 'myjob_9WM35C2V_20130921-034307-902_repair.xml', '_9WM_20130921-034307-902_error.xml', 'x_y_20130921-034307-902_error.xml.bak']) {
      assert.equal(parseWaiesFileName(n), undefined, n);
    }
  });

  test('databoxcopylog names: order_serial_CopyLog|VerboseLog_id.xml', () => {
    assert.deepEqual(parseDataBoxFileName('DataBoxTestOrder_CHC533180024_CopyLog_73a81b2d613547a28ecb7b1612fe93ca.xml'), {
      family: 'databox',
      kind: 'copyLog',
      jobName: 'DataBoxTestOrder',
      driveId: 'CHC533180024',
      runId: '73a81b2d613547a28ecb7b1612fe93ca',
      fileName: 'DataBoxTestOrder_CHC533180024_CopyLog_73a81b2d613547a28ecb7b1612fe93ca.xml',
    });
    const v = parseDataBoxFileName('my_order_SER1_VerboseLog_6b1eb55b-bcb3-463c-b07b-c5e5edf3bd6f.xml');
    assert.deepEqual([v?.kind, v?.jobName, v?.driveId, v?.runId], ['verboseLog', 'my_order', 'SER1', '6b1eb55b-bcb3-463c-b07b-c5e5edf3bd6f']);
    assert.equal(parseDataBoxFileName('order_SER_ErrorLog_x.xml'), undefined);
  });

  test('full blob names: directly under <prefix>waies/ only', () => {
    const n = 'waimportexport/mylogblobs/waies/j_D_20200101-000000-000_error.xml';
    assert.equal(parseLogBlobName(n, 'waimportexport/mylogblobs/')?.driveId, 'D');
    assert.equal(parseLogBlobName(n, 'waimportexport/'), undefined, 'not directly under waimportexport/waies/');
    assert.equal(parseLogBlobName('waies/sub/j_D_20200101-000000-000_error.xml', ''), undefined);
    assert.equal(parseLogBlobName('o_S_CopyLog_1.xml', '', { dataBox: true })?.kind, 'copyLog');
    assert.equal(parseLogBlobName('x/o_S_CopyLog_1.xml', '', { dataBox: true }), undefined);
  });
});

describe('where the logs are (seed 000 table, seed 004)', () => {
  test('account key + default: container waimportexport (logs and manifests), plus databoxcopylog', () => {
    assert.deepEqual(logLocations({ auth: 'key' }), [
      { container: 'waimportexport', prefix: '', rule: 'key-default', purposes: ['logs', 'manifests'] },
      { container: 'databoxcopylog', prefix: '', rule: 'databox', purposes: ['databox'] },
    ]);
  });

  test('account key + chosen value: that container; DiagnosticsPath its own container', () => {
    assert.deepEqual(logLocations({ auth: 'key', statesPath: 'mylogcontainer', diagnosticsPath: 'diag', dataBox: false }), [
      { container: 'mylogcontainer', prefix: '', rule: 'key-chosen', purposes: ['logs'] },
      { container: 'diag', prefix: '', rule: 'key-chosen', purposes: ['manifests'] },
    ]);
    assert.deepEqual(logLocations({ auth: 'key', statesPath: '/mylogs/sub/', dataBox: false })[0], { container: 'mylogs', prefix: 'sub/', rule: 'key-chosen', purposes: ['logs'] });
    assert.deepEqual(logLocations({ auth: 'key', statesPath: 'waimportexport', dataBox: false }).map((l) => l.rule), ['key-default'], 'the default value is the default');
  });

  test('container SAS + default: waimportexport/ in the SAS container; + chosen value: waimportexport/<value>/', () => {
    assert.deepEqual(logLocations({ auth: 'sas', sasContainer: 'mylogcontainer' }), [{ container: 'mylogcontainer', prefix: 'waimportexport/', rule: 'sas-default', purposes: ['logs', 'manifests'] }]);
    assert.deepEqual(logLocations({ auth: 'sas', sasContainer: 'mylogcontainer', statesPath: 'mylogblobs' }), [
      { container: 'mylogcontainer', prefix: 'waimportexport/mylogblobs/', rule: 'sas-chosen', purposes: ['logs'] },
      { container: 'mylogcontainer', prefix: 'waimportexport/', rule: 'sas-default', purposes: ['manifests'] },
    ]);
    assert.deepEqual(logLocations({ auth: 'sas', sasContainer: 'databoxcopylog' }).map((l) => [l.prefix, l.rule]), [['waimportexport/', 'sas-default'], ['', 'databox']]);
  });

  test('bad input refused', () => {
    const bad = (f: () => unknown): void => assert.throws(f, (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT');
    bad(() => logLocations({ auth: 'sas' }));
    bad(() => logLocations({ auth: 'key', statesPath: '../x' }));
    bad(() => logLocations({ auth: 'key', statesPath: 'a//b' }));
    bad(() => logLocations({ auth: 'key', statesPath: 'Bad_Container' }));
    bad(() => logLocations({ auth: 'sas', sasContainer: 'c', statesPath: 'x?sig=1' }));
  });
});
