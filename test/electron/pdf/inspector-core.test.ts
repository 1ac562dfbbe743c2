// The inspector's own rules, over scripted children: what it says when a child dies in the middle
// of a document or answers nonsense, that such a child is never used again, that documents wait
// their turn, and that an idle child is stopped.

import { describe, expect, it, vi } from 'vitest';
import type { InspectRequest } from '../../../electron/pdf/inspector-messages.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { withStartFallback } from '../../../electron/pdf/fallback-inspector.ts';
import { type ChildEvents, createPdfInspector, type InspectorChild } from '../../../electron/pdf/pdf-inspector.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

interface Scripted {
  events: ChildEvents;
  requests: InspectRequest[];
  killed: boolean;
}

/** Children that say ready at once and do what `onRequest` says with each request. */
function scripted(onRequest: (child: Scripted, request: InspectRequest) => void) {
  const children: Scripted[] = [];
  const spawn = (events: ChildEvents): InspectorChild => {
    const child: Scripted = { events, requests: [], killed: false };
    children.push(child);
    queueMicrotask(() => events.message({ kind: 'ready' }));
    return {
      send(request) {
        child.requests.push(request);
        onRequest(child, request);
      },
      memoryBytes: async () => 0,
      kill() {
        child.killed = true;
        setTimeout(() => events.exit(false, 'killed'), 0);
      },
    };
  };
  return { spawn, children };
}

const answer = (child: Scripted, r: InspectRequest) =>
  setTimeout(
    () =>
      child.events.message({
        kind: 'done',
        id: r.id,
        structure: { pages: 1, pageSizes: [{ width: 612, height: 792 }], encrypted: false, hasForm: false },
      }),
    5,
  );

async function refusal(p: Promise<unknown>): Promise<PdfError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PdfError);
  return error as PdfError;
}

describe('createPdfInspector', () => {
  it('calls a document that crashes its child damaged, and reads the next one in a new child', async () => {
    let first = true;
    const { spawn, children } = scripted((child, r) => {
      if (first) {
        first = false;
        setTimeout(() => child.events.exit(false, 'it ended with code 134'), 5);
      } else answer(child, r);
    });
    const inspector = createPdfInspector(spawn, { timeoutMs: 5000 });
    const error = await refusal(inspector.inspect(await makePdf()));
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'The PDF is damaged or incomplete and cannot be read (the PDF check stopped while reading it: it ended with code 134).',
    );
    expect((await inspector.inspect(await makePdf())).pages).toBe(1);
    expect(children).toHaveLength(2);
    await inspector.dispose();
  });

  it('believes no answer that does not fit, and never uses that child again', async () => {
    let n = 0;
    const { spawn, children } = scripted((child, r) => {
      n++;
      if (n === 1)
        child.events.message({ kind: 'done', id: r.id, structure: { pages: 3, pageSizes: [], encrypted: false, hasForm: false } });
      else if (n === 2) child.events.message({ kind: 'failed', id: r.id, error: { code: 'too-large', message: 'x'.repeat(5000) } });
      else
        child.events.message({
          kind: 'failed',
          id: r.id,
          error: { code: 'encrypted', message: 'It needs a password.', action: 'Remove it.' },
        });
    });
    const inspector = createPdfInspector(spawn);
    expect((await refusal(inspector.inspect(await makePdf()))).message).toMatch(/answer that does not fit/);
    expect(children[0].killed).toBe(true);
    expect((await refusal(inspector.inspect(await makePdf()))).message).toMatch(/answer that does not fit/);
    // pdf.js's own refusal keeps its words.
    expect(await refusal(inspector.inspect(await makePdf()))).toMatchObject({
      code: 'encrypted',
      message: 'It needs a password.',
      action: 'Remove it.',
    });
    await inspector.dispose();
  });

  it('believes no rendered page of the wrong size or with bits missing, and never uses that child again', async () => {
    const rowBytes = 1728 / 8;
    // Letter at standard resolution is 1078 lines.
    const pages = [
      [{ width: 1728, height: 1000, bits: new Uint8Array(rowBytes * 1000) }],
      [{ width: 1728, height: 1078, bits: new Uint8Array(rowBytes * 1078 - 1) }],
      [{ width: 2000, height: 1078, bits: new Uint8Array(250 * 1078) }],
      [],
      [{ width: 1728, height: 1078, bits: new Uint8Array(rowBytes * 1078).fill(0xff) }],
    ];
    let n = 0;
    const { spawn, children } = scripted((child, r) => {
      const page = pages[n++];
      setTimeout(() => child.events.message({ kind: 'rendered', id: r.id, pageCount: 1, pages: page }), 0);
    });
    const inspector = createPdfInspector(spawn);
    const options = { paper: 'letter', resolution: 'standard', pages: [1] } as const;
    for (let i = 0; i < 4; i++) {
      expect((await refusal(inspector.renderFax(await makePdf(), options))).message).toMatch(/answer that does not fit/);
      expect(children[i]?.killed).toBe(true);
    }
    const [black] = await inspector.renderFax(await makePdf(), options);
    // The ink is counted in main, from the bits.
    expect(black).toMatchObject({ width: 1728, height: 1078, rowBytes, inkRatio: 1 });
    expect(children).toHaveLength(5);
    await inspector.dispose();
  });

  it('reads one document at a time, in the order they came', async () => {
    const { spawn, children } = scripted(answer);
    const inspector = createPdfInspector(spawn);
    const a = await makePdf({ pages: ['a'] });
    const b = await makePdf({ pages: ['b'] });
    const [ia, ib] = await Promise.all([inspector.inspect(a), inspector.inspect(b)]);
    expect([ia.size, ib.size]).toEqual([a.byteLength, b.byteLength]);
    expect(children).toHaveLength(1);
    expect(children[0].requests.map((r) => r.bytes.byteLength)).toEqual([a.byteLength, b.byteLength]);
    await inspector.dispose();
  });

  it('stops an idle child, and starts another for the next document', async () => {
    const { spawn, children } = scripted(answer);
    const inspector = createPdfInspector(spawn, { idleMs: 20 });
    await inspector.inspect(await makePdf());
    await vi.waitFor(() => expect(children[0].killed).toBe(true));
    await inspector.inspect(await makePdf());
    expect(children).toHaveLength(2);
    await inspector.dispose();
    expect(children[1].killed).toBe(true);
  });

  it('says so plainly when its child cannot start, without blaming the document', async () => {
    const inspector = createPdfInspector(
      (events) => {
        setTimeout(() => events.exit(false, 'Cannot find module /nowhere/pdf-inspector-child.js'), 0);
        return { send() {}, memoryBytes: async () => undefined, kill() {} };
      },
      { timeoutMs: 2000 },
    );
    const error = await inspector.inspect(await makePdf()).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PdfError);
    expect((error as Error).message).toBe('The PDF check could not start (Cannot find module /nowhere/pdf-inspector-child.js).');
    await inspector.dispose();
  });

  it('checks the size and header itself: a file that is not a PDF never reaches a child', async () => {
    const { spawn, children } = scripted(answer);
    const inspector = createPdfInspector(spawn);
    expect((await refusal(inspector.inspect(new TextEncoder().encode('hello')))).code).toBe('not-pdf');
    expect(children).toHaveLength(0);
    await inspector.dispose();
  });

  it('moves to the fallback for the session when its child cannot start, and only then', async () => {
    // A utility process that dies before it is ready (a fork that fails in a packaged build).
    let forks = 0;
    const broken = (events: ChildEvents): InspectorChild => {
      forks++;
      setTimeout(() => events.exit(false, 'it ended with code 1'), 0);
      return { send() {}, memoryBytes: async () => undefined, kill() {} };
    };
    const { spawn, children } = scripted(answer);
    const inspector = withStartFallback(createPdfInspector(broken), () => createPdfInspector(spawn));
    const pdf = await makePdf();
    expect((await inspector.inspect(pdf)).size).toBe(pdf.byteLength);
    expect((await inspector.inspect(pdf)).size).toBe(pdf.byteLength);
    expect(forks).toBe(1);
    expect(children).toHaveLength(1);
    expect(children[0].requests).toHaveLength(2);
    // Rendering goes the same way, to the child that started.
    const rendering = withStartFallback(createPdfInspector(broken), () =>
      createPdfInspector(
        scripted((child, r) => setTimeout(() => child.events.message({ kind: 'rendered', id: r.id, pageCount: 1, pages: [] }), 0)).spawn,
      ),
    );
    await expect(rendering.renderFax(pdf, { paper: 'a4', resolution: 'fine', pages: [2] })).rejects.toThrow(/Page 2 was asked for/);
    expect(forks).toBe(2);
    await rendering.dispose();
    await inspector.dispose();

    // A document the child refused is the document's answer, not a reason to move.
    const refusing = scripted((child, r) =>
      setTimeout(
        () =>
          child.events.message({
            kind: 'failed',
            id: r.id,
            error: { code: 'damaged', message: 'It is damaged.', action: 'Get a new copy.' },
          }),
        0,
      ),
    );
    let fallbacks = 0;
    const stays = withStartFallback(createPdfInspector(refusing.spawn), () => {
      fallbacks++;
      return createPdfInspector(spawn);
    });
    await refusal(stays.inspect(pdf));
    expect(fallbacks).toBe(0);
    await stays.dispose();
  });
});
