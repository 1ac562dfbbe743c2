// One dispatcher for every transport (Electron's ipcMain, the browser host's WebSocket):
// unknown channels are refused, payloads are parsed against the contract, handler failures
// come back as typed errors (an AppError with its code and field, anything else as internal).
// Nothing a renderer sends can throw past this point.

import type { z } from 'zod';
import { type MethodName, type MethodParsedRequest, type MethodResponse, methods } from '../../shared/ipc/contract.ts';
import type { IpcErrorPayload, IpcResult } from '../../shared/ipc/define.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger } from '../core/logger.ts';

const log = createLogger('ipc');

export interface CallContext {
  transport: 'electron' | 'web';
  /** The calling renderer now listens: its transport delivers the events it held back. */
  rendererReady?: () => number;
}

/** Handlers receive the parsed request (defaults applied) and may throw an AppError to refuse. */
export type Handlers = {
  [K in MethodName]: (request: MethodParsedRequest<K>, ctx: CallContext) => Promise<MethodResponse<K>> | MethodResponse<K>;
};

export interface IpcRouter {
  dispatch(method: string, payload: unknown, ctx: CallContext): Promise<IpcResult<unknown>>;
  readonly methodNames: readonly string[];
}

/**
 * A refusal names at most this many problems, each cut to a readable length: a payload of a
 * hundred thousand bad items, or of keys a megabyte long (zod names unknown keys in its
 * message), must not make an answer or a log line of that size.
 */
const MAX_ISSUES = 10;
const MAX_ISSUE_TEXT = 200;

function clip(text: string): string {
  return text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text;
}

function issuesOf(error: z.ZodError): NonNullable<IpcErrorPayload['issues']> {
  const shown = error.issues.slice(0, MAX_ISSUES).map((i) => ({
    path: clip(i.path.map(String).join('.') || '(payload)'),
    message: clip(i.message),
  }));
  const more = error.issues.length - shown.length;
  return more > 0 ? [...shown, { path: '(payload)', message: `…and ${more} more problem${more === 1 ? '' : 's'}.` }] : shown;
}

/** The one place a domain refusal becomes a payload: its code, its words, the field to fix. */
function refusalOf(err: AppError): IpcErrorPayload {
  return err.field === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, field: err.field };
}

export function createIpcRouter(handlers: Handlers, opts: { validateResponses?: boolean } = {}): IpcRouter {
  const table = handlers as unknown as Record<string, (req: unknown, ctx: CallContext) => unknown>;
  return {
    methodNames: Object.keys(handlers),
    async dispatch(name, payload, ctx) {
      if (!Object.hasOwn(methods, name) || typeof table[name] !== 'function') {
        log.warn(`refused unknown channel ${JSON.stringify(String(name).slice(0, 80))}`);
        return { ok: false, error: { code: 'unknown-method', message: `No such request: ${String(name).slice(0, 80)}` } };
      }
      const spec = methods[name as MethodName];
      const parsed = spec.request.safeParse(payload);
      if (!parsed.success) {
        log.warn(`invalid payload for ${name}`, issuesOf(parsed.error));
        return {
          ok: false,
          error: { code: 'invalid-payload', message: `The request "${name}" was malformed.`, issues: issuesOf(parsed.error) },
        };
      }
      try {
        const value = await table[name]!(parsed.data, ctx);
        if (opts.validateResponses) {
          const check = spec.response.safeParse(value);
          if (!check.success) {
            log.error(`handler ${name} answered outside the contract`, issuesOf(check.error));
            return { ok: false, error: { code: 'internal', message: `Internal error in ${name}: answer outside the contract.` } };
          }
        }
        return { ok: true, value };
      } catch (err) {
        if (err instanceof AppError) {
          log.info(`${name} refused (${err.code})`);
          return { ok: false, error: refusalOf(err) };
        }
        log.error(`handler ${name} failed`, err);
        return { ok: false, error: { code: 'internal', message: `Something went wrong (${name}). Details are in the log.` } };
      }
    },
  };
}
