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
import { jobSecrets, runJob } from './jobs.ts';
import { PauseGate } from './pause.ts';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
let controller: AbortController | undefined;
const gate = new PauseGate();

function post(e: EngineEvent): void {
  port.postMessage(e);
}

port.on('message', (cmd: EngineCommand) => {
  switch (cmd.type) {
    case 'cancel':
      controller?.abort(new DOMException('cancelled by the operator', 'AbortError'));
      return;
    case 'pause':
    case 'resume':
      if (cmd.type === 'pause') gate.pause();
      else gate.resume();
      post({ type: 'paused', paused: gate.paused });
      return;
    case 'start':
      break;
  }
  if (controller) return;
  controller = new AbortController();
  const { signal } = controller;
  const secrets = jobSecrets(cmd.job);
  runJob(cmd.job, {
    signal,
    pause: gate,
    onProgress: (progress) => post({ type: 'progress', progress: { ...progress, paused: gate.paused } }),
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
