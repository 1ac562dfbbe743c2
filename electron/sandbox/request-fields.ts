// Builds what a PHP script would see in $_REQUEST: query parameters first, then the body's
// fields over them (request_order "GP"). The body may be multipart or urlencoded; PDF_encode
// is streamed to a PdfSink wherever it comes from, everything else is kept as text. A body
// past the limits is refused: too many fields stop the parse (the rest is read unparsed, so
// the client still gets the answer), too many bytes stop the reading.

import type { IncomingMessage } from 'node:http';
import { MAX_FIELD_BYTES } from './defaults.ts';
import { boundaryOf, createMultipartParser, type PartConsumer } from './multipart-parser.ts';
import { createPdfSink, type PdfIntake, type PdfSink } from './pdf-sink.ts';
import { type ServerLimits, TooManyFieldsError } from './server-limits.ts';
import { createUrlencodedParser } from './urlencoded-parser.ts';

const PDF_FIELD = 'PDF_encode';

export interface RequestFields {
  get(name: string): string | undefined;
  /** The decoded PDF_encode, or undefined when the request carried none. */
  pdf: PdfIntake | undefined;
  /** The body was cut off (client gone): nothing should be acted on. */
  aborted: boolean;
  /**
   * Past a limit: nothing should be acted on, the answer is 413. `fields`: the body was read to
   * its end unparsed; `bytes`: it was left unread, and the connection must close after the answer.
   */
  refused: 'fields' | 'bytes' | undefined;
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

type BodyOutcome = 'complete' | 'aborted' | 'fields' | 'bytes';

type BodyLimits = Pick<ServerLimits, 'maxFields' | 'maxBodyBytes'>;

async function readBody(
  req: IncomingMessage,
  fields: Map<string, string>,
  sink: PdfSink,
  seen: { body: boolean },
  limits: BodyLimits,
): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (declared > limits.maxBodyBytes) return 'bytes';
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const startPdf = async () => {
    if (seen.body) await sink.reset();
    return pdfConsumer(sink, seen);
  };
  let push: (chunk: Buffer) => Promise<void>;
  let end: () => Promise<void>;
  const boundary = type.startsWith('multipart/form-data') ? boundaryOf(req.headers['content-type'] ?? '') : undefined;
  if (boundary) {
    const parser = createMultipartParser(
      boundary,
      async (part) => {
        if (part.name === undefined || part.filename !== undefined) return undefined;
        if (part.name === PDF_FIELD) return startPdf();
        const name = part.name;
        return textConsumer((v) => fields.set(name, v));
      },
      { maxParts: limits.maxFields },
    );
    push = (c) => parser.push(c);
    end = async () => {
      await parser.end();
    };
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    const parser = createUrlencodedParser({
      streamField: (name) => (name === PDF_FIELD ? startPdf() : undefined),
      field: (name, value) => fields.set(name, value),
      maxFieldBytes: MAX_FIELD_BYTES,
      maxFields: limits.maxFields,
    });
    push = (c) => parser.push(c);
    end = () => parser.end();
  } else {
    push = async () => {};
    end = async () => {};
  }
  let tooMany = false;
  let received = 0;
  const reading = req[Symbol.asyncIterator]();
  try {
    for (let next = await reading.next(); !next.done; next = await reading.next()) {
      const chunk = next.value as Buffer;
      received += chunk.length;
      // Left unread from here on; the server answers, then closes the connection.
      if (received > limits.maxBodyBytes) return 'bytes';
      if (tooMany) continue;
      try {
        await push(chunk);
      } catch (err) {
        if (!(err instanceof TooManyFieldsError)) throw err;
        tooMany = true;
      }
    }
  } catch {
    return 'aborted';
  }
  if (!req.complete) return 'aborted';
  if (tooMany) return 'fields';
  await end();
  return 'complete';
}

/** Reads query and body of a request into a $_REQUEST-like view. Always call `dispose()`. */
export async function readRequestFields(req: IncomingMessage, tmpDir: string, limits: BodyLimits): Promise<RequestFields> {
  const fields = new Map<string, string>();
  const sink = createPdfSink(tmpDir);
  let queryPdf: string | undefined;
  for (const [name, value] of new URL(req.url ?? '/', 'http://sandbox').searchParams) {
    if (name === PDF_FIELD) queryPdf = value;
    else fields.set(name, value);
  }
  const seen = { body: false };
  const outcome = await readBody(req, fields, sink, seen, limits);
  const complete = outcome === 'complete';
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
    aborted: outcome === 'aborted',
    refused: outcome === 'fields' || outcome === 'bytes' ? outcome : undefined,
    dispose: () => sink.dispose(),
  };
}
