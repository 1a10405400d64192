/**
 * Drive manifest helpers for the wizard: find the manifest on a drive's root (`<DriveId>.manifest`,
 * seed `003_…`: `/ManifestFile:G:\9WM35C3U.manifest`) and summarise one by streaming it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestSummary } from '../../src-shared/ipc/contract.ts';
import { readManifest } from '../engine/formats/manifest.ts';

/** The manifest file on `driveRoot`: `<driveId>.manifest` (any case) when given, else the only `*.manifest` there. */
export async function findManifest(driveRoot: string, driveId?: string): Promise<{ path: string } | null> {
  let names: string[];
  try {
    names = await readdir(driveRoot);
  } catch {
    return null;
  }
  const manifests = names.filter((n) => n.toLowerCase().endsWith('.manifest'));
  const exact = driveId ? manifests.find((n) => n.toLowerCase() === `${driveId.toLowerCase()}.manifest`) : undefined;
  const pick = exact ?? (manifests.length === 1 ? manifests[0] : undefined);
  return pick ? { path: join(driveRoot, pick) } : null;
}

/** Streams the manifest (validating it) and counts blobs and bytes. Throws WaieError on invalid input. */
export async function summariseManifest(path: string): Promise<ManifestSummary> {
  const s: ManifestSummary = { path, driveId: '', blobCount: 0, bytes: 0 };
  for await (const item of readManifest(path)) {
    if (item.type === 'drive') {
      s.driveId = item.driveId;
      s.version = item.version;
    } else if (item.type === 'blob') {
      s.blobCount++;
      for (const r of item.blob.ranges) s.bytes += r.length;
    }
  }
  return s;
}
