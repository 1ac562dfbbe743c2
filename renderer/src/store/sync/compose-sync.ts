// Events of the compose feature → store actions. Returns a disposer.

export function startComposeSync(): () => void {
  return () => {};
}
