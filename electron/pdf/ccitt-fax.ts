// The fax codings a TIFF carries (ITU-T T.4 and T.6): Modified Huffman runs (TIFF compression
// 2), T.4 one- or two-dimensional lines after EOL codes (Group 3, compression 3) and T.6
// (Group 4, compression 4). Decoded here rather than by utif2, whose decoder builds each code
// as a string one bit at a time (28 s for one dense fine page, in main) and adds up makeup codes
// without bound (a few crafted bytes ask for gigabytes). This one works from lookup tables,
// clips every run at the line's end, keeps at most a line's worth of changes, and stops at the
// block's last line or its last bit: time and memory follow the page's size, never what the
// data claims. Damaged data leaves the rest of the block white (Group 3 picks up again at the
// next EOL, as fax machines do); it never throws.

/** One strip or tile, coded as TIFF says. */
export interface CcittBlock {
  width: number;
  height: number;
  compression: 2 | 3 | 4;
  /** T4Options (tag 292): bit 0 set, lines may be two-dimensional. */
  t4Options?: number;
  /** FillOrder 2 (tag 266): each byte's bits are least significant first. */
  reverseBits?: boolean;
}

// The run-length codes of T.4 (tables 2 and 3), each "code:run", makeup codes included.
const WHITE_CODES =
  '00110101:0 000111:1 0111:2 1000:3 1011:4 1100:5 1110:6 1111:7 10011:8 10100:9 00111:10 01000:11 001000:12 000011:13 ' +
  '110100:14 110101:15 101010:16 101011:17 0100111:18 0001100:19 0001000:20 0010111:21 0000011:22 0000100:23 0101000:24 ' +
  '0101011:25 0010011:26 0100100:27 0011000:28 00000010:29 00000011:30 00011010:31 00011011:32 00010010:33 00010011:34 ' +
  '00010100:35 00010101:36 00010110:37 00010111:38 00101000:39 00101001:40 00101010:41 00101011:42 00101100:43 00101101:44 ' +
  '00000100:45 00000101:46 00001010:47 00001011:48 01010010:49 01010011:50 01010100:51 01010101:52 00100100:53 00100101:54 ' +
  '01011000:55 01011001:56 01011010:57 01011011:58 01001010:59 01001011:60 00110010:61 00110011:62 00110100:63 ' +
  '11011:64 10010:128 010111:192 0110111:256 00110110:320 00110111:384 01100100:448 01100101:512 01101000:576 01100111:640 ' +
  '011001100:704 011001101:768 011010010:832 011010011:896 011010100:960 011010101:1024 011010110:1088 011010111:1152 ' +
  '011011000:1216 011011001:1280 011011010:1344 011011011:1408 010011000:1472 010011001:1536 010011010:1600 011000:1664 ' +
  '010011011:1728';
const BLACK_CODES =
  '0000110111:0 010:1 11:2 10:3 011:4 0011:5 0010:6 00011:7 000101:8 000100:9 0000100:10 0000101:11 0000111:12 00000100:13 ' +
  '00000111:14 000011000:15 0000010111:16 0000011000:17 0000001000:18 00001100111:19 00001101000:20 00001101100:21 ' +
  '00000110111:22 00000101000:23 00000010111:24 00000011000:25 000011001010:26 000011001011:27 000011001100:28 ' +
  '000011001101:29 000001101000:30 000001101001:31 000001101010:32 000001101011:33 000011010010:34 000011010011:35 ' +
  '000011010100:36 000011010101:37 000011010110:38 000011010111:39 000001101100:40 000001101101:41 000011011010:42 ' +
  '000011011011:43 000001010100:44 000001010101:45 000001010110:46 000001010111:47 000001100100:48 000001100101:49 ' +
  '000001010010:50 000001010011:51 000000100100:52 000000110111:53 000000111000:54 000000100111:55 000000101000:56 ' +
  '000001011000:57 000001011001:58 000000101011:59 000000101100:60 000001011010:61 000001100110:62 000001100111:63 ' +
  '0000001111:64 000011001000:128 000011001001:192 000001011011:256 000000110011:320 000000110100:384 000000110101:448 ' +
  '0000001101100:512 0000001101101:576 0000001001010:640 0000001001011:704 0000001001100:768 0000001001101:832 ' +
  '0000001110010:896 0000001110011:960 0000001110100:1024 0000001110101:1088 0000001110110:1152 0000001110111:1216 ' +
  '0000001010010:1280 0000001010011:1344 0000001010100:1408 0000001010101:1472 0000001011010:1536 0000001011011:1600 ' +
  '0000001100100:1664 0000001100101:1728';
// Both colours' makeup codes for runs past 1728 (T.4 table 3a).
const EXTENDED_CODES =
  '00000001000:1792 00000001100:1856 00000001101:1920 000000010010:1984 000000010011:2048 000000010100:2112 ' +
  '000000010101:2176 000000010110:2240 000000010111:2304 000000011100:2368 000000011101:2432 000000011110:2496 000000011111:2560';
// The two-dimensional modes (T.4 table 4): pass, horizontal, vertical by -3…3, and the
// extension (uncompressed mode), which is not taken.
const P = 1;
const H = 2;
const V0 = 6; // V(d) is V0 + d
const MODE_CODES = `0001:${P} 001:${H} 1:${V0} 011:${V0 + 1} 000011:${V0 + 2} 0000011:${V0 + 3} 010:${V0 - 1} 000010:${V0 - 2} 0000010:${V0 - 3}`;

const RUN_PEEK = 13;
const MODE_PEEK = 7;

/** A table read by the next `peek` bits: (value << 4) | code length; 0 where no code starts. */
function lookupTable(codes: string, peek: number): Uint32Array {
  const table = new Uint32Array(1 << peek);
  for (const pair of codes.split(' ')) {
    const [code = '', value = ''] = pair.split(':');
    const spare = peek - code.length;
    const first = Number.parseInt(code, 2) << spare;
    for (let i = 0; i < 1 << spare; i++) table[first + i] = (Number(value) << 4) | code.length;
  }
  return table;
}

const WHITE = lookupTable(`${WHITE_CODES} ${EXTENDED_CODES}`, RUN_PEEK);
const BLACK = lookupTable(`${BLACK_CODES} ${EXTENDED_CODES}`, RUN_PEEK);
const MODES = lookupTable(MODE_CODES, MODE_PEEK);
const REVERSED = Uint8Array.from({ length: 256 }, (_, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
  return r;
});

/** Decodes one block: rows of ceil(width / 8) bytes, 1 bits where the code says black. */
export function decodeCcitt(input: Uint8Array, block: CcittBlock): Uint8Array {
  const { width, height, compression } = block;
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(rowBytes * height);
  if (width <= 0 || height <= 0) return out;
  const data = block.reverseBits ? input.map((b) => REVERSED[b] as number) : input;
  const end = data.length * 8;
  let pos = 0;
  // A line's changes of colour, left to right (even index: white to black); the reference line
  // ends with three at `width`, so every search ends inside it.
  let ref = new Int32Array(width + 8);
  let cur = new Int32Array(width + 8);
  const twoD = compression === 4 || (compression === 3 && ((block.t4Options ?? 0) & 1) === 1);

  const peek = (n: number): number => {
    const at = pos >>> 3;
    const word = ((data[at] ?? 0) << 16) | ((data[at + 1] ?? 0) << 8) | (data[at + 2] ?? 0);
    return (word >>> (24 - (pos & 7) - n)) & ((1 << n) - 1);
  };
  /** A run of one colour (makeup codes and their terminating code); -1 for a bad code. */
  const run = (black: number): number => {
    const table = black ? BLACK : WHITE;
    let total = 0;
    for (;;) {
      if (pos >= end) return -1;
      const e = table[peek(RUN_PEEK)] as number;
      if (e === 0) return -1;
      pos += e & 15;
      const length = e >>> 4;
      // Makeup codes past a line's width are damage; the run is clipped where it is used.
      total = Math.min(total + length, width);
      if (length < 64) return total;
    }
  };
  const setReference = (count: number): void => {
    ref[count] = width;
    ref[count + 1] = width;
    ref[count + 2] = width;
  };
  /** One-dimensional line: alternate white and black runs from the left edge. */
  const line1D = (): number => {
    let a0 = 0;
    let color = 0;
    let n = 0;
    while (a0 < width) {
      const r = run(color);
      if (r < 0 || n >= width + 4) return -1;
      a0 = Math.min(a0 + r, width);
      cur[n++] = a0;
      color ^= 1;
    }
    return n;
  };
  /** Two-dimensional line, coded against the reference line (T.4 §4.2). */
  const line2D = (): number => {
    let a0 = -1;
    let color = 0;
    let n = 0;
    let j = 0;
    while (a0 < width) {
      // b1: the reference line's first change right of a0 to the colour opposite a0's; b2 the next.
      while (j > 0 && (ref[j - 1] as number) > a0) j--;
      while ((ref[j] as number) <= a0) j++;
      if ((j & 1) !== color) j++;
      const b1 = ref[j] as number;
      const b2 = ref[j + 1] as number;
      if (pos >= end || n >= width + 4) return -1;
      const e = MODES[peek(MODE_PEEK)] as number;
      if (e === 0) return -1;
      pos += e & 15;
      const mode = e >>> 4;
      const start = Math.max(a0, 0);
      if (mode === P) {
        a0 = b2;
      } else if (mode === H) {
        const r1 = run(color);
        const r2 = r1 < 0 ? -1 : run(color ^ 1);
        if (r2 < 0) return -1;
        const a1 = Math.min(start + r1, width);
        a0 = Math.min(a1 + r2, width);
        cur[n++] = a1;
        cur[n++] = a0;
      } else {
        const a1 = Math.min(b1 + mode - V0, width);
        if (a1 < start) return -1;
        cur[n++] = a1;
        a0 = a1;
        color ^= 1;
      }
    }
    return n;
  };
  /** Moves past an EOL (eleven or more zeros, then a one) if one is next; whether it was. */
  const skipEol = (): boolean => {
    let zeros = 0;
    while (pos + zeros < end && peek(1) === 0 && zeros < 11) {
      pos++;
      zeros++;
    }
    if (zeros < 11) {
      pos -= zeros;
      return false;
    }
    while (pos < end && peek(1) === 0) pos++;
    pos++;
    return true;
  };
  /** After damage, Group 3 starts again at the next EOL. */
  const findEol = (): boolean => {
    for (let zeros = 0; pos < end; pos++) {
      if (peek(1) === 0) zeros++;
      else if (zeros >= 11) {
        pos -= zeros;
        return true;
      } else zeros = 0;
    }
    return false;
  };

  setReference(0);
  for (let y = 0; y < height; y++) {
    let oneD = !twoD;
    if (compression === 3) {
      skipEol();
      if (twoD) {
        oneD = peek(1) === 1;
        pos++;
      }
    }
    const n = oneD ? line1D() : line2D();
    if (n < 0) {
      if (compression === 3 && findEol()) {
        setReference(0);
        continue;
      }
      break;
    }
    fillRow(out, y * rowBytes, cur, n, width);
    [ref, cur] = [cur, ref];
    setReference(n);
    // Compression 2 starts each line on a byte.
    if (compression === 2) pos = (pos + 7) & ~7;
  }
  return out;
}

/** Sets the black runs of a line: from each even-indexed change to the next (or the line's end). */
function fillRow(out: Uint8Array, row: number, changes: Int32Array, n: number, width: number): void {
  for (let i = 0; i < n; i += 2) {
    const from = changes[i] as number;
    const to = i + 1 < n ? (changes[i + 1] as number) : width;
    if (to <= from) continue;
    let x = from;
    while (x < to && x & 7) {
      out[row + (x >> 3)] |= 0x80 >> (x & 7);
      x++;
    }
    const whole = (to - x) >> 3;
    if (whole > 0) {
      out.fill(0xff, row + (x >> 3), row + (x >> 3) + whole);
      x += whole * 8;
    }
    while (x < to) {
      out[row + (x >> 3)] |= 0x80 >> (x & 7);
      x++;
    }
  }
}
