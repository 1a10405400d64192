/**
 * WAImportExport-style arguments: `/name:value` (value may contain `:`, as in `/d:G:\`), names
 * case-insensitive, so an operator's existing `WAImportExport.exe RepairExport …` command works
 * unchanged (seed `003_…`). The tokens are normalised to `--name=value` and parsed by Node's own
 * `util.parseArgs` (strict: an unknown parameter is an error).
 */
import { parseArgs } from 'node:util';
import { WaieError } from '../../src-shared/errors.ts';

/** Parameters of RepairExport, lower-case name → description (used by parsing and by help). */
export const REPAIR_EXPORT_PARAMS = {
  r: { required: true, value: '<RepairFile>', help: 'Repair file. A new path starts a repair; the same path resumes it after an interruption. One per drive. It records progress only, never a key.' },
  d: { required: true, value: '<TargetDirectory>', help: 'The directory to validate and repair: usually the export drive\'s root (e.g. G:\\), or a folder or network share holding a copy of the exported files.' },
  sn: { required: true, value: '<StorageAccountName>', help: 'The storage account the export job read from.' },
  sk: { required: false, value: '<StorageAccountKey>', help: 'The account key (Azure portal: storage account → Access keys). Give /sk or /csas, not both. To keep it off the command line, set WAIE_STORAGE_ACCOUNT_KEY instead.' },
  csas: { required: false, value: '<ContainerSas>', help: 'A container SAS with read permission: <ContainerName>?<SasString>, the SAS token alone, or the container URL with its SAS. Or set WAIE_CONTAINER_SAS.' },
  copylogfile: { name: 'CopyLogFile', required: true, value: '<DriveCopyLogFile>', help: 'The drive\'s copy log (error or verbose log) downloaded from the storage account.' },
  manifestfile: { name: 'ManifestFile', required: false, value: '<DriveManifestFile>', help: 'The drive manifest (on the drive\'s root as <DriveId>.manifest, or its backup). With it every block, page range and properties file is checked by MD5 and whatever fails is downloaded again.' },
  logdir: { required: false, value: '<LogDirectory>', help: 'Where the verbose log, the after-repair drive log and the summary go. Default: the current directory.' },
  bk: { required: false, value: '<BitLockerKey>', help: 'The drive\'s 48-digit BitLocker recovery key, to unlock it first. (Not available yet in this version: unlock the drive first, e.g. manage-bde -unlock G: -RecoveryPassword …)' },
  blobendpoint: { name: 'BlobEndpoint', required: false, value: '<url>', help: 'Blob service endpoint, default https://<StorageAccountName>.blob.core.windows.net. For sovereign clouds or the Azurite emulator, e.g. http://127.0.0.1:10000/devstoreaccount1.' },
  concurrency: { required: false, value: '<n>', help: 'Parallel range downloads (default 8).' },
} as const;

export type RepairExportParam = keyof typeof REPAIR_EXPORT_PARAMS;

/** The parameter as WAImportExport's documentation spells it: `/CopyLogFile`, `/r`. */
export function displayName(param: string): string {
  const p = (REPAIR_EXPORT_PARAMS as Record<string, { name?: string }>)[param];
  return `/${p?.name ?? param}`;
}

/** Parsed command line: the command (lower-case) and its parameters by lower-case name. */
export interface ParsedCommandLine {
  command: string;
  params: Partial<Record<string, string>>;
  positionals: string[];
}

/**
 * Normalises `/Name:value`, `/Name=value`, `/Name` and `--name=value` tokens and parses them against
 * `known`. Throws WaieError `BAD_INPUT` for an unknown or repeated parameter or a missing value.
 */
export function parseCommandLine(argv: readonly string[], known: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  const tokens: string[] = [];
  for (const t of rest) {
    const m = /^(?:\/|--?)([A-Za-z][A-Za-z0-9]*)(?:[:=]([\s\S]*))?$/.exec(t);
    if (m && m[1]) tokens.push(m[2] !== undefined ? `--${m[1].toLowerCase()}=${m[2]}` : `--${m[1].toLowerCase()}`);
    else tokens.push(t);
  }
  const options = Object.fromEntries(known.map((k) => [k, { type: 'string' as const }]));
  try {
    const { values, positionals } = parseArgs({ args: tokens, options, strict: true, allowPositionals: true });
    return { command: (first ?? '').toLowerCase(), params: values as Record<string, string>, positionals };
  } catch (err) {
    const msg = (err as Error).message;
    const unknown = /Unknown option '--([^']+)'/.exec(msg);
    throw new WaieError({
      code: 'BAD_INPUT',
      title: unknown ? `Unknown parameter /${unknown[1]}` : 'The command line cannot be read',
      detail: unknown ? `"/${unknown[1]}" is not a parameter of this command. Run "waie help ${first ?? ''}" to see the parameters.` : `${msg.replace(/--/g, '/')}. Parameters are written /Name:value, e.g. /d:G:\\.`,
    });
  }
}
