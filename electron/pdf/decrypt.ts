// Owner-password-only PDFs (bank statements, portal downloads) open without a password, but
// their strings and streams are still encrypted on disk, and pdf-lib cannot read them: it
// parses object streams as if they were plain, and copies ciphertext into a merged file. We
// undo the encryption with the empty user password, which is what every viewer does to show
// the file, so merging, form flattening and the cover page work on plain objects. A file that
// needs a real password fails here as it fails in pdf.js: the one rule lives in inspect.ts.
//
// The standard security handler only (ISO 32000-2, 7.6.4): RC4 40–128 bit (R2–R4), AES-128
// (R4) and AES-256 (R5, R6). Others (public-key handlers) need a certificate and are refused.

import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import {
  PDFArray,
  PDFBool,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFObjectStreamParser,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFXRefStreamParser,
} from 'pdf-lib';
import { pdfError } from './pdf-errors.ts';

type Method = 'identity' | 'rc4' | 'aesv2' | 'aesv3';

interface Handler {
  strings: Method;
  streams: Method;
  encryptMetadata: boolean;
  fileKey: Uint8Array;
}

// The padding string of Algorithm 2, which is also the empty password.
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const ENDOBJ = [...'endobj'].map((c) => c.charCodeAt(0));
const EMPTY = new Uint8Array(0);

/** What pdf-lib's parser does inside, used to decrypt each object as it is read. */
interface ParserInternals {
  context: PDFContext;
  shouldWaitForTick: () => boolean;
  parseIndirectObjectHeader(): PDFRef;
  skipWhitespaceAndComments(): void;
  parseObject(): PDFObject;
  matchKeyword(keyword: number[]): boolean;
  parseIndirectObject(): Promise<PDFRef>;
  parseDocument(): Promise<PDFContext>;
}

type DocumentConstructor = new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;

/**
 * Parses an encrypted PDF again, decrypting every string and stream as it is read, and returns
 * it as a plain document. `encryptedContext` is pdf-lib's first parse of the same bytes (it
 * gives the /Encrypt dictionary and the file ID). Throws PdfError 'encrypted' when the file
 * needs a password or uses a handler we cannot undo.
 */
export async function loadDecrypted(bytes: Uint8Array, encryptedContext: PDFContext): Promise<PDFDocument> {
  const trailer = encryptedContext.trailerInfo;
  const encryptRef = trailer.Encrypt instanceof PDFRef ? trailer.Encrypt : undefined;
  const encrypt = encryptedContext.lookupMaybe(trailer.Encrypt, PDFDict);
  if (!encrypt) throw pdfError('damaged', 'its encryption dictionary is missing');
  const ids = encryptedContext.lookupMaybe(trailer.ID, PDFArray);
  const first = ids?.get(0);
  const id = first instanceof PDFHexString || first instanceof PDFString ? first.asBytes() : EMPTY;
  const handler = openHandler(encrypt, id);

  const parser = PDFParser.forBytesWithOptions(bytes) as unknown as ParserInternals;
  // Same steps as pdf-lib's own parseIndirectObject, with the decryption in between, so object
  // streams are unpacked from plaintext.
  parser.parseIndirectObject = async function (this: ParserInternals) {
    const ref = this.parseIndirectObjectHeader();
    this.skipWhitespaceAndComments();
    const object = ref === encryptRef ? this.parseObject() : decryptObject(this.parseObject(), ref, handler);
    this.skipWhitespaceAndComments();
    this.matchKeyword(ENDOBJ);
    const type = object instanceof PDFRawStream ? object.dict.lookup(PDFName.of('Type')) : undefined;
    if (object instanceof PDFRawStream && type === PDFName.of('ObjStm')) {
      await PDFObjectStreamParser.forStream(object, this.shouldWaitForTick).parseIntoContext();
    } else if (object instanceof PDFRawStream && type === PDFName.of('XRef')) {
      PDFXRefStreamParser.forStream(object).parseIntoContext();
    } else {
      this.context.assign(ref, object);
    }
    return ref;
  };
  const context = await parser.parseDocument();
  if (encryptRef) context.delete(encryptRef);
  context.trailerInfo.Encrypt = undefined;
  // pdf-lib's constructor is typed private; load() calls it just like this after parsing.
  return new (PDFDocument as unknown as DocumentConstructor)(context, false, false);
}

function openHandler(encrypt: PDFDict, id: Uint8Array): Handler {
  const num = (key: string, fallback: number) => encrypt.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? fallback;
  const str = (key: string) => {
    const v = encrypt.lookup(PDFName.of(key));
    return v instanceof PDFString || v instanceof PDFHexString ? v.asBytes() : EMPTY;
  };
  const filter = encrypt.lookup(PDFName.of('Filter'));
  if (filter !== PDFName.of('Standard')) throw unsupported('it is protected with a certificate, not a password');
  const v = num('V', 0);
  const r = num('R', 0);
  const encryptMetadata = encrypt.lookupMaybe(PDFName.of('EncryptMetadata'), PDFBool)?.asBoolean() ?? true;
  let strings: Method = 'rc4';
  let streams: Method = 'rc4';
  if (v >= 4) {
    strings = cryptFilter(encrypt, 'StrF');
    streams = cryptFilter(encrypt, 'StmF');
  } else if (v !== 1 && v !== 2) {
    throw unsupported(`its encryption (version ${v}) is not one Openfax Desktop can open`);
  }
  const fileKey =
    r >= 5
      ? aes256FileKey(r, str('U'), str('UE'))
      : rc4FileKey({ r, o: str('O'), u: str('U'), p: num('P', 0), id, encryptMetadata, bytes: keyBytes(v, r, num('Length', 40), streams) });
  return { strings, streams, encryptMetadata, fileKey };
}

function cryptFilter(encrypt: PDFDict, which: 'StrF' | 'StmF'): Method {
  const name = encrypt.lookupMaybe(PDFName.of(which), PDFName);
  if (!name || name === PDFName.of('Identity')) return 'identity';
  const filter = encrypt.lookupMaybe(PDFName.of('CF'), PDFDict)?.lookupMaybe(name, PDFDict);
  const cfm = filter?.lookupMaybe(PDFName.of('CFM'), PDFName);
  if (cfm === PDFName.of('V2')) return 'rc4';
  if (cfm === PDFName.of('AESV2')) return 'aesv2';
  if (cfm === PDFName.of('AESV3')) return 'aesv3';
  if (!cfm || cfm === PDFName.of('None')) return 'identity';
  throw unsupported(`its crypt filter ${cfm.asString()} is not one Openfax Desktop can open`);
}

function keyBytes(v: number, r: number, lengthBits: number, streams: Method): number {
  if (r === 2 || v === 1) return 5;
  if (streams === 'aesv2') return 16;
  // Some producers write the length in bytes where bits are due.
  const bits = lengthBits <= 16 ? lengthBits * 8 : lengthBits;
  return Math.min(16, Math.max(5, Math.floor(bits / 8)));
}

/** Algorithm 2 with the empty user password, checked against /U (Algorithms 4 and 5). */
function rc4FileKey(e: {
  r: number;
  o: Uint8Array;
  u: Uint8Array;
  p: number;
  id: Uint8Array;
  encryptMetadata: boolean;
  bytes: number;
}): Uint8Array {
  const p = Buffer.alloc(4);
  p.writeUInt32LE(e.p >>> 0);
  const parts = [PAD, e.o.subarray(0, 32), p, e.id];
  if (e.r >= 4 && !e.encryptMetadata) parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key = md5(...parts);
  if (e.r >= 3) for (let i = 0; i < 50; i++) key = md5(key.subarray(0, e.bytes));
  key = key.subarray(0, e.bytes);
  let check: Uint8Array;
  let expected: Uint8Array;
  if (e.r === 2) {
    check = rc4(key, PAD);
    expected = e.u.subarray(0, 32);
  } else {
    check = rc4(key, md5(PAD, e.id));
    for (let i = 1; i <= 19; i++)
      check = rc4(
        key.map((b) => b ^ i),
        check,
      );
    expected = e.u.subarray(0, 16);
  }
  if (!Buffer.from(check).equals(Buffer.from(expected))) throw pdfError('encrypted');
  return key;
}

/** R5 and R6 (AES-256) with the empty user password: the /U check, then /UE unwrapped. */
function aes256FileKey(r: number, u: Uint8Array, ue: Uint8Array): Uint8Array {
  if (u.length < 48 || ue.length < 32) throw pdfError('damaged', 'its encryption dictionary is incomplete');
  const hash = (salt: Uint8Array) => (r === 5 ? sha('sha256', EMPTY, salt) : hash2B(EMPTY, salt, EMPTY));
  if (!Buffer.from(hash(u.subarray(32, 40))).equals(Buffer.from(u.subarray(0, 32)))) throw pdfError('encrypted');
  const d = createDecipheriv('aes-256-cbc', hash(u.subarray(40, 48)), Buffer.alloc(16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(ue.subarray(0, 32)), d.final()]);
}

/** Algorithm 2.B (PDF 2.0), as pdf.js implements it. */
function hash2B(password: Uint8Array, salt: Uint8Array, udata: Uint8Array): Uint8Array {
  let k = sha('sha256', password, salt, udata);
  let e: Buffer = Buffer.alloc(0);
  let i = 0;
  while (i < 64 || (e[e.length - 1] ?? 0) > i - 32) {
    const block = Buffer.concat([password, k, udata]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => block));
    const c = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    c.setAutoPadding(false);
    e = Buffer.concat([c.update(k1), c.final()]);
    let sum = 0;
    for (let j = 0; j < 16; j++) sum += e[j] as number;
    k = sha((['sha256', 'sha384', 'sha512'] as const)[sum % 3] as string, e);
    i++;
  }
  return k.subarray(0, 32);
}

function decryptObject(object: PDFObject, ref: PDFRef, h: Handler): PDFObject {
  if (object instanceof PDFString || object instanceof PDFHexString) {
    const plain = decrypt(h.strings, h.fileKey, ref, object.asBytes());
    return PDFHexString.of(Buffer.from(plain).toString('hex'));
  }
  if (object instanceof PDFArray) {
    for (let i = 0; i < object.size(); i++) object.set(i, decryptObject(object.get(i), ref, h));
    return object;
  }
  if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) object.set(key, decryptObject(value, ref, h));
    return object;
  }
  if (object instanceof PDFRawStream) {
    const type = object.dict.lookup(PDFName.of('Type'));
    // Cross-reference streams are never encrypted; XMP metadata may be left plain on purpose.
    if (type === PDFName.of('XRef') || (type === PDFName.of('Metadata') && !h.encryptMetadata)) return object;
    decryptObject(object.dict, ref, h);
    return PDFRawStream.of(object.dict, decrypt(h.streams, h.fileKey, ref, object.contents));
  }
  return object;
}

function decrypt(method: Method, fileKey: Uint8Array, ref: PDFRef, data: Uint8Array): Uint8Array {
  if (method === 'identity' || data.length === 0) return data;
  if (method === 'aesv3') return aesCbc(fileKey, data);
  // Algorithm 1: a key per object.
  const n = Buffer.alloc(5);
  n.writeUIntLE(ref.objectNumber, 0, 3);
  n.writeUIntLE(ref.generationNumber, 3, 2);
  const key = md5(fileKey, n, method === 'aesv2' ? Buffer.from('sAlT') : EMPTY).subarray(0, Math.min(fileKey.length + 5, 16));
  return method === 'rc4' ? rc4(key, data) : aesCbc(key, data);
}

/** AES-CBC with the IV in the first 16 bytes and PKCS#5 padding, forgiving a cut last block. */
function aesCbc(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length <= 16) return EMPTY;
  const body = data.subarray(16, data.length - ((data.length - 16) % 16));
  const d = createDecipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, data.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(body), d.final()]);
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > 16 || pad > plain.length) return plain;
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return plain;
  return plain.subarray(0, plain.length - pad);
}

// OpenSSL 3 keeps RC4 in its legacy provider, which Node does not load: it is ten lines here.
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

function md5(...parts: Uint8Array[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function sha(algorithm: string, ...parts: Uint8Array[]): Buffer {
  const h = createHash(algorithm);
  for (const p of parts) h.update(p);
  return h.digest();
}

function unsupported(why: string) {
  return pdfError('encrypted', why);
}
