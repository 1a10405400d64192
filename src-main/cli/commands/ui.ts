/** `waie ui [/port:N]`: the wizard in a browser, served on 127.0.0.1 behind a token (the browser host). */
import type { ParamSpecs } from '../args.ts';
import type { CliCommand } from './types.ts';
import { WaieError } from '../../../src-shared/errors.ts';

const UI_PARAMS = {
  port: { required: false, value: '<n>', help: 'TCP port on 127.0.0.1 (default: a free one). Reach it from another machine through an SSH tunnel: ssh -L 8765:127.0.0.1:8765 server.' },
  rebuild: { required: false, value: '', flag: true, help: 'Build the wizard again before serving it.' },
} as const satisfies ParamSpecs;

export const uiCommand: CliCommand = {
  name: 'ui',
  summary: 'Open the repair wizard in a web browser: serves it on 127.0.0.1 only, behind a random token in the printed address, for machines without a desktop.',
  usage: 'ui [/port:<n>]',
  params: UI_PARAMS,
  notes: 'Stop it with Ctrl+C. Anyone who has the printed address (with its token) can use the wizard: do not share it.',
  async run(params, io) {
    const port = params.port ? Number(params.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid /port', detail: 'Give a port number from 1 to 65535, or leave it out to use a free one.' });
    const { runBrowserHost } = await import('../../web/run.ts');
    return runBrowserHost({ port, rebuild: params.rebuild === 'true', out: (l) => io.out.write(`${l}\n`) });
  },
};
