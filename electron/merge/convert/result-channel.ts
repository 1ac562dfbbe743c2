// A queue read with `for await`: a converter's process pushes each result as it is known, the
// merge reads them while the process still runs (the first faxes go out before the batch ends).

export interface Channel<T> extends AsyncIterable<T> {
  push(value: T): void;
  /** No more values; readers finish once they have taken what was pushed. */
  close(): void;
}

export function createChannel<T>(): Channel<T> {
  const values: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  return {
    push(value) {
      if (closed) return;
      values.push(value);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const next = values.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
