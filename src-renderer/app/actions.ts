/**
 * Everything the wizard asks the host, in one place: each action calls one or more channels of the
 * {@link WindowApi} and puts what comes back into the stores. Components call these; they never call
 * the API themselves.
 */
import type { i18n as I18n } from 'i18next';
import type { ApiResult, AppInfo, ParamsOf, WindowApi } from '../../src-shared/ipc/contract.ts';
import type { RepairExportRequest, RepairImportRequest, StorageCredentials } from '../../src-shared/engine-protocol.ts';
import type { RepairCommand } from '../../src-shared/review/index.ts';
import type { DownloadedLog, FoundLog, LogListing } from '../../src-shared/logs/index.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';
import { toUiLanguage } from '../i18n/language.ts';
import { basename, defaultOutputDir, defaultRepairFile, joinPath } from '../lib/paths.ts';
import { useWizardStore, wizard, type Task } from '../stores/wizard.ts';
import { credentialsKey, credentialsOf, inputs, sourceDirsOf, useInputsStore, type InputsState } from '../stores/inputs.ts';
import { knownDriveId, useCopyLogStore, type CopyLogState } from '../stores/copy-log.ts';
import { usePreflightStore } from '../stores/preflight.ts';
import { applyHostState, handleEngineEvent, job, kindOfResult, useJobStore } from '../stores/job.ts';
import { reviewKey, reviewStore, useReviewStore } from '../stores/review.ts';
import { files } from '../stores/files.ts';
import { useSettingsStore } from '../stores/settings.ts';
import type { Settings } from '../../src-shared/ipc/contract.ts';

/** A result for an action that could not even be tried (nothing to send). */
function notPossible(detail: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code: 'BAD_INPUT', title: 'Not possible yet', detail } };
}

// ── Start-up ────────────────────────────────────────────────────────────────

/**
 * Subscribes to engine events, reads app.info, the settings and the job's current state (a reloaded
 * window shows a running repair at once). Returns the unsubscribe function.
 */
export function bootstrap(api: WindowApi, i18n: I18n): () => void {
  const off = api.onEvent(handleEngineEvent);
  void (async () => {
    const [info, settings, state] = await Promise.all([api['app.info'](), api['settings.get'](), api['repair.state']()]);
    if (info.ok) useSettingsStore.setState({ appInfo: info.value, loadError: undefined });
    else useSettingsStore.setState({ loadError: info.error });
    if (settings.ok) {
      useSettingsStore.setState({ settings: settings.value });
      if (settings.value.rememberAccount && settings.value.accountName && useInputsStore.getState().accountName === '') {
        inputs.set({ accountName: settings.value.accountName });
      }
    }
    const saved = settings.ok ? settings.value.language : undefined;
    const system = info.ok ? systemLanguageOf(info.value) : undefined;
    if (saved) await i18n.changeLanguage(saved);
    else if (system) await i18n.changeLanguage(toUiLanguage(system));
    if (state.ok) {
      applyHostState(state.value);
      const w = useWizardStore.getState();
      if (w.step === 'start' && state.value.status !== 'idle') {
        // A window that reloads during (or after) a repair shows it at once, in the task it belongs to.
        const v = state.value;
        const importJob = (v.status === 'running' && v.job === 'RepairImport') || (v.status === 'done' && kindOfResult(v.result) === 'RepairImport');
        wizard.chooseTask(w.task ?? (importJob ? 'repairImport' : 'repair'));
        wizard.goTo(state.value.status === 'done' ? 'report' : 'repair');
      }
    }
  })();
  return off;
}

/**
 * The "system language": the desktop's (Electron) or, in the browser host, the browser's own — the
 * person at the browser may not share the server's language.
 */
export function systemLanguageOf(info: AppInfo): string {
  return info.host === 'browser' ? navigator.language : info.systemLanguage;
}

/** Follows the system language (`system`) or a fixed one, and keeps the choice in the app's settings. */
export async function chooseLanguage(api: WindowApi, i18n: I18n, choice: 'system' | 'en' | 'nl'): Promise<void> {
  const { appInfo, settings } = useSettingsStore.getState();
  const next: Settings = { ...settings };
  if (choice === 'system') delete next.language;
  else next.language = choice;
  useSettingsStore.setState({ settings: next });
  const lang = choice === 'system' ? toUiLanguage(appInfo ? systemLanguageOf(appInfo) : navigator.language) : choice;
  await i18n.changeLanguage(lang);
  const saved = await api['settings.set'](next);
  if (saved.ok) useSettingsStore.setState({ settings: saved.value });
}

// ── Start: the sample job ──────────────────────────────────────────────────

/** Prepares the sample job, fills every field from it and goes to the Plan step. */
export async function trySample(api: WindowApi): Promise<ApiResult<unknown>> {
  const r = await api['sample.prepare']();
  if (!r.ok) return r;
  const s = r.value;
  inputs.reset();
  inputs.set({
    targetSource: 'folder',
    folder: s.driveDir,
    targetDir: s.driveDir,
    copyLogFile: s.copyLogFile,
    manifestFile: s.manifestFile,
    accountName: s.credentials.accountName,
    credentialKind: s.credentials.containerSas ? 'sas' : 'key',
    secret: s.credentials.containerSas ?? s.credentials.accountKey ?? '',
    blobEndpoint: s.credentials.blobEndpoint ?? '',
    repairFile: s.repairFile,
    logDir: s.logDir,
    outputEdited: true,
  });
  wizard.chooseTask('repair');
  wizard.goTo('plan');
  // The earlier steps' summaries, so going back shows them filled in.
  void inspectCopyLog(api, s.copyLogFile);
  void inspectManifest(api, s.manifestFile);
  void testConnection(api);
  return r;
}

// ── Drive ───────────────────────────────────────────────────────────────────

export async function listDrives(api: WindowApi): Promise<void> {
  const driveId = knownDriveId(useCopyLogStore.getState());
  const key = driveId ?? '';
  usePreflightStore.setState({ drives: { status: 'loading', key } });
  const r = await api['drives.list'](driveId ? { driveId } : {});
  usePreflightStore.setState({ drives: r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error } });
}

/** Unlocks a BitLocker volume with its recovery password; on success the volume's mount path is the target. */
export async function unlockDrive(api: WindowApi, volumeId: string, recoveryPassword: string): Promise<ApiResult<{ mountPath: string }>> {
  const r = await api['drives.unlock']({ volumeId, recoveryPassword });
  if (r.ok) {
    const vol = usePreflightStore.getState().drives;
    const serial = vol.status === 'ready' ? vol.value.find((v) => v.id === volumeId)?.serialNumber : undefined;
    inputs.set({ targetSource: 'volume', volumeId, volumeSerial: serial, targetDir: r.value.mountPath });
    void listDrives(api);
  }
  return r;
}

// ── Copy log and manifest ───────────────────────────────────────────────────

function setSummary<K extends keyof CopyLogState>(field: K, value: CopyLogState[K]): void {
  useCopyLogStore.setState({ [field]: value } as Pick<CopyLogState, K>);
}

function currentKey(field: keyof CopyLogState): string | undefined {
  const l = useCopyLogStore.getState()[field];
  return l.status === 'idle' ? undefined : l.key;
}

/** Reads what the copy log at `path` says (copyLog.inspect). Only the answer for the latest path is kept. */
export async function inspectCopyLog(api: WindowApi, path: string): Promise<void> {
  const key = path.trim();
  if (key === '') return setSummary('copyLog', { status: 'idle' });
  setSummary('copyLog', { status: 'loading', key });
  const r = await api['copyLog.inspect']({ path: key });
  if (currentKey('copyLog') !== key) return;
  setSummary('copyLog', r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error });
}

/** Reads the drive manifest at `path` (manifest.inspect). */
export async function inspectManifest(api: WindowApi, path: string): Promise<void> {
  const key = path.trim();
  if (key === '') return setSummary('manifest', { status: 'idle' });
  setSummary('manifest', { status: 'loading', key });
  const r = await api['manifest.inspect']({ path: key });
  if (currentKey('manifest') !== key) return;
  setSummary('manifest', r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error });
}

/** Looks for the manifest on the drive root (manifest.find) when none is given yet. */
export async function findManifest(api: WindowApi): Promise<void> {
  const { targetDir, manifestFile } = useInputsStore.getState();
  if (targetDir.trim() === '' || manifestFile.trim() !== '') return;
  const driveId = knownDriveId(useCopyLogStore.getState());
  const r = await api['manifest.find']({ driveRoot: targetDir, ...(driveId ? { driveId } : {}) });
  if (!r.ok || !r.value || useInputsStore.getState().manifestFile.trim() !== '') return;
  inputs.set({ manifestFile: r.value.path, manifestFound: true });
  await inspectManifest(api, r.value.path);
}

// ── Storage account ─────────────────────────────────────────────────────────

/** Tests read access with the credentials (storage.test) before anything is written. */
export async function testConnection(api: WindowApi): Promise<void> {
  const s = useInputsStore.getState();
  const key = credentialsKey(s);
  usePreflightStore.setState({ connection: { status: 'loading', key } });
  const params: ParamsOf<'storage.test'> = { credentials: credentialsOf(s) };
  if (s.copyLogFile.trim()) params.copyLogPath = s.copyLogFile.trim();
  if (s.manifestFile.trim()) params.manifestPath = s.manifestFile.trim();
  const r = await api['storage.test'](params);
  const now = usePreflightStore.getState().connection;
  if (now.status !== 'loading' || now.key !== key) return;
  usePreflightStore.setState({ connection: r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error } });
}

/** Fills the secret from the OS keychain when the app remembers one for `accountName`. */
export async function recallSecret(api: WindowApi): Promise<void> {
  const { appInfo } = useSettingsStore.getState();
  const s = useInputsStore.getState();
  if (!appInfo?.canRememberSecrets || s.accountName.trim() === '' || s.secret !== '') return;
  const accountName = s.accountName.trim();
  const r = await api['secrets.recall']({ accountName });
  if (!r.ok || !r.value) return;
  const now = useInputsStore.getState();
  if (now.accountName.trim() !== accountName || now.secret !== '') return;
  // The keychain keeps the secret only; a SAS is recognised by its signature field.
  inputs.set({ secret: r.value.secret, credentialKind: /(^|[?&])sig=/.test(r.value.secret) ? 'sas' : 'key', remember: true, secretRecalled: true });
}

/**
 * Keeps the secret in the OS keychain when "Remember" is ticked, forgets a recalled one when it is
 * unticked (only where the app can remember secrets). Called when leaving the Storage step.
 */
export async function applyRemember(api: WindowApi): Promise<void> {
  const { appInfo, settings } = useSettingsStore.getState();
  if (!appInfo?.canRememberSecrets) return;
  const s = useInputsStore.getState();
  const accountName = s.accountName.trim();
  if (accountName === '') return;
  if (s.remember && s.secret.trim() !== '') {
    await api['secrets.remember']({ accountName, secret: s.secret.trim() });
    const next: Settings = { ...settings, rememberAccount: true, accountName };
    const saved = await api['settings.set'](next);
    useSettingsStore.setState({ settings: saved.ok ? saved.value : next });
  } else if (!s.remember && (s.secretRecalled || (settings.rememberAccount && settings.accountName === accountName))) {
    await api['secrets.remember']({ accountName, secret: null });
    const next: Settings = { ...settings, rememberAccount: false };
    const saved = await api['settings.set'](next);
    useSettingsStore.setState({ settings: saved.ok ? saved.value : next });
    inputs.set({ secretRecalled: false });
  }
}

// ── Plan and repair ─────────────────────────────────────────────────────────

/** Fills the repair file and log folder with their defaults unless the user edited them. */
export function fillOutputDefaults(): void {
  const s = useInputsStore.getState();
  if (s.outputEdited) return;
  const importTask = useWizardStore.getState().task === 'repairImport';
  const dir = defaultOutputDir(s.copyLogFile, importTask ? sourceDirsOf(s)[0] : s.targetDir);
  if (!dir) return;
  const driveId = knownDriveId(useCopyLogStore.getState());
  inputs.set({ repairFile: defaultRepairFile(dir, driveId), logDir: dir });
}

/** The RepairExport request the inputs describe for `task`, or undefined when something is missing. */
export function buildRequest(s: InputsState, task: Task | null): RepairExportRequest | undefined {
  if (!s.targetDir.trim() || !s.repairFile.trim() || !s.logDir.trim()) return undefined;
  const request: RepairExportRequest = {
    repairFile: s.repairFile.trim(),
    targetDir: s.targetDir.trim(),
    logDir: s.logDir.trim(),
    credentials: credentialsOf(s),
  };
  if (task !== 'validate' && s.copyLogFile.trim()) request.copyLogFile = s.copyLogFile.trim();
  if (s.manifestFile.trim()) request.manifestFile = s.manifestFile.trim();
  if (!request.copyLogFile && !request.manifestFile) return undefined;
  return request;
}

/** Identifies a request without its secret. */
export function requestKey(request: RepairExportRequest): string {
  return JSON.stringify({ ...request, credentials: credentialsKey({ ...useInputsStore.getState() }) });
}

/** The RepairImport request the inputs describe, or undefined when something is missing. */
export function buildImportRequest(s: InputsState): RepairImportRequest | undefined {
  const sourceDirs = sourceDirsOf(s);
  if (sourceDirs.length === 0 || !s.copyLogFile.trim() || !s.repairFile.trim() || !s.logDir.trim()) return undefined;
  return { repairFile: s.repairFile.trim(), sourceDirs, copyLogFile: s.copyLogFile.trim(), logDir: s.logDir.trim(), credentials: credentialsOf(s) };
}

/** Identifies an import request without its secret. */
export function importRequestKey(request: RepairImportRequest): string {
  return JSON.stringify({ ...request, credentials: credentialsKey({ ...useInputsStore.getState() }) });
}

/** Asks the host what the RepairImport will upload and which originals it finds (repairImport.plan). */
export async function planImportRepair(api: WindowApi): Promise<void> {
  const request = buildImportRequest(useInputsStore.getState());
  if (!request) {
    usePreflightStore.setState({ importPlan: { status: 'idle' } });
    return;
  }
  const key = importRequestKey(request);
  usePreflightStore.setState({ importPlan: { status: 'loading', key } });
  const r = await api['repairImport.plan']({ request });
  const now = usePreflightStore.getState().importPlan;
  if (now.status !== 'loading' || now.key !== key) return;
  usePreflightStore.setState({ importPlan: r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error } });
}

/** Asks the host what the repair will do (repair.plan, or repairImport.plan for an import job). */
export async function planRepair(api: WindowApi): Promise<void> {
  if (useWizardStore.getState().task === 'repairImport') return planImportRepair(api);
  const request = buildRequest(useInputsStore.getState(), useWizardStore.getState().task);
  if (!request) {
    usePreflightStore.setState({ plan: { status: 'idle' } });
    return;
  }
  const key = requestKey(request);
  usePreflightStore.setState({ plan: { status: 'loading', key } });
  const r = await api['repair.plan']({ request });
  const now = usePreflightStore.getState().plan;
  if (now.status !== 'loading' || now.key !== key) return;
  usePreflightStore.setState({ plan: r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error } });
}

/** Starts the RepairImport (repairImport.start) and shows the Repair step; the same repair file resumes it. */
export async function startImportRepair(api: WindowApi): Promise<ApiResult<void>> {
  const request = buildImportRequest(useInputsStore.getState());
  if (!request) return notPossible('The repair is not fully described yet.');
  job.starting('RepairImport');
  files.reset();
  const summary = useCopyLogStore.getState().copyLog;
  if (summary.status === 'ready') files.seed(summary.value.failedBlobs.map((b) => b.filePath));
  const r = await api['repairImport.start']({ request });
  if (!r.ok) {
    job.startFailed(r.error);
    return r;
  }
  if (useJobStore.getState().status === 'starting') useJobStore.setState({ status: 'running' });
  wizard.goTo('repair');
  return r;
}

/** One choice of the Report step's path-map list: the original file to use for a drive path. */
export interface PathChoice {
  drivePath: string;
  target: string;
}

/**
 * "Save choices and repair again": writes the choices into the repair's path map file (pathMap.set),
 * then runs the same RepairImport again (it resumes from the repair file and uses the choices).
 */
export async function repairAgainWithChoices(api: WindowApi, choices: readonly PathChoice[]): Promise<ApiResult<void>> {
  const file = useJobStore.getState().result?.pathMap?.file;
  if (!file) return notPossible('This repair has no path map file.');
  const entries = choices.map((c) => ({ drivePath: c.drivePath, target: c.target.trim() })).filter((c) => c.target !== '');
  if (entries.length === 0) return notPossible('Choose an original file first.');
  const set = await api['pathMap.set']({ file, entries });
  if (!set.ok) return set;
  return startImportRepair(api);
}

/** Starts the repair (repair.start, or repairImport.start for an import job) and shows the Repair step. */
export async function startRepair(api: WindowApi): Promise<ApiResult<void>> {
  if (useWizardStore.getState().task === 'repairImport') return startImportRepair(api);
  const request = buildRequest(useInputsStore.getState(), useWizardStore.getState().task);
  if (!request) return notPossible('The repair is not fully described yet.');
  job.starting('RepairExport');
  files.reset();
  const summary = useCopyLogStore.getState().copyLog;
  if (summary.status === 'ready' && request.copyLogFile) files.seed(summary.value.failedBlobs.map((b) => b.filePath));
  const r = await api['repair.start']({ request });
  if (!r.ok) {
    job.startFailed(r.error);
    return r;
  }
  if (useJobStore.getState().status === 'starting') useJobStore.setState({ status: 'running' });
  wizard.goTo('repair');
  return r;
}

/** Pauses or resumes the running repair. */
export async function pauseRepair(api: WindowApi, paused: boolean): Promise<ApiResult<void>> {
  const r = await api['repair.pause']({ paused });
  if (r.ok) useJobStore.setState({ paused });
  return r;
}

/** Cancels the running repair; the repair file keeps what is done. */
export async function cancelRepair(api: WindowApi): Promise<ApiResult<void>> {
  return api['repair.cancel']();
}

/** Asks the host what the job is doing now (repair.state). */
export async function refreshJobState(api: WindowApi): Promise<void> {
  const r = await api['repair.state']();
  if (r.ok) applyHostState(r.value);
}

// ── Report ──────────────────────────────────────────────────────────────────

/** Saves the report as HTML or CSV (report.save); asks where with a native dialog when there is one. */
export async function saveReport(api: WindowApi, format: 'html' | 'csv', title: string): Promise<ApiResult<{ path: string }> | undefined> {
  const { appInfo } = useSettingsStore.getState();
  let path: string | undefined;
  if (appInfo?.nativeDialogs) {
    const result = useJobStore.getState().result;
    const logDir = useInputsStore.getState().logDir;
    const name = `${result?.driveId ?? 'waie'}_repair-report.${format}`;
    const d = await api['dialog.open']({ kind: 'save', title, extensions: [format], defaultPath: logDir ? `${logDir.replace(/[\\/]+$/, '')}${logDir.includes('\\') ? '\\' : '/'}${name}` : name });
    if (!d.ok) return d;
    if (!d.value) return undefined;
    path = d.value.path;
  }
  return api['report.save'](path ? { format, path } : { format });
}

export async function openPath(api: WindowApi, path: string): Promise<ApiResult<void>> {
  return api['shell.openPath']({ path });
}

/** Back to Start with nothing filled in (the host's finished job stays as it is). */
export function startOver(api?: WindowApi): void {
  // The host forgets the finished job too, so a new or reloaded window starts at the beginning.
  if (api) void api['repair.reset']();
  inputs.reset();
  useCopyLogStore.setState({ copyLog: { status: 'idle' }, manifest: { status: 'idle' } });
  usePreflightStore.setState({ drives: { status: 'idle' }, connection: { status: 'idle' }, plan: { status: 'idle' }, importPlan: { status: 'idle' } });
  reviewStore.reset();
  job.reset();
  files.reset();
  wizard.reset();
}

// ── Review ──────────────────────────────────────────────────────────────────

/** Reviews the copy log (review.run) in `lang`; only the answer for the latest request is kept. */
export async function runReview(api: WindowApi, lang: 'en' | 'nl'): Promise<void> {
  const s = useInputsStore.getState();
  const copyLogPath = s.copyLogFile.trim();
  if (copyLogPath === '') return;
  const manifestPath = s.manifestFile.trim();
  const key = reviewKey(copyLogPath, manifestPath, lang);
  useReviewStore.setState({ review: { status: 'loading', key } });
  const r = await api['review.run']({ copyLogPath, ...(manifestPath ? { manifestPath } : {}), lang });
  const now = useReviewStore.getState().review;
  if (now.status !== 'loading' || now.key !== key) return;
  useReviewStore.setState({ review: r.ok ? { status: 'ready', key, value: r.value } : { status: 'error', key, error: r.error } });
  // What the log says about the drive's life cycle preselects the drive state of the "Where the job is" panel.
  if (r.ok && r.value.drive.lifecycleState && useReviewStore.getState().driveState === undefined) useReviewStore.setState({ driveState: r.value.drive.lifecycleState });
}

/**
 * Saves the review shown as HTML or CSV (review.save) into `dir` as `<copy log name>_review.<format>`;
 * with a native dialog, asks where instead. Undefined when the dialog was cancelled.
 */
export async function saveReviewAs(api: WindowApi, format: 'html' | 'csv', dir: string, title: string): Promise<ApiResult<{ path: string }> | undefined> {
  const r = useReviewStore.getState().review;
  if (r.status !== 'ready') return notPossible('There is no review to save yet.');
  const name = `${basename(r.value.path).replace(/\.[^.]*$/, '') || 'copylog'}_review.${format}`;
  let path = dir.trim() ? joinPath(dir.trim(), name) : '';
  if (useSettingsStore.getState().appInfo?.nativeDialogs) {
    const d = await api['dialog.open']({ kind: 'save', title, extensions: [format], defaultPath: path || name });
    if (!d.ok) return d;
    if (!d.value) return undefined;
    path = d.value.path;
  }
  if (!path) return notPossible('Choose the folder the review goes into.');
  return api['review.save']({ model: r.value, format, path });
}

/**
 * The review's "Repair with …" button: switches to the repair task the log needs, with the copy log
 * (and, for an export, the manifest) filled in, and goes to that task's first step.
 */
export function repairFromReview(command: RepairCommand): void {
  const { copyLogFile, manifestFile } = useInputsStore.getState();
  inputs.set({ copyLogFile, manifestFile: command === 'RepairExport' ? manifestFile : '', manifestFound: false });
  usePreflightStore.setState({ plan: { status: 'idle' }, importPlan: { status: 'idle' } });
  const task = command === 'RepairImport' ? 'repairImport' : 'repair';
  wizard.chooseTask(task);
  wizard.goTo(task === 'repairImport' ? 'sources' : 'drive');
}

// ── Logs in the storage account ─────────────────────────────────────────────

/** What the "Find in storage account" dialog asks for. */
export interface LogSearch {
  credentials: StorageCredentials;
  jobName?: string;
  driveId?: string;
  statesPath?: string;
  diagnosticsPath?: string;
}

/** Lists the job's logs and manifest backups in the storage account (logs.list). */
export async function findLogsInAccount(api: WindowApi, search: LogSearch): Promise<ApiResult<LogListing>> {
  return api['logs.list']({
    credentials: search.credentials,
    ...(search.jobName?.trim() ? { jobName: search.jobName.trim() } : {}),
    ...(search.driveId?.trim() ? { driveId: search.driveId.trim() } : {}),
    ...(search.statesPath?.trim() ? { statesPath: search.statesPath.trim() } : {}),
    ...(search.diagnosticsPath?.trim() ? { diagnosticsPath: search.diagnosticsPath.trim() } : {}),
  });
}

/**
 * Downloads the chosen logs into `outDir` (logs.download) and fills the copy log and manifest fields
 * with the files that arrived and passed their checks. The storage account is also filled into the
 * Storage step when it is still empty (the same account usually holds the blobs).
 */
export async function downloadLogsFromAccount(api: WindowApi, search: LogSearch, logs: FoundLog[], outDir: string): Promise<ApiResult<DownloadedLog[]>> {
  const r = await api['logs.download']({ credentials: search.credentials, logs, outDir });
  if (!r.ok) return r;
  const copyLog = r.value.find((d) => d.ok && d.file && d.log.kind !== 'manifest');
  const manifest = r.value.find((d) => d.ok && d.file && d.log.kind === 'manifest');
  if (copyLog?.file) inputs.set({ copyLogFile: copyLog.file });
  if (manifest?.file) inputs.set({ manifestFile: manifest.file, manifestFound: false });
  const s = useInputsStore.getState();
  if (s.accountName.trim() === '' && s.secret.trim() === '') {
    const c = search.credentials;
    inputs.set({ accountName: c.accountName, credentialKind: c.containerSas ? 'sas' : 'key', secret: c.containerSas ?? c.accountKey ?? '', blobEndpoint: c.blobEndpoint ?? '' });
  }
  return r;
}
