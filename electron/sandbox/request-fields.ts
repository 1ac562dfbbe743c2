// Builds what a PHP script would see in $_REQUEST: query parameters first, then the body's
// fields over them (request_order "GP"). The body may be multipart or urlencoded; PDF_encode
// is streamed to a PdfSink wherever it comes from, everything else is kept as text.

import type { IncomingMessage } from 'node:http';
import { MAX_FIELD_BYTES } from './defaults.ts';
import { boundaryOf, createMultipartParser, type PartConsumer } from './multipart-parser.ts';
import { createPdfSink, type PdfIntake, type PdfSink } from './pdf-sink.ts';
import { createUrlencodedParser } from './urlencoded-parser.ts';

const PDF_FIELD = 'PDF_encode';

export interface RequestFields {
  get(name: string): string | undefined;
  /** The decoded PDF_encode, or undefined when the request carried none. */
  pdf: PdfIntake | undefined;
  /** The body was cut off (client gone): nothing should be acted on. */
  aborted: boolean;
  dispose(): Promise<void>;
}

function pdfConsumer(sink: PdfSink, seen: { body: boolean }): PartConsumer {
  return {
    data: (chunk) => sink.write(chunk),
    end: () => {
      seen.body = true;
    },
    // PHP drops a part the body ended inside of.
    abort: () => sink.reset(),
  };
}

function textConsumer(onDone: (value: string) => void): PartConsumer {
  const parts: Buffer[] = [];
  let size = 0;
  return {
    data(chunk) {
      if (size < MAX_FIELD_BYTES) parts.push(Buffer.from(chunk));
      size += chunk.length;
    },
    end() {
      onDone(Buffer.concat(parts).subarray(0, MAX_FIELD_BYTES).toString('utf8'));
    },
    abort() {},
  };
}

async function readBody(req: IncomingMessage, fields: Map<string, string>, sink: PdfSink, seen: { body: boolean }): Promise<boolean> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const startPdf = async () => {
    if (seen.body) await sink.reset();
    return pdfConsumer(sink, seen);
  };
  let push: (chunk: Buffer) => Promise<void>;
  let end: () => Promise<void>;
  const boundary = type.startsWith('multipart/form-data') ? boundaryOf(req.headers['content-type'] ?? '') : undefined;
  if (boundary) {
    const parser = createMultipartParser(boundary, async (part) => {
      if (part.name === undefined || part.filename !== undefined) return undefined;
      if (part.name === PDF_FIELD) return startPdf();
      const name = part.name;
      return textConsumer((v) => fields.set(name, v));
    });
    push = (c) => parser.push(c);
    end = async () => {
      await parser.end();
    };
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    const parser = createUrlencodedParser({
      streamField: (name) => (name === PDF_FIELD ? startPdf() : undefined),
      field: (name, value) => fields.set(name, value),
      maxFieldBytes: MAX_FIELD_BYTES,
    });
    push = (c) => parser.push(c);
    end = () => parser.end();
  } else {
    push = async () => {};
    end = async () => {};
  }
  try {
    for await (const chunk of req) await push(chunk as Buffer);
  } catch {
    return false;
  }
  if (!req.complete) return false;
  await end();
  return true;
}

/** Reads query and body of a request into a $_REQUEST-like view. Always call `dispose()`. */
export async function readRequestFields(req: IncomingMessage, tmpDir: string): Promise<RequestFields> {
  const fields = new Map<string, string>();
  const sink = createPdfSink(tmpDir);
  let queryPdf: string | undefined;
  for (const [name, value] of new URL(req.url ?? '/', 'http://sandbox').searchParams) {
    if (name === PDF_FIELD) queryPdf = value;
    else fields.set(name, value);
  }
  const seen = { body: false };
  const complete = await readBody(req, fields, sink, seen);
  if (complete && !seen.body && queryPdf !== undefined) await sink.write(queryPdf);
  let pdf: PdfIntake | undefined;
  try {
    pdf = complete ? await sink.finish() : undefined;
  } catch {
    pdf = undefined;
  }
  return {
    get: (name) => fields.get(name),
    pdf,
    aborted: !complete,
    dispose: () => sink.dispose(),
  };
}
