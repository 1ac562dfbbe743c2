// The one base of every failure meant for the person. It lives on the core floor so engines
// can throw it; the IPC router maps it once, by class, to `{ code, message, field }`.

export interface AppErrorOptions {
  /** Kebab-case, for machines: tests, logs, the renderer's choices. */
  code: string;
  /** The request field the person must fix ('accountId', 'apiKey', 'ids'), when there is one. */
  field?: string;
  cause?: unknown;
}

/** A refusal with words for the person: its message is shown as is, so keep it plain. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly field: string | undefined;

  constructor(message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.field = options.field;
  }
}
