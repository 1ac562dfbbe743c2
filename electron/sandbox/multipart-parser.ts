// A streaming multipart/form-data parser. busboy buffers every non-file part whole (and caps it
// at `fieldSize`), but PHP's curl sample sends the 67 MB of base64 as an ordinary field, so the
// sandbox needs a parser that hands a field's bytes on as they arrive. It stops at `maxParts`:
// each part costs a header parse and a consumer, so a body of tiny parts is refused, not read.

import { TooManyFieldsError } from './server-limits.ts';

export interface PartInfo {
  name: string | undefined;
  /** Present when the part carries a filename: PHP files those under $_FILES, not $_POST. */
  filename: string | undefined;
}

export interface PartConsumer {
  data(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
  /** The body ended inside this part. */
  abort(): void | Promise<void>;
}

export interface MultipartParser {
  push(chunk: Buffer): Promise<void>;
  /** `complete` is false when the closing boundary never came or the body was malformed. */
  end(): Promise<{ complete: boolean }>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' | 'malformed';

/** Reads the boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** Parses a Content-Disposition header's name and filename parameters. */
export function parseDisposition(value: string): PartInfo & { formData: boolean } {
  const formData = /^\s*form-data\s*(;|$)/i.test(value);
  const params = new Map<string, string>();
  const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const raw = m[2].trim();
    params.set(m[1].toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return { formData, name: params.get('name'), filename: params.get('filename') ?? params.get('filename*') };
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `push` throws TooManyFieldsError at the part after `maxParts`. */
export function createMultipartParser(
  boundary: string,
  onPart: (info: PartInfo) => PartConsumer | undefined | Promise<PartConsumer | undefined>,
  opts: { maxParts?: number } = {},
): MultipartParser {
  const maxParts = opts.maxParts ?? Number.POSITIVE_INFINITY;
  let parts = 0;
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const keep = delimiter.length - 1;
  // The first boundary has no CRLF before it; pretending it had one lets one search find them all.
  let buf: Buffer = CRLF;
  let state: State = 'preamble';
  let consumer: PartConsumer | undefined;

  const step = async (): Promise<boolean> => {
    switch (state) {
      case 'preamble': {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const cr = buf.indexOf(0x0d, Math.max(0, buf.length - keep));
          buf = cr < 0 ? Buffer.alloc(0) : buf.subarray(cr);
          return false;
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'after-delimiter';
        return true;
      }
      case 'after-delimiter': {
        let i = 0;
        while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        if (buf.length - i < 2) return false;
        if (buf[i] === 0x2d && buf[i + 1] === 0x2d) state = 'done';
        else if (buf[i] === 0x0d && buf[i + 1] === 0x0a) {
          if (++parts > maxParts) throw new TooManyFieldsError(maxParts);
          state = 'headers';
        } else state = 'malformed';
        buf = buf.subarray(i + 2);
        return state === 'headers';
      }
      case 'headers': {
        let text: string;
        if (buf[0] === 0x0d && buf[1] === 0x0a) {
          text = '';
          buf = buf.subarray(2);
        } else {
          const at = buf.indexOf(HEADER_END);
          if (at < 0) {
            if (buf.length > MAX_HEADER_BYTES) state = 'malformed';
            return false;
          }
          text = buf.subarray(0, at).toString('utf8');
          buf = buf.subarray(at + HEADER_END.length);
        }
        const disposition = parseDisposition(parseHeaders(text).get('content-disposition') ?? '');
        consumer = disposition.formData ? await onPart(disposition) : undefined;
        state = 'body';
        return true;
      }
      case 'body': {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          if (at > 0) await consumer?.data(buf.subarray(0, at));
          await consumer?.end();
          consumer = undefined;
          buf = buf.subarray(at + delimiter.length);
          state = 'after-delimiter';
          return true;
        }
        // Hold back what could be the start of a delimiter split across chunks: only from a CR
        // near the end, so the next chunk usually needs no copying together with this one.
        const cr = buf.indexOf(0x0d, Math.max(0, buf.length - keep));
        const safe = cr < 0 ? buf.length : cr;
        if (safe > 0) {
          await consumer?.data(buf.subarray(0, safe));
          buf = buf.subarray(safe);
        }
        return false;
      }
      default:
        buf = Buffer.alloc(0);
        return false;
    }
  };

  return {
    async push(chunk) {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      while (await step()) {
        // each step consumed something and may unlock the next
      }
    },
    async end() {
      if (consumer) await consumer.abort();
      consumer = undefined;
      return { complete: state === 'done' };
    },
  };
}
