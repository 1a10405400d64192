/**
 * `waie Review` (issue 8) and the wizard's future `review.run` channel: reads a copy log once, as a
 * stream, and builds the {@link ReviewModel}: the copy-log step's summary (built by the same
 * {@link CopyLogSummaryBuilder}) plus the drive status explained, export or import and how that was
 * decided, which command repairs each failure, counts per table, import dispositions, chart series and
 * failure strips. With a manifest, a second stream over it checks the DriveId and names the original
 * blob of renamed imports.
 *
 * Works on every variant of formats.md §1 (2014-11-01, no Version, 2018-10-01, 2021-08-01 CopyLog and
 * verbose log). Memory is bounded whatever the log's size: counts are numbers (at most 256 distinct
 * codes per table), lists are capped ({@link DEFAULT_REVIEW_LIMITS}); only the blob being read is held
 * whole (the reader's own bound).
 */
import type { CopyLogBlob, ErroredEntity } from '../../../src-shared/formats/types.ts';
import type { FailedBlobSummary } from '../../../src-shared/ipc/contract.ts';
import { driveStateForLogStatus } from '../../../src-shared/lifecycle/index.ts';
import {
  buildStrip,
  CHART_CATEGORIES,
  type CountBar,
  type JobKind,
  type JobKindBasis,
  type JobKindDecision,
  type RepairCommand,
  type ReviewDisposition,
  type ReviewFailure,
  type ReviewLimits,
  type ReviewModel,
} from '../../../src-shared/review/index.ts';
import { describeStatus, isCompletedStatus, lookupStatus, type Language, type StatusCategory, type StatusSeverity } from '../../../src-shared/status/index.ts';
import { readCopyLog } from '../../engine/formats/copy-log.ts';
import { readManifest } from '../../engine/formats/manifest.ts';
import { CopyLogSummaryBuilder, countCode, OTHER_STATUS } from '../copy-log-summary.ts';
import { adviceText, jobKindReason, judgementText, noteTexts, placeholders, type JudgementKey } from './texts.ts';

/** Default caps of the lists (counts are never capped). */
export const DEFAULT_REVIEW_LIMITS: ReviewLimits = Object.freeze({ failures: 1000, rangesPerFailure: 100, dispositions: 1000, stripSegments: 200 });

/** Options of {@link reviewCopyLog}. */
export interface ReviewOptions {
  /** A drive manifest to check against (DriveId, blob count, original names of renamed imports). */
  manifestPath?: string;
  /** Language of the texts in the model (default `en`). */
  lang?: Language;
  /** Caps of the lists (defaults {@link DEFAULT_REVIEW_LIMITS}). */
  limits?: Partial<ReviewLimits>;
  /** Called after each chunk of the copy log with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /**
   * Called for every failed item as it is read (not capped), with the judgement known so far:
   * `command` and `why` are filled in only in the final model (the job kind is decided at the end).
   */
  onFailure?: (f: ReviewFailure) => void;
  signal?: AbortSignal;
}

const SEVERITY_RANK: Readonly<Record<StatusSeverity, number>> = { ok: 0, warning: 1, error: 2 };
const worse = (a: StatusSeverity, b: StatusSeverity): StatusSeverity => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a);

/** Catalogue entry of a code in `category`, falling back to the 2018-10-01 `dataBox` codes (as describeStatus does). */
function entryOf(category: StatusCategory, code: string): ReturnType<typeof lookupStatus> {
  return lookupStatus(category, code) ?? lookupStatus('dataBox', code);
}

/** True for the 2018-10-01 codes that mean "arrived under another name or place" (not a failure of the data). */
function isRenamedCode(code: string): boolean {
  return isCompletedStatus('dataBox', code);
}

interface Judged {
  repairable: boolean;
  judgement: JudgementKey;
  nextStep: string;
  severity: StatusSeverity;
  statusTitle: string;
}

/**
 * Judges one failed DriveLog item (blob or 2018-10-01 file) from its codes. The result does not depend
 * on the job kind (only the command does): whole-blob codes, range codes and metadata/properties codes
 * are looked up in the catalogue (`repairable`); unknown codes count as repairable (a retry is
 * harmless; the catalogue's unknown-code text says so).
 */
export function judgeBlob(b: CopyLogBlob, lang: Language): Judged {
  const blobDesc = describeStatus('blob', b.status, lang);
  let severity: StatusSeverity = b.status === 'Completed' ? 'ok' : blobDesc.severity;
  const rangeFails = b.ranges.filter((r) => r.status !== 'Completed');
  for (const st of new Set(rangeFails.map((r) => r.status))) severity = worse(severity, describeStatus('range', st, lang).severity);
  const side: Array<{ which: 'properties' | 'metadata'; status: string }> = [];
  if (b.properties && b.properties.status !== 'Completed') side.push({ which: 'properties', status: b.properties.status });
  if (b.metadata && b.metadata.status !== 'Completed') side.push({ which: 'metadata', status: b.metadata.status });
  for (const s of side) severity = worse(severity, describeStatus('sidecar', s.status, lang).severity);
  const base = { severity, statusTitle: blobDesc.title };
  const disp = b.importDisposition?.status?.trim().toLowerCase();
  if (disp === 'skipped') return { ...base, repairable: false, judgement: { key: 'skipped' }, nextStep: describeStatus('importDisposition', 'Skipped', lang).nextStep };
  if (isRenamedCode(b.status) && rangeFails.length === 0 && side.length === 0) {
    return { ...base, severity: 'warning', repairable: false, judgement: { key: 'renamed', status: b.status }, nextStep: blobDesc.nextStep };
  }
  if (b.kind === 'file') return { ...base, repairable: false, judgement: { key: 'fileItem' }, nextStep: blobDesc.nextStep };
  const wholeFailed = b.status !== 'Completed' && b.status !== 'CompletedWithErrors' && !isRenamedCode(b.status);
  if (wholeFailed) {
    const e = entryOf('blob', b.status);
    if (e && !e.repairable) return { ...base, repairable: false, judgement: { key: 'notRepairable', status: b.status, title: blobDesc.title }, nextStep: blobDesc.nextStep };
  }
  for (const st of new Set(rangeFails.map((r) => r.status))) {
    const e = lookupStatus('range', st);
    if (e && !e.repairable) {
      const d = describeStatus('range', st, lang);
      return { ...base, repairable: false, judgement: { key: 'notRepairable', status: st, title: d.title }, nextStep: d.nextStep };
    }
  }
  for (const s of side) {
    const e = lookupStatus('sidecar', s.status);
    if (e && !e.repairable) {
      const d = describeStatus('sidecar', s.status, lang);
      return { ...base, repairable: false, judgement: { key: 'notRepairable', status: s.status, title: d.title }, nextStep: d.nextStep };
    }
  }
  const whole = wholeFailed || rangeFails.some((r) => r.status === 'Cancelled') || disp === 'cancelled';
  if (whole) return { ...base, repairable: true, judgement: { key: 'whole' }, nextStep: wholeFailed ? blobDesc.nextStep : describeStatus('range', 'Cancelled', lang).nextStep };
  if (rangeFails.length > 0) return { ...base, repairable: true, judgement: { key: 'ranges', n: rangeFails.length }, nextStep: describeStatus('range', rangeFails[0]!.status, lang).nextStep };
  const first = side[0];
  if (first) {
    return { ...base, repairable: true, judgement: { key: 'sidecar', which: first.which === 'properties' ? (lang === 'nl' ? 'eigenschappen' : 'properties') : lang === 'nl' ? 'metagegevens' : 'metadata' }, nextStep: describeStatus('sidecar', first.status, lang).nextStep };
  }
  return { ...base, repairable: true, judgement: { key: 'whole' }, nextStep: blobDesc.nextStep };
}

/**
 * Judges a 2021-08-01 `<ErroredEntity>` by its Category (else ErrorCode): renamed/moved codes are not
 * failures of the data; a `Type` other than `File`/`Blob` (a container or share) has nothing to
 * transfer; `CloudFormat` `AzureFile` is not repaired (waie repairs blobs); anything else is repaired
 * whole by path.
 */
export function judgeEntity(e: ErroredEntity, lang: Language): Judged {
  const code = e.category ?? e.errorCode ?? 'Failed';
  const d = describeStatus('dataBox', code, lang);
  const severity: StatusSeverity = d.known ? d.severity : 'error';
  const base = { severity, statusTitle: d.known ? d.title : code };
  if (isRenamedCode(code)) return { ...base, severity: 'warning', repairable: false, judgement: { key: 'renamed', status: code }, nextStep: d.nextStep };
  const type = e.type?.trim() ?? '';
  if (type !== '' && !/^(file|blob)$/i.test(type)) return { ...base, repairable: false, judgement: { key: 'containerEntity', type }, nextStep: d.nextStep };
  if (/^azurefile$/i.test(e.cloudFormat)) return { ...base, repairable: false, judgement: { key: 'fileItem' }, nextStep: d.nextStep };
  return { ...base, repairable: true, judgement: { key: 'entity' }, nextStep: d.nextStep };
}

/** Decides export/import from the evidence counted (see {@link JobKindBasis} for the order). */
export function decideJobKind(ev: JobKindDecision['evidence'], version: string | undefined, lang: Language): JobKindDecision {
  let kind: JobKind = 'unknown';
  let basis: JobKindBasis = 'none';
  if (ev.exportFields > 0 && ev.importDisposition === 0) [kind, basis] = ['export', 'exportFields'];
  else if (ev.importDisposition > 0 && ev.exportFields === 0) [kind, basis] = ['import', 'importDisposition'];
  else if (ev.importDisposition > 0 && ev.exportFields > 0) [kind, basis] = [ev.exportFields >= ev.importDisposition ? 'export' : 'import', 'conflict'];
  else if (ev.importStatusCodes !== ev.exportStatusCodes) [kind, basis] = [ev.exportStatusCodes > ev.importStatusCodes ? 'export' : 'import', 'statusCodes'];
  else if (version?.trim() === '2018-10-01') [kind, basis] = ['import', 'dataBox2018'];
  else if (ev.uploadCategories > 0) [kind, basis] = ['import', 'uploadCategory'];
  return { kind, basis, reason: jobKindReason(kind, basis, ev, lang), evidence: { ...ev } };
}

function bars(counts: Record<string, number>, category: StatusCategory, lang: Language, errorIfUnknown = false): CountBar[] {
  return Object.entries(counts)
    .map(([code, count]): CountBar => {
      if (code === OTHER_STATUS) return { code, count, severity: 'warning', title: lang === 'nl' ? 'andere codes' : 'other codes' };
      const d = describeStatus(category, code, lang);
      return { code, count, severity: !d.known && errorIfUnknown ? 'error' : d.severity, title: d.known ? d.title : code };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

const quote = (s: string): string => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '')}"` : s);

/** The command line to adapt, with `<…>` placeholders for what a log cannot know. */
export function repairCommandLine(cmd: RepairCommand, copyLogPath: string, driveId: string | undefined, manifestPath: string | undefined, lang: Language): string {
  const ph = placeholders(lang);
  const rep = `/r:${driveId ? `${driveId.replace(/[^A-Za-z0-9._-]/g, '_')}.rep` : 'repair.rep'}`;
  const d = cmd === 'RepairExport' ? quote(`/d:${ph.driveFolder}`) : quote(`/d:${ph.sourceFolders}`);
  const tail = cmd === 'RepairExport' && manifestPath ? ` ${quote(`/ManifestFile:${manifestPath}`)}` : '';
  return `waie ${cmd} ${rep} ${d} ${quote(`/sn:${ph.account}`)} ${quote(`/sk:${ph.key}`)} ${quote(`/CopyLogFile:${copyLogPath}`)}${tail}`;
}

/** Judgements that mean "nothing failed" (renamed by the service, skipped by an import rule): counted apart. */
const NO_REPAIR_NEEDED: ReadonlySet<JudgementKey['key']> = new Set(['renamed', 'skipped']);

interface Pending {
  failure: ReviewFailure;
  judgement: JudgementKey;
}

/**
 * Reviews the copy log at `copyLogPath` (every variant of formats.md §1), streaming it once (and the
 * manifest once when given).
 *
 * @returns the {@link ReviewModel}; its counts are complete, its lists capped by `limits`
 * @throws WaieError `XML_PARSE` (file, line, column) for a malformed log, `FILE_READ` when it cannot be
 *   read, `MANIFEST_INVALID` for a malformed manifest; the signal's reason when aborted
 */
export async function reviewCopyLog(copyLogPath: string, options: ReviewOptions = {}): Promise<ReviewModel> {
  const lang: Language = options.lang === 'nl' ? 'nl' : 'en';
  const limits: ReviewLimits = { ...DEFAULT_REVIEW_LIMITS, ...options.limits };
  const pending: Pending[] = [];
  let repairable = 0;
  let notRepairable = 0;
  let noRepairNeeded = 0;
  const makeBlob = (b: CopyLogBlob, base: FailedBlobSummary): ReviewFailure => {
    const j = judgeBlob(b, lang);
    const rangeFails = b.ranges.filter((r) => r.status !== 'Completed');
    const f: ReviewFailure = {
      ...base,
      failedRanges: base.failedRanges.slice(0, limits.rangesPerFailure),
      kind: b.kind,
      length: b.length,
      statusTitle: j.statusTitle,
      severity: j.severity,
      failedRangeCount: rangeFails.length,
      repairable: j.repairable,
      why: '',
      nextStep: j.nextStep,
      line: b.line,
    };
    if (b.importDisposition) f.disposition = { ...(b.importDisposition.value ? { requested: b.importDisposition.value } : {}), ...(b.importDisposition.status ? { status: b.importDisposition.status } : {}) };
    const stripRanges =
      base.whole && b.status !== 'Completed' && b.status !== 'CompletedWithErrors'
        ? [{ offset: 0, length: b.length, status: b.status, severity: j.severity }]
        : rangeFails.map((r) => ({ offset: r.offset, length: r.length, status: r.status, severity: describeStatus('range', r.status, lang).severity }));
    if (stripRanges.length > 0 && !NO_REPAIR_NEEDED.has(j.judgement.key)) f.strip = buildStrip(b.length, stripRanges, limits.stripSegments);
    return record(f, j);
  };
  const makeEntity = (e: ErroredEntity, base: FailedBlobSummary): ReviewFailure => {
    const j = judgeEntity(e, lang);
    const f: ReviewFailure = {
      ...base,
      status: e.category ?? e.errorCode ?? 'Failed',
      kind: 'entity',
      statusTitle: j.statusTitle,
      severity: j.severity,
      failedRangeCount: 0,
      repairable: j.repairable,
      why: '',
      nextStep: j.nextStep,
      line: e.line,
      entity: {
        ...(e.category !== undefined ? { category: e.category } : {}),
        ...(e.errorCode !== undefined ? { errorCode: e.errorCode } : {}),
        ...(e.errorMessage !== undefined ? { errorMessage: e.errorMessage } : {}),
        ...(e.type !== undefined ? { type: e.type } : {}),
        ...(e.cloudFormat ? { cloudFormat: e.cloudFormat } : {}),
      },
    };
    return record(f, j);
  };
  const record = (f: ReviewFailure, j: Judged): ReviewFailure => {
    if (j.repairable) repairable++;
    else if (NO_REPAIR_NEEDED.has(j.judgement.key)) noRepairNeeded++;
    else notRepairable++;
    if (pending.length < limits.failures) pending.push({ failure: f, judgement: j.judgement });
    return f;
  };
  const builder = new CopyLogSummaryBuilder<ReviewFailure>(copyLogPath, { blob: makeBlob, entity: makeEntity }, limits.failures);

  const evidence: JobKindDecision['evidence'] = { importDisposition: 0, exportFields: 0, importStatusCodes: 0, exportStatusCodes: 0, uploadCategories: 0 };
  const counts: ReviewModel['counts'] = { blob: {}, range: {}, metadata: {}, properties: {}, disposition: {}, entityCategory: {} };
  const totals: ReviewModel['totals'] = { items: 0, bytes: 0, ranges: 0, failedRanges: 0, sidecarFailures: 0 };
  const dispositions: ReviewDisposition[] = [];
  let dispositionsNotListed = 0;
  let summaryCodes: ReviewModel['summaryCodes'] = [];

  for await (const item of readCopyLog(copyLogPath, options.onProgress ? { onProgress: options.onProgress } : {})) {
    options.signal?.throwIfAborted();
    const f = builder.add(item);
    if (f) options.onFailure?.(f);
    if (item.type === 'blob') {
      const b = item.blob;
      totals.bytes += b.length;
      totals.ranges += b.ranges.length;
      for (const r of b.ranges) {
        if (r.status !== 'Completed') totals.failedRanges++;
        if (r.status === 'Committed' || r.status === 'Uncommitted' || r.status === 'FileUnexpectedEnd') evidence.importStatusCodes++;
        else if (r.status === 'BlobUnexpectedEnd') evidence.exportStatusCodes++;
      }
      if (b.status === 'BlobUnexpectedChange') evidence.exportStatusCodes++;
      if (b.snapshot !== undefined || b.lastModified !== undefined) evidence.exportFields++;
      if (b.properties) {
        countCode(counts.properties, b.properties.status);
        if (b.properties.status !== 'Completed') totals.sidecarFailures++;
      }
      if (b.metadata) {
        countCode(counts.metadata, b.metadata.status);
        if (b.metadata.status !== 'Completed') totals.sidecarFailures++;
      }
      if (b.importDisposition) {
        evidence.importDisposition++;
        const st = b.importDisposition.status?.trim() || '(none)';
        countCode(counts.disposition, st);
        if (st !== '(none)' && st.toLowerCase() !== 'created') {
          if (dispositions.length < limits.dispositions) {
            const d = describeStatus('importDisposition', st, lang);
            dispositions.push({ blobPath: b.blobPath, filePath: b.filePath, ...(b.importDisposition.value ? { requested: b.importDisposition.value } : {}), status: st, statusTitle: d.title, severity: d.severity, line: b.line });
          } else dispositionsNotListed++;
        }
      }
    } else if (item.type === 'entity') {
      const cat = item.entity.category ?? item.entity.errorCode ?? 'Failed';
      countCode(counts.entityCategory, cat);
      if (/^upload/i.test(cat)) evidence.uploadCategories++;
    } else if (item.type === 'verboseFile') {
      totals.bytes += item.file.size;
    } else if (item.type === 'end') {
      summaryCodes = item.summary;
    }
  }
  const summary = builder.finish();
  totals.items = summary.blobCount;
  counts.blob = summary.countsByBlobStatus;
  counts.range = summary.countsByRangeStatus;

  const jobKind = decideJobKind(evidence, summary.version, lang);
  const command: RepairCommand | undefined = jobKind.kind === 'export' ? 'RepairExport' : jobKind.kind === 'import' ? 'RepairImport' : undefined;
  for (const p of pending) {
    p.failure.why = judgementText(p.judgement, jobKind.kind, lang);
    if (command && p.failure.repairable) p.failure.command = command;
  }

  const notes = noteTexts(lang);
  const driveDesc =
    summary.driveStatus !== undefined
      ? describeStatus('drive', summary.driveStatus, lang)
      : { title: notes.noDriveStatusTitle, explanation: notes.noDriveStatusExplanation, nextStep: notes.noDriveStatusNext, severity: 'warning' as StatusSeverity, known: false };

  const model: ReviewModel = {
    ...summary,
    lang,
    failedBlobs: summary.failedBlobs,
    failuresNotListed: summary.failedBlobCount - summary.failedBlobs.length,
    notes: [],
    drive: {
      ...(summary.driveStatus !== undefined ? { status: summary.driveStatus } : {}),
      severity: driveDesc.severity,
      title: driveDesc.title,
      explanation: driveDesc.explanation,
      nextStep: driveDesc.nextStep,
      known: driveDesc.known,
      ...(summary.driveStatus !== undefined ? { lifecycleState: driveStateForLogStatus(summary.driveStatus) } : {}),
    },
    jobKind,
    repair: {
      ...(command && repairable > 0 ? { command, commandLine: repairCommandLine(command, copyLogPath, summary.driveId, options.manifestPath, lang) } : {}),
      repairable,
      notRepairable,
      noRepairNeeded,
      advice: adviceText(jobKind.kind, repairable, notRepairable, noRepairNeeded, lang),
    },
    totals,
    counts,
    summaryCodes,
    charts: {
      blobStatus: bars(counts.blob, CHART_CATEGORIES.blobStatus, lang),
      rangeStatus: bars(counts.range, CHART_CATEGORIES.rangeStatus, lang),
      dispositionStatus: bars(counts.disposition, CHART_CATEGORIES.dispositionStatus, lang),
      entityCategory: bars(counts.entityCategory, CHART_CATEGORIES.entityCategory, lang, true),
    },
    dispositions,
    dispositionsNotListed,
    limits,
  };
  if (summary.variant === 'CopyLog2021') model.notes.push(notes.copyLog2021);
  if (summary.variant === 'VerboseLog2021') model.notes.push(notes.verbose2021);
  if (model.failuresNotListed > 0) model.notes.push(notes.capped(model.failedBlobs.length, summary.failedBlobCount));
  if (jobKind.kind === 'unknown' && summary.failedBlobCount > 0) model.notes.push(notes.jobKindUnknown);

  if (options.manifestPath) await addManifest(model, options.manifestPath, options.signal);
  if (model.manifest?.driveIdMatches === false) model.notes.push(notes.manifestMismatch(model.manifest.driveId, model.driveId ?? ''));
  return model;
}

/** Streams the manifest: DriveId check, totals, which listed failures it holds, original names of renamed imports. */
async function addManifest(model: ReviewModel, manifestPath: string, signal: AbortSignal | undefined): Promise<void> {
  const key = (p: string): string => p.toLowerCase();
  const failures = new Map<string, ReviewFailure[]>();
  for (const f of model.failedBlobs) {
    if (f.kind === 'entity') continue;
    f.inManifest = false;
    const list = failures.get(key(f.filePath)) ?? [];
    list.push(f);
    failures.set(key(f.filePath), list);
  }
  const renamed = new Map<string, ReviewDisposition[]>();
  for (const d of model.dispositions) {
    if (d.status.toLowerCase() !== 'renamed') continue;
    const list = renamed.get(key(d.filePath)) ?? [];
    list.push(d);
    renamed.set(key(d.filePath), list);
  }
  let driveId = '';
  let version: string | undefined;
  let blobs = 0;
  let bytes = 0;
  for await (const item of readManifest(manifestPath)) {
    signal?.throwIfAborted();
    if (item.type === 'drive') {
      driveId = item.driveId;
      version = item.version;
    } else if (item.type === 'blob') {
      blobs++;
      bytes += item.blob.length;
      const k = key(item.blob.filePath);
      for (const f of failures.get(k) ?? []) f.inManifest = true;
      for (const d of renamed.get(k) ?? []) if (d.blobPath !== item.blob.blobPath) d.originalBlobPath = item.blob.blobPath;
    }
  }
  model.manifest = {
    path: manifestPath,
    driveId,
    ...(version !== undefined ? { version } : {}),
    blobs,
    bytes,
    ...(model.driveId ? { driveIdMatches: model.driveId.trim().toLowerCase() === driveId.trim().toLowerCase() } : {}),
  };
}
