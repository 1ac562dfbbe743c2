// A streaming application/x-www-form-urlencoded parser, decoding as PHP does (`+` is a space,
// `%XX` a byte). One chosen field's value is streamed out; the others are kept as strings. It
// stops at `maxFields` pairs (each `&` starts one, even an empty one), so a body of millions of
// tiny pairs is refused after the first thousand, not decoded pair by pair.

import type { PartConsumer } from './multipart-parser.ts';
import { TooManyFieldsError } from './server-limits.ts';

export interface UrlencodedParser {
  push(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

const AMP = 0x26;
const PERCENT = /%([0-9A-Fa-f]{2})/g;

/** `+` → space, `%XX` → that byte; a stray `%` stays as it is (as PHP's urldecode does). */
export function percentDecode(latin1: string): Buffer {
  const spaced = latin1.includes('+') ? latin1.replaceAll('+', ' ') : latin1;
  const decoded = spaced.includes('%')
    ? spaced.replace(PERCENT, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : spaced;
  return Buffer.from(decoded, 'latin1');
}
const EQ = 0x3d;

/** Decodes a value segment, holding back a `%` or `%X` cut off by the chunk edge. */
function decodeSegment(text: string): { bytes: Buffer; rest: string } {
  const pct = text.lastIndexOf('%');
  const cut = pct >= 0 && pct > text.length - 3 ? pct : text.length;
  return { bytes: percentDecode(text.slice(0, cut)), rest: text.slice(cut) };
}

export function createUrlencodedParser(opts: {
  /** Returns a consumer when this field's value should be streamed rather than kept. */
  streamField(name: string): PartConsumer | undefined | Promise<PartConsumer | undefined>;
  field(name: string, value: string): void;
  maxFieldBytes: number;
  /** `push` throws TooManyFieldsError at the pair after this many. */
  maxFields?: number;
}): UrlencodedParser {
  const maxFields = opts.maxFields ?? Number.POSITIVE_INFINITY;
  let pairs = 0;
  let inValue = false;
  let key: Buffer[] = [];
  let keyBytes = 0;
  let value: Buffer[] = [];
  let valueBytes = 0;
  let name = '';
  let stream: PartConsumer | undefined;
  let pending = '';

  // latin1 maps each byte to one char and back, so raw and percent-encoded UTF-8 both come out right.
  const decodeText = (parts: Buffer[]) => percentDecode(Buffer.concat(parts).toString('latin1')).toString('utf8');

  const addKeyBytes = (b: Buffer) => {
    if (keyBytes < opts.maxFieldBytes) key.push(b);
    keyBytes += b.length;
  };
  const addValueBytes = async (b: Buffer) => {
    if (b.length === 0) return;
    if (stream) {
      const { bytes, rest } = decodeSegment(pending + b.toString('latin1'));
      pending = rest;
      if (bytes.length > 0) await stream.data(bytes);
      return;
    }
    if (valueBytes < opts.maxFieldBytes * 3) value.push(b);
    valueBytes += b.length;
  };
  const startValue = async () => {
    inValue = true;
    name = decodeText(key);
    stream = await opts.streamField(name);
    pending = '';
  };
  const finishField = async () => {
    if (!inValue) name = decodeText(key);
    if (stream) {
      if (pending) await stream.data(percentDecode(pending));
      await stream.end();
    } else if (name !== '') {
      opts.field(name, decodeText(value));
    }
    inValue = false;
    key = [];
    keyBytes = 0;
    value = [];
    valueBytes = 0;
    name = '';
    stream = undefined;
    pending = '';
  };

  return {
    async push(chunk) {
      let pos = 0;
      while (pos < chunk.length) {
        const amp = chunk.indexOf(AMP, pos);
        const stop = amp < 0 ? chunk.length : amp;
        if (!inValue) {
          // Only this pair's bytes are searched: a chunk of `&&&…` must not rescan to its end each time.
          const eq = chunk.subarray(pos, stop).indexOf(EQ);
          if (eq >= 0) {
            addKeyBytes(chunk.subarray(pos, pos + eq));
            await startValue();
            pos += eq + 1;
          }
        }
        if (inValue) await addValueBytes(chunk.subarray(pos, stop));
        else addKeyBytes(chunk.subarray(pos, stop));
        if (amp < 0) return;
        await finishField();
        if (++pairs >= maxFields) throw new TooManyFieldsError(maxFields);
        pos = amp + 1;
      }
    },
    async end() {
      if (inValue || keyBytes > 0) await finishField();
    },
  };
}
