/**
 * `npm run demo`: the main job on an embedded default. Starts Azurite (a real Azure Storage
 * emulator), uploads a sample export job, writes the export drive as the service would with its
 * manifest, damages it (failed blocks in the copy log and silent corruption only the manifest
 * reveals), runs the real `waie RepairExport` command, and exits 0 only if the drive then matches
 * the blobs byte for byte. The sample folders stay in `demo-output/` for the user to inspect.
 */
import { spawn } from 'node:child_process';
import { rm, mkdir } from 'node:fs/promises';
import { join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite } from '../testing/azurite.ts';
import { buildSampleExportJob, compareDirs } from './sample-job.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

function runWaie(args: string[]): Promise<number> {
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'waie.js'), ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolveExit(code ?? 1));
  });
}

/** Runs the demo in `outDir` (default `./demo-output`); returns the process exit code. */
export async function runDemo(outDir = resolve('demo-output')): Promise<number> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const show = (p: string): string => relative(process.cwd(), p) || '.';
  console.log('Starting Azurite (Microsoft\'s Azure Storage emulator) on a free loopback port…');
  const azurite = await startAzurite();
  try {
    console.log(`Azurite blob endpoint: ${azurite.endpoint}`);
    console.log('Uploading a sample export job and writing its damaged export drive…');
    const job = await buildSampleExportJob({ endpoint: azurite.endpoint, accountName: azurite.accountName, accountKey: azurite.accountKey, root: join(outDir, 'job'), profile: 'demo' });
    console.log(`Drive ${job.driveId}: ${show(job.driveDir)}`);
    console.log('Damage done to the drive:');
    for (const d of job.damage) console.log(`  - ${d.kind.padEnd(18)} ${d.filePath}: ${d.note}`);
    const before = await compareDirs(job.driveDir, job.pristineDir);
    console.log(`Before repair: ${before.length} difference(s) from the exported blobs.\n`);
    const args = [
      'RepairExport',
      `/r:${join(outDir, `${job.driveId}.rep`)}`,
      `/d:${job.driveDir}`,
      `/sn:${azurite.accountName}`,
      `/sk:${azurite.accountKey}`,
      `/CopyLogFile:${job.copyLogFile}`,
      `/ManifestFile:${job.manifestFile}`,
      `/logdir:${join(outDir, 'logs')}`,
      `/BlobEndpoint:${azurite.endpoint}`,
    ];
    console.log(`Running: waie RepairExport /r:… /d:${show(job.driveDir)} /sn:${azurite.accountName} /sk:*** /CopyLogFile:${show(job.copyLogFile)} /ManifestFile:${show(job.manifestFile)} /logdir:${show(join(outDir, 'logs'))} /BlobEndpoint:${azurite.endpoint}\n`);
    const code = await runWaie(args);
    const after = await compareDirs(job.driveDir, job.pristineDir);
    console.log('');
    if (code === 0 && after.length === 0) {
      console.log(`Demo passed: waie repaired the drive; every file now equals its blob byte for byte.`);
    } else {
      console.log(`Demo FAILED: waie exited ${code}; ${after.length} difference(s) remain:`);
      for (const d of after.slice(0, 20)) console.log(`  ${d}`);
    }
    console.log(`\nLook around in ${show(outDir)}:`);
    console.log(`  ${show(job.driveDir)}     the repaired export drive`);
    console.log(`  ${show(job.pristineDir)}  what the drive should hold (for comparison)`);
    console.log(`  ${show(job.copyLogFile)}, ${show(job.manifestFile)}  the copy log and drive manifest`);
    console.log(`  ${show(join(outDir, 'logs'))}/  verbose log, after-repair drive log, summary`);
    return code === 0 && after.length === 0 ? 0 : 1;
  } finally {
    await azurite.stop();
  }
}
