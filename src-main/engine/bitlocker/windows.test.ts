/**
 * The Windows BitLocker adapter with an injected command runner and recorded outputs and exit codes for
 * every outcome (a real Windows run is not possible here). Checks the order of steps, that nothing is tried
 * without administrator rights, that the adapter reads codes and never words (English and Dutch outputs),
 * and where the key goes: only on manage-bde's command line or PowerShell's standard input, never into an
 * error, never into any other command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WaieError, type ErrorInfo } from '../../../src-shared/errors.ts';
import type { CommandOptions, CommandResult, CommandRunner } from '../drives/command-runner.ts';
import { POWERSHELL, POWERSHELL_ARGS } from '../drives/powershell.ts';
import { createBitLockerUnlocker } from './index.ts';
import { cimUnlockScript, createWindowsUnlocker, manageBdeCode, parseDriveLetter } from './windows.ts';
import { CIM_ACCESS_DENIED, MANAGE_BDE, STATUS } from './windows-recorded.ts';

const KEY = '238810-662376-448998-450120-652806-203390-606320-483076';

interface Call {
  cmd: string;
  args: readonly string[];
  input: string;
}

interface Machine {
  admin?: 'True' | 'False' | 'broken';
  netSession?: number;
  status?: string | ((unlocked: boolean) => string) | 'broken';
  manageBde?: CommandResult;
  cim?: CommandResult;
  lock?: CommandResult;
}

const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });

/** A fake Windows: answers each command from `m`, remembers every call. */
function windows(m: Machine): { run: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  let unlocked = false;
  const run: CommandRunner = async (cmd, args, options: CommandOptions = {}) => {
    const input = options.input ?? '';
    calls.push({ cmd, args, input });
    if (cmd === POWERSHELL) {
      if (input.includes('IsInRole')) return m.admin === 'broken' ? { code: 1, stdout: '', stderr: 'boom' } : ok(m.admin ?? 'True');
      if (input.includes('GetKeyProtectors')) {
        if (m.status === 'broken') return { code: 1, stdout: '', stderr: CIM_ACCESS_DENIED };
        const s = typeof m.status === 'function' ? m.status(unlocked) : (m.status ?? (unlocked ? STATUS.unlocked : STATUS.locked));
        return ok(s);
      }
      if (input.includes('UnlockWithNumericalPassword')) {
        const r = m.cim ?? ok('RESULT=0');
        if (r.code === 0 && r.stdout === 'RESULT=0') unlocked = true;
        return r;
      }
      if (input.includes("'Lock'")) return m.lock ?? ok('RESULT=0');
      return { code: 1, stdout: '', stderr: 'unexpected script' };
    }
    if (cmd === 'manage-bde') {
      const r = m.manageBde ?? MANAGE_BDE.okEn;
      if (r.code === 0) unlocked = true;
      return r;
    }
    if (cmd === 'net') return { code: m.netSession ?? 2, stdout: '', stderr: '' };
    return { code: 127, stdout: '', stderr: `${cmd} could not be started: ENOENT` };
  };
  return { run, calls };
}

async function failure(p: Promise<unknown>): Promise<ErrorInfo> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof WaieError, String(err));
    return err.info;
  }
  assert.fail('expected a failure');
}

function assertNoKey(value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const form of [KEY, KEY.replace(/-/g, ''), KEY.replace(/-/g, ' '), '662376-448998']) assert.ok(!text.includes(form), `no key in ${text}`);
}

/** The key appears only on manage-bde's command line or a PowerShell script on stdin, nowhere else. */
function assertKeyOnlyWhereAllowed(calls: readonly Call[]): void {
  for (const c of calls) {
    if (c.cmd === 'manage-bde') continue;
    assertNoKey(c.args);
    if (c.cmd === POWERSHELL) {
      assert.deepEqual(c.args, POWERSHELL_ARGS, 'PowerShell always reads its script from stdin');
      if (!c.input.includes('UnlockWithNumericalPassword')) assertNoKey(c.input);
    } else assertNoKey(c.input);
  }
}

const kinds = (calls: readonly Call[]): string[] =>
  calls.map((c) =>
    c.cmd === POWERSHELL
      ? c.input.includes('IsInRole')
        ? 'admin?'
        : c.input.includes('GetKeyProtectors')
          ? 'status'
          : c.input.includes('UnlockWithNumericalPassword')
            ? 'cim-unlock'
            : 'cim-lock'
      : c.cmd,
  );

test('unlock with manage-bde: admin check, state, unlock, check again; the key only on manage-bde (recorded Windows outputs)', async () => {
  for (const out of [MANAGE_BDE.okEn, MANAGE_BDE.okNl]) {
    const w = windows({ manageBde: out });
    const v = await createWindowsUnlocker({ run: w.run }).unlock({ key: KEY.replace(/-/g, ' '), driveLetter: 'g:\\' });
    assert.deepEqual(kinds(w.calls), ['admin?', 'status', 'manage-bde', 'status']);
    assert.deepEqual(w.calls[2]!.args, ['-unlock', 'G:', '-RecoveryPassword', KEY], 'normalised key, drive letter with colon');
    assert.equal(v.root, 'G:\\');
    assert.equal(v.device, 'G');
    assert.equal(v.alreadyUnlocked, false);
    assert.equal(v.fileSystem, 'NTFS');
    assert.equal(v.lockCommand, 'waie Lock /driveLetter:G');
    assertKeyOnlyWhereAllowed(w.calls);
    assertNoKey(v);
    await v.lock();
    assert.equal(kinds(w.calls).at(-1), 'cim-lock');
  }
});

test('a wrong key is read from the code, not the words: English and Dutch manage-bde outputs (recorded Windows outputs)', async () => {
  for (const out of [MANAGE_BDE.wrongKeyEn, MANAGE_BDE.wrongKeyNl]) {
    const w = windows({ manageBde: out });
    const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
    assert.equal(info.code, 'BITLOCKER_KEY_INVALID');
    assert.equal(info.statusCode, 'BitLockerKeyInvalid');
    assert.match(info.detail, /0x80310027/);
    assert.match(info.detail, /Azure portal/);
    assertNoKey(info);
    assert.ok(!kinds(w.calls).includes('cim-unlock'), 'a coded failure is final: no fallback');
  }
});

test('every manage-bde code maps to its status code, in English and Dutch (recorded Windows outputs)', async () => {
  const table: [string, string, string | undefined][] = [
    ['0x80310027', 'BITLOCKER_KEY_INVALID', 'BitLockerKeyInvalid'],
    ['0x80310035', 'BITLOCKER_KEY_INVALID', 'BitLockerKeyInvalid'],
    ['0x80310033', 'BITLOCKER_PROTECTOR_NOT_FOUND', 'BitLockerProtectorNotFound'],
    ['0x80310008', 'BITLOCKER_NOT_ACTIVATED', 'BitLockerNotActivated'],
    ['0x80310001', 'BITLOCKER_NOT_ACTIVATED', 'BitLockerNotActivated'],
    ['0x80070005', 'NEEDS_ADMIN', undefined],
    ['0x8031004A', 'BITLOCKER_UNLOCK_FAILED', 'BitLockerUnlockVolumeFailed'],
    ['0x80004005', 'BITLOCKER_FAILED', 'BitLockerFailed'],
  ];
  for (const [hex, code, statusCode] of table) {
    for (const out of [MANAGE_BDE.codeEn(hex), MANAGE_BDE.codeNl(hex)]) {
      const w = windows({ manageBde: out });
      const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
      assert.equal(info.code, code, hex);
      assert.equal(info.statusCode, statusCode, hex);
      assertNoKey(info);
    }
  }
  for (const out of [MANAGE_BDE.accessDeniedEn, MANAGE_BDE.accessDeniedNl]) {
    const info = await failure(createWindowsUnlocker({ run: windows({ manageBde: out }).run }).unlock({ key: KEY, driveLetter: 'G' }));
    assert.equal(info.code, 'NEEDS_ADMIN');
  }
  assert.equal(manageBdeCode(MANAGE_BDE.wrongKeyNl), '0x80310027');
  assert.equal(manageBdeCode(MANAGE_BDE.noCodeNl), undefined);
});

test('the drive state is read first: no drive, not encrypted, no recovery password, already unlocked (recorded Windows outputs)', async () => {
  const cases: [string, string][] = [
    [STATUS.noVolume, 'DRIVE_NOT_FOUND'],
    [STATUS.notEncryptable, 'BITLOCKER_NOT_ACTIVATED'],
    [STATUS.decrypted, 'BITLOCKER_NOT_ACTIVATED'],
    [STATUS.noNumericalPassword, 'BITLOCKER_PROTECTOR_NOT_FOUND'],
  ];
  for (const [status, code] of cases) {
    const w = windows({ status });
    const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
    assert.equal(info.code, code, status);
    assert.ok(!kinds(w.calls).includes('manage-bde'), 'manage-bde is not tried');
  }
  const w = windows({ status: STATUS.unlocked });
  const v = await createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' });
  assert.equal(v.alreadyUnlocked, true);
  assert.equal(v.root, 'G:\\');
  assert.deepEqual(kinds(w.calls), ['admin?', 'status']);
  await v.lock();
  assert.deepEqual(kinds(w.calls), ['admin?', 'status'], 'an already unlocked drive is not locked by us');
});

test('"needs administrator" is said before anything is tried (recorded Windows outputs)', async () => {
  const w = windows({ admin: 'False' });
  const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
  assert.equal(info.code, 'NEEDS_ADMIN');
  assert.match(info.detail, /Run as administrator/);
  assert.deepEqual(kinds(w.calls), ['admin?']);
  const viaNet = windows({ admin: 'broken', netSession: 2 });
  assert.equal((await failure(createWindowsUnlocker({ run: viaNet.run }).unlock({ key: KEY, driveLetter: 'G' }))).code, 'NEEDS_ADMIN');
  assert.deepEqual(kinds(viaNet.calls), ['admin?', 'net']);
  assert.deepEqual(viaNet.calls[1]!.args, ['session']);
  const netOk = windows({ admin: 'broken', netSession: 0 });
  assert.equal((await createWindowsUnlocker({ run: netOk.run }).unlock({ key: KEY, driveLetter: 'G' })).root, 'G:\\');
  const lockInfo = await failure(createWindowsUnlocker({ run: windows({ admin: 'False' }).run }).lock({ driveLetter: 'G' }));
  assert.equal(lockInfo.code, 'NEEDS_ADMIN');
});

test('manage-bde missing or failing without a code: UnlockWithNumericalPassword with the key on stdin (recorded Windows outputs)', async () => {
  for (const manageBde of [{ code: 127, stdout: '', stderr: 'manage-bde could not be started: ENOENT' }, MANAGE_BDE.noCodeNl]) {
    const w = windows({ manageBde });
    const v = await createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' });
    assert.equal(v.root, 'G:\\');
    assert.deepEqual(kinds(w.calls), ['admin?', 'status', 'manage-bde', 'cim-unlock', 'status']);
    const cim = w.calls[3]!;
    assert.deepEqual(cim.args, ['-NoProfile', '-NonInteractive', '-Command', '-']);
    assert.ok(cim.input.includes(`NumericalPassword = '${KEY}'`), 'the key travels on stdin');
    assert.ok(!cim.input.trimEnd().includes('\n'), 'one line: -Command - runs its input line by line');
    assertKeyOnlyWhereAllowed(w.calls);
  }
  const results: [CommandResult, string][] = [
    [ok('RESULT=2150694951'), 'BITLOCKER_KEY_INVALID'],
    [ok('RESULT=2150694963'), 'BITLOCKER_PROTECTOR_NOT_FOUND'],
    [ok('RESULT=2150694920'), 'BITLOCKER_NOT_ACTIVATED'],
    [ok('NOVOLUME'), 'BITLOCKER_NOT_ACTIVATED'],
    [{ code: 1, stdout: '', stderr: CIM_ACCESS_DENIED }, 'NEEDS_ADMIN'],
    [{ code: 1, stdout: '', stderr: `Invoke-CimMethod : Invalid parameter ${KEY}` }, 'BITLOCKER_FAILED'],
  ];
  for (const [cim, code] of results) {
    const w = windows({ manageBde: MANAGE_BDE.noCodeNl, cim });
    const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
    assert.equal(info.code, code, cim.stdout || cim.stderr);
    assertNoKey(info);
  }
  assert.throws(() => cimUnlockScript('G', "1' ; Remove-Item C:\\ ; '"), /normalised key/);
});

test('a drive still locked after a reported success is an unlock failure (recorded Windows outputs)', async () => {
  const w = windows({ status: () => STATUS.locked });
  const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
  assert.equal(info.statusCode, 'BitLockerUnlockVolumeFailed');
});

test('the state query may fail (no CIM access): manage-bde still decides (recorded Windows outputs)', async () => {
  const w = windows({ status: 'broken', manageBde: MANAGE_BDE.wrongKeyNl });
  const info = await failure(createWindowsUnlocker({ run: w.run }).unlock({ key: KEY, driveLetter: 'G' }));
  assert.equal(info.code, 'BITLOCKER_KEY_INVALID');
});

test('lock: CIM Lock by drive letter, failures explained (recorded Windows outputs)', async () => {
  const w = windows({});
  await createWindowsUnlocker({ run: w.run }).lock({ driveLetter: 'g:' });
  assert.deepEqual(kinds(w.calls), ['admin?', 'cim-lock']);
  assert.ok(w.calls[1]!.input.includes("DriveLetter = 'G:'"));
  const busy = await failure(createWindowsUnlocker({ run: windows({ lock: ok('RESULT=2150694913') }).run }).lock({ driveLetter: 'G' }));
  assert.equal(busy.code, 'LOCK_FAILED');
  assert.match(busy.detail, /0x80310001/);
  assert.equal((await failure(createWindowsUnlocker({ run: windows({ lock: ok('NOVOLUME') }).run }).lock({ driveLetter: 'G' }))).code, 'DRIVE_NOT_FOUND');
  assert.equal((await failure(createWindowsUnlocker({ run: windows({}).run }).lock({ mountPoint: '/mnt/x' }))).code, 'BAD_INPUT');
});

test('bad input is refused before any command runs (recorded Windows outputs)', async () => {
  const w = windows({});
  const u = createWindowsUnlocker({ run: w.run });
  const malformed = await failure(u.unlock({ key: KEY.replace('483076', '483077'), driveLetter: 'G' }));
  assert.equal(malformed.code, 'RECOVERY_KEY_FORMAT');
  assert.equal(malformed.statusCode, 'BitLockerKeyInvalid');
  assert.match(malformed.detail, /Group 8/);
  assertNoKey(malformed);
  assert.equal((await failure(u.unlock({ key: KEY, driveLetter: 'GH' }))).code, 'BAD_INPUT');
  assert.equal((await failure(u.unlock({ key: KEY, device: '/dev/sdb1' }))).code, 'BAD_INPUT');
  assert.equal(w.calls.length, 0);
  for (const [input, letter] of [['g', 'G'], ['G:', 'G'], ['g:\\', 'G'], [' e:/ ', 'E']] as const) assert.equal(parseDriveLetter(input), letter);
  for (const bad of ['', 'GG', '1:', 'G:\\x', undefined]) assert.throws(() => parseDriveLetter(bad), WaieError);
});

test('macOS and other platforms: a clear "not supported yet", after the key format is checked', async () => {
  const u = createBitLockerUnlocker({ platform: 'darwin', run: windows({}).run });
  const info = await failure(u.unlock({ key: KEY, device: '/dev/disk2s1' }));
  assert.equal(info.code, 'NOT_SUPPORTED');
  assert.match(info.title, /macOS is not supported yet/);
  assert.equal((await failure(u.unlock({ key: '123', device: '/dev/disk2s1' }))).code, 'RECOVERY_KEY_FORMAT');
  assert.equal((await failure(u.lock({ mountPoint: '/Volumes/x' }))).code, 'NOT_SUPPORTED');
  assert.equal(createBitLockerUnlocker({ platform: 'win32' }).platform, 'win32');
  assert.equal(createBitLockerUnlocker({ platform: 'linux' }).platform, 'linux');
});
