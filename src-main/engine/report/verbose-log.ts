/**
 * The verbose log in `/logdir`: one event per line, `ISO-time LEVEL message`, secrets redacted
 * (design card "Secrets"; issue: "a verbose log (one event per line, secrets redacted)").
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { redact } from '../../../src-shared/redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';

export class VerboseLog {
  private readonly out: WriteStream;
  constructor(
    readonly path: string,
    private readonly secrets: readonly string[],
  ) {
    this.out = createWriteStream(path, { flags: 'a', mode: 0o600 });
  }
  /** `text` with this run's secrets (and any SAS signature, AccountKey= value or recovery password) replaced by `***`. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }
  /** Appends one line; newlines inside `message` are escaped so one event stays one line. */
  write(level: LogLevel, message: string): void {
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${redact(message, this.secrets).replace(/\r?\n/g, '\\n')}\n`;
    this.out.write(line);
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
