/**
 * Errors as data. Errors crossing a boundary (worker → host → CLI/IPC) are plain objects
 * `{ code, title, detail, statusCode? }` (design card: "nothing is thrown across IPC").
 * `statusCode` is an Import/Export status code from the seed's tables when one applies
 * (e.g. `FileNameInvalid`, `ManifestDriveIdMismatch`, `BlobRequestForbidden`).
 */
export interface ErrorInfo {
  /** Stable machine code of this project, e.g. `XML_PARSE`, `REPAIR_FILE_MISMATCH`. */
  code: string;
  /** One line, plain words. */
  title: string;
  /** What happened and what to do, one paragraph. Never contains a secret. */
  detail: string;
  /** Import/Export status code (seed `000_…`) when one applies. */
  statusCode?: string;
  /** File the error is about, when there is one. */
  file?: string;
  /** 1-based line and column in `file`, for parse errors. */
  line?: number;
  column?: number;
}

/** An Error carrying {@link ErrorInfo}; thrown inside a layer, converted with {@link toErrorInfo} at its edge. */
export class WaieError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(`${info.title}${info.detail ? ': ' + info.detail : ''}`, options);
    this.name = 'WaieError';
    this.info = info;
  }
}

/** Converts anything thrown into {@link ErrorInfo}. Unknown errors become `INTERNAL` with their message. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof WaieError) return err.info;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', title: 'Unexpected error', detail: message, statusCode: 'InternalError' };
}
