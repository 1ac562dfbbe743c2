// Starts the converters' programs (soffice, PowerShell, osascript, reg.exe) and stops them with
// everything they started. Never through a shell: the program and each argument go to the OS as
// they are, so no value can become a command. soffice starts a second process (oosplash →
// soffice.bin) that outlives a kill of the first, so a program gets a process group of its own on
// POSIX and the whole group is killed; Windows has `taskkill /T`.

import { execFile, spawn } from 'node:child_process';
import { win32 } from 'node:path';

export interface SpawnRequest {
  program: string;
  args: readonly string[];
  /** Added to this process's environment for the one program. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
}

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** Set when the program could not be started at all (ENOENT, EACCES…). */
  error?: string;
}

export type OutputStream = 'stdout' | 'stderr';

export interface RunningProcess {
  readonly pid: number | undefined;
  /** Resolves once it has exited and its output is closed (so nothing it started still holds it). */
  readonly exited: Promise<ProcessExit>;
  /** The last few KB of what it wrote on stderr, for a problem's detail. */
  stderrTail(): string;
  /** Kills it and everything it started; resolves once it is gone (or after a bounded wait). */
  kill(): Promise<void>;
}

/** How converters start programs: the real one here, a recording fake in tests. */
export interface ProcessRunner {
  /** `onLine` gets every line of stdout and stderr as it comes. */
  start(request: SpawnRequest, onLine?: (line: string, stream: OutputStream) => void): RunningProcess;
  /** Kills a process a program told us it started outside its own tree (Word's COM server), with its children. */
  killPid(pid: number): Promise<void>;
}

const STDERR_TAIL = 4096;
// After SIGKILL the kernel ends the processes at once; this only bounds a wait for the output
// pipes to close when a stray grandchild (outside the group) still holds them.
const KILL_WAIT_MS = 5_000;

/** Keeps the last `max` characters of a stream. */
export function tailKeeper(max = STDERR_TAIL): { add(text: string): void; text(): string } {
  let kept = '';
  return {
    add(text) {
      kept = (kept + text).slice(-max);
    },
    text: () => kept,
  };
}

/** Splits chunks into lines (\n or \r\n), keeping a partial last line until it ends. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let at = pending.indexOf('\n');
      while (at >= 0) {
        onLine(pending.slice(0, at).replace(/\r$/, ''));
        pending = pending.slice(at + 1);
        at = pending.indexOf('\n');
      }
    },
    end() {
      if (pending) onLine(pending.replace(/\r$/, ''));
      pending = '';
    },
  };
}

/**
 * taskkill by its full path, as reg.exe and PowerShell are run (word-find.ts's windowsTool, which
 * cannot be imported here: it imports this file): a taskkill.exe earlier on the PATH, or in the
 * current folder, is not run.
 */
export function taskkillPath(env: Readonly<Record<string, string | undefined>>): string {
  return win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', 'taskkill.exe');
}

/** Kills a process and its children: the process group on POSIX, `taskkill /T /F` on Windows. */
async function killProcessTree(pid: number, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') {
    await new Promise<void>((resolve) => {
      execFile(taskkillPath(process.env), ['/T', '/F', '/PID', String(pid)], { windowsHide: true, timeout: KILL_WAIT_MS }, () => resolve());
    });
    return;
  }
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // ESRCH: already gone (or it was never a group leader).
    }
  }
}

/** The runner that starts real programs. */
export function nodeProcessRunner(platform: NodeJS.Platform = process.platform): ProcessRunner {
  return {
    killPid: (pid) => killProcessTree(pid, platform),
    start(request, onLine) {
      const stderr = tailKeeper();
      const child = spawn(request.program, [...request.args], {
        cwd: request.cwd,
        env: request.env ? { ...process.env, ...request.env } : process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a kill reaches soffice.bin too (Windows: taskkill /T instead).
        detached: platform !== 'win32',
        windowsHide: true,
        shell: false,
      });
      const split = (stream: OutputStream) => lineSplitter((line) => onLine?.(line, stream));
      const out = split('stdout');
      const err = split('stderr');
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr.add(chunk);
        err.push(chunk);
      });
      let closed = false;
      const exited = new Promise<ProcessExit>((resolve) => {
        child.once('error', (error) => {
          closed = true;
          stderr.add(error.message);
          resolve({ code: null, signal: null, error: error.message });
        });
        child.once('close', (code, signal) => {
          closed = true;
          out.end();
          err.end();
          resolve({ code, signal });
        });
      });
      let killing: Promise<void> | undefined;
      return {
        pid: child.pid,
        exited,
        stderrTail: stderr.text,
        kill() {
          killing ??= (async () => {
            // Until its output closes, something of its group may live on, even after the first process exited.
            if (child.pid !== undefined && !closed) await killProcessTree(child.pid, platform);
            await boundedWait(exited, KILL_WAIT_MS);
          })();
          return killing;
        },
      };
    },
  };
}

async function boundedWait(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Runs a short program to its end (a version query, a registry read); killed after `timeoutMs`. */
export async function runToEnd(
  runner: ProcessRunner,
  request: SpawnRequest,
  timeoutMs: number,
): Promise<{ exit: ProcessExit; stdout: string; timedOut: boolean }> {
  const lines: string[] = [];
  const proc = runner.start(request, (line, stream) => {
    if (stream === 'stdout' && lines.length < 200) lines.push(line);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void proc.kill();
  }, timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { exit, stdout: lines.join('\n'), timedOut };
}
