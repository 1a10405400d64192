/**
 * What the user entered: the target, the copy log and manifest, the storage account, the output paths.
 * The secret (account key or SAS) lives here in memory only; it is never persisted by the renderer.
 */
import { create } from 'zustand';
import type { StorageCredentials } from '../../src-shared/engine-protocol.ts';

export type CredentialKind = 'key' | 'sas';

export interface InputsState {
  /** How the target was chosen. */
  targetSource: 'volume' | 'folder' | null;
  /** The directory to repair (`/d`): a volume's mount path or a folder. */
  targetDir: string;
  /** The chosen volume (Drive step), when the target is a volume. */
  volumeId?: string;
  /** That volume's serial number (compared with the copy log's DriveId). */
  volumeSerial?: string;
  /** The folder typed when "Use a folder instead" is chosen. */
  folder: string;
  /**
   * Repair an import job: the folders holding the original files (`/d:<Dir1;Dir2…>`), one per row of
   * the Source folders step; empty rows are ignored.
   */
  sourceDirs: string[];
  copyLogFile: string;
  manifestFile: string;
  /** True when the manifest path was filled in by `manifest.find`. */
  manifestFound: boolean;
  /** The user confirmed the target although its serial differs from the DriveId. */
  driveMismatchConfirmed: boolean;
  accountName: string;
  credentialKind: CredentialKind;
  secret: string;
  blobEndpoint: string;
  /** Remember the secret in the OS keychain (only offered when the app can). */
  remember: boolean;
  /** True when the secret was filled from the keychain. */
  secretRecalled: boolean;
  repairFile: string;
  logDir: string;
  /** True once the user edited the output paths (defaults no longer overwrite them). */
  outputEdited: boolean;
}

const initial: InputsState = {
  targetSource: null,
  targetDir: '',
  folder: '',
  sourceDirs: [''],
  copyLogFile: '',
  manifestFile: '',
  manifestFound: false,
  driveMismatchConfirmed: false,
  accountName: '',
  credentialKind: 'key',
  secret: '',
  blobEndpoint: '',
  remember: false,
  secretRecalled: false,
  repairFile: '',
  logDir: '',
  outputEdited: false,
};

export const useInputsStore = create<InputsState>()(() => ({ ...initial }));

/** The source folders that are filled in (trimmed, empty rows left out). */
export function sourceDirsOf(s: Pick<InputsState, 'sourceDirs'>): string[] {
  return s.sourceDirs.map((d) => d.trim()).filter((d) => d !== '');
}

export const inputs = {
  set(patch: Partial<InputsState>): void {
    useInputsStore.setState(patch);
  },
  reset(): void {
    useInputsStore.setState({ ...initial }, true);
  },
};

/** The storage credentials the inputs describe (exactly one of key / SAS). */
export function credentialsOf(s: Pick<InputsState, 'accountName' | 'credentialKind' | 'secret' | 'blobEndpoint'>): StorageCredentials {
  const c: StorageCredentials = { accountName: s.accountName.trim() };
  if (s.credentialKind === 'key') c.accountKey = s.secret.trim();
  else c.containerSas = s.secret.trim();
  if (s.blobEndpoint.trim() !== '') c.blobEndpoint = s.blobEndpoint.trim();
  return c;
}

/** FNV-1a of a string, so a key for "these credentials" can be kept without keeping the secret twice. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/** Identifies the credentials (and the logs they are tested against) without holding the secret. */
export function credentialsKey(s: Pick<InputsState, 'accountName' | 'credentialKind' | 'secret' | 'blobEndpoint' | 'copyLogFile' | 'manifestFile'>): string {
  return [s.accountName.trim(), s.credentialKind, s.blobEndpoint.trim(), fnv1a(s.secret.trim()), s.secret.trim().length, s.copyLogFile.trim(), s.manifestFile.trim()].join('|');
}
