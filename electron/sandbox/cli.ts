// `npm run sandbox` / `npx node electron/sandbox/cli.ts [--port N] [--speed N] [--data-dir D] [--webhook URL] [--faults SPEC]`
// Starts the sandbox and prints what a person needs to point the app (or curl) at it.

import { parseArgs } from 'node:util';
import { describeFaults, FAULT_SPEC_EXAMPLE, FAULTS_ENV, faultsFromSetting } from './fault-spec.ts';
import { DEFAULT_OUTCOME, MAGIC_NUMBERS, startSandbox } from './index.ts';

const DEFAULT_PORT = 8777;

const USAGE = `Usage: npm run sandbox -- [--port N] [--speed N] [--data-dir DIR] [--webhook URL] [--faults SPEC]
  --port      port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --speed     divide every simulated duration by N (default 1 = realistic; 60 = a minute per second)
  --data-dir  keep accounts and faxes in DIR (default: in memory, gone when stopped)
  --webhook   post each final fax result to URL as form fields
  --faults    fail a share of requests, e.g. ${FAULT_SPEC_EXAMPLE} (or ${FAULTS_ENV}; README "Faults")`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function numberArg(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number ≥ ${min}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        speed: { type: 'string' },
        'data-dir': { type: 'string' },
        webhook: { type: 'string' },
        faults: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = numberArg(values.port as string | undefined, 'port', DEFAULT_PORT, 0);
  const speed = numberArg(values.speed as string | undefined, 'speed', 1, Number.MIN_VALUE);
  const dataDir = values['data-dir'] as string | undefined;
  const faults = faultsFromSetting(values.faults as string | undefined, process.env, '--faults');
  if (!faults.ok) fail(faults.reason);
  const sandbox = await startSandbox({ port, speed, dataDir, webhookUrl: values.webhook as string | undefined, faults: faults.value });

  const width = Math.max(...MAGIC_NUMBERS.map((m) => m.pattern.length));
  const lines = [
    `Openfax sandbox listening on ${sandbox.url}`,
    `  speed ×${speed} · data ${dataDir ?? 'in memory'}`,
    ...(faults.value ? [`  faults: ${describeFaults(faults.value)}`] : []),
    '',
    'Demo account',
    `  AccountID  ${sandbox.demoAccount.accountId}`,
    `  APIKey     ${sandbox.demoAccount.apiKey}`,
    `  Credit     ${sandbox.getCredit(sandbox.demoAccount.accountId).toFixed(2)}`,
    '',
    'Magic numbers (any North American area code; the number ends with…)',
    ...MAGIC_NUMBERS.map((m) => `  ${m.pattern.padEnd(width)}  e.g. ${m.example}  ${m.outcome}`),
    `  ${DEFAULT_OUTCOME}`,
    '',
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    sandbox.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`Could not stop cleanly: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Timers are unref'd so they never pin a test process; here the server must keep running.
  setInterval(() => {}, 1 << 30);
}

main().catch((e) => {
  process.stderr.write(`Sandbox failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
