// The `openfax` command line: global options, the command registry, help, exit codes.
// Runs in plain Node 24 (bin/openfax.mjs imports this file); shares the app's data folder.

import { resolve } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { FAULT_SPEC_EXAMPLE, FAULTS_ENV, faultsFromSetting } from '../sandbox/fault-spec.ts';
import { defaultDataDir } from '../store/paths.ts';
import { COMMANDS, findCommand } from './commands/index.ts';
import { createContext } from './context.ts';
import { CliError, type CliIo, EXIT, type GlobalOptions } from './types.ts';

const GLOBAL_OPTIONS: ParseArgsOptionsConfig = {
  'data-dir': { type: 'string' },
  'api-url': { type: 'string' },
  'trust-address': { type: 'boolean' },
  sandbox: { type: 'boolean' },
  'sandbox-speed': { type: 'string' },
  'sandbox-faults': { type: 'string' },
  json: { type: 'boolean' },
  'move-damaged-db': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
const GLOBALS_WITH_VALUE = new Set(['--data-dir', '--api-url', '--sandbox-speed', '--sandbox-faults']);

const GLOBAL_HELP = `Options for every command:
  --data-dir DIR          The data folder (default: the app's, ${defaultDataDir()})
  --api-url URL           Openfax API address (or OPENFAX_API_URL; default https://api.openfax.com)
  --trust-address         Send the API key to an --api-url that is neither Openfax's nor this computer
                          (only for your company's own Openfax-compatible server)
  --sandbox               Use a local simulator instead of an account (kept in DATA-DIR/sandbox)
  --sandbox-speed N       How much faster than life the simulator runs (default 10)
  --sandbox-faults SPEC   Make the simulator fail a share of requests, to see what the outbox does:
                          e.g. ${FAULT_SPEC_EXAMPLE} (or ${FAULTS_ENV}; see the sandbox README, "Faults")
  --json                  Machine-readable output
  --move-damaged-db       If the database is damaged, rename it aside and start a new one

Account: OPENFAX_ACCOUNT_ID and OPENFAX_API_KEY, or the account set up in Openfax Desktop.`;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: openfax COMMAND [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}  Help for a command: openfax help send

${GLOBAL_HELP}
`;
}

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { name, rest } = splitCommand(argv);
  if (!name || name === 'help') {
    const topic = name === 'help' ? splitCommand(rest).name : undefined;
    const cmd = topic ? findCommand(topic) : undefined;
    if (topic && !cmd) return fail(io, new CliError(`Unknown command "${topic}".`, EXIT.usage, 'See openfax help.'));
    const asked = name === 'help' || argv.includes('--help') || argv.includes('-h');
    (asked ? io.stdout : io.stderr).write(cmd ? `${cmd.help}\n\n${GLOBAL_HELP}\n` : usage());
    return asked ? EXIT.ok : EXIT.usage;
  }
  const command = findCommand(name);
  if (!command)
    return fail(io, new CliError(`Unknown command "${name}".`, EXIT.usage, `Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    return fail(io, new CliError((err as Error).message.replace(/^.*?: /, ''), EXIT.usage, `See openfax help ${command.name}.`));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    io.stdout.write(`${command.help}\n\n${GLOBAL_HELP}\n`);
    return EXIT.ok;
  }
  if (parsed.positionals.length && !command.allowPositionals) {
    return fail(io, new CliError(`openfax ${command.name} takes no arguments (got "${parsed.positionals[0]}").`, EXIT.usage));
  }
  let globals: GlobalOptions;
  try {
    globals = globalOptions(values, io);
  } catch (err) {
    return fail(io, err);
  }
  if (values['sandbox-faults'] !== undefined && !globals.sandbox && command.name !== 'sandbox') {
    return fail(
      io,
      new CliError('--sandbox-faults changes only the local simulator.', EXIT.usage, 'Add --sandbox, or drop --sandbox-faults.'),
    );
  }
  const { ctx, dispose } = createContext(io, globals);
  try {
    return await command.run(ctx, values, parsed.positionals);
  } catch (err) {
    return fail(io, err);
  } finally {
    await dispose();
  }
}

function globalOptions(values: Record<string, unknown>, io: CliIo): GlobalOptions {
  const speed = values['sandbox-speed'] === undefined ? 10 : Number(values['sandbox-speed']);
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new CliError(`--sandbox-speed ${values['sandbox-speed']} is not a positive number.`, EXIT.usage);
  const faults = faultsFromSetting(values['sandbox-faults'] as string | undefined, io.env);
  if (!faults.ok) throw new CliError(faults.reason, EXIT.usage, `For example: --sandbox-faults ${FAULT_SPEC_EXAMPLE}`);
  const apiUrl = values['api-url'] as string | undefined;
  if (apiUrl !== undefined && !/^https?:\/\/\S+$/.test(apiUrl)) {
    throw new CliError(`--api-url ${apiUrl} is not a web address (https://…).`, EXIT.usage);
  }
  return {
    dataDir: resolve((values['data-dir'] as string | undefined) ?? io.env.OPENFAX_DATA_DIR ?? defaultDataDir(io.env)),
    apiUrl,
    trustAddress: values['trust-address'] === true,
    sandbox: values.sandbox === true,
    sandboxSpeed: speed,
    sandboxFaults: faults.value,
    json: values.json === true,
    moveDamagedDb: values['move-damaged-db'] === true,
  };
}

/** The command is the first word that is not an option or an option's value. */
function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (GLOBALS_WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return { name: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

function fail(io: CliIo, err: unknown): number {
  if (err instanceof CliError) {
    io.stderr.write(`openfax: ${err.message}\n${err.action ? `${err.action}\n` : ''}`);
    return err.exitCode;
  }
  io.stderr.write(`openfax: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.failed;
}
