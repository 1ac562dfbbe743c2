// Events of the jobs feature → store actions. Returns a disposer.

export function startJobsSync(): () => void {
  return () => {};
}
