import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskPool } from './task-pool.ts';

test('runs at most `concurrency` at once and never queues more than maxQueued', async () => {
  const pool = new TaskPool(2, 3);
  let running = 0;
  let maxRunning = 0;
  let accepted = 0;
  let maxOutstanding = 0;
  let finished = 0;
  for (let i = 0; i < 20; i++) {
    await pool.add(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      finished++;
    });
    accepted++;
    maxOutstanding = Math.max(maxOutstanding, accepted - finished);
  }
  await pool.drain();
  assert.equal(finished, 20);
  assert.equal(maxRunning, 2);
  assert.ok(maxOutstanding <= 3, `outstanding ${maxOutstanding}`);
});

test('drain rethrows the first task error', async () => {
  const pool = new TaskPool(2);
  await pool.add(async () => {
    throw new Error('boom');
  });
  await pool.add(async () => undefined);
  await assert.rejects(pool.drain(), /boom/);
});
