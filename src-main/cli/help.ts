/** `waie help` texts, built from the command registry. */
import { displayName } from './args.ts';
import { COMMANDS, findCommand } from './commands/index.ts';

function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** The general help: usage of every command and what each is for. */
export function generalHelp(): string {
  const usage = COMMANDS.map((c) => `  waie ${c.usage}`).join('\n');
  const list = COMMANDS.map((c) => `  ${c.name}\n${wrap(c.summary, '      ')}`).join('\n');
  return `waie — repair Azure Import/Export drives (an open-source replacement for WAImportExport.exe's repair modes)

Usage:
${usage}
  waie help [command]
  waie version

Commands:
${list}

Parameter names are case-insensitive and written as in WAImportExport.exe: /Name:value.
Run "waie help <command>" for every parameter.
`;
}

/** Help for one command, or undefined when the command is unknown. */
export function commandHelp(name: string): string | undefined {
  const c = findCommand(name);
  if (!c) return undefined;
  const rows = Object.entries(c.params).map(([k, p]) => `  ${displayName(c.params, k)}${p.flag ? '' : `:${p.value}`}${p.required ? '' : '  (optional)'}\n${wrap(p.help, '      ')}`);
  return `waie ${c.name}\n\n${wrap(c.summary, '')}\n\nUsage:\n  waie ${c.usage}\n\n${rows.join('\n')}\n${c.notes ? `\n${c.notes}\n` : ''}`;
}
