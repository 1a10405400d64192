/**
 * Electron main process: one window, Electron's security checklist in full (context isolation,
 * sandboxed renderer without Node, a CSP, navigation and new windows blocked, permission requests
 * denied, every IPC message's sender checked), single instance, taskbar progress during a repair,
 * and a question before closing the window while a repair runs. The engine runs in a worker thread
 * through the engine host; this file only wires the app's services to IPC.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNELS, EVENT_CHANNEL, type ApiHandlers } from '../../src-shared/ipc/contract.ts';
import { callHandler } from '../services/api.ts';
import { composeAppServices, type AppServices } from '../services/compose.ts';
import { createMainWindow, hardenSession, registerIpcHandlers } from './wiring.ts';
import { taskbarProgress } from './taskbar.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const indexUrl = pathToFileURL(rendererIndex).toString();

let win: BrowserWindow | undefined;
let services: AppServices | undefined;

/** Secrets in the OS keychain through safeStorage, stored encrypted in the user-data folder. */
function keychain(file: string): NonNullable<Parameters<typeof composeAppServices>[0]['secrets']> {
  const load = async (): Promise<Record<string, string>> => JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, string>;
  return {
    async remember(accountName, secret) {
      const all = await load();
      if (secret === null) delete all[accountName];
      else all[accountName] = safeStorage.encryptString(secret).toString('base64');
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, JSON.stringify(all), { mode: 0o600 });
    },
    async recall(accountName) {
      const v = (await load())[accountName];
      return v ? safeStorage.decryptString(Buffer.from(v, 'base64')) : null;
    },
  };
}

const openDialog: ApiHandlers['dialog.open'] = async ({ kind, title, extensions, defaultPath }) => {
  const filters = extensions?.length ? [{ name: extensions.join(', '), extensions: extensions.map((e) => e.replace(/^\./, '')) }, { name: 'All files', extensions: ['*'] }] : undefined;
  if (kind === 'save') {
    const r = win ? await dialog.showSaveDialog(win, { title, defaultPath, filters }) : await dialog.showSaveDialog({ title, defaultPath, filters });
    return r.canceled || !r.filePath ? null : { path: r.filePath };
  }
  const options: Electron.OpenDialogOptions = { title, defaultPath, filters, properties: [kind === 'folder' ? 'openDirectory' : 'openFile'] };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled || !r.filePaths[0] ? null : { path: r.filePaths[0] };
};

function createWindow(): BrowserWindow {
  const w = createMainWindow({ BrowserWindow }, join(here, 'preload.cjs'));
  w.once('ready-to-show', () => w.show());
  w.on('close', (e) => {
    if (services?.engine.state().status !== 'running') return;
    const choice = dialog.showMessageBoxSync(w, {
      type: 'question',
      buttons: ['Keep repairing', 'Stop and close'],
      defaultId: 0,
      cancelId: 0,
      title: 'A repair is running',
      message: 'A repair is running. Stop it and close?',
      detail: 'The repair file keeps what is done: start the same repair again later to resume.',
    });
    if (choice === 0) e.preventDefault();
    else services?.engine.cancel();
  });
  void w.loadFile(rendererIndex);
  return w;
}

function registerIpc(s: AppServices): void {
  registerIpcHandlers(ipcMain, CHANNELS, indexUrl, (channel, params) => callHandler(s.handlers, channel as (typeof CHANNELS)[number], params as never));
  s.subscribe((e) => {
    if (!win || win.isDestroyed()) return;
    win.webContents.send(EVENT_CHANNEL, e);
    if (e.type === 'progress') {
      const st = s.engine.state();
      const bar = taskbarProgress(e.progress, st.status === 'running' ? st.job : undefined);
      win.setProgressBar(bar.value, { mode: bar.mode });
    } else if (e.type === 'done' || e.type === 'failed' || e.type === 'cancelled') {
      win.setProgressBar(-1);
      if (e.type !== 'cancelled' && !win.isFocused()) win.flashFrame(true);
    }
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void services?.close();
  });
  void app.whenReady().then(async () => {
    hardenSession({ app, session: session.defaultSession }, indexUrl);
    Menu.setApplicationMenu(null);
    const dataDir = app.getPath('userData');
    services = await composeAppServices({
      hostKind: 'electron',
      dataDir,
      engine: { workerUrl: new URL('./worker.js', import.meta.url) },
      dialogs: openDialog,
      openPath: async (p) => {
        const err = await shell.openPath(p);
        if (err) throw new Error(err);
      },
      secrets: safeStorage.isEncryptionAvailable() ? keychain(join(dataDir, 'secrets.json')) : undefined,
    });
    registerIpc(services);
    win = createWindow();
  });
}
