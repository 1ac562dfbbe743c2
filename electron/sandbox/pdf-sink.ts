// Decodes PDF_encode as it arrives: base64 text in, PDF bytes out to a temp file, hashed and
// measured on the way, so a 50 MB fax never sits in memory. Decoding is lenient like PHP's
// base64_decode(): characters outside the alphabet (spaces from an unescaped `+`, newlines,
// `=`) are skipped, which is exactly how a carelessly url-encoded PDF arrives corrupted.
// Decoded bytes go straight into a 1 MB staging buffer that is hashed and written whole: per
// 64 KB chunk there is no allocation and no syscall, which keeps the sandbox ahead of curl.

import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../core/private-files.ts';
import { MAX_PDF_BYTES } from './defaults.ts';

export interface PdfIntake {
  path: string;
  bytes: number;
  sha256: string;
  /** The first bytes, for the `%PDF-` check. */
  head: Buffer;
  /** More than 50 MB decoded: the rest was not kept. */
  overLimit: boolean;
}

export interface PdfSink {
  /** Base64 text; returns a promise when the disk wants the caller to wait. */
  write(chunk: Buffer | string): void | Promise<void>;
  /** Starts over: PHP keeps the last of two fields with the same name. */
  reset(): Promise<void>;
  /** Undefined when PDF_encode never arrived. */
  finish(): Promise<PdfIntake | undefined>;
  /** Removes the temp file. */
  dispose(): Promise<void>;
}

const NOT_BASE64 = /[^A-Za-z0-9+/]/;
const NOT_BASE64_ALL = /[^A-Za-z0-9+/]/g;
const HEAD_BYTES = 1024;
const STAGE_BYTES = 1 << 20;
const FIRST_STAGE_BYTES = 64 * 1024;

export function createPdfSink(tmpDir: string): PdfSink {
  const path = join(tmpDir, `intake-${randomUUID()}.pdf`);
  let out: WriteStream | undefined;
  let hash: Hash = createHash('sha256');
  let stage = Buffer.alloc(0);
  let used = 0;
  let carry = '';
  let bytes = 0;
  let head = Buffer.alloc(0);
  let overLimit = false;
  let failure: Error | undefined;
  let started = false;

  let waits: Array<Promise<void>> = [];

  /** Hands the staged bytes to the hash and the file; a new stage takes over at once. */
  const flush = (): void => {
    if (used === 0) return;
    const full = stage.subarray(0, used);
    stage = Buffer.alloc(0);
    used = 0;
    hash.update(full);
    if (!out) {
      // The fax's bytes: the owner's alone, as everything the app keeps.
      out = createWriteStream(path, { mode: PRIVATE_FILE_MODE });
      out.on('error', (e) => {
        failure ??= e;
      });
    }
    if (out.write(full)) return;
    const stream = out;
    waits.push(
      new Promise((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
      }),
    );
  };

  /**
   * Decodes `text` into the stage. Node's decoder skips junk and stops at '=', so a clean text
   * is exactly one whose output is 3/4 of its length; with `strict`, anything else is undone
   * (returns false) for the slow path to clean up first.
   */
  const decode = (text: string, strict: boolean): boolean => {
    const room = Math.ceil((text.length * 3) / 4);
    if (used + room > stage.length) {
      flush();
      // Small first: most faxes in tests are a few kilobytes.
      if (room > stage.length) stage = Buffer.allocUnsafeSlow(Math.max(room, bytes === 0 ? FIRST_STAGE_BYTES : STAGE_BYTES));
    }
    const n = stage.write(text, used, 'base64');
    if (strict && n !== room) return false;
    if (!overLimit && bytes + n > MAX_PDF_BYTES) overLimit = true;
    bytes += n;
    if (overLimit) return true;
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, stage.subarray(used, used + Math.min(n, HEAD_BYTES - head.length))]);
    used += n;
    return true;
  };

  const closeOut = async () => {
    const stream = out;
    out = undefined;
    if (!stream) return;
    await new Promise<void>((resolve) => {
      stream.once('close', resolve);
      stream.end();
    });
  };

  const pending = (): void | Promise<void> => {
    if (waits.length === 0) return;
    const w = waits;
    waits = [];
    return Promise.all(w).then(() => {});
  };

  return {
    write(chunk) {
      started = true;
      const raw = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
      const s = carry ? carry + raw : raw;
      const whole = s.length - (s.length % 4);
      // base64url's '-' and '_' would decode in Node but are skipped by PHP: send them the slow way.
      if (whole > 0 && s.indexOf('-') < 0 && s.indexOf('_') < 0 && decode(whole === s.length ? s : s.slice(0, whole), true)) {
        carry = s.slice(whole);
        return pending();
      }
      const clean = NOT_BASE64.test(s) ? s.replace(NOT_BASE64_ALL, '') : s;
      const cleanWhole = clean.length - (clean.length % 4);
      carry = clean.slice(cleanWhole);
      if (cleanWhole > 0) decode(clean.slice(0, cleanWhole), false);
      return pending();
    },
    async reset() {
      await pending();
      await closeOut();
      hash = createHash('sha256');
      used = 0;
      carry = '';
      bytes = 0;
      head = Buffer.alloc(0);
      overLimit = false;
      started = false;
    },
    async finish() {
      if (!started) {
        await closeOut();
        return undefined;
      }
      // Two or three leftover characters still carry one or two bytes; a single one carries none.
      if (carry.length > 1) decode(carry, false);
      carry = '';
      flush();
      await pending();
      await closeOut();
      if (failure) throw failure;
      return { path, bytes, sha256: hash.digest('hex'), head, overLimit };
    },
    async dispose() {
      await closeOut();
      await rm(path, { force: true });
    },
  };
}
