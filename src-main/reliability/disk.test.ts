/**
 * Reliability, point 3: disk faults on the target drive, with real file systems, through the `waie`
 * command. Each case ends with a clear error naming the file and the status code, nothing else on the
 * drive damaged (every file that equalled the pristine drive before still does; no stray file), and a
 * later run that finishes the repair byte-identical.
 *
 * - target full: a tmpfs the test mounts, just larger than the damaged drive (ENOSPC → exit code 3,
 *   "The target drive is full", IOFailed); the tmpfs is enlarged and the repair resumed;
 * - file read-only (mode 0444) and file locked (immutable, `chattr +i`): FileAccessDenied for that file,
 *   every other file repaired (exit code 1); unlocked, the next run finishes. As root, mode bits do not
 *   stop writes, so the command runs under `setpriv` without CAP_DAC_OVERRIDE;
 * - drive read-only (a read-only mount): refused before anything is written (exit code 2);
 * - folder deleted mid-run (when the proxy sends a range of a file in it): IOFailed for its files, and the
 *   manifest pass and the next run put them back;
 * - drive unmounted mid-run (a bind mount detached while the repair runs): the run stops (exit code 3,
 *   "The target directory is gone"), nothing is written onto the empty mount point, and after mounting
 *   again the repair resumes.
 * Mounting needs root (tmpfs, bind mounts); without it those cases are skipped, saying why.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AzuriteInstance } from '../testing/azurite.ts';
import { buildSampleExportJob, compareDirs, localPathOf, type SampleJob } from '../demo/sample-job.ts';
import { compareDirsDetailed } from '../demo/compare-dirs.ts';
import { assertNoSecrets, runWaie, startRecordingProxy, startSuiteAzurite, type CliRun } from './harness.ts';

let az: AzuriteInstance;
let tmp: string;
let job: SampleJob;
const mounts: string[] = [];
const isRoot = process.getuid?.() === 0;

function sh(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

let canMount = false;
let canChattr = false;
let canSetpriv = false;

before(async () => {
  az = await startSuiteAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-rel-disk-')));
  job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(tmp, 'job'), profile: 'demo' });
  if (isRoot) {
    const probe = join(tmp, 'probe-mount');
    await mkdir(probe);
    canMount = sh('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]) && sh('umount', [probe]);
    const f = join(tmp, 'probe-file');
    execFileSync('touch', [f]);
    canChattr = sh('chattr', ['+i', f]) && sh('chattr', ['-i', f]);
    canSetpriv = sh('setpriv', ['--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search', 'true']);
  }
});

after(async () => {
  for (const m of mounts.reverse()) sh('umount', ['-l', m]);
  if (tmp) {
    for (const e of await readdir(tmp, { recursive: true, withFileTypes: true }).catch(() => [])) {
      if (e.isFile()) sh('chattr', ['-i', join(e.parentPath, e.name)]);
    }
  }
  await az?.stop();
  await rm(tmp, { recursive: true, force: true });
});

let n = 0;
/** A copy of the damaged drive at `drive` (created), with the repair file and logs beside it. */
async function caseDir(name: string, drive?: string): Promise<{ dir: string; drive: string }> {
  const dir = join(tmp, `${name}-${n++}`);
  await mkdir(dir, { recursive: true });
  const d = drive ?? join(dir, 'drive');
  await cp(job.driveDir, d, { recursive: true });
  return { dir, drive: d };
}

function args(dir: string, drive: string, endpoint = az.endpoint): string[] {
  return ['RepairExport', `/r:${join(dir, 'drive.rep')}`, `/d:${drive}`, `/sn:${az.accountName}`, `/CopyLogFile:${job.copyLogFile}`, `/ManifestFile:${job.manifestFile}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${endpoint}`, '/concurrency:2'];
}

const env = (): NodeJS.ProcessEnv => ({ WAIE_STORAGE_ACCOUNT_KEY: az.accountKey });

/** Paths (relative) where `drive` differs from the pristine drive. */
async function diffs(drive: string): Promise<Set<string>> {
  return new Set((await compareDirsDetailed(job.pristineDir, drive)).map((d) => d.path));
}

/** Nothing else damaged: every path that differs now already differed before (so no good file got worse, no stray file appeared). */
function assertNothingElseDamaged(before: Set<string>, now: Set<string>): void {
  const worse = [...now].filter((p) => !before.has(p));
  assert.deepEqual(worse, [], 'files that were intact before the run are still intact; no stray file');
}

function assertNoStack(r: CliRun): void {
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

async function finish(dir: string, drive: string, outputs: CliRun[]): Promise<void> {
  const again = await runWaie(args(dir, drive), { cwd: dir, env: env() });
  outputs.push(again);
  assert.equal(again.code, 0, again.stderr + again.stdout);
  assert.deepEqual(await compareDirs(drive, job.pristineDir), [], 'the next run finishes the repair byte-identical');
  await assertNoSecrets([az.accountKey], { dirs: [dir], skip: [drive], texts: outputs.map((o, i) => [`run ${i + 1}`, o.stdout + o.stderr]) });
}

test('target full (ENOSPC on a small tmpfs): the run stops naming the file and IOFailed; nothing else damaged; resumed once there is room', { skip: !isRoot ? 'needs root to mount a tmpfs' : undefined }, async (t) => {
  if (!canMount) return t.skip('mount -t tmpfs is not permitted here');
  const dir = join(tmp, `full-${n++}`);
  const drive = join(dir, 'drive');
  await mkdir(drive, { recursive: true });
  assert.ok(sh('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', drive]));
  mounts.push(drive);
  await rm(drive + '/x', { force: true });
  await cp(job.driveDir, drive, { recursive: true });
  // Shrink it to what the damaged drive uses plus 256 KiB: the missing files cannot all be written back.
  const usedKb = Number(execFileSync('df', ['--output=used', '-k', drive]).toString().trim().split('\n').pop());
  assert.ok(sh('mount', ['-o', `remount,size=${usedKb + 256}k`, drive]), 'tmpfs shrunk');
  const before = await diffs(drive);
  const full = await runWaie(args(dir, drive), { cwd: dir, env: env() });
  assert.equal(full.code, 3, full.stderr + full.stdout);
  assert.match(full.stderr, /error: The target drive is full\./);
  const named = /Writing (\S.*?) failed with ENOSPC/.exec(full.stderr)?.[1];
  assert.ok(named, `the error names the file: ${full.stderr}`);
  const rel = named.replace(/^\\/, '').replace(/\\/g, '/');
  assert.ok([...before].some((p) => p === rel || (p.endsWith('/') && rel.startsWith(p))), `${named} is a file that needed repair`);
  assert.match(full.stderr, /Status code: IOFailed/);
  assertNoStack(full);
  assertNothingElseDamaged(before, await diffs(drive));
  assert.ok(sh('mount', ['-o', 'remount,size=64m', drive]), 'room made');
  await finish(dir, drive, [full]);
});

test('a read-only file and a locked (immutable) file: FileAccessDenied naming each, the rest repaired; unlocked, the next run finishes', { skip: !isRoot && process.platform !== 'linux' ? 'Linux only' : undefined }, async (t) => {
  const { dir, drive } = await caseDir('locked');
  const blockFiles = [...new Set(job.damage.filter((d) => d.kind === 'failed-block' || d.kind === 'failed-page-range').map((d) => d.filePath))];
  assert.ok(blockFiles.length >= 2, 'two files with failed ranges');
  const [readOnly, locked] = blockFiles as [string, string];
  const roPath = localPathOf(drive, readOnly);
  await chmod(roPath, 0o444);
  const useChattr = isRoot && canChattr;
  if (useChattr) execFileSync('chattr', ['+i', localPathOf(drive, locked)]);
  if (isRoot && !canSetpriv) return t.skip('root ignores mode 0444 and setpriv cannot drop CAP_DAC_OVERRIDE here');
  const prefix = isRoot ? ['setpriv', '--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search'] : undefined;
  const before = await diffs(drive);
  const r = await runWaie(args(dir, drive), { cwd: dir, env: env(), prefix });
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const lines = r.stdout.split('\n');
  const lineOf = (fp: string): string | undefined => lines.find((l) => l.includes('FileAccessDenied') && l.includes(fp));
  assert.ok(lineOf(readOnly), `FileAccessDenied names ${readOnly}:\n${r.stdout}`);
  if (useChattr) assert.ok(lineOf(locked), `FileAccessDenied names ${locked}:\n${r.stdout}`);
  assertNoStack(r);
  const now = await diffs(drive);
  assertNothingElseDamaged(before, now);
  const stillBad = [...now].sort();
  const expected = [readOnly, ...(useChattr ? [locked] : [])].map((p) => p.replace(/^\\/, '').replace(/\\/g, '/')).sort();
  assert.deepEqual(stillBad, expected, 'every other file was repaired');
  await chmod(roPath, 0o644);
  if (useChattr) execFileSync('chattr', ['-i', localPathOf(drive, locked)]);
  await finish(dir, drive, [r]);
});

test('a read-only drive is refused before anything is written (exit code 2)', { skip: !isRoot ? 'needs root to mount' : undefined }, async (t) => {
  if (!canMount) return t.skip('mounting is not permitted here');
  const { dir, drive } = await caseDir('rodrive');
  const mnt = join(dir, 'ro-drive');
  await mkdir(mnt);
  assert.ok(sh('mount', ['--bind', drive, mnt]));
  mounts.push(mnt);
  assert.ok(sh('mount', ['-o', 'remount,bind,ro', mnt]));
  const before = await diffs(drive);
  const r = await runWaie(args(dir, mnt), { cwd: dir, env: env() });
  assert.equal(r.code, 2, r.stderr + r.stdout);
  assert.match(r.stderr, /The target directory is not writable/);
  assert.match(r.stderr, /Status code: FileAccessDenied/);
  assert.deepEqual(await diffs(drive), before);
});

test('a folder deleted while its file is being downloaded: IOFailed naming the file; nothing else damaged; the next run puts it back', async () => {
  const { dir, drive } = await caseDir('rmdir');
  const victim = job.damage.find((d) => d.kind === 'failed-block' && d.filePath.split('\\').length > 3);
  assert.ok(victim, 'a damaged file in a sub-folder');
  const blob = job.blobs.find((b) => b.filePath === victim.filePath)!;
  const folder = dirname(localPathOf(drive, victim.filePath));
  const name = encodeURIComponent(blob.blobPath.split('/').pop()!);
  let removed = '';
  const proxy = await startRecordingProxy(az.endpoint, {
    plan: (r) => {
      if (!removed && r.method === 'GET' && r.range && r.url.split('?')[0]!.endsWith(`/${name}`)) {
        removed = folder;
        rmSync(folder, { recursive: true, force: true });
        return { kind: 'delay', ms: 50 };
      }
      return { kind: 'pass' };
    },
  });
  const before = await diffs(drive);
  let r: CliRun;
  try {
    r = await runWaie(args(dir, drive, proxy.endpoint), { cwd: dir, env: env() });
  } finally {
    await proxy.close();
  }
  assert.ok(removed, 'the folder was deleted mid-run');
  assert.equal(r.code, 1, r.stderr + r.stdout);
  assert.match(r.stdout, new RegExp(`IOFailed\\s+\\S+\\s+${victim.filePath.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`), r.stdout);
  assert.match(r.stdout, /deleted \(or its folder was\) while it was being repaired|was deleted or changed \(or its folder was\) while the repair ran/);
  assertNoStack(r);
  // The manifest pass of the same run already downloaded the folder's files again.
  assertNothingElseDamaged(before, await diffs(drive));
  await finish(dir, drive, [r]);
});

test('the drive unmounted mid-run: the run stops ("The target directory is gone"), nothing lands on the empty mount point, and it resumes once mounted again', { skip: !isRoot ? 'needs root to mount' : undefined }, async (t) => {
  if (!canMount) return t.skip('mounting is not permitted here');
  const { dir, drive: source } = await caseDir('unplug');
  const mnt = join(dir, 'mnt');
  await mkdir(mnt);
  assert.ok(sh('mount', ['--bind', source, mnt]));
  mounts.push(mnt);
  let gets = 0;
  const proxy = await startRecordingProxy(az.endpoint, {
    plan: (r) => {
      if (r.method === 'GET' && r.range && ++gets === 3) sh('umount', ['-l', mnt]);
      return r.method === 'GET' && r.range ? { kind: 'delay', ms: 30 } : { kind: 'pass' };
    },
  });
  let r: CliRun;
  try {
    r = await runWaie(args(dir, mnt, proxy.endpoint), { cwd: dir, env: env() });
  } finally {
    await proxy.close();
  }
  assert.equal(r.code, 3, r.stderr + r.stdout);
  assert.match(r.stderr, /error: The target directory is gone\./);
  assert.match(r.stderr, /Status code: IOFailed/);
  assertNoStack(r);
  assert.deepEqual(await readdir(mnt), [], 'nothing was written onto the mount point of the unmounted drive');
  assert.ok(sh('mount', ['--bind', source, mnt]), 'mounted again');
  await finish(dir, mnt, [r]);
});

test('a repaired file deleted before the next run (copy log only, no manifest to notice) is downloaded again, not left as zeros', async () => {
  const { runRepairExport } = await import('../engine/repair-export/run.ts');
  const { dir, drive } = await caseDir('deleted-between');
  const whole = job.damage.find((d) => d.kind === 'missing-file' || d.kind === 'whole-blob-failed');
  const other = job.damage.find((d) => d.kind === 'failed-block' && d.filePath !== whole?.filePath);
  assert.ok(whole && other);
  const otherBlob = job.blobs.find((b) => b.filePath === other.filePath)!;
  const otherName = encodeURIComponent(otherBlob.blobPath.split('/').pop()!);
  // Run 1: one range of another file fails (HTTP 400), so the repair is not finished and runs again.
  const proxy = await startRecordingProxy(az.endpoint, { plan: (r) => (r.method === 'GET' && r.range && r.url.split('?')[0]!.endsWith(`/${otherName}`) ? { kind: 'status', status: 400 } : { kind: 'pass' }) });
  const request = (endpoint: string) => ({ repairFile: join(dir, 'drive.rep'), targetDir: drive, copyLogFile: job.copyLogFile, logDir: join(dir, 'logs'), credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: endpoint } });
  try {
    const r1 = await runRepairExport(request(proxy.endpoint));
    assert.equal(r1.exitCode, 1);
  } finally {
    await proxy.close();
  }
  const wholePath = localPathOf(drive, whole.filePath);
  assert.deepEqual(await readFile(wholePath), await readFile(localPathOf(job.pristineDir, whole.filePath)), 'run 1 downloaded the whole file');
  await rm(wholePath);
  const r2 = await runRepairExport(request(az.endpoint));
  assert.deepEqual(r2.failures, []);
  assert.deepEqual(await readFile(wholePath), await readFile(localPathOf(job.pristineDir, whole.filePath)), 'downloaded again, not recreated from the repair file\'s records as an empty file');
});
