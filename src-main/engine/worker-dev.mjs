// Worker entry for running from source: Node 20 does not apply `--import tsx` to worker threads,
// so this registers tsx inside the worker and loads the TypeScript engine. Packaged builds start
// the compiled worker.js instead.
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'waie-engine-worker' });
await api.import('./worker.ts', import.meta.url);
