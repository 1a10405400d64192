#!/usr/bin/env node
// Runs every *.test.ts under the source folders with Node's own test runner and tsx.
// Usage: node scripts/run-tests.js [substring-filter ...]
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const roots = ['src-shared', 'src-main', 'e2e'];
const filters = process.argv.slice(2);
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
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
