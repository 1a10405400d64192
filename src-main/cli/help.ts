/** `waie help` texts. Parameter descriptions come from {@link REPAIR_EXPORT_PARAMS}. */
import { REPAIR_EXPORT_PARAMS, displayName } from './args.ts';

export const GENERAL_HELP = `waie — repair Azure Import/Export drives (an open-source replacement for WAImportExport.exe's repair modes)

Usage:
  waie RepairExport /r:<RepairFile> /d:<TargetDirectory> /sn:<StorageAccountName>
                    (/sk:<StorageAccountKey> | /csas:<ContainerSas>) /CopyLogFile:<DriveCopyLogFile>
                    [/ManifestFile:<DriveManifestFile>] [/logdir:<LogDirectory>] [/BlobEndpoint:<url>]
  waie help [command]
  waie version

Commands:
  RepairExport   Download again what an export job failed to write to the drive: every failed block
                 and page range named in the copy log, whole files that failed, and .properties /
                 .metadata files. With /ManifestFile, check every file on the drive by MD5 and repair
                 whatever fails, including damage the copy log never mentioned.

Parameter names are case-insensitive and written as in WAImportExport.exe: /Name:value.
Run "waie help RepairExport" for every parameter.
`;

/** Help for one command, or undefined when the command is unknown. */
export function commandHelp(command: string): string | undefined {
  if (command.toLowerCase() !== 'repairexport') return undefined;
  const rows = Object.entries(REPAIR_EXPORT_PARAMS).map(([name, p]) => {
    const head = `  ${displayName(name)}:${p.value}${p.required ? '' : '  (optional)'}`;
    return `${head}\n      ${p.help}`;
  });
  return `waie RepairExport — repair an export drive from its copy log (and drive manifest)

${rows.join('\n')}

Exit codes: 0 every component repaired and verified; 1 some components could not be repaired (listed
with their status codes); 2 bad input (nothing was written); 3 the run stopped (wrong key, storage
unreachable, disk full: run the same command again to resume); 130 cancelled (Ctrl+C; resumable).

Example:
  waie RepairExport /r:C:\\WAImportExport\\9WM35C3U.rep /d:G:\\ /sn:bobmediaaccount /sk:<key>
       /CopyLogFile:C:\\WAImportExport\\9WM35C3U.log /ManifestFile:G:\\9WM35C3U.manifest
`;
}
