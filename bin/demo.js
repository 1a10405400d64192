#!/usr/bin/env node
// npm run demo: repairs a sample damaged export drive against an embedded Azurite.
import { register } from 'tsx/esm/api';
register();
const { runDemo } = await import('../src-main/demo/run-demo.ts');
process.exitCode = await runDemo();
