// Whether some program still holds a file open for writing: the half of "the file is complete"
// that its bytes cannot prove (a writer may pause after a valid-looking trailer and append an
// incremental update). One function per platform, each answering
// 'open' (wait), 'none' (no writer we can see) or 'unknown' (cannot tell: lean on the bytes).
// - Linux: the /proc/PID/fd links to the file, and the access mode in /proc/PID/fdinfo. Only
//   processes we may inspect are seen (our user's; all of them as root), which covers the
//   printer and the programs the person runs; another user's writer falls back to the bytes.
// - macOS: `lsof`, present on every Mac, run without a shell and with a time limit.
// - Windows: an open that shares nothing (libuv's UV_FS_O_EXLOCK), which fails while any
//   other handle is open, so a reader such as an antivirus scan also makes us wait. Not tested
//   on Windows by our suite.
// Queries that arrive while a scan runs share the next one: a burst of 200 prints costs a few
// scans, not 200.

import { execFile } from 'node:child_process';
import { constants, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';

export type WriterState = 'open' | 'none' | 'unknown';

/** Whether any process has `path` open for writing, by the best means this platform has. */
export function writerState(path: string, platform: NodeJS.Platform = process.platform): Promise<WriterState> {
  if (platform === 'linux') return procWriters(path);
  if (platform === 'darwin') return lsofWriters(path);
  if (platform === 'win32') return exclusiveOpen(path);
  return Promise.resolve('unknown');
}

type Scan = (paths: string[]) => Promise<WriterState[]>;

function batched(scan: Scan): (path: string) => Promise<WriterState> {
  let pending: { path: string; done: (state: WriterState) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      const states = await scan(batch.map((q) => q.path)).catch(() => batch.map((): WriterState => 'unknown'));
      for (const [i, q] of batch.entries()) q.done(states[i] ?? 'unknown');
    }
    running = false;
  };
  return (path) =>
    new Promise((done) => {
      pending.push({ path, done });
      if (!running) void drain();
    });
}

// ---- Linux -----------------------------------------------------------------------------------

const O_ACCMODE = 0o3;

// /proc lives in memory, so its calls are made synchronously (a quarter of the time the thread
// pool takes, and the pool stays free for the hot folder's own reads), one process at a time,
// yielding to the event loop after each: a process with a thousand descriptors blocks ~2 ms.
const procWriters = batched(async (paths) => {
  // Links name the file as the writer opened it (another mount namespace for a sandboxed app),
  // so they are matched by name and confirmed by device and inode.
  const wanted = await Promise.all(
    paths.map(async (p) => {
      try {
        const info = await stat(p);
        return { dev: info.dev, ino: info.ino };
      } catch {
        return undefined;
      }
    }),
  );
  const byName = new Map<string, number[]>();
  for (const [i, p] of paths.entries()) if (wanted[i]) byName.set(basename(p), [...(byName.get(basename(p)) ?? []), i]);
  const states = paths.map((): WriterState => 'none');
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return paths.map(() => 'unknown');
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const candidates = byName.get(target.slice(target.lastIndexOf('/') + 1));
      if (!candidates || !isWritable(pid, fd)) continue;
      try {
        const info = statSync(`/proc/${pid}/fd/${fd}`);
        for (const i of candidates) if (wanted[i]?.dev === info.dev && wanted[i]?.ino === info.ino) states[i] = 'open';
      } catch {
        // closed meanwhile
      }
    }
    await new Promise((next) => setImmediate(next));
  }
  return states;
});

function isWritable(pid: string, fd: string): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'latin1'));
    return flags !== null && (Number.parseInt(flags[1] as string, 8) & O_ACCMODE) !== 0;
  } catch {
    return false; // closed meanwhile
  }
}

// ---- macOS -----------------------------------------------------------------------------------

const LSOF_TIMEOUT_MS = 5000;

/**
 * Asks `lsof` (field output: p = pid, a = access r/w/u, n = name). It exits 1 with no output
 * when nothing has the files open. When it cannot run or is slow, the answer is 'unknown': the
 * tracker then waits a little longer and goes by the bytes alone. Exported for the tests, which
 * run it on Linux, where lsof behaves the same.
 */
export function lsofWriters(path: string, command = 'lsof'): Promise<WriterState> {
  return lsofBatch(command)(path);
}

const lsofBatches = new Map<string, (path: string) => Promise<WriterState>>();
function lsofBatch(command: string): (path: string) => Promise<WriterState> {
  let run = lsofBatches.get(command);
  if (!run) {
    run = batched((paths) => runLsof(command, paths));
    lsofBatches.set(command, run);
  }
  return run;
}

async function runLsof(command: string, paths: string[]): Promise<WriterState[]> {
  // lsof names files by their real path (/private/var/… for /var/… on a Mac).
  const real = await Promise.all(paths.map((p) => realpath(p).catch(() => p)));
  const output = await new Promise<string | undefined>((done) => {
    execFile(command, ['-w', '-F', 'pan', '--', ...real], { timeout: LSOF_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (!error) return done(stdout);
      const quietMiss = error.code === 1 && stdout.trim() === '' && stderr.trim() === '';
      done(quietMiss ? '' : undefined);
    });
  });
  if (output === undefined) return paths.map(() => 'unknown');
  const states = paths.map((): WriterState => 'none');
  let access = '';
  for (const line of output.split('\n')) {
    if (line.startsWith('a')) access = line.slice(1);
    else if (line.startsWith('n') && (access === 'w' || access === 'u')) {
      const i = real.indexOf(line.slice(1));
      // A writer on a name we cannot place: say so for the whole batch rather than guess.
      if (i < 0) return paths.map(() => 'unknown');
      states[i] = 'open';
    }
    if (line.startsWith('p') || line.startsWith('f')) access = '';
  }
  return states;
}

// ---- Windows ---------------------------------------------------------------------------------

// libuv opens every file sharing read, write and delete, unless asked for this flag (win.h).
const UV_FS_O_EXLOCK = 0x10000000;

async function exclusiveOpen(path: string): Promise<WriterState> {
  try {
    const handle = await open(path, constants.O_RDONLY | UV_FS_O_EXLOCK);
    await handle.close();
    return 'none';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY') return 'open';
    return code === 'ENOENT' ? 'none' : 'unknown';
  }
}
