import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PauseGate } from './pause.ts';

test('wait passes when running, blocks while paused, resumes, and rejects on abort', async () => {
  const g = new PauseGate();
  await g.wait();
  g.pause();
  let passed = false;
  const p = g.wait().then(() => (passed = true));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(passed, false);
  g.resume();
  await p;
  assert.equal(passed, true);
  g.pause();
  const ac = new AbortController();
  const q = g.wait(ac.signal);
  ac.abort(new Error('cancelled'));
  await assert.rejects(q, /cancelled/);
});
