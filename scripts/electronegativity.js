#!/usr/bin/env node
// Runs Electronegativity (@doyensec/electronegativity, a dev dependency) over the Electron main process
// (src-main/app, tests excluded), the preload (src-main/preload) and the renderer page with its CSP
// (src-renderer/index.html), and fails when any finding is above LOW.
//
// Usage: node scripts/electronegativity.js [--input <dir>] [--json]
//   --input  scan this directory instead of the app's files (used by the test to prove the scan bites)
//   --json   print the findings as JSON on stdout
// Exit codes: 0 no finding above LOW; 1 findings above LOW (listed); 2 the scan itself failed.
//
// Offline: Electronegativity fetches translations and Electron's release list over the network; here
// its HTTP client (got) is replaced by one that fails at once, the release check
// (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, "is a newer Electron out?") is left out, and the Electron
// version is read from node_modules/electron instead of being guessed.
import Module, { createRequire } from 'node:module';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = createRequire(import.meta.url);
const args = process.argv.slice(2);
const inputArg = args.includes('--input') ? args[args.indexOf('--input') + 1] : undefined;
const asJson = args.includes('--json');

// No network: every request of got fails immediately.
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: no network access from the security scan'));
    return Object.assign(offline, { default: offline, get: offline });
  }
  return originalLoad.call(this, request, parent, isMain);
};

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    const spec = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies?.electron ?? '';
    return spec.replace(/^[^0-9]*/, '') || undefined;
  }
}

/** Copies what the desktop app ships from source into a fresh folder (tests left out). */
function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'waie-electronegativity-'));
  for (const folder of ['src-main/app', 'src-main/preload']) {
    const to = join(dir, folder);
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(join(root, folder))) {
      if (/\.ts$/.test(f) && !/\.test\.ts$/.test(f)) cpSync(join(root, folder, f), join(to, f));
    }
  }
  mkdirSync(join(dir, 'src-renderer'), { recursive: true });
  cpSync(join(root, 'src-renderer', 'index.html'), join(dir, 'src-renderer', 'index.html'));
  return dir;
}

async function main() {
  const input = inputArg ? resolve(inputArg) : stage();
  try {
    const run = load('@doyensec/electronegativity');
    const silent = console.log;
    console.log = () => undefined; // the offline translation fetch says so on stdout
    let result;
    try {
      result = await run({
        input,
        customScan: [],
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        electronVersionOverride: electronVersion(),
        isRelative: true,
        parserPlugins: [],
      });
    } finally {
      console.log = silent;
    }
    const findings = result.issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, line: i.location?.line, column: i.location?.column, description: i.description }));
    const above = findings.filter((f) => !['LOW', 'INFORMATIONAL'].includes(f.severity));
    if (asJson) process.stdout.write(JSON.stringify({ input: inputArg ? input : 'src-main/app, src-main/preload, src-renderer/index.html', checks: result.atomicChecks + result.globalChecks, errors: result.errors.length, findings }, null, 2) + '\n');
    else {
      for (const f of findings) process.stdout.write(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id} ${f.file}:${f.line}:${f.column} ${f.description}\n`);
      process.stdout.write(`Electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks, ${findings.length} finding(s), ${above.length} above LOW.\n`);
    }
    if (result.errors.length) {
      process.stderr.write(`Electronegativity could not parse: ${result.errors.map((e) => `${e.file}: ${e.message ?? e.error ?? e}`).join('; ')}\n`);
      return 2;
    }
    return above.length ? 1 : 0;
  } catch (err) {
    process.stderr.write(`Electronegativity failed: ${err && err.stack ? err.stack : err}\n`);
    return 2;
  } finally {
    if (!inputArg) rmSync(input, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
