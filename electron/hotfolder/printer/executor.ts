// Carries out a printer plan step by step, saying for each what it did ("done"), found already
// done ("already"), or why it stopped ("failed", with what to do). Running it twice changes
// nothing the second time.

import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { PrinterPlan, PrinterStep, Probe, RunEnv, StatusCheck } from './plan.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What the executor may touch; tests pass a recording host, the app the real one. */
export interface PrinterHost {
  /** `env` is added to this process's environment for the one command. */
  run(program: string, args: string[], env?: RunEnv): Promise<RunResult>;
  mkdir(path: string): Promise<void>;
  writeFile(path: string, content: string, mode?: number): Promise<void>;
  removeFile(path: string): Promise<void>;
  /** undefined when the file does not exist. */
  readFile(path: string): Promise<string | undefined>;
}

/** `ok`: a requirement holds; `already`: the change was made before (by an earlier run). */
export type StepStatus = 'ok' | 'done' | 'already' | 'failed' | 'skipped' | 'info';

export interface StepReport {
  explain: string;
  status: StepStatus;
  detail?: string;
}

export interface PlanReport {
  title: string;
  ok: boolean;
  steps: StepReport[];
}

export function nodePrinterHost(): PrinterHost {
  return {
    run: (program, args, env) =>
      new Promise((resolve) => {
        const options = { timeout: 60_000, windowsHide: true, env: env ? { ...process.env, ...env } : process.env };
        execFile(program, args, options, (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 127) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && code === 127 ? error.message : '') });
        });
      }),
    mkdir: async (path) => {
      await mkdir(path, { recursive: true });
    },
    writeFile: async (path, content, mode) => {
      await writeFile(path, content, { mode });
      if (mode !== undefined) await chmod(path, mode);
    },
    removeFile: (path) => rm(path, { force: true }),
    readFile: async (path) => {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

async function probe(host: PrinterHost, p: Probe): Promise<boolean> {
  switch (p.kind) {
    case 'file-exists':
      return exists(p.path);
    case 'file-equals':
      return (await host.readFile(p.path)) === p.content;
    case 'run-succeeds':
      return (await host.run(p.program, p.args, p.env)).code === 0;
    case 'run-output-includes': {
      const r = await host.run(p.program, p.args, p.env);
      return r.code === 0 && r.stdout.includes(p.text);
    }
    case 'not':
      return !(await probe(host, p.probe));
  }
}

// A binary (the cups-pdf backend, mode 700) may be unreadable but still present.
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function runStep(host: PrinterHost, step: PrinterStep): Promise<StepReport> {
  const { explain } = step;
  switch (step.kind) {
    case 'note':
      return { explain, status: 'info' };
    case 'require':
      return (await probe(host, step.probe)) ? { explain, status: 'ok' } : { explain, status: 'failed', detail: step.fix };
    case 'mkdir':
      if (await exists(step.path)) return { explain, status: 'already' };
      await host.mkdir(step.path);
      return { explain, status: 'done' };
    case 'write-file':
      if ((await host.readFile(step.path)) === step.content) return { explain, status: 'already' };
      await host.writeFile(step.path, step.content, step.mode);
      return { explain, status: 'done' };
    case 'remove-file':
      if ((await host.readFile(step.path)) === undefined && !(await exists(step.path))) return { explain, status: 'already' };
      await host.removeFile(step.path);
      return { explain, status: 'done' };
    case 'run': {
      if (step.done && (await probe(host, step.done))) return { explain, status: 'already' };
      const r = await host.run(step.program, step.args, step.env);
      if (r.code !== 0) return { explain, status: 'failed', detail: explainFailure(r) };
      if (step.done && !(await probe(host, step.done))) {
        return {
          explain,
          status: 'failed',
          detail: 'The command ran but the change is not visible yet; run the set-up again or check the system printers.',
        };
      }
      return { explain, status: 'done' };
    }
  }
}

function explainFailure(r: RunResult): string {
  const output = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
  if (/access (is |was )?denied|forbidden|not authorized|permission denied|EACCES|EPERM/i.test(output)) {
    return `Not allowed (${output}): run it again as an administrator (Windows: "Run as administrator"; Linux: sudo).`;
  }
  if (r.code === 127) return `A system tool is missing (${output}).`;
  return output ? `It failed: ${output}` : `It failed with exit code ${r.code}.`;
}

/** Runs every step in order; stops at the first failure (the rest are "skipped"). */
export async function executePlan(plan: PrinterPlan, host: PrinterHost, onStep?: (report: StepReport) => void): Promise<PlanReport> {
  const steps: StepReport[] = [];
  let failed = false;
  for (const step of plan.steps) {
    let report: StepReport;
    if (failed) report = { explain: step.explain, status: 'skipped' };
    else {
      try {
        report = await runStep(host, step);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        report = {
          explain: step.explain,
          status: 'failed',
          detail: explainFailure({ code: 1, stdout: '', stderr: `${code ?? ''} ${(error as Error).message}` }),
        };
      }
      failed = report.status === 'failed';
    }
    steps.push(report);
    onStep?.(report);
  }
  return { title: plan.title, ok: !failed, steps };
}

export interface StatusReport {
  installed: boolean;
  checks: { explain: string; ok: boolean }[];
}

export async function checkStatus(checks: StatusCheck[], host: PrinterHost): Promise<StatusReport> {
  const results: { explain: string; ok: boolean }[] = [];
  for (const c of checks) results.push({ explain: c.explain, ok: await probe(host, c.probe).catch(() => false) });
  return { installed: results.every((r) => r.ok), checks: results };
}

/** One line per step, for the CLI and logs. */
export function formatReport(report: PlanReport): string {
  const mark: Record<StepStatus, string> = {
    ok: '✓ ok',
    done: '✓ done',
    already: '✓ already',
    failed: '✗ failed',
    skipped: '- skipped',
    info: 'i',
  };
  const lines = [report.title];
  for (const s of report.steps) lines.push(`  ${mark[s.status].padEnd(10)} ${s.explain}${s.detail ? `\n             ${s.detail}` : ''}`);
  return lines.join('\n');
}
