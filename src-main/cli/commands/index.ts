/** Every `waie` command, in help order. */
import type { CliCommand } from './types.ts';
import { repairExportCommand } from './repair-export.ts';
import { repairImportCommand } from './repair-import.ts';
import { drivesCommand } from './drives.ts';
import { unlockCommand } from './unlock.ts';
import { lockCommand } from './lock.ts';
import { logsCommand } from './logs.ts';
import { reviewCommand } from './review.ts';
import { statusCommand } from './status.ts';
import { uiCommand } from './ui.ts';

export const COMMANDS: readonly CliCommand[] = [repairExportCommand, repairImportCommand, drivesCommand, unlockCommand, lockCommand, logsCommand, reviewCommand, statusCommand, uiCommand];

/** The command called `name` (case-insensitive), or undefined. */
export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
}
