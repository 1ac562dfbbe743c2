// Every CLI command. A feature adds its command here (one file per command).

import type { CliCommand } from '../types.ts';
import { cancelCommand } from './cancel.ts';
import { creditCommand } from './credit.ts';
import { mergeCommand } from './merge.ts';
import { printerCommand } from './printer.ts';
import { reportCommand } from './report.ts';
import { retryCommand } from './retry.ts';
import { sandboxCommand } from './sandbox.ts';
import { sendCommand } from './send.ts';
import { statusCommand } from './status.ts';
import { watchCommand } from './watch.ts';

export const COMMANDS: readonly CliCommand[] = [
  sendCommand,
  mergeCommand,
  statusCommand,
  reportCommand,
  retryCommand,
  cancelCommand,
  creditCommand,
  sandboxCommand,
  watchCommand,
  printerCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
