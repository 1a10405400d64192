/**
 * Settings kept in a JSON file in the app's data folder (never secrets: those go through the OS
 * keychain via Electron's safeStorage, see secrets in app/). Unknown or malformed content is ignored.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Settings } from '../../src-shared/ipc/contract.ts';

export class SettingsStore {
  constructor(private readonly file: string) {}

  async get(): Promise<Settings> {
    try {
      const raw = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, unknown>;
      const s: Settings = {};
      if (raw.language === 'en' || raw.language === 'nl') s.language = raw.language;
      if (typeof raw.rememberAccount === 'boolean') s.rememberAccount = raw.rememberAccount;
      if (typeof raw.accountName === 'string' && /^[a-z0-9]{3,24}$/.test(raw.accountName)) s.accountName = raw.accountName;
      return s;
    } catch {
      return {};
    }
  }

  /** Replaces the settings with `next` (the whole object: a key left out is cleared) and saves atomically. */
  async set(settings: Settings): Promise<Settings> {
    const next: Settings = {};
    if (settings.language === 'en' || settings.language === 'nl') next.language = settings.language;
    if (settings.rememberAccount) next.rememberAccount = true;
    if (settings.accountName) next.accountName = settings.accountName;
    if (!next.rememberAccount) delete next.accountName;
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
    await rename(tmp, this.file);
    return next;
  }
}
