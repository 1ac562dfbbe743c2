// Events of the account feature → store actions. Returns a disposer.

export function startAccountSync(): () => void {
  return () => {};
}
