// openfax sandbox: run the local Openfax simulator until Ctrl-C, for the app or scripts.

import { CliError, type CliCommand, EXIT } from '../types.ts';
import { startLocalSandbox } from '../account.ts';

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run the local Openfax sandbox (a simulator) until Ctrl-C',
  help: `Usage: openfax sandbox [--port N] [--sandbox-speed N]

Starts an Openfax-compatible simulator on 127.0.0.1 with a demo account. Its faxes are
kept in the data folder (sandbox/), so they survive a restart. Magic numbers choose outcomes.

  --port N             Port to listen on (default: any free port)
  --sandbox-speed N    Run N times faster than real life (default 10)`,
  options: { port: { type: 'string' } },
  async run(ctx, values) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${values.port} is not a port number.`, EXIT.usage);
    const { MAGIC_NUMBERS, DEFAULT_OUTCOME } = await import('../../sandbox/index.ts');
    const sb = await startLocalSandbox(ctx.globals, port);
    ctx.defer(() => sb.close());
    const out = ctx.io.stdout;
    if (ctx.globals.json) {
      out.write(`${JSON.stringify({ url: sb.url, accountId: sb.demoAccount.accountId, apiKey: sb.demoAccount.apiKey })}\n`);
    } else {
      out.write(`Openfax sandbox running at ${sb.url} (speed ×${ctx.globals.sandboxSpeed}); nothing is really faxed.\n\n`);
      out.write(
        `Demo account:\n  OPENFAX_API_URL=${sb.url}\n  OPENFAX_ACCOUNT_ID=${sb.demoAccount.accountId}\n  OPENFAX_API_KEY=${sb.demoAccount.apiKey}\n\n`,
      );
      out.write('Magic numbers (any area code):\n');
      for (const m of MAGIC_NUMBERS) out.write(`  ${m.example}  ${m.outcome}\n`);
      out.write(`  other        ${DEFAULT_OUTCOME}\n\nPress Ctrl-C to stop.\n`);
    }
    await new Promise<void>((resolve) => {
      if (!ctx.io.signal || ctx.io.signal.aborted) return resolve();
      ctx.io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    ctx.note('Sandbox stopped.');
    return EXIT.ok;
  },
};
