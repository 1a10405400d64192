/**
 * The engine's worker-thread entry (design card: the engine runs in a `worker_threads` worker and
 * never imports electron). Accepts {@link EngineCommand}s, posts {@link EngineEvent}s: progress at
 * most 10 a second, terminal events (`done`, `failed`, `cancelled`) at once. Errors cross as data,
 * with secrets redacted.
 */
import { parentPort } from 'node:worker_threads';
import type { EngineCommand, EngineEvent } from '../../src-shared/engine-protocol.ts';
import { toErrorInfo } from '../../src-shared/errors.ts';
import { redact } from '../../src-shared/redact.ts';
import { runRepairExport } from './repair-export/run.ts';
import { secretsOf } from './storage/credentials.ts';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
let controller: AbortController | undefined;

function post(e: EngineEvent): void {
  port.postMessage(e);
}

port.on('message', (cmd: EngineCommand) => {
  if (cmd.type === 'cancel') {
    controller?.abort(new DOMException('cancelled by the operator', 'AbortError'));
    return;
  }
  if (cmd.type !== 'start' || controller) return;
  controller = new AbortController();
  const { signal } = controller;
  const secrets = secretsOf(cmd.job.request.credentials);
  runRepairExport(cmd.job.request, {
    signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
    onLog: (level, message) => post({ type: 'log', level, message: redact(message, secrets) }),
  }).then(
    (result) => post({ type: 'done', result }),
    (err: unknown) => {
      if (signal.aborted) return post({ type: 'cancelled' });
      const info = toErrorInfo(err);
      post({ type: 'failed', error: { ...info, title: redact(info.title, secrets), detail: redact(info.detail, secrets) } });
    },
  );
});
