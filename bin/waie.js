#!/usr/bin/env node
// waie command line: loads the TypeScript sources through tsx (no build step needed after `npm ci`).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
