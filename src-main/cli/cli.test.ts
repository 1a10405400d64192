/**
 * The `waie` command line as an operator runs it: a real child process, a real Azurite, real files.
 * Includes kill -9 at several moments of a repair followed by resume.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite, type AzuriteInstance } from '../testing/azurite.ts';
import { startFaultProxy } from '../testing/fault-proxy.ts';
import { buildSampleExportJob, compareDirs, type SampleJob } from '../demo/sample-job.ts';

const waie = fileURLToPath(new URL('../../bin/waie.js', import.meta.url));
let az: AzuriteInstance;
let tmp: string;
before(async () => {
  az = await startAzurite();
  tmp = await mkdtemp(join(tmpdir(), 'waie-cli-'));
});
after(async () => {
  await az.stop();
  await rm(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs waie; with `killWhen`, polls it every 20 ms and sends SIGKILL the first time it returns true. */
function run(args: string[], opts: { killWhen?: () => boolean; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [waie, ...args], { cwd: opts.cwd ?? tmp, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = opts.killWhen
      ? setInterval(() => {
          if (opts.killWhen!()) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 20)
      : undefined;
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `done` records in a repair file so far (0 when it does not exist yet). */
function doneRecords(repairFile: string): number {
  try {
    return readFileSync(repairFile, 'utf8').split('\n').filter((l) => l.startsWith('{"t":"done"')).length;
  } catch {
    return 0;
  }
}

function repairArgs(job: SampleJob, dir: string, endpoint = az.endpoint): string[] {
  return ['RepairExport', `/r:${join(dir, 'drive.rep')}`, `/d:${job.driveDir}`, `/sn:${az.accountName}`, `/sk:${az.accountKey}`, `/CopyLogFile:${job.copyLogFile}`, `/ManifestFile:${job.manifestFile}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${endpoint}`];
}

function assertNoStack(r: Run): void {
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

test('help explains every parameter', async () => {
  const general = await run(['help']);
  assert.equal(general.code, 0);
  assert.match(general.stdout, /RepairExport/);
  const rx = await run(['help', 'RepairExport']);
  assert.equal(rx.code, 0);
  for (const p of ['/r:', '/d:', '/sn:', '/sk:', '/csas:', '/CopyLogFile:', '/ManifestFile:', '/logdir:', '/bk:', '/BlobEndpoint:']) assert.ok(rx.stdout.includes(p), p);
});

test('bad input: one-paragraph errors, exit code 2, no stack trace', async () => {
  const missing = await run(['RepairExport', '/r:x.rep']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: Missing \/d, \/sn, \/CopyLogFile, \/sk or \/csas/);
  assertNoStack(missing);
  const drive = await mkdtemp(join(tmp, 'd-'));
  const noLog = await run(['RepairExport', '/r:x.rep', `/d:${drive}`, '/sn:acct', '/sk:a2V5', '/CopyLogFile:nope.xml']);
  assert.equal(noLog.code, 2);
  assert.match(noLog.stderr, /copy log cannot be read/);
  assertNoStack(noLog);
  const bad = join(drive, 'bad.xml');
  await writeFile(bad, '<DriveLog>\n  <DriveId>X</DriveId>\n  <Blob>\n');
  const malformed = await run(['RepairExport', `/r:${join(tmp, 'y.rep')}`, `/d:${drive}`, '/sn:acct', '/sk:a2V5', `/CopyLogFile:${bad}`]);
  assert.equal(malformed.code, 2);
  assert.match(malformed.stderr, /bad\.xml/);
  assert.match(malformed.stderr, /line \d+/i);
  assertNoStack(malformed);
  const unknown = await run(['RepairExport', '/frobnicate:1']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown parameter \/frobnicate/);
});

test('kill -9 at several moments, then resume: byte-identical drive; a finished repair downloads nothing; no key anywhere', async () => {
  const dir = join(tmp, 'kill');
  const job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job'), profile: 'alternate' });
  // Slow every GET down so that kills land in the middle of downloads, writes and verification.
  const proxy = await startFaultProxy(az.endpoint, ({ method }) => (method === 'GET' ? { kind: 'delay', ms: 60 } : { kind: 'pass' }));
  const outputs: string[] = [];
  try {
    // Kill each run as soon as it has recorded one more finished component than the run before:
    // moments chosen by the repair's own progress, not by the clock (a busy machine stays deterministic).
    const rep = join(dir, 'drive.rep');
    let killed = 0;
    for (let i = 0; i < 3; i++) {
      const before = doneRecords(rep);
      const r = await run(repairArgs(job, dir, proxy.endpoint), { killWhen: () => doneRecords(rep) > before });
      outputs.push(r.stdout, r.stderr);
      if (r.signal === 'SIGKILL') killed++;
      else break;
    }
    assert.ok(killed >= 2, `at least two runs were killed mid-repair (killed ${killed})`);
    const last = await run(repairArgs(job, dir, proxy.endpoint));
    outputs.push(last.stdout, last.stderr);
    assert.equal(last.code, 0, last.stderr + last.stdout);
    assert.match(last.stdout, /Already done by an earlier run: [1-9]/);
    assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
    const again = await run(repairArgs(job, dir, proxy.endpoint));
    outputs.push(again.stdout, again.stderr);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already finished: nothing was downloaded/);
  } finally {
    await proxy.close();
  }
  let written = outputs.join('\n');
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && !e.parentPath.includes(`${join('job', 'drive')}`)) written += await readFile(join(e.parentPath, e.name), 'latin1');
  }
  assert.ok(!written.includes(az.accountKey), 'the account key appears in no output, log or repair file');
});
