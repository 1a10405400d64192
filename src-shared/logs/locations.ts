/**
 * Where the Import/Export service puts a job's logs and manifest backups in the storage account.
 *
 * Rules (seed `000_…`, table "De locatie van logboekbestand"; seed `004_…`; formats.md §6):
 *
 * | credential    | `ImportExportStatesPath` | log blobs under                                    |
 * | ------------- | ------------------------ | -------------------------------------------------- |
 * | account key   | default                  | container `waimportexport`                         |
 * | account key   | a chosen value           | the container of that name                         |
 * | container SAS | default                  | virtual directory `waimportexport/` in the SAS's container |
 * | container SAS | a chosen value           | `waimportexport/<value>/` in the SAS's container   |
 *
 * and the blobs themselves are `waies/<job>_<drive>_<timestamp>_<type>.xml` below that. Manifest
 * backups go to container `waimportexport` "or the job's `DiagnosticsPath`" (seed 004); the seed says
 * nothing of SAS jobs there, so the same table is applied to `DiagnosticsPath` (assumption). Newer
 * portal orders write to container `databoxcopylog` (formats.md §1.3), which a container SAS can only
 * reach when it is for that container.
 *
 * Assumptions: with an account key a chosen value may also be `container/folder` (then the folder is a
 * virtual directory in that container); a chosen value equal to `waimportexport` is the default.
 * Pure (src-shared).
 */
import { WaieError } from '../errors.ts';

/** The default `ImportExportStatesPath` and `DiagnosticsPath`: `waimportexport` (seeds 000, 004). */
export const DEFAULT_STATES_PATH = 'waimportexport';

/** Container of the newer portal orders' copy logs (formats.md §1.3). */
export const DATABOX_LOG_CONTAINER = 'databoxcopylog';

/** Which row of the table (or the Data Box-era container) a location comes from. */
export type LogLocationRule = 'key-default' | 'key-chosen' | 'sas-default' | 'sas-chosen' | 'databox';

/** One place to look: a container and the blob-name prefix of the folder that holds `waies/`. */
export interface LogLocation {
  container: string;
  /** `''` (container root), `waimportexport/`, `waimportexport/<value>/`, or `<folder>/` (key + `container/folder`). Always ends in `/` unless empty. */
  prefix: string;
  rule: LogLocationRule;
  /** What is expected there: `logs` (ImportExportStatesPath), `manifests` (DiagnosticsPath), `databox` (CopyLog/VerboseLog). */
  purposes: Array<'logs' | 'manifests' | 'databox'>;
}

/** What decides the locations. */
export interface LogLocationInput {
  /** `key`: account key (whole account readable); `sas`: container SAS for `sasContainer` only. */
  auth: 'key' | 'sas';
  /** The container the SAS is for (required with `auth: 'sas'`). */
  sasContainer?: string;
  /** The job's `ImportExportStatesPath`; default `waimportexport`. */
  statesPath?: string;
  /** The job's `DiagnosticsPath` (manifest backups); default `waimportexport`. */
  diagnosticsPath?: string;
  /** Also look in `databoxcopylog` (default true). */
  dataBox?: boolean;
}

const CONTAINER_NAME = /^(\$root|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62})$/;

function bad(title: string, detail: string): WaieError {
  return new WaieError({ code: 'BAD_INPUT', title, detail });
}

function cleanPath(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  if (v === '' || v === DEFAULT_STATES_PATH) return undefined;
  const segments = v.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || /[\u0000-\u001f?#]/.test(v)) {
    throw bad(`Invalid ${what}`, `"${value}" is not a container or folder name. Give the value the job was created with (Azure portal: the job's properties), e.g. mylogcontainer.`);
  }
  return v;
}

function locationFor(input: LogLocationInput, value: string | undefined, what: string): Omit<LogLocation, 'purposes'> {
  const v = cleanPath(value, what);
  if (input.auth === 'sas') {
    const container = input.sasContainer;
    if (!container) {
      throw bad('The container SAS does not name its container', 'Give /csas as <ContainerName>?<SasString> or as the container URL with its SAS, so waie knows which container the job’s logs are in.');
    }
    return v === undefined ? { container, prefix: `${DEFAULT_STATES_PATH}/`, rule: 'sas-default' } : { container, prefix: `${DEFAULT_STATES_PATH}/${v}/`, rule: 'sas-chosen' };
  }
  if (v === undefined) return { container: DEFAULT_STATES_PATH, prefix: '', rule: 'key-default' };
  const [container = '', ...folder] = v.split('/');
  if (!CONTAINER_NAME.test(container)) {
    throw bad(`Invalid ${what}`, `"${container}" is not a valid container name (3–63 lowercase letters, digits and single hyphens). With an account key, ${what} names a container.`);
  }
  return { container, prefix: folder.length ? `${folder.join('/')}/` : '', rule: 'key-chosen' };
}

/**
 * The distinct places to look for a job's logs and manifest backups, in this order: the
 * `ImportExportStatesPath` location (`purposes` `logs`), the `DiagnosticsPath` location (`manifests`;
 * merged with the first when equal), and `databoxcopylog` (key: always unless `dataBox: false`; SAS:
 * only when the SAS is for `databoxcopylog`, then its root).
 * @throws WaieError `BAD_INPUT` for a SAS without a container, a path with `..`, empty segments,
 *   control characters, `?`/`#`, or (with a key) an invalid container name
 */
export function logLocations(input: LogLocationInput): LogLocation[] {
  const out: LogLocation[] = [];
  const add = (loc: Omit<LogLocation, 'purposes'>, purpose: LogLocation['purposes'][number]): void => {
    const same = out.find((l) => l.container === loc.container && l.prefix === loc.prefix);
    if (same) {
      if (!same.purposes.includes(purpose)) same.purposes.push(purpose);
    } else out.push({ ...loc, purposes: [purpose] });
  };
  add(locationFor(input, input.statesPath, 'ImportExportStatesPath'), 'logs');
  add(locationFor(input, input.diagnosticsPath, 'DiagnosticsPath'), 'manifests');
  if (input.dataBox !== false) {
    if (input.auth === 'key') add({ container: DATABOX_LOG_CONTAINER, prefix: '', rule: 'databox' }, 'databox');
    else if (input.sasContainer === DATABOX_LOG_CONTAINER) add({ container: DATABOX_LOG_CONTAINER, prefix: '', rule: 'databox' }, 'databox');
  }
  return out;
}
