/** Every `waie` command, in help order. */
import type { CliCommand } from './types.ts';
import { repairExportCommand } from './repair-export.ts';
import { uiCommand } from './ui.ts';

export const COMMANDS: readonly CliCommand[] = [repairExportCommand, uiCommand];

/** The command called `name` (case-insensitive), or undefined. */
export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
}
