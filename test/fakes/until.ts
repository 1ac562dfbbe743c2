// For the drivers that run the built main against the fake electron in a child process: they
// wait for what main does on its own schedule (its window, a state it reaches) by asking again.

/** `probe`'s first answer that is not undefined, or undefined after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T | undefined> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}
