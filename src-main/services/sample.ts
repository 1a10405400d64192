/**
 * "Try it with a sample job": an embedded Azurite (Microsoft's Azure Storage emulator) and the demo's
 * sample damaged export drive, so a first-time user can walk the whole wizard without an Azure account.
 * Azurite is started once per app run and stopped when the app exits.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SampleJobInfo } from '../../src-shared/ipc/contract.ts';
import { buildSampleExportJob } from '../demo/sample-job.ts';
import { startAzurite, type AzuriteInstance } from '../testing/azurite.ts';

/** True when the Azurite package can be found (it is needed for the sample job). */
export function sampleAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('azurite/package.json');
    return true;
  } catch {
    return false;
  }
}

export class SampleJobs {
  private azurite?: Promise<AzuriteInstance>;
  private count = 0;
  constructor(private readonly dataDir: string) {}

  /** Starts Azurite if needed and builds a new damaged sample drive under the data folder. */
  async prepare(): Promise<SampleJobInfo> {
    this.azurite ??= startAzurite();
    const az = await this.azurite;
    const root = join(this.dataDir, `sample-${Date.now()}-${this.count++}`);
    const job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(root, 'job'), profile: 'demo' });
    return {
      driveDir: job.driveDir,
      copyLogFile: job.copyLogFile,
      manifestFile: job.manifestFile,
      driveId: job.driveId,
      credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint },
      repairFile: join(root, `${job.driveId}.rep`),
      logDir: join(root, 'logs'),
    };
  }

  async close(): Promise<void> {
    const a = this.azurite;
    this.azurite = undefined;
    if (a) await (await a).stop();
  }
}
