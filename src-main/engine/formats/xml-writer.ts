/**
 * Streaming XML output for the format writers: escaping (XML 1.0 §2.4, §3.3.3) and a file writer on top of
 * `fs.createWriteStream` that respects backpressure (waits for `drain` when the stream's buffer is full).
 * Output is UTF-8 without BOM, CRLF line endings (the service and WAImportExport are Windows programs).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { WaieError } from '../../../src-shared/errors.ts';

/** Line ending used by every writer of this project: CRLF. */
export const CRLF = '\r\n';

/** Characters XML 1.0 cannot carry at all, not even as a character reference (XML 1.0 §2.2 `Char`). */
const INVALID_XML_CHAR =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEEDS_ESCAPE = /[&<>"'\r\n\t]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};

/**
 * Escapes a string for use as XML text or as a (single- or double-quoted) attribute value:
 * `& < > " '` become entity references and CR, LF and TAB become character references, so a parser
 * returns exactly the original string (no line-end or attribute-value normalisation, XML 1.0 §2.11, §3.3.3).
 *
 * @throws WaieError `XML_WRITE` when the string holds a character XML 1.0 cannot represent
 *   (control characters other than TAB/LF/CR, U+FFFE, U+FFFF, unpaired surrogates)
 */
export function escapeXml(s: string): string {
  if (INVALID_XML_CHAR.test(s)) {
    const m = INVALID_XML_CHAR.exec(s);
    const code = m?.[0].charCodeAt(0) ?? 0;
    throw new WaieError({
      code: 'XML_WRITE',
      title: 'Character not allowed in XML',
      detail: `The value contains the character U+${code.toString(16).toUpperCase().padStart(4, '0')} at index ${m?.index ?? 0}, which XML 1.0 cannot represent.`,
    });
  }
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[&<>"'\r\n\t]/g, (c) => ESCAPES[c] ?? c);
}

/** Builds the `FILE_WRITE` error for an output file. */
function writeError(file: string, err: unknown): WaieError {
  if (err instanceof WaieError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new WaieError({ code: 'FILE_WRITE', title: 'The file cannot be written', detail: `${file}: ${message}`, file }, { cause: err });
}

/** Output is handed to the stream in pieces of about this many characters (64 KiB). */
const FLUSH_CHARS = 65536;

/**
 * Buffered, backpressure-aware text writer for one output file (created or truncated).
 * `append` is synchronous (so one item's text is never interleaved with another's); `flush` hands the
 * buffer to the stream once it holds 64 KiB or more and waits for `drain` when the stream asks to.
 */
export class XmlFileWriter {
  private parts: string[] = [];
  private size = 0;
  private failure: WaieError | undefined;
  private ended = false;

  private constructor(
    /** Path of the output file. */
    readonly file: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (err) => {
      this.failure ??= writeError(file, err);
    });
  }

  /**
   * Opens (creates or truncates) `file` for writing.
   * @throws WaieError `FILE_WRITE` when the file cannot be opened
   */
  static async open(file: string): Promise<XmlFileWriter> {
    const stream = createWriteStream(file, { flags: 'w' });
    try {
      await once(stream, 'open');
    } catch (err) {
      throw writeError(file, err);
    }
    return new XmlFileWriter(file, stream);
  }

  /** Appends raw (already escaped) XML text. @throws WaieError `FILE_WRITE` after a stream error or after `end`. */
  append(text: string): void {
    this.check();
    this.parts.push(text);
    this.size += text.length;
  }

  /** Writes the buffer to the stream when it holds at least 64 KiB (or always with `force`), honouring backpressure. */
  async flush(force = false): Promise<void> {
    this.check();
    if (this.size === 0 || (!force && this.size < FLUSH_CHARS)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    try {
      if (!this.stream.write(text)) await once(this.stream, 'drain');
    } catch (err) {
      this.failure ??= writeError(this.file, err);
    }
    this.check();
  }

  /** Flushes everything, closes the file and waits until it is written. @throws WaieError `FILE_WRITE` */
  async end(): Promise<void> {
    try {
      await this.flush(true);
    } catch (err) {
      this.destroy();
      throw err;
    }
    this.ended = true;
    this.stream.end();
    try {
      await finished(this.stream);
    } catch (err) {
      this.failure ??= writeError(this.file, err);
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Abandons the file (closes the stream without waiting); used after an error. */
  destroy(): void {
    this.ended = true;
    this.stream.destroy();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.ended) {
      throw new WaieError({ code: 'FILE_WRITE', title: 'The file is already closed', detail: `${this.file}: nothing can be written after end()`, file: this.file });
    }
  }
}

/** `<name>escaped text</name>` with the given indentation and a CRLF. @throws WaieError `XML_WRITE` (see {@link escapeXml}) */
export function textElement(indent: string, name: string, text: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>${CRLF}`;
}

/** ` name="escaped value"` for each defined attribute, in the given order (undefined ones are left out). @throws WaieError `XML_WRITE` (see {@link escapeXml}) */
export function attributes(attrs: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  let out = '';
  for (const [name, value] of attrs) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}
