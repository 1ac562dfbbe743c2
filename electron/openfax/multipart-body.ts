// A multipart/form-data body, as PHP's curl sends an array, with one field carrying a file
// base64-encoded. The body is streamed from disk so a 50 MB PDF is never held in memory, and
// its exact length is known before the first byte goes out (no chunked encoding, which some
// PHP front ends refuse for uploads).

import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

export interface Base64FilePart {
  name: string;
  handle: FileHandle;
  /** Bytes to send, fixed when the request is built; a file that changes meanwhile fails the body. */
  size: number;
}

export interface StreamOptions {
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Told why the stream failed (e.g. FileChangedError), since HTTP clients report only that it did. */
  onError?: (err: unknown) => void;
}

export interface MultipartBody {
  contentType: string;
  /** Exact Content-Length in bytes. */
  length: number;
  /** A fresh stream of the whole body (each chunk newly allocated); reads the file from the start. */
  stream(opts?: StreamOptions): ReadableStream<Uint8Array>;
  /**
   * Writes the whole body through `write`, which must resolve once the chunk has been handed to
   * the operating system. Two output buffers are reused in turn, so an upload of any size
   * allocates nothing per chunk: off-heap buffers are reclaimed only when V8 happens to collect
   * their small wrappers, and 70 MB of short-lived ones would sit in memory until then.
   */
  writeTo(write: (chunk: Uint8Array) => Promise<void>, opts?: StreamOptions): Promise<void>;
}

/** Raised through the body when the file no longer has the size it had when built. */
export class FileChangedError extends Error {
  constructor() {
    super('The file changed while it was being sent.');
    this.name = 'FileChangedError';
  }
}

// A multiple of 3 so each chunk's base64 ends without padding and the pieces concatenate into
// one valid base64 text. 48 KiB keeps each encoded string (64 KiB) in V8's young generation,
// where it is freed cheaply, instead of the large-object space that lingers until a full GC.
const RAW_CHUNK = 3 * 16 * 1024;
const ENCODED_CHUNK = base64Length(RAW_CHUNK);
// Each disk read is a trip through libuv's thread pool: reading 16 pieces at a time, the next
// block while this one is encoded and sent, keeps the disk off the upload's critical path.
const READ_BLOCK = RAW_CHUNK * 16;
const OUT_RING = 4;
const CRLF = '\r\n';
const encoder = new TextEncoder();

/** Length of the base64 text for n bytes. */
export function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3);
}

function randomBoundary(): string {
  return `----OpenfaxDesktop${randomBytes(12).toString('hex')}`;
}

/** Builds the body: the fields in order, then the file part (if any) last. */
export function multipartBody(
  fields: ReadonlyArray<readonly [string, string]>,
  file?: Base64FilePart,
  boundary: string = randomBoundary(),
): MultipartBody {
  for (const [name, value] of fields) {
    // Our values are validated before this point; this only guards the framing itself.
    if (/[\r\n"]/.test(name) || value.includes(boundary) || /[\r\n]/.test(value)) {
      throw new Error(`Field ${name} cannot be framed in a multipart body.`);
    }
  }
  const partHead = (name: string) => `--${boundary}${CRLF}Content-Disposition: form-data; name="${name}"${CRLF}${CRLF}`;
  let headText = fields.map(([name, value]) => `${partHead(name)}${value}${CRLF}`).join('');
  let tailText = `--${boundary}--${CRLF}`;
  if (file) {
    headText += partHead(file.name);
    tailText = CRLF + tailText;
  }
  const head = encoder.encode(headText);
  const tail = encoder.encode(tailText);
  const length = head.byteLength + (file ? base64Length(file.size) : 0) + tail.byteLength;
  const chunks = (reuse: boolean) => bodyChunks(head, tail, file, reuse);

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    stream(opts = {}) {
      const it = chunks(false);
      const progress = progressReporter(length, opts.onProgress);
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done, value } = await it.next();
            if (done) return controller.close();
            controller.enqueue(value);
            progress(value.byteLength);
          } catch (err) {
            opts.onError?.(err);
            throw err;
          }
        },
        async cancel() {
          await it.return(undefined);
        },
      });
    },
    async writeTo(write, opts = {}) {
      const progress = progressReporter(length, opts.onProgress);
      const inFlight: Array<Promise<void>> = [];
      try {
        // Chunks are encoded into a ring of OUT_RING buffers; a buffer is written into again
        // only once its earlier write is done, so at most OUT_RING - 2 writes are in flight
        // while the next chunk is encoded (the socket never waits on the encoder, or the
        // encoder on one write's callback).
        for await (const chunk of chunks(true)) {
          const size = chunk.byteLength;
          const sending = write(chunk).then(() => progress(size));
          // Awaited below; until then a failure must not count as unhandled.
          sending.catch(() => {});
          inFlight.push(sending);
          while (inFlight.length > OUT_RING - 2) await inFlight.shift();
        }
        for (const sending of inFlight) await sending;
      } catch (err) {
        opts.onError?.(err);
        throw err;
      }
    },
  };
}

function progressReporter(total: number, onProgress: StreamOptions['onProgress']): (bytes: number) => void {
  let sent = 0;
  let reported = 0;
  // For the UI, not per chunk: about 200 events over a whole upload.
  const every = Math.max(1, Math.floor(total / 200));
  return (bytes) => {
    sent += bytes;
    if (onProgress && (sent - reported >= every || sent === total)) {
      reported = sent;
      onProgress(sent, total);
    }
  };
}

async function* bodyChunks(
  head: Uint8Array,
  tail: Uint8Array,
  file: Base64FilePart | undefined,
  reuse: boolean,
): AsyncGenerator<Uint8Array> {
  yield head;
  if (file && file.size > 0) {
    const blocks = [Buffer.allocUnsafe(READ_BLOCK), Buffer.allocUnsafe(READ_BLOCK)];
    const out = reuse ? Array.from({ length: OUT_RING }, () => Buffer.allocUnsafe(ENCODED_CHUNK)) : [];
    const readBlock = async (block: Buffer, position: number): Promise<number> => {
      const want = Math.min(READ_BLOCK, file.size - position);
      const n = await readFully(file.handle, block, want, position);
      if (n < want) throw new FileChangedError();
      return n;
    };
    let turn = 0;
    let current = 0;
    let pending: Promise<number> | undefined = readBlock(blocks[0], 0);
    for (let position = 0; pending; ) {
      const n = await pending;
      const block = blocks[current];
      current ^= 1;
      position += n;
      pending = position < file.size ? readBlock(blocks[current], position) : undefined;
      // If the consumer stops early, the read ahead must not surface as an unhandled rejection.
      pending?.catch(() => {});
      for (let offset = 0; offset < n; offset += RAW_CHUNK) {
        const text = block.toString('base64', offset, Math.min(offset + RAW_CHUNK, n));
        if (reuse) {
          const buffer = out[turn];
          turn = (turn + 1) % OUT_RING;
          yield buffer.subarray(0, buffer.write(text, 0, 'latin1'));
        } else {
          yield Buffer.from(text, 'latin1');
        }
      }
    }
    // One more byte would mean the file grew after its size was taken.
    const extra = await file.handle.read(Buffer.alloc(1), 0, 1, file.size);
    if (extra.bytesRead > 0) throw new FileChangedError();
  }
  yield tail;
}

// A read may return fewer bytes than asked even mid-file; keep reading so every chunk but the
// last is a whole multiple of 3.
async function readFully(handle: FileHandle, into: Buffer, want: number, position: number): Promise<number> {
  let got = 0;
  while (got < want) {
    const { bytesRead } = await handle.read(into, got, want - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}
