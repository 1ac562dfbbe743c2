// Events of the contacts feature → store actions. Returns a disposer.

export function startContactsSync(): () => void {
  return () => {};
}
