import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from './settings.ts';

test('settings are replaced whole (a language can be cleared), validated, and never hold a secret-like value', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'waie-settings-'));
  const s = new SettingsStore(join(dir, 'settings.json'));
  assert.deepEqual(await s.get(), {});
  assert.deepEqual(await s.set({ language: 'nl', rememberAccount: true, accountName: 'bobmedia' }), { language: 'nl', rememberAccount: true, accountName: 'bobmedia' });
  assert.deepEqual(await s.set({ rememberAccount: true, accountName: 'bobmedia' }), { rememberAccount: true, accountName: 'bobmedia' });
  assert.deepEqual(await s.set({ rememberAccount: false, accountName: 'bobmedia' }), {});
  await writeFile(join(dir, 'settings.json'), '{"language":"fr","accountName":"Not Valid!","extra":"x"}');
  assert.deepEqual(await s.get(), {});
  await writeFile(join(dir, 'settings.json'), 'not json');
  assert.deepEqual(await s.get(), {});
  await s.set({ language: 'en' });
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')), { language: 'en' });
  await rm(dir, { recursive: true });
});
