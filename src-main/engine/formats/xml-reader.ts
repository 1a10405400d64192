/**
 * Streaming XML reading for the Import/Export formats: a thin layer over the `saxes` tokenizer.
 *
 * The layer turns saxes' SAX events into a small, bounded stream of element events
 * ({@link XmlEvent}: one `open` per start tag, one `close` per end tag carrying the element's own text)
 * and enforces the project's hostile-input rules:
 *
 * - any `<!DOCTYPE …>` is refused (and with it every entity declaration, billion-laughs included);
 *   `<!ENTITY` outside a DOCTYPE is a syntax error in saxes itself;
 * - no attribute value and no element text may exceed {@link MAX_TEXT_CHARS} (64 KiB) characters, and
 *   saxes is never allowed to buffer more than about 64 KiB + one chunk of input between two events, so a
 *   100 MB attribute value, comment or tag name is refused after a few chunks instead of filling memory;
 * - elements may nest at most {@link MAX_DEPTH} (32) deep;
 * - a UTF-8 BOM is skipped, CRLF and lone CR are normalised to LF (XML 1.0 §2.11, done by saxes);
 * - input must be UTF-8 (what the service writes: `<?xml version="1.0" encoding="utf-8"?>`, seeds 000/003);
 *   invalid UTF-8, UTF-16 BOMs and any other declared encoding are refused.
 *
 * Every problem is thrown as `WaieError` with code `XML_PARSE`, the file path, a 1-based line and column,
 * and the status code chosen by the caller (e.g. `ManifestFormatInvalid` for manifests, none for copy logs).
 *
 * Files are read with `fs.createReadStream` in 64 KiB chunks; events are handed out per chunk, so memory
 * stays bounded by one chunk's events plus the open-element stack (≤ 32 frames of ≤ 64 KiB text each).
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { WaieError } from '../../../src-shared/errors.ts';

/** Largest attribute value or element text accepted, in characters (64 KiB). Hostile-input bound. */
export const MAX_TEXT_CHARS = 65536;

/** Deepest element nesting accepted (root element = depth 1). The formats need at most 6. */
export const MAX_DEPTH = 32;

/** Size of the chunks read from disk, in bytes (64 KiB). */
export const CHUNK_BYTES = 65536;

/**
 * Slack, in characters, allowed on top of {@link MAX_TEXT_CHARS} between two saxes events (room for the
 * attribute name, quotes and the markup around a maximal value).
 */
const TOKEN_SLACK_CHARS = 4096;

/** Options of {@link readXmlEvents} and {@link parseXmlString}. */
export interface XmlReadOptions {
  /** Import/Export status code put on every error (e.g. `ManifestFormatInvalid`); undefined for copy logs. */
  statusCode?: string;
  /**
   * Accept a document without a single root element (a run of top-level elements), as the 2021 verbose
   * copy log is (formats.md §1.3). An XML declaration at the very start is still accepted.
   */
  fragment?: boolean;
  /**
   * Names of elements whose content is secret (import manifests' `StorageAccountKey`, `ContainerSas`,
   * formats.md §2). Their attributes, text and descendants are never kept, never put in an event and never
   * put in an error message; the element itself is reported with empty `attrs` and `text`.
   */
  secretElements?: readonly string[];
  /** Chunk size in bytes for the file stream; default {@link CHUNK_BYTES}. */
  chunkBytes?: number;
  /**
   * Called after each chunk has been parsed with the total number of bytes read from the file so far.
   * Useful for progress bars, and lets tests observe that reading is incremental.
   */
  onProgress?: (bytesRead: number) => void;
  /**
   * Status codes for I/O failures opening or reading the file (e.g. `ManifestNotFound`,
   * `ManifestAccessDenied`, `ReadManifestFailed` for manifests, seed 000 "drive status codes").
   */
  ioStatusCodes?: { notFound?: string; accessDenied?: string; other?: string };
}

/** An element start tag. `depth` is 1 for a root (or top-level fragment) element. Line/column are 1-based, of the `<`. */
export interface XmlOpenEvent {
  kind: 'open';
  name: string;
  /** Attribute values as decoded by saxes (entities expanded, whitespace normalised per XML 1.0 §3.3.3). */
  attrs: Readonly<Record<string, string>>;
  depth: number;
  line: number;
  column: number;
}

/** An element end tag (also emitted for `<x/>`). Position is that of the element's start tag. */
export interface XmlCloseEvent {
  kind: 'close';
  name: string;
  attrs: Readonly<Record<string, string>>;
  /**
   * The element's own character data (text and CDATA, raw, not trimmed) when it has no child elements;
   * `''` once it has children (whitespace between children is dropped so large lists stay cheap).
   */
  text: string;
  hasChildren: boolean;
  depth: number;
  line: number;
  column: number;
}

/** One element event; see {@link readXmlEvents}. */
export type XmlEvent = XmlOpenEvent | XmlCloseEvent;

/** A place in a file for error messages: path and 1-based line and column. */
export interface XmlPosition {
  file: string;
  line: number;
  column: number;
}

/**
 * Builds the project's parse error: `WaieError` with `code` (default `XML_PARSE`), a one-line `title`, a
 * `detail` of the form `<file>:<line>:<column>: <message>`, and the given status code.
 *
 * @param pos file path and 1-based line/column of the problem
 * @param message what is wrong, in plain words; must never contain a secret
 */
export function xmlError(
  pos: XmlPosition,
  message: string,
  opts: { code?: string; title?: string; statusCode?: string } = {},
): WaieError {
  const code = opts.code ?? 'XML_PARSE';
  return new WaieError({
    code,
    title: opts.title ?? (code === 'XML_PARSE' ? 'The XML file cannot be read' : 'The file is not valid'),
    detail: `${pos.file}:${pos.line}:${pos.column}: ${message}`,
    ...(opts.statusCode !== undefined ? { statusCode: opts.statusCode } : {}),
    file: pos.file,
    line: pos.line,
    column: pos.column,
  });
}

interface Frame {
  name: string;
  attrs: Record<string, string>;
  line: number;
  column: number;
  text: string;
  hasChildren: boolean;
  /** True for a secret element and all its descendants: nothing is kept or reported. */
  secret: boolean;
  /** True only for the secret element itself (it is reported, empty). */
  secretRoot: boolean;
}

type PlainOptions = { fragment: boolean; xmlns: false; position: true };

/**
 * Push parser: feed decoded text with {@link XmlEventParser.write}, finish with
 * {@link XmlEventParser.close}, collect events with {@link XmlEventParser.take}. Throws `WaieError`
 * (`XML_PARSE`) from `write`/`close` on the first problem.
 */
class XmlEventParser {
  private readonly parser: SaxesParser<PlainOptions>;
  private events: XmlEvent[] = [];
  private readonly stack: Frame[] = [];
  private readonly secrets: ReadonlySet<string>;
  /** UTF-16 units handed to saxes so far. */
  private fed = 0;
  /** saxes position at the last event: bounds what saxes may be buffering. */
  private lastEventPos = 0;
  /** The last two pieces of text written, and where the current one starts: to find a start tag's column. */
  private prevText = '';
  private curText = '';
  private curStart = 0;
  private sawElement = false;
  private sawAnything = false;

  constructor(
    private readonly file: string,
    private readonly opts: XmlReadOptions,
  ) {
    this.secrets = new Set(opts.secretElements ?? []);
    const p = new SaxesParser<PlainOptions>({ fragment: opts.fragment === true, xmlns: false, position: true });
    this.parser = p;
    // Keep to at most 7 handlers: saxes stores each handler as a property added after construction, and
    // with 8 or more V8 switches the parser object to dictionary mode, which makes parsing ~5x slower.
    // Hence no xmldecl/comment/processinginstruction/attribute handlers: the declared encoding is read from
    // `xmlDecl` at the first element, comments and PIs simply count towards the buffered-token bound, and
    // attribute values are checked on the complete start tag.
    p.on('error', (err) => this.onSaxesError(err));
    p.on('doctype', () => {
      this.fail('a DOCTYPE declaration is not allowed (entity declarations are refused for safety)');
    });
    p.on('cdata', (data) => {
      this.noteEvent();
      this.onCharData(data);
    });
    p.on('text', (data) => {
      this.noteEvent();
      this.onCharData(data);
    });
    p.on('opentagstart', (tag) => this.onOpenTagStart(tag.name));
    p.on('opentag', (tag: SaxesTagPlain) => this.onOpenTag(tag));
    p.on('closetag', (tag: SaxesTagPlain) => this.onCloseTag(tag));
  }

  /** Feeds decoded characters. */
  write(chunk: string): void {
    if (chunk.length === 0) return;
    this.prevText = this.curText;
    this.curText = chunk;
    this.curStart = this.fed;
    this.parser.write(chunk);
    this.fed += chunk.length;
    this.checkBuffered();
  }

  /** Signals the end of input; throws on truncated documents (e.g. `unclosed tag`). */
  close(): void {
    this.parser.close();
    if (!this.opts.fragment && !this.sawElement) {
      this.fail('the file contains no XML element');
    }
  }

  /** Returns the events produced since the last call. */
  take(): XmlEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Current 1-based position, for errors found outside saxes (e.g. invalid UTF-8). */
  position(): XmlPosition {
    return { file: this.file, line: this.parser.line, column: Math.max(1, this.parser.column + 1) };
  }

  /** Throws an `XML_PARSE` error at the parser's current position. */
  fail(message: string, pos?: XmlPosition): never {
    const here = pos ?? { file: this.file, line: this.parser.line, column: Math.max(1, this.parser.column) };
    throw xmlError(here, message, this.opts.statusCode !== undefined ? { statusCode: this.opts.statusCode } : {});
  }

  private checkBuffered(): void {
    if (this.fed - this.lastEventPos > MAX_TEXT_CHARS + TOKEN_SLACK_CHARS) {
      this.fail(
        `more than ${MAX_TEXT_CHARS} characters without a complete XML token (an attribute value, text, ` +
          'comment, name or declaration is too long, or the file is not XML)',
      );
    }
  }

  private noteEvent(): void {
    this.lastEventPos = this.parser.position;
    this.sawAnything = true;
  }

  /** The UTF-16 unit at stream index `i`, when it is still in the last two pieces written. */
  private charAt(i: number): string | undefined {
    if (i >= this.curStart) return this.curText[i - this.curStart];
    const prevStart = this.curStart - this.prevText.length;
    return i >= prevStart ? this.prevText[i - prevStart] : undefined;
  }

  private inSecret(): boolean {
    const top = this.stack[this.stack.length - 1];
    return top !== undefined && top.secret;
  }

  private onSaxesError(err: Error): void {
    const p = this.parser;
    let message = err.message.replace(/^\d+:\d+: /, '');
    // In fragment mode saxes flags an XML declaration even at the very start of the input; it recovers and
    // parses it when the handler does not throw. Accept exactly that case (position 6 = after "<?xml ").
    if (
      this.opts.fragment === true &&
      !this.sawAnything &&
      p.position <= 6 &&
      message.startsWith('an XML declaration must be at the start')
    ) {
      return;
    }
    if (this.inSecret()) {
      message = `malformed XML inside a <${this.secretRootName()}> element (content not shown)`;
    }
    this.fail(message);
  }

  private secretRootName(): string {
    for (const f of this.stack) if (f.secretRoot) return f.name;
    return 'secret';
  }

  private onCharData(data: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      if (/[^ \t\r\n]/.test(data)) this.fail('text outside of any element');
      return;
    }
    if (data.length > MAX_TEXT_CHARS) {
      this.fail(
        top.secret
          ? `the content of <${this.secretRootName()}> is too long (content not shown)`
          : `the text of <${truncate(top.name)}> is longer than ${MAX_TEXT_CHARS} characters`,
      );
    }
    if (top.secret || top.hasChildren) return;
    if (top.text.length + data.length > MAX_TEXT_CHARS) {
      this.fail(`the text of <${truncate(top.name)}> is longer than ${MAX_TEXT_CHARS} characters`);
    }
    top.text += data;
  }

  private onOpenTagStart(name: string): void {
    const p = this.parser;
    if (!this.sawElement) this.checkDeclaredEncoding();
    // Where is the '<'? saxes reports the start tag after consuming the character that ends the name, so
    // on the same line the '<' is name-length + 1 columns back. When that character was a line break
    // (column 0 of the next line), count back from the '<' to the previous line break in the text.
    let line = p.line;
    let column: number;
    if (p.column > 0) {
      column = Math.max(1, p.column - [...name].length - 1);
    } else {
      const end = p.position;
      const term = this.charAt(end - 1) === '\n' && this.charAt(end - 2) === '\r' ? 2 : 1;
      let i = end - term - name.length - 2;
      let cols = 0;
      for (let c = this.charAt(i); c !== undefined && c !== '\n' && c !== '\r'; c = this.charAt(--i)) {
        const code = c.charCodeAt(0);
        if (code < 0xdc00 || code > 0xdfff) cols++;
      }
      line -= 1;
      column = cols + 1;
    }
    this.noteEvent();
    this.sawElement = true;
    if (this.stack.length + 1 > MAX_DEPTH) {
      this.fail(`elements are nested more than ${MAX_DEPTH} deep`, { file: this.file, line, column });
    }
    this.pendingStart = { line, column };
  }

  private checkDeclaredEncoding(): void {
    const declared = this.parser.xmlDecl.encoding;
    const enc = declared?.toLowerCase();
    if (enc !== undefined && enc !== 'utf-8' && enc !== 'utf8' && enc !== 'us-ascii' && enc !== 'ascii') {
      this.fail(`the file declares encoding "${truncate(declared ?? '')}"; only UTF-8 is supported`);
    }
  }

  private pendingStart: { line: number; column: number } | undefined;

  private onOpenTag(tag: SaxesTagPlain): void {
    this.noteEvent();
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (value.length > MAX_TEXT_CHARS) {
        this.fail(`attribute "${truncate(name)}" is longer than ${MAX_TEXT_CHARS} characters`);
      }
    }
    const start = this.pendingStart ?? { line: this.parser.line, column: 1 };
    this.pendingStart = undefined;
    const parent = this.stack[this.stack.length - 1];
    const parentSecret = parent !== undefined && parent.secret;
    const isSecretRoot = !parentSecret && this.secrets.has(tag.name);
    const secret = parentSecret || isSecretRoot;
    if (parent !== undefined && !parent.hasChildren) {
      parent.hasChildren = true;
      parent.text = '';
    }
    const frame: Frame = {
      name: tag.name,
      attrs: secret ? {} : tag.attributes,
      line: start.line,
      column: start.column,
      text: '',
      hasChildren: false,
      secret,
      secretRoot: isSecretRoot,
    };
    this.stack.push(frame);
    if (!parentSecret) {
      this.events.push({
        kind: 'open',
        name: frame.name,
        attrs: frame.attrs,
        depth: this.stack.length,
        line: frame.line,
        column: frame.column,
      });
    }
  }

  private onCloseTag(tag: SaxesTagPlain): void {
    this.noteEvent();
    const depth = this.stack.length;
    const frame = this.stack.pop();
    if (frame === undefined || frame.name !== tag.name) {
      this.fail(`unexpected end tag </${truncate(tag.name)}>`);
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined && parent.secret) return;
    this.events.push({
      kind: 'close',
      name: frame.name,
      attrs: frame.attrs,
      text: frame.secret ? '' : frame.text,
      hasChildren: frame.hasChildren,
      depth,
      line: frame.line,
      column: frame.column,
    });
  }
}

/** Shortens a value for an error message (never used on secret content). */
function truncate(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

function ioError(file: string, err: unknown, opts: XmlReadOptions): WaieError {
  const code = (err as { code?: unknown } | null)?.code;
  const errno = typeof code === 'string' ? code : undefined;
  let statusCode: string | undefined;
  if (errno === 'ENOENT' || errno === 'ENOTDIR') statusCode = opts.ioStatusCodes?.notFound;
  else if (errno === 'EACCES' || errno === 'EPERM') statusCode = opts.ioStatusCodes?.accessDenied;
  else statusCode = opts.ioStatusCodes?.other;
  const message = err instanceof Error ? err.message : String(err);
  return new WaieError(
    {
      code: 'FILE_READ',
      title: errno === 'ENOENT' ? 'File not found' : 'The file cannot be read',
      detail: `${file}: ${message}`,
      ...(statusCode !== undefined ? { statusCode } : {}),
      file,
    },
    { cause: err },
  );
}

/**
 * Reads an XML file as a stream of element events, one array per chunk read (empty arrays are skipped).
 *
 * Shapes: see {@link XmlOpenEvent} and {@link XmlCloseEvent}; depth 1 is the root. Breaking out of the
 * loop (or an error) destroys the file stream, so nothing more is read.
 *
 * @param file path of the file; read with `fs.createReadStream` in {@link CHUNK_BYTES} (64 KiB) chunks
 * @throws WaieError `XML_PARSE` (with `file`, 1-based `line`/`column`, `options.statusCode`) for malformed,
 *   truncated, non-UTF-8 or hostile input (DOCTYPE, values over 64 KiB, nesting over 32);
 *   WaieError `FILE_READ` when the file cannot be opened or read.
 */
export async function* readXmlEvents(file: string, options: XmlReadOptions = {}): AsyncGenerator<XmlEvent[], void, undefined> {
  const parser = new XmlEventParser(file, options);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? CHUNK_BYTES });
  let bytesRead = 0;
  let first = true;
  try {
    let iterator: AsyncIterator<Buffer>;
    try {
      iterator = stream[Symbol.asyncIterator]();
    } catch (err) {
      throw ioError(file, err, options);
    }
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw ioError(file, err, options);
      }
      if (next.done === true) break;
      const chunk = next.value;
      bytesRead += chunk.length;
      if (first) {
        first = false;
        if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
          parser.fail('the file is UTF-16 encoded; only UTF-8 is supported', { file, line: 1, column: 1 });
        }
      }
      feedBytes(parser, decoder, chunk, false);
      options.onProgress?.(bytesRead);
      const events = parser.take();
      if (events.length > 0) yield events;
    }
    feedBytes(parser, decoder, undefined, true);
    parser.close();
    const events = parser.take();
    if (events.length > 0) yield events;
  } finally {
    stream.destroy();
  }
}

function feedBytes(parser: XmlEventParser, decoder: TextDecoder, chunk: Buffer | undefined, last: boolean): void {
  let text: string;
  try {
    text = last ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch {
    if (last) {
      parser.fail('the file ends in the middle of a UTF-8 character', parser.position());
    }
    const lossy = new TextDecoder('utf-8').decode(chunk);
    const bad = lossy.indexOf('\uFFFD');
    if (bad > 0) parser.write(lossy.slice(0, bad));
    parser.fail('invalid UTF-8 byte sequence', parser.position());
  }
  parser.write(text);
}

/**
 * Parses a small in-memory XML document (e.g. a `.properties` or `.metadata` file, formats.md §3) with
 * the same rules and error shape as {@link readXmlEvents}.
 *
 * @param xml the document; a leading BOM (U+FEFF) is ignored
 * @param file path used in error messages
 * @returns all element events in document order
 * @throws WaieError `XML_PARSE` with file, line and column
 */
export function parseXmlString(xml: string, file: string, options: XmlReadOptions = {}): XmlEvent[] {
  const parser = new XmlEventParser(file, options);
  const body = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // Feed in chunk-sized slices so the buffered-token bound applies as it does to files. Never split a
  // surrogate pair (saxes carries a trailing high surrogate over, but keep slices clean anyway).
  for (let i = 0; i < body.length; ) {
    let end = Math.min(body.length, i + CHUNK_BYTES);
    const last = body.charCodeAt(end - 1);
    if (end < body.length && last >= 0xd800 && last <= 0xdbff) end--;
    parser.write(body.slice(i, end));
    i = end;
  }
  parser.close();
  return parser.take();
}

/** A state machine fed XML events that hands out finished items (copy-log and manifest readers). */
export interface XmlItemState<T> {
  handle(ev: XmlEvent): void;
  /** Items finished since the last call. */
  take(): T[];
  /** Called at the end of the document (may finish or reject a last item). */
  finish(): void;
}

/**
 * Feeds each batch of `events` (one per chunk read) to `state` and yields the items it finished, so a
 * reader holds at most one chunk's items at a time (bounded memory whatever the file size).
 */
export async function* yieldItems<T>(events: AsyncIterable<XmlEvent[]>, state: XmlItemState<T>): AsyncGenerator<T, void, undefined> {
  for await (const batch of events) {
    for (const ev of batch) state.handle(ev);
    yield* state.take();
  }
  state.finish();
  yield* state.take();
}
