// The PDF check's child: a worker thread (plain Node) or an Electron utility process, the one
// place the app runs pdf.js on documents it was given. It reads bytes main has already checked
// (size, header), one document at a time, and answers with what it found or the PdfError's
// words. Main caps its time and memory and kills it when it goes over (pdf-inspector.ts).

import { parentPort } from 'node:worker_threads';
import { readPdfStructure } from './inspect.ts';
import { renderRequestedPages } from './fax-render-pages.ts';
import type { ChildMessage, ChildRequest, InspectRequest, RenderRequest } from './inspector-messages.ts';
import { PdfError } from './pdf-errors.ts';
import { loadPdfJs } from './pdfjs-loader.ts';

interface Port {
  post(message: ChildMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

// Electron's `process.parentPort` (a utility process) hands a MessageEvent; a worker thread's
// parentPort hands the value itself.
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function connect(): Port {
  const thread = parentPort;
  if (thread) return { post: (m) => thread.postMessage(m), onMessage: (l) => thread.on('message', l) };
  const utility = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) return { post: (m) => utility.postMessage(m), onMessage: (l) => utility.on('message', (event) => l(event.data)) };
  throw new Error('inspector-child.ts runs as a worker thread or an Electron utility process, not on its own.');
}

function isRequest(m: unknown): m is ChildRequest {
  const r = m as Partial<InspectRequest> | null;
  return typeof r?.id === 'number' && r.bytes instanceof Uint8Array;
}

/** `true`, or limits that are numbers; anything else asks for no ink facts. */
function inkFactsAsked(asked: unknown): InspectRequest['inkFacts'] {
  if (asked === true) return true;
  const l = asked as { maxPages?: unknown; budgetMs?: unknown } | null;
  if (typeof l?.maxPages === 'number' && typeof l.budgetMs === 'number') return { maxPages: l.maxPages, budgetMs: l.budgetMs };
  return undefined;
}

function isRender(m: ChildRequest): m is RenderRequest {
  return (m as Partial<RenderRequest>).kind === 'render' && Array.isArray((m as RenderRequest).pages);
}

async function answerRender(request: RenderRequest): Promise<ChildMessage> {
  try {
    return { kind: 'rendered', id: request.id, ...(await renderRequestedPages(request)) };
  } catch (error) {
    return failed(request.id, error);
  }
}

function failed(id: number, error: unknown): ChildMessage {
  if (error instanceof PdfError) return { kind: 'failed', id, error: { code: error.code, message: error.message, action: error.action } };
  return { kind: 'failed', id, error: { message: error instanceof Error ? error.message : String(error) } };
}

async function answer(request: InspectRequest): Promise<ChildMessage> {
  try {
    return {
      kind: 'done',
      id: request.id,
      structure: await readPdfStructure(request.bytes, request.textMaxPages, inkFactsAsked(request.inkFacts)),
    };
  } catch (error) {
    if (error instanceof PdfError)
      return { kind: 'failed', id: request.id, error: { code: error.code, message: error.message, action: error.action } };
    return { kind: 'failed', id: request.id, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

const port = connect();
let turn: Promise<void> = Promise.resolve();
port.onMessage((message) => {
  if (!isRequest(message)) return;
  turn = turn.then(async () => port.post(await (isRender(message) ? answerRender(message) : answer(message))));
});
// pdf.js costs a few hundred ms to load: done once, before main sends the first document.
await loadPdfJs();
port.post({ kind: 'ready' });
