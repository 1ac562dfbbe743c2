// Everything that listens, polls or holds a resource is registered here the moment it is made
// (VS Code's DisposableStore), so start-up can read as a list of setupX() calls and shutdown
// undoes them all, newest first, even when one of them fails.

import { createLogger } from './logger.ts';

const log = createLogger('disposables');

/** Undoes one thing: stops a watcher, removes a listener, closes a store. May be async. */
export type Disposer = () => unknown;

export class DisposableStore {
  private readonly items: Array<{ name: string; dispose: Disposer }> = [];
  private disposed = false;

  /** Registers `dispose` under a name (for the log, if it fails); returns it. */
  add<T extends Disposer>(name: string, dispose: T): T {
    if (this.disposed) {
      // Something finished starting after shutdown began: undo it at once rather than leak it.
      void this.run({ name, dispose });
      return dispose;
    }
    this.items.push({ name, dispose });
    return dispose;
  }

  /** The names still registered, oldest first (tests check nothing is left behind). */
  get names(): readonly string[] {
    return this.items.map((i) => i.name);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Disposes everything, newest first; one failure is logged and the rest still run. */
  async dispose(): Promise<void> {
    this.disposed = true;
    while (this.items.length) await this.run(this.items.pop()!);
  }

  private async run(item: { name: string; dispose: Disposer }): Promise<void> {
    try {
      await item.dispose();
    } catch (err) {
      log.warn(`${item.name} did not stop cleanly`, err);
    }
  }
}
