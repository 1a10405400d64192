#!/usr/bin/env node
// Runs every *.test.ts under the source folders with Node's own test runner and tsx.
// Usage: node scripts/run-tests.js [--full] [substring-filter ...]
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const roots = ['src-shared', 'src-main', 'e2e'];
const args = process.argv.slice(2);
// --full: the long form of the reliability suite (20 kill -9 moments, every fault); npm test runs the short form.
const full = args.includes('--full');
const filters = args.filter((a) => a !== '--full');
const files = roots
  .flatMap((root) => {
    try { return readdirSync(root, { recursive: true }).map((f) => join(root, String(f))); } catch { return []; }
  })
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const env = full ? { ...process.env, WAIE_RELIABILITY: 'full' } : process.env;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
