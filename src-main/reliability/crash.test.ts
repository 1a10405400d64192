/**
 * Reliability, point 2: `kill -9` of the `waie RepairExport` command at chosen moments of a repair, each
 * on a fresh copy of the damaged sample drive, then the same command again: the drive must end
 * byte-identical to the pristine one, and the second run must redo no more than what was in flight.
 *
 * Moments are chosen by state, not by time (cli.test.ts kills after fixed delays), through the
 * recording proxy's hooks and the repair file:
 * - `download`: while the k-th range's body is half sent;
 * - `write`: the instant the k-th range's body has been sent completely (the engine is writing it);
 * - `journal`: as soon as the repair file holds k `done` records (a record was just appended);
 * - `verify`: at the k-th request after the copy-log pass recorded its end (the manifest pass is
 *   verifying files and repairing what only the manifest reveals).
 * Short form: one moment of each kind; long form (WAIE_RELIABILITY=full): five of each, 20 in all.
 *
 * "Redoes no more than what was in flight", measured at the byte level: every ranged GET of the second
 * run is compared with the repair file the killed run left: no range it records as done is downloaded
 * again, and the bytes downloaded by both runs together are at most those of an uninterrupted repair plus
 * the bytes that were in flight when the process died (requested, not yet recorded), which are at most
 * (concurrency + 1) × 4 MiB.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AzuriteInstance } from '../testing/azurite.ts';
import { buildSampleExportJob, compareDirs, type SampleJob } from '../demo/sample-job.ts';
import { FULL, assertNoSecrets, readRepairFile, runWaie, startRecordingProxy, startSuiteAzurite, type ProxyRequest, type RecordingProxy } from './harness.ts';

const CONCURRENCY = 2;
const PART = 4 * 1024 * 1024;
const IN_FLIGHT_BOUND = (CONCURRENCY + 1) * PART;

let az: AzuriteInstance;
let tmp: string;
let job: SampleJob;
let proxy: RecordingProxy;
/** Baseline: an uninterrupted repair through the proxy. */
let clean: { rangeBytes: number; rangedGets: number; afterPhase: number };

type Kind = 'download' | 'write' | 'journal' | 'verify';

/** Hooks the current trial sets; the proxy calls them. */
let onRequest: ((r: ProxyRequest) => void) | undefined;
let onBody: ((r: ProxyRequest) => void) | undefined;
let onEnd: ((r: ProxyRequest) => void) | undefined;

before(async () => {
  az = await startSuiteAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-rel-crash-')));
  job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(tmp, 'job'), profile: 'alternate' });
  proxy = await startRecordingProxy(az.endpoint, {
    plan: (r) => {
      onRequest?.(r);
      // Slow the ranges down a little so that a run lasts long enough to be killed at every kind of moment.
      return r.method === 'GET' && r.range ? { kind: 'delay', ms: 15 } : { kind: 'pass' };
    },
    onBody: (r) => onBody?.(r),
    onEnd: (r) => onEnd?.(r),
  });
  const dir = await trialDir('clean');
  const from = proxy.requests.length;
  let phaseAt = -1;
  onRequest = (r) => {
    if (phaseAt < 0 && hasPhaseRecord(join(dir, 'drive.rep'))) phaseAt = r.n;
  };
  const r = await runWaie(args(dir), { cwd: dir, env: { WAIE_STORAGE_ACCOUNT_KEY: az.accountKey } });
  onRequest = undefined;
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.deepEqual(await compareDirs(join(dir, 'drive'), job.pristineDir), []);
  const reqs = proxy.requests.slice(from);
  const ranged = reqs.filter((q) => q.method === 'GET' && q.range);
  clean = { rangeBytes: ranged.reduce((a, q) => a + q.bytesOut, 0), rangedGets: ranged.length, afterPhase: phaseAt < 0 ? 0 : proxy.requests.length - phaseAt };
  assert.ok(clean.rangedGets >= 10 && clean.afterPhase >= 3, `a repair long enough to be killed at every kind of moment: ${JSON.stringify(clean)}`);
});

after(async () => {
  await proxy?.close();
  await az?.stop();
  await rm(tmp, { recursive: true, force: true });
});

/** The repair file's text now ('' before it exists); read synchronously from inside proxy hooks. */
function repairText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function hasPhaseRecord(rep: string): boolean {
  return repairText(rep).includes('"t":"phase"');
}

let trials = 0;
/** A fresh copy of the damaged drive (and the manifest on it) for one trial. */
async function trialDir(name: string): Promise<string> {
  const dir = join(tmp, `${name}-${trials++}`);
  await mkdir(dir, { recursive: true });
  await cp(job.driveDir, join(dir, 'drive'), { recursive: true });
  return dir;
}

function args(dir: string): string[] {
  return ['RepairExport', `/r:${join(dir, 'drive.rep')}`, `/d:${join(dir, 'drive')}`, `/sn:${az.accountName}`, `/CopyLogFile:${job.copyLogFile}`, `/ManifestFile:${job.manifestFile}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${proxy.endpoint}`, `/concurrency:${CONCURRENCY}`];
}

/** Blob identity (`container/blob|snapshot`) of a request path, e.g. `/acct/container/dir/a%20b?snapshot=…`. */
function blobOfRequest(url: string): string {
  const u = new URL(url, 'http://x');
  const parts = u.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  return `${parts.join('/')}|${u.searchParams.get('snapshot') ?? ''}`;
}

/** Byte ranges each blob has recorded as done in a repair file: `r|file|offset|length` and `w|file|offset` keys. */
async function doneRanges(rep: string): Promise<Map<string, Array<[number, number]>>> {
  const byFile = new Map(job.blobs.map((b) => [b.filePath, b]));
  const out = new Map<string, Array<[number, number]>>();
  if (!existsSync(rep)) return out;
  for (const rec of await readRepairFile(rep)) {
    if (rec.t !== 'done' || typeof rec.c !== 'string') continue;
    const [kind, filePath, off, len] = rec.c.split('|');
    const b = byFile.get(filePath ?? '');
    if (!b || (kind !== 'r' && kind !== 'w')) continue;
    const start = Number(off);
    const end = kind === 'r' ? start + Number(len) : Math.min(b.length, start + PART);
    const key = `${b.blobPath}|${b.snapshot ?? ''}`;
    out.set(key, [...(out.get(key) ?? []), [start, end]]);
  }
  return out;
}

function covered(done: Map<string, Array<[number, number]>>, r: ProxyRequest): boolean {
  return (done.get(blobOfRequest(r.url)) ?? []).some(([s, e]) => r.range!.start >= s && r.range!.end < e);
}

const moments: Array<{ kind: Kind; k: number }> = [];
for (const kind of ['download', 'write', 'journal', 'verify'] as const) {
  for (const f of FULL ? [0.1, 0.3, 0.5, 0.7, 0.9] : [0.4]) moments.push({ kind, k: f });
}

for (const { kind, k } of moments) {
  test(`kill -9 ${kind === 'verify' ? 'during verification' : kind === 'journal' ? 'right after a repair-file update' : kind === 'write' ? 'while a downloaded range is being written' : 'in the middle of a download'} (${Math.round(k * 100)} % in), then resume: byte-identical, nothing finished is downloaded again`, async (t) => {
    const dir = await trialDir(kind);
    const rep = join(dir, 'drive.rep');
    let child: ChildProcess | undefined;
    let killedAt = '';
    const kill = (why: string): void => {
      if (killedAt || !child) return;
      killedAt = why;
      child.kill('SIGKILL');
    };
    const from = proxy.requests.length;
    const nth = Math.max(1, Math.round(clean.rangedGets * k));
    let ranged = 0;
    let afterPhase = -1;
    let poll: NodeJS.Timeout | undefined;
    if (kind === 'download') {
      // Count each range once: the first time its body is half sent.
      const half = new Set<number>();
      onBody = (r) => {
        if (r.n < from || r.method !== 'GET' || !r.range || half.has(r.n) || r.bytesOut < (r.range.end - r.range.start + 1) / 2) return;
        half.add(r.n);
        if (half.size === nth) kill(`half of range ${r.range.start}-${r.range.end} of ${blobOfRequest(r.url)} sent`);
      };
    } else if (kind === 'write') {
      onEnd = (r) => {
        if (r.n >= from && r.method === 'GET' && r.range && ++ranged === nth) kill(`range ${r.range.start}-${r.range.end} of ${blobOfRequest(r.url)} fully sent`);
      };
    } else if (kind === 'journal') {
      const records = Math.max(1, Math.round(clean.rangedGets * k * 0.8));
      poll = setInterval(() => {
        const text = repairText(rep);
        const count = text.split('\n').filter((l) => l.startsWith('{"t":"done"')).length;
        if (count >= records) kill(`${count} done records in the repair file`);
      }, 1);
    } else {
      const target = Math.max(1, Math.round(clean.afterPhase * k));
      onRequest = (r) => {
        if (afterPhase < 0 && hasPhaseRecord(rep)) afterPhase = 0;
        if (afterPhase >= 0 && ++afterPhase === target) kill(`request ${target} of the manifest pass (${r.method})`);
      };
    }
    const env = { WAIE_STORAGE_ACCOUNT_KEY: az.accountKey };
    const killed = await runWaie(args(dir), { cwd: dir, env, onSpawn: (c) => (child = c) });
    clearInterval(poll);
    onRequest = onBody = onEnd = undefined;
    assert.equal(killed.signal, 'SIGKILL', `the run was killed at the chosen moment (${kind} ${k}); it ended with code ${killed.code}: ${killed.stderr.slice(-500)}`);
    const firstRun = proxy.requests.slice(from).filter((q) => q.method === 'GET' && q.range);
    const done = await doneRanges(rep);
    const inFlight = firstRun.filter((q) => !covered(done, q)).reduce((a, q) => a + q.range!.end - q.range!.start + 1, 0);
    assert.ok(inFlight <= IN_FLIGHT_BOUND, `in flight at the kill: ${inFlight} bytes (bound ${IN_FLIGHT_BOUND})`);

    const mid = proxy.requests.length;
    const resumed = await runWaie(args(dir), { cwd: dir, env });
    assert.equal(resumed.code, 0, `${killedAt}: ${resumed.stderr}${resumed.stdout}`);
    assert.deepEqual(await compareDirs(join(dir, 'drive'), job.pristineDir), [], `byte-identical after a kill ${killedAt}`);
    const second = proxy.requests.slice(mid).filter((q) => q.method === 'GET' && q.range);
    const redone = second.filter((q) => covered(done, q));
    assert.deepEqual(redone.map((q) => `${blobOfRequest(q.url)} ${q.range!.start}-${q.range!.end}`), [], `no range recorded as done is downloaded again (kill ${killedAt})`);
    const total = [...firstRun, ...second].reduce((a, q) => a + q.bytesOut, 0);
    assert.ok(total <= clean.rangeBytes + inFlight, `downloaded ${total} bytes in both runs; an uninterrupted repair needs ${clean.rangeBytes}, ${inFlight} were in flight (kill ${killedAt})`);
    if (done.size > 0) assert.match(resumed.stdout, /Already done by an earlier run: [1-9]/);
    t.diagnostic(`killed ${killedAt}; ${[...done.values()].flat().length} ranges recorded; ${inFlight} bytes in flight; ${total} bytes downloaded in both runs, ${clean.rangeBytes} uninterrupted`);
    await assertNoSecrets([az.accountKey], { dirs: [dir], skip: [join(dir, 'drive')], texts: [['killed run', killed.stdout + killed.stderr], ['resumed run', resumed.stdout + resumed.stderr]] });
  });
}

test('a finished repair run again downloads nothing', async () => {
  const dir = (await readdir(tmp)).find((d) => d.startsWith('clean-'));
  assert.ok(dir);
  const from = proxy.requests.length;
  const again = await runWaie(args(join(tmp, dir)), { cwd: join(tmp, dir), env: { WAIE_STORAGE_ACCOUNT_KEY: az.accountKey } });
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already finished: nothing was downloaded/);
  assert.equal(proxy.requests.slice(from).filter((q) => q.method === 'GET').length, 0);
});
