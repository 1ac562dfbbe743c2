// One logger per module. Secrets registered with `registerSecret` are replaced before any
// line leaves the process, and long digit runs (fax numbers) keep only their last four.

import { appendFileSync } from 'node:fs';
import { makePrivateSync, PRIVATE_FILE_MODE } from './private-files.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, meta?: unknown): void;
  info(msg: string, meta?: unknown): void;
  warn(msg: string, meta?: unknown): void;
  error(msg: string, meta?: unknown): void;
}

const secrets = new Set<string>();
let logFile: string | undefined;
let minLevel: LogLevel = (process.env.OPENFAX_LOG_LEVEL as LogLevel | undefined) ?? 'info';
let sink: ((line: string) => void) | undefined;
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Adds a value (an API key) that must never appear in a log line, error or message. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Replaces registered secrets and `APIKey=…` pairs; masks fax-number-like digit runs. */
function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  out = out.replace(/(APIKey["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi, '$1[redacted]');
  return out.replace(/\+?\d[\d ().-]{8,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length >= 10 ? `…${digits.slice(-4)}` : m;
  });
}

/** Sends log lines to a file (main owns it) in addition to stderr. */
export function setLogFile(path: string | undefined): void {
  logFile = path;
  // A log written by an earlier version may be readable by all; from now on it is the owner's alone.
  if (path) {
    try {
      makePrivateSync(path);
    } catch {
      // As with writing: a log file we cannot change must never take the app down.
    }
  }
}

export function setLogLevel(level: LogLevel): void {
  minLevel = level;
}

/** Test hook: capture every line written. */
export function setLogSink(fn: ((line: string) => void) | undefined): void {
  sink = fn;
}

function format(meta: unknown): string {
  if (meta === undefined) return '';
  if (meta instanceof Error) return ` ${meta.name}: ${meta.message}`;
  try {
    return ` ${JSON.stringify(meta)}`;
  } catch {
    return ` ${String(meta)}`;
  }
}

export function createLogger(name: string): Logger {
  const write = (level: LogLevel, msg: string, meta?: unknown) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} [${name}] ${msg}${format(meta)}`);
    sink?.(line);
    if (process.env.OPENFAX_QUIET !== '1') process.stderr.write(`${line}\n`);
    if (logFile) {
      try {
        appendFileSync(logFile, `${line}\n`, { mode: PRIVATE_FILE_MODE });
      } catch {
        // A log file we cannot write must never take the app down.
      }
    }
  };
  return {
    debug: (m, x) => write('debug', m, x),
    info: (m, x) => write('info', m, x),
    warn: (m, x) => write('warn', m, x),
    error: (m, x) => write('error', m, x),
  };
}
