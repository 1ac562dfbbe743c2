// openfax credit: the account's available credit, read now.

import { CliError, type CliCommand, EXIT } from '../types.ts';

export const creditCommand: CliCommand = {
  name: 'credit',
  summary: "Show the account's available credit",
  help: `Usage: openfax credit [--json]

Reads the credit from Openfax now and prints it.`,
  options: {},
  async run(ctx) {
    const account = await ctx.account();
    const r = await account.client.getCredit();
    if (!r.ok) {
      throw new CliError(
        `Could not read the credit: ${r.error.message}`,
        r.error.kind === 'auth' ? EXIT.account : EXIT.failed,
        r.error.action,
      );
    }
    ctx.io.stdout.write(
      ctx.globals.json
        ? `${JSON.stringify({ accountId: account.accountId, credit: r.value })}\n`
        : `Available credit on account ${account.accountId}: ${r.value.toFixed(2)}\n`,
    );
    return EXIT.ok;
  },
};
