#!/usr/bin/env node
// Bundles the Electron main process, its preload, the engine worker and its hashing threads' script into dist/electron with
// esbuild. npm packages stay external (electron-builder ships node_modules); the preload is bundled
// whole as CommonJS, as a sandboxed preload must be.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['src-main/app/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' });
await build({ ...common, entryPoints: ['src-main/engine/worker.ts'], outfile: 'dist/electron/worker.js', format: 'esm', packages: 'external' });
// The hashing pool's thread script (src-main/engine/verify/hash-pool.ts loads it from beside the bundle).
await build({ ...common, entryPoints: ['src-main/engine/verify/hash-worker.mjs'], outfile: 'dist/electron/hash-worker.mjs', format: 'esm', packages: 'external' });
await build({ ...common, entryPoints: ['src-main/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] });
console.log('built dist/electron/{main.js,worker.js,hash-worker.mjs,preload.cjs}');
