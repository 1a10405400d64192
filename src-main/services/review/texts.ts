/**
 * English and Dutch texts of the review: judgements of failures, advice, notes, and the labels of the
 * HTML report and the CLI output. Dutch terms follow the status catalogue (schijf, kopieerlog,
 * opslagaccount, accountsleutel, importregel, blok, paginabereik, metagegevens, eigenschappen).
 */
import type { Language } from '../../../src-shared/status/index.ts';
import type { JobKind, JobKindBasis, RepairCommand } from '../../../src-shared/review/index.ts';

/** Why a failure is or is not repairable, before the job kind is known. */
export type JudgementKey =
  | { key: 'whole' }
  | { key: 'ranges'; n: number }
  | { key: 'sidecar'; which: string }
  | { key: 'entity' }
  | { key: 'notRepairable'; status: string; title: string }
  | { key: 'renamed'; status: string }
  | { key: 'skipped' }
  | { key: 'fileItem' }
  | { key: 'containerEntity'; type: string };

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** One sentence: why this failure is (not) repairable and by which command. */
export function judgementText(j: JudgementKey, kind: JobKind, lang: Language): string {
  const cmd: RepairCommand | undefined = kind === 'export' ? 'RepairExport' : kind === 'import' ? 'RepairImport' : undefined;
  const nl = lang === 'nl';
  switch (j.key) {
    case 'notRepairable':
      return nl ? `“${j.status}” (${j.title}): een nieuwe overdracht lost dit niet op.` : `“${j.status}” (${j.title}): transferring the data again does not fix this.`;
    case 'renamed':
      return nl ? `Niets mislukt: de gegevens zijn aangekomen onder een andere naam of op een andere plek (“${j.status}”).` : `Nothing failed: the data arrived under another name or in another place (“${j.status}”).`;
    case 'skipped':
      return nl ? 'Overgeslagen door de importregel no-overwrite: er bestond al een blob; er valt niets te herstellen.' : 'Skipped by the no-overwrite import rule: a blob already existed; there is nothing to repair.';
    case 'fileItem':
      return nl ? 'Een Azure Files-item: waie herstelt alleen blobs.' : 'An Azure Files item: waie repairs blobs only.';
    case 'containerEntity':
      return nl ? `Deze fout gaat over een ${j.type || 'container'}, niet over een bestand: er valt niets over te zetten.` : `This error is about a ${j.type || 'container'}, not a file: there is nothing to transfer.`;
    default:
      break;
  }
  if (cmd === undefined) {
    return nl
      ? 'Herstelbaar: met `waie RepairExport` als dit een exporttaak was, met `waie RepairImport` als het een importtaak was.'
      : 'Repairable: with `waie RepairExport` if this was an export job, with `waie RepairImport` if it was an import job.';
  }
  const exp = cmd === 'RepairExport';
  switch (j.key) {
    case 'whole':
      return nl
        ? exp ? 'RepairExport downloadt het hele bestand opnieuw.' : 'RepairImport uploadt het hele bestand opnieuw vanaf het origineel.'
        : exp ? 'RepairExport downloads the whole file again.' : 'RepairImport uploads the whole file again from the original.';
    case 'ranges':
      return nl
        ? exp ? `RepairExport downloadt ${j.n === 1 ? 'het mislukte bereik' : `de ${j.n.toLocaleString('nl-NL')} mislukte bereiken`} opnieuw en schrijft ${j.n === 1 ? 'het' : 'ze'} op dezelfde plek in het bestand.` : `RepairImport uploadt ${j.n === 1 ? 'het mislukte bereik' : `de ${j.n.toLocaleString('nl-NL')} mislukte bereiken`} opnieuw vanaf het originele bestand.`
        : exp ? `RepairExport downloads the ${plural(j.n, 'failed range', 'failed ranges')} again and writes ${j.n === 1 ? 'it' : 'them'} into the file in place.` : `RepairImport uploads the ${plural(j.n, 'failed range', 'failed ranges')} again from the original file.`;
    case 'sidecar':
      return nl
        ? exp ? `RepairExport schrijft het bestand met ${j.which} opnieuw vanuit de blob.` : `RepairImport zet de ${j.which} opnieuw vanuit het bestand op de schijf.`
        : exp ? `RepairExport writes the ${j.which} file again from the blob.` : `RepairImport sets the ${j.which} again from the file on the drive.`;
    case 'entity':
      return nl
        ? `${cmd} zet het hele bestand opnieuw over op basis van het pad (dit log heeft geen offsets).`
        : `${cmd} transfers the whole file again by its path (this log has no offsets).`;
  }
}

/** The sentence saying how the job kind was decided. */
export function jobKindReason(kind: JobKind, basis: JobKindBasis, e: { importDisposition: number; exportFields: number; importStatusCodes: number; exportStatusCodes: number; uploadCategories: number }, lang: Language): string {
  const nl = lang === 'nl';
  const n = (x: number): string => x.toLocaleString(nl ? 'nl-NL' : 'en-US');
  switch (basis) {
    case 'exportFields':
      return nl ? `Exportlog: ${n(e.exportFields)} blob(s) hebben Snapshot of LastModified, die alleen exportlogs hebben, en geen enkele heeft ImportDisposition.` : `Export log: ${n(e.exportFields)} blob(s) have Snapshot or LastModified, which only export logs carry, and none has ImportDisposition.`;
    case 'importDisposition':
      return nl ? `Importlog: ${n(e.importDisposition)} blob(s) hebben een ImportDisposition, die alleen importlogs hebben.` : `Import log: ${n(e.importDisposition)} blob(s) have an ImportDisposition, which only import logs carry.`;
    case 'conflict':
      return nl
        ? `Tegenstrijdig: ${n(e.importDisposition)} blob(s) met ImportDisposition (import) en ${n(e.exportFields)} met Snapshot/LastModified (export); de meerderheid geeft de doorslag (${kind === 'export' ? 'export' : 'import'}). Controleer of dit het juiste log is.`
        : `Conflicting: ${n(e.importDisposition)} blob(s) with ImportDisposition (import) and ${n(e.exportFields)} with Snapshot/LastModified (export); the majority decides (${kind}). Check that this is the right log.`;
    case 'statusCodes':
      return nl
        ? `${kind === 'export' ? 'Exportlog' : 'Importlog'} volgens de statuscodes: ${n(e.exportStatusCodes)} komen alleen bij export voor (BlobUnexpectedChange, BlobUnexpectedEnd), ${n(e.importStatusCodes)} alleen bij import (Committed, Uncommitted, FileUnexpectedEnd).`
        : `${kind === 'export' ? 'Export' : 'Import'} log by its status codes: ${n(e.exportStatusCodes)} only arise in exports (BlobUnexpectedChange, BlobUnexpectedEnd), ${n(e.importStatusCodes)} only in imports (Committed, Uncommitted, FileUnexpectedEnd).`;
    case 'dataBox2018':
      return nl ? 'Importlog: een DriveLog van versie 2018-10-01 (Data Box Disk) beschrijft een upload naar Azure.' : 'Import log: a version 2018-10-01 DriveLog (Data Box Disk) describes an upload to Azure.';
    case 'uploadCategory':
      return nl ? `Importlog: ${n(e.uploadCategories)} fout(en) hebben een categorie die met “Upload” begint.` : `Import log: ${n(e.uploadCategories)} error(s) have a Category starting with “Upload”.`;
    case 'none':
      return nl
        ? 'Onbekend: het log heeft geen ImportDisposition, geen Snapshot/LastModified en geen statuscodes die alleen bij export of import voorkomen.'
        : 'Unknown: the log has no ImportDisposition, no Snapshot/LastModified and no status codes that arise only in exports or imports.';
  }
}

/** Advice for the whole log, from the counts of repairable, not repairable and no-repair-needed failed items. */
export function adviceText(kind: JobKind, repairable: number, notRepairable: number, noRepairNeeded: number, lang: Language): string {
  const nl = lang === 'nl';
  const n = (x: number): string => x.toLocaleString(nl ? 'nl-NL' : 'en-US');
  const failed = repairable + notRepairable;
  const info =
    noRepairNeeded > 0
      ? nl
        ? ` ${n(noRepairNeeded)} item(s) zijn hernoemd of overgeslagen zoals de service of de importregels voorschrijven; daar valt niets aan te herstellen.`
        : ` ${n(noRepairNeeded)} item(s) were renamed or skipped as the service or the import rules say; there is nothing to repair there.`
      : '';
  if (failed === 0 && noRepairNeeded > 0) {
    return nl
      ? `Er hoeft niets hersteld te worden: ${n(noRepairNeeded)} item(s) zijn hernoemd of overgeslagen zoals de service of de importregels voorschrijven.`
      : `Nothing needs repairing: ${n(noRepairNeeded)} item(s) were renamed or skipped as the service or the import rules say.`;
  }
  if (failed === 0) return nl ? 'Er is niets mislukt: er valt niets te herstellen.' : 'Nothing failed: there is nothing to repair.';
  const rest =
    notRepairable > 0
      ? nl
        ? ` ${n(notRepairable)} item(s) zijn niet met een overdracht te herstellen; zie bij elk de volgende stap.`
        : ` ${n(notRepairable)} item(s) cannot be fixed by a transfer; see each one's next step.`
      : '';
  if (repairable === 0) return (nl ? 'Geen van de mislukte items is met een overdracht te herstellen.' : 'None of the failed items can be fixed by a transfer.') + rest + info;
  if (kind === 'unknown') {
    return (
      (nl
        ? 'Uit dit log blijkt niet of het van een export- of een importtaak komt: gebruik `waie RepairExport` voor een exportschijf en `waie RepairImport` voor een importschijf.'
        : 'This log does not show whether it comes from an export or an import job: use `waie RepairExport` for an export drive and `waie RepairImport` for an import drive.') + rest + info
    );
  }
  const cmd = kind === 'export' ? 'RepairExport' : 'RepairImport';
  return (nl ? `Start \`waie ${cmd}\` met dit kopieerlog: het herstelt ${n(repairable)} van de ${n(failed)} mislukte item(s).` : `Run \`waie ${cmd}\` with this copy log: it repairs ${n(repairable)} of the ${n(failed)} failed item(s).`) + rest + info;
}

/** Placeholders of the command line, per language. */
export function placeholders(lang: Language): { driveFolder: string; sourceFolders: string; account: string; key: string } {
  return lang === 'nl'
    ? { driveFolder: '<map of stationsletter van de schijf>', sourceFolders: '<mappen met de originele bestanden>', account: '<opslagaccount>', key: '<accountsleutel>' }
    : { driveFolder: '<drive folder or letter>', sourceFolders: '<folders holding the original files>', account: '<storage account>', key: '<account key>' };
}

/** Labels of the HTML report and the CLI output. */
export const LABELS = {
  en: {
    reportTitle: 'Copy log review',
    drive: 'drive',
    driveStatus: 'Drive status',
    whereDrive: 'Where the drive is',
    whereDriveNote: 'A copy log exists once the drive has been processed, so the drive is at least here (it may have been shipped back since).',
    jobKind: 'Export or import?',
    repair: 'Repair',
    commandLine: 'Command line (fill in the parts in < >)',
    numbers: 'In numbers',
    items: 'Items in the log',
    failedItems: 'Failed items',
    bytesTotal: 'Bytes listed in the log',
    bytesAffected: 'Bytes affected',
    ranges: 'Blocks and page ranges listed',
    failedRanges: 'Failed blocks and page ranges',
    sidecarFailures: 'Failed properties and metadata files',
    repairableItems: 'Repairable by a transfer',
    notRepairableItems: 'Not repairable by a transfer',
    charts: 'Status breakdown',
    chartBlob: 'Blob status',
    chartRange: 'Block and page range status',
    chartDisposition: 'Import rule (ImportDisposition) status',
    chartEntity: 'Errors by category',
    countsTable: 'The same counts as a table',
    status: 'Status',
    count: 'Count',
    meaning: 'Meaning',
    whereFailures: 'Where in each file the failures sit',
    whereFailuresNote: 'Grey: not failed. Coloured: failed blocks or page ranges (red: error, orange: warning). Hover a run for its byte range.',
    approx: 'positions approximate (many ranges)',
    failuresIn: 'Failures in',
    of: 'of',
    runs: 'failed run(s)',
    failures: 'Failed items',
    file: 'File',
    blob: 'Blob',
    what: 'What failed',
    bytes: 'Bytes',
    canRepair: 'Repair',
    nextStep: 'Next step',
    yes: 'yes',
    no: 'no',
    wholeFile: 'whole file',
    properties: 'properties',
    metadata: 'metadata',
    moreRanges: 'more ranges',
    notListed: (n: number, what: string) => `${n.toLocaleString('en-US')} more ${what} not listed here.`,
    dispositions: 'Import rules applied',
    dispositionsNote: 'Created blobs are only counted. Renamed: the BlobPath is the new name.',
    requested: 'Rule',
    renamedFrom: 'Original name (from the manifest)',
    manifest: 'Manifest',
    manifestMatch: 'DriveId matches the copy log',
    manifestMismatch: 'DriveId does NOT match the copy log (ManifestDriveIdMismatch): use the manifest of this drive.',
    notes: 'Notes',
    summaryCodes: 'Summary in the log',
    generated: 'Generated by waie from',
    noFailures: 'Nothing failed.',
    line: 'line',
    inManifest: 'in manifest',
    notInManifest: 'not in the manifest',
  },
  nl: {
    reportTitle: 'Beoordeling van het kopieerlog',
    drive: 'schijf',
    driveStatus: 'Status van de schijf',
    whereDrive: 'Waar de schijf is',
    whereDriveNote: 'Een kopieerlog bestaat pas als de schijf is verwerkt, dus de schijf is ten minste hier (ze kan inmiddels zijn teruggestuurd).',
    jobKind: 'Export of import?',
    repair: 'Herstellen',
    commandLine: 'Opdrachtregel (vul de delen tussen < > in)',
    numbers: 'In cijfers',
    items: 'Items in het log',
    failedItems: 'Mislukte items',
    bytesTotal: 'Bytes in het log',
    bytesAffected: 'Getroffen bytes',
    ranges: 'Blokken en paginabereiken in het log',
    failedRanges: 'Mislukte blokken en paginabereiken',
    sidecarFailures: 'Mislukte bestanden met eigenschappen en metagegevens',
    repairableItems: 'Te herstellen met een overdracht',
    notRepairableItems: 'Niet te herstellen met een overdracht',
    charts: 'Verdeling per status',
    chartBlob: 'Status van de blobs',
    chartRange: 'Status van blokken en paginabereiken',
    chartDisposition: 'Status van de importregel (ImportDisposition)',
    chartEntity: 'Fouten per categorie',
    countsTable: 'Dezelfde aantallen als tabel',
    status: 'Status',
    count: 'Aantal',
    meaning: 'Betekenis',
    whereFailures: 'Waar de fouten in elk bestand zitten',
    whereFailuresNote: 'Grijs: niet mislukt. Gekleurd: mislukte blokken of paginabereiken (rood: fout, oranje: waarschuwing). Wijs een stuk aan voor het bytebereik.',
    approx: 'posities bij benadering (veel bereiken)',
    failuresIn: 'Fouten in',
    of: 'van',
    runs: 'mislukt(e) stuk(ken)',
    failures: 'Mislukte items',
    file: 'Bestand',
    blob: 'Blob',
    what: 'Wat mislukte',
    bytes: 'Bytes',
    canRepair: 'Herstel',
    nextStep: 'Volgende stap',
    yes: 'ja',
    no: 'nee',
    wholeFile: 'hele bestand',
    properties: 'eigenschappen',
    metadata: 'metagegevens',
    moreRanges: 'bereiken meer',
    notListed: (n: number, what: string) => `Nog ${n.toLocaleString('nl-NL')} ${what} staan hier niet.`,
    dispositions: 'Toegepaste importregels',
    dispositionsNote: 'Gemaakte blobs (Created) worden alleen geteld. Renamed: het BlobPath is de nieuwe naam.',
    requested: 'Regel',
    renamedFrom: 'Oorspronkelijke naam (uit het manifest)',
    manifest: 'Manifest',
    manifestMatch: 'DriveId komt overeen met het kopieerlog',
    manifestMismatch: 'DriveId komt NIET overeen met het kopieerlog (ManifestDriveIdMismatch): gebruik het manifest van deze schijf.',
    notes: 'Opmerkingen',
    summaryCodes: 'Samenvatting in het log',
    generated: 'Gemaakt door waie uit',
    noFailures: 'Er is niets mislukt.',
    line: 'regel',
    inManifest: 'in het manifest',
    notInManifest: 'niet in het manifest',
  },
} as const;

/** Notes of the review in one language. */
export function noteTexts(lang: Language): {
  copyLog2021: string;
  verbose2021: string;
  capped: (listed: number, total: number) => string;
  noDriveStatusTitle: string;
  noDriveStatusExplanation: string;
  noDriveStatusNext: string;
  manifestMismatch: (m: string, l: string) => string;
  jobKindUnknown: string;
} {
  if (lang === 'nl') {
    return {
      copyLog2021: 'Dit kopieerlog van 2021-08-01 noemt mislukte bestanden alleen bij hun pad, zonder offsets of MD5-hashes: elk bestand wordt in zijn geheel opnieuw overgezet.',
      verbose2021: 'Dit is een uitgebreid log van 2021-08-01: het noemt alleen de gekopieerde bestanden. Wat mislukte staat in het bijbehorende kopieerlog (…_CopyLog_….xml).',
      capped: (listed, total) => `Alleen de eerste ${listed.toLocaleString('nl-NL')} van ${total.toLocaleString('nl-NL')} mislukte items worden genoemd; de aantallen tellen ze allemaal.`,
      noDriveStatusTitle: 'Geen schijfstatus in dit log',
      noDriveStatusExplanation: 'Dit log vermeldt de status van de schijf niet (uitgebreide logs van 2021 noemen alleen gekopieerde bestanden).',
      noDriveStatusNext: 'Bekijk het bijbehorende kopieerlog (…_CopyLog_….xml) met `waie Review`.',
      manifestMismatch: (m, l) => `Het manifest is van schijf ${m}, het kopieerlog van schijf ${l} (ManifestDriveIdMismatch): gebruik het manifest van deze schijf.`,
      jobKindUnknown: 'Of dit een export- of importlog is, valt uit het log niet op te maken; kies zelf `waie RepairExport` (export) of `waie RepairImport` (import).',
    };
  }
  return {
    copyLog2021: 'This 2021-08-01 copy log names failed files by path only, without offsets or MD5 hashes: each is transferred again as a whole file.',
    verbose2021: 'This is a 2021-08-01 verbose log: it lists copied files only. What failed is in the matching copy log (…_CopyLog_….xml).',
    capped: (listed, total) => `Only the first ${listed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} failed items are listed; the counts include them all.`,
    noDriveStatusTitle: 'No drive status in this log',
    noDriveStatusExplanation: 'This log does not state the drive’s status (2021 verbose logs list copied files only).',
    noDriveStatusNext: 'Review the matching copy log (…_CopyLog_….xml) with `waie Review`.',
    manifestMismatch: (m, l) => `The manifest is of drive ${m}, the copy log of drive ${l} (ManifestDriveIdMismatch): use the manifest of this drive.`,
    jobKindUnknown: 'Whether this is an export or an import log cannot be told from the log; choose `waie RepairExport` (export) or `waie RepairImport` (import) yourself.',
  };
}
