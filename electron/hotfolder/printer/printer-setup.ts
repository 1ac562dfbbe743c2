// "Set up Print to Openfax": install, remove and status for the platform we run on.

import { type CupsOptions, cupsInstallPlan, cupsRemovePlan, cupsStatusChecks } from './linux.ts';
import { macInstallPlan, macRemovePlan, macStatusChecks } from './macos.ts';
import type { PrinterPlan, StatusCheck } from './plan.ts';
import { windowsInstallPlan, windowsRemovePlan, windowsStatusChecks } from './windows.ts';
import {
  checkStatus,
  executePlan,
  nodePrinterHost,
  type PlanReport,
  type PrinterHost,
  type StatusReport,
  type StepReport,
} from './executor.ts';

export type PrinterPlatform = 'win32' | 'darwin' | 'linux';

export interface PrinterSetup extends CupsOptions {
  platform: NodeJS.Platform;
}

function platformOf(setup: PrinterSetup): PrinterPlatform {
  if (setup.platform === 'win32' || setup.platform === 'darwin' || setup.platform === 'linux') return setup.platform;
  throw new Error(`Print to Openfax cannot be set up on ${setup.platform}: use the hot folder directly.`);
}

export function buildInstallPlan(setup: PrinterSetup): PrinterPlan {
  const p = platformOf(setup);
  return p === 'win32' ? windowsInstallPlan(setup) : p === 'darwin' ? macInstallPlan(setup) : cupsInstallPlan(setup);
}

function buildRemovePlan(setup: PrinterSetup): PrinterPlan {
  const p = platformOf(setup);
  return p === 'win32' ? windowsRemovePlan(setup) : p === 'darwin' ? macRemovePlan(setup) : cupsRemovePlan(setup);
}

function buildStatusChecks(setup: PrinterSetup): StatusCheck[] {
  const p = platformOf(setup);
  return p === 'win32' ? windowsStatusChecks(setup) : p === 'darwin' ? macStatusChecks(setup) : cupsStatusChecks(setup);
}

export function installPrinter(
  setup: PrinterSetup,
  host: PrinterHost = nodePrinterHost(),
  onStep?: (s: StepReport) => void,
): Promise<PlanReport> {
  return executePlan(buildInstallPlan(setup), host, onStep);
}

export function removePrinter(
  setup: PrinterSetup,
  host: PrinterHost = nodePrinterHost(),
  onStep?: (s: StepReport) => void,
): Promise<PlanReport> {
  return executePlan(buildRemovePlan(setup), host, onStep);
}

export function printerStatus(setup: PrinterSetup, host: PrinterHost = nodePrinterHost()): Promise<StatusReport> {
  return checkStatus(buildStatusChecks(setup), host);
}
