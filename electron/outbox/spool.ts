// Copies a PDF into the spool folder under its document id, hashing as it goes. The copy
// is written to `.part`, flushed, then renamed, so a crash or a full disk never leaves a
// half file under a real name. Failures become SpoolError with plain words.

import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { withDetail } from '../../shared/wording.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../core/private-files.ts';

export interface SpoolFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  stat: typeof fsp.stat;
  readdir: typeof fsp.readdir;
  mkdir: typeof fsp.mkdir;
}

export const nodeSpoolFs: SpoolFs = {
  open: fsp.open,
  rename: fsp.rename,
  unlink: fsp.unlink,
  stat: fsp.stat,
  readdir: fsp.readdir,
  mkdir: fsp.mkdir,
};

export class SpoolError extends Error {
  readonly code: string | undefined;
  readonly action: string;
  constructor(message: string, action: string, code?: string) {
    super(message);
    this.name = 'SpoolError';
    this.code = code;
    this.action = action;
  }
}

export interface Spooled {
  path: string;
  sha256: string;
  size: number;
  /** The first KB, for the PDF header check. */
  head: Uint8Array;
}

const CHUNK = 1024 * 1024;

function spoolFileName(documentId: string): string {
  return `${documentId}.pdf`;
}

/** Copies `source` (a path or bytes) to `<spoolDir>/<documentId>.pdf`. Throws SpoolError. */
export async function spoolPdf(
  source: { path: string } | { bytes: Uint8Array },
  spoolDir: string,
  documentId: string,
  fs: SpoolFs = nodeSpoolFs,
): Promise<Spooled> {
  const finalPath = join(spoolDir, spoolFileName(documentId));
  const partPath = `${finalPath}.part`;
  await fs.mkdir(spoolDir, { recursive: true, mode: PRIVATE_DIR_MODE }).catch((err) => {
    throw spoolWriteError(err, spoolDir);
  });
  const hash = createHash('sha256');
  let head: Uint8Array = new Uint8Array(0);
  let size = 0;
  let src: fsp.FileHandle | undefined;
  let out: fsp.FileHandle | undefined;
  try {
    if ('path' in source) {
      try {
        src = await fs.open(source.path, 'r');
        const st = await src.stat();
        if (!st.isFile()) throw new SpoolError(`${source.path} is a folder, not a PDF file.`, 'Choose a PDF file.');
        if (st.size > MAX_PDF_BYTES) throw tooLarge(st.size);
      } catch (err) {
        throw err instanceof SpoolError ? err : readError(err, source.path);
      }
    } else if (source.bytes.byteLength > MAX_PDF_BYTES) {
      throw tooLarge(source.bytes.byteLength);
    }
    try {
      out = await fs.open(partPath, 'w', PRIVATE_FILE_MODE);
    } catch (err) {
      throw spoolWriteError(err, spoolDir);
    }
    const write = async (chunk: Uint8Array) => {
      if (head.byteLength < 1024) head = concat(head, chunk.subarray(0, 1024 - head.byteLength));
      hash.update(chunk);
      size += chunk.byteLength;
      if (size > MAX_PDF_BYTES) throw tooLarge(size);
      try {
        let off = 0;
        while (off < chunk.byteLength) {
          const { bytesWritten } = await (out as fsp.FileHandle).write(chunk, off, chunk.byteLength - off);
          off += bytesWritten;
        }
      } catch (err) {
        throw spoolWriteError(err, spoolDir);
      }
    };
    if ('bytes' in source) {
      for (let off = 0; off < source.bytes.byteLength; off += CHUNK) await write(source.bytes.subarray(off, off + CHUNK));
    } else {
      const buf = new Uint8Array(CHUNK);
      for (;;) {
        let n: number;
        try {
          n = (await (src as fsp.FileHandle).read(buf, 0, CHUNK, null)).bytesRead;
        } catch (err) {
          throw readError(err, source.path);
        }
        if (n === 0) break;
        await write(buf.slice(0, n));
      }
    }
    try {
      await out.sync();
      await out.close();
      out = undefined;
      await fs.rename(partPath, finalPath);
    } catch (err) {
      throw spoolWriteError(err, spoolDir);
    }
    return { path: finalPath, sha256: hash.digest('hex'), size, head };
  } catch (err) {
    await out?.close().catch(() => undefined);
    await fs.unlink(partPath).catch(() => undefined);
    throw err;
  } finally {
    await src?.close().catch(() => undefined);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

function tooLarge(size: number): SpoolError {
  return new SpoolError(
    `The PDF is ${(size / 1024 / 1024).toFixed(1)} MB; Openfax accepts at most 50 MB.`,
    'Split it into smaller faxes or save it with lower image quality.',
    'too-large',
  );
}

function readError(err: unknown, path: string): SpoolError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new SpoolError(`The file ${path} does not exist (moved or deleted?).`, 'Choose the file again.', code);
  if (code === 'EACCES' || code === 'EPERM')
    return new SpoolError(`Permission to read ${path} was denied.`, "Check the file's permissions.", code);
  if (code === 'EISDIR') return new SpoolError(`${path} is a folder, not a PDF file.`, 'Choose a PDF file.', code);
  return new SpoolError(withDetail(`The file ${path} could not be read`, code ?? (err as Error).message), 'Choose the file again.', code);
}

function spoolWriteError(err: unknown, spoolDir: string): SpoolError {
  if (err instanceof SpoolError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new SpoolError(
      `The disk is full: the PDF could not be copied into the spool folder ${spoolDir}. Nothing was queued.`,
      'Free some disk space (or lower the spool retention in Settings), then send again.',
      code,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new SpoolError(
      `The spool folder ${spoolDir} is not writable. Nothing was queued.`,
      'Check the permissions of the data folder, or choose another with --data-dir.',
      code,
    );
  }
  return new SpoolError(
    `The PDF could not be copied into the spool folder ${spoolDir} (${code ?? (err as Error).message}). Nothing was queued.`,
    'Check the data folder and free disk space, then send again.',
    code,
  );
}
