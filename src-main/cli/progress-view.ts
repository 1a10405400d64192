/**
 * Progress on the command line: a cli-progress bar (bytes, rate, ETA, current file) on a terminal,
 * plain lines otherwise (a line per phase change and at most one every 10 s).
 */
import cliProgress from 'cli-progress';
import type { RepairProgress } from '../../src-shared/engine-protocol.ts';

const MiB = 1048576;

function phaseTotals(p: RepairProgress): { done: number; total: number } {
  if (p.phase === 'verifying') return { done: p.bytesVerified, total: Math.max(p.bytesToVerify, p.bytesVerified) };
  // Bytes transferred: downloaded (RepairExport) plus uploaded (RepairImport; 0 for the other).
  const done = p.bytesDownloaded + p.bytesUploaded;
  return { done, total: Math.max(p.bytesToDownload + p.bytesToUpload, done) };
}

export interface ProgressView {
  update(p: RepairProgress): void;
  stop(): void;
}

/** A view writing to `stream`; a bar when it is a TTY. */
export function createProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{phase} |{bar}| {percentage}% {doneMiB}/{totalMiB} MiB {rate} MiB/s ETA {eta_formatted} {file}',
        hideCursor: true,
        etaBuffer: 50,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    let phase = '';
    return {
      update(p) {
        const { done, total } = phaseTotals(p);
        const payload = { phase: p.phase.padEnd(9), doneMiB: (done / MiB).toFixed(1), totalMiB: (total / MiB).toFixed(1), rate: p.elapsedMs > 0 ? (done / MiB / (p.elapsedMs / 1000)).toFixed(1) : '0', file: (p.currentFile ?? '').slice(-40) };
        if (p.phase !== phase) {
          if (phase) bar.stop();
          bar.start(Math.max(1, total), done, payload);
          phase = p.phase;
        } else {
          bar.setTotal(Math.max(1, total));
          bar.update(done, payload);
        }
      },
      stop() {
        if (phase) bar.stop();
      },
    };
  }
  let lastPhase = '';
  let lastAt = 0;
  return {
    update(p) {
      const now = Date.now();
      if (p.phase === 'preparing' || (p.phase === lastPhase && now - lastAt < 10_000)) return;
      lastPhase = p.phase;
      lastAt = now;
      const { done, total } = phaseTotals(p);
      stream.write(`${p.phase}: ${(done / MiB).toFixed(1)}/${(total / MiB).toFixed(1)} MiB, ${p.componentsDone}/${p.componentsTotal} components${p.componentsFailed ? `, ${p.componentsFailed} failed` : ''}${p.currentFile ? `, ${p.currentFile}` : ''}\n`);
    },
    stop() {},
  };
}
