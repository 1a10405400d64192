/**
 * The key never reaches an error message: every BitLocker error goes through src-shared/redact.ts with
 * every form of the key, even when a tool's output quoted into it contains the key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WaieError } from '../../../src-shared/errors.ts';
import { redact } from '../../../src-shared/redact.ts';
import { bitLockerError, classifyWindowsCode, hexCode, keyForms, requireRecoveryKey } from './errors.ts';

const KEY = '238810-662376-448998-450120-652806-203390-606320-483076';
const FORMS = [KEY, KEY.replace(/-/g, ''), KEY.replace(/-/g, ' ')];

test('bitLockerError redacts the key in every form from title and detail', () => {
  for (const quoted of FORMS) {
    const err = bitLockerError({ code: 'X', statusCode: 'BitLockerFailed', title: `tool said ${quoted}`, explanation: `output: ${quoted} and ${KEY.replace(/-/g, '')}`, nextStep: 'next' }, keyForms(` ${KEY.replace(/-/g, ' ')} `));
    const text = JSON.stringify(err.info) + err.message;
    for (const f of FORMS) assert.ok(!text.includes(f), `${f} absent from ${text}`);
    assert.match(err.info.detail, /\*\*\*/);
    assert.equal(err.info.statusCode, 'BitLockerFailed');
  }
  // Even without being told the key, redact.ts removes anything shaped like a recovery password.
  assert.equal(redact(`key ${KEY} end`), 'key *** end');
});

test('requireRecoveryKey normalises, or names the problem without the key (statusCode BitLockerKeyInvalid)', () => {
  assert.equal(requireRecoveryKey(KEY.replace(/-/g, ' ')), KEY);
  const bad = KEY.replace('450120', '450121');
  try {
    requireRecoveryKey(bad);
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof WaieError);
    assert.equal(err.info.code, 'RECOVERY_KEY_FORMAT');
    assert.equal(err.info.statusCode, 'BitLockerKeyInvalid');
    assert.match(err.info.detail, /Group 4 is not a valid group/);
    for (const g of bad.split('-')) assert.ok(!JSON.stringify(err.info).includes(g));
  }
  assert.throws(() => requireRecoveryKey(undefined), (e: WaieError) => e.info.code === 'RECOVERY_KEY_FORMAT' && /No recovery key given/.test(e.info.detail));
});

test('Windows codes: hex form and meaning', () => {
  assert.equal(hexCode(2150694951), '0x80310027');
  assert.equal(hexCode(-2144272345), '0x80310027');
  assert.equal(classifyWindowsCode('0x80310027'), 'keyInvalid');
  assert.equal(classifyWindowsCode('0X80310035'), 'keyFormat');
  assert.equal(classifyWindowsCode('0x80310033'), 'protectorNotFound');
  assert.equal(classifyWindowsCode('0x80310008'), 'notActivated');
  assert.equal(classifyWindowsCode('0x80070005'), 'accessDenied');
  assert.equal(classifyWindowsCode('0x803100AA'), 'unlockFailed');
  assert.equal(classifyWindowsCode('0x80004005'), 'failed');
});
